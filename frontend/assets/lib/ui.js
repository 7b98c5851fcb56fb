// Shared pieces of every page: designed loading, error and empty states,
// form fields wired to their labels and errors, badges and a pager.

import { h, uid } from "./dom.js";
import { strings } from "./i18n.js";

const t = strings({
  vi: {
    loading: "Đang tải…",
    retry: "Thử lại",
    NETWORK: "Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.",
    UNAUTHENTICATED: "Bạn cần đăng nhập để xem trang này.",
    FORBIDDEN: "Tài khoản của bạn không có quyền làm việc này.",
    NOT_FOUND: "Không tìm thấy trang hoặc dữ liệu bạn cần.",
    RATE_LIMITED: "Bạn thao tác quá nhanh. Vui lòng đợi một lát rồi thử lại.",
    UNAVAILABLE: "Dịch vụ tạm thời gián đoạn. Vui lòng thử lại sau ít phút.",
    other: "Đã có lỗi xảy ra. Vui lòng thử lại.",
    signIn: "Đăng nhập",
    previous: "Trang trước",
    next: "Trang sau",
    required: "bắt buộc",
  },
  en: {
    loading: "Loading…",
    retry: "Try again",
    NETWORK: "Cannot reach the server. Check your connection and try again.",
    UNAUTHENTICATED: "Please sign in to see this page.",
    FORBIDDEN: "Your account is not allowed to do this.",
    NOT_FOUND: "The page or data you asked for was not found.",
    RATE_LIMITED: "Too many attempts. Please wait a moment and try again.",
    UNAVAILABLE: "The service is briefly unavailable. Please try again in a few minutes.",
    other: "Something went wrong. Please try again.",
    signIn: "Sign in",
    previous: "Previous",
    next: "Next",
    required: "required",
  },
});

export function loading() {
  return h("p", { class: "state state-loading", role: "status" }, t("loading"));
}

/** The message a user should read for an ApiError (or any error). */
export function errorMessage(error) {
  const code = error?.code;
  return ["NETWORK", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "RATE_LIMITED", "UNAVAILABLE"].includes(code)
    ? t(code)
    : t("other");
}

/** A full-width error box with a retry button (and a sign-in link when that is the way out). */
export function errorState(error, retry) {
  return h(
    "div",
    { class: "state state-error", role: "alert" },
    h("p", null, errorMessage(error)),
    error?.code === "UNAUTHENTICATED"
      ? h("a", { class: "button", href: `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}` }, t("signIn"))
      : null,
    retry ? h("button", { type: "button", class: "button secondary", onclick: retry }, t("retry")) : null,
  );
}

/** An empty state that says what is missing and, optionally, what to do. */
export function emptyState(text, action) {
  return h("div", { class: "state state-empty" }, h("p", null, text), action || null);
}

/**
 * A labelled form field. `input` is an <input>/<select>/<textarea> built by the caller;
 * its id, aria-describedby and aria-invalid are wired here. Returns the wrapper; show
 * an error later with `setFieldError(wrapper, message)`.
 */
export function field(labelText, input, { hint = null, required = false } = {}) {
  const id = input.id || uid("field");
  input.id = id;
  if (required) input.required = true;
  const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  const errorEl = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
  input.setAttribute("aria-describedby", [hintEl && `${id}-hint`, `${id}-error`].filter(Boolean).join(" "));
  return h(
    "div",
    { class: "field", dataset: { field: input.name || "" } },
    h("label", { for: id }, labelText, required ? h("span", { class: "required", title: t("required") }, " *") : null),
    hintEl,
    input,
    errorEl,
  );
}

export function setFieldError(wrapper, message) {
  const input = wrapper.querySelector("input, select, textarea");
  const errorEl = wrapper.querySelector(".field-error");
  errorEl.textContent = message || "";
  errorEl.hidden = !message;
  if (message) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}

/**
 * Shows a mutation payload's `errors` on the form: each on the field whose `name`
 * matches its `field` (last path segment), the rest in the form's alert box.
 * Returns true when there were errors.
 */
export function showPayloadErrors(form, errors) {
  for (const wrapper of form.querySelectorAll(".field")) setFieldError(wrapper, "");
  const alert = form.querySelector(".form-alert");
  const unplaced = [];
  for (const e of errors || []) {
    const name = (e.field || "").split(".").pop();
    const wrapper = name && form.querySelector(`.field[data-field="${CSS.escape(name)}"]`);
    if (wrapper) setFieldError(wrapper, e.message);
    else unplaced.push(e.message);
  }
  if (alert) {
    alert.textContent = unplaced.join(" ");
    alert.hidden = unplaced.length === 0;
  }
  const firstInvalid = form.querySelector("[aria-invalid=true]") || (unplaced.length ? alert : null);
  firstInvalid?.focus?.();
  return (errors || []).length > 0;
}

/** The alert box a form shows its non-field errors in. */
export function formAlert() {
  return h("p", { class: "form-alert", role: "alert", tabindex: "-1", hidden: true });
}

export function badge(text, kind = "") {
  return h("span", { class: ["badge", kind && `badge-${kind}`] }, text);
}

/** OCOP stars as text for screen readers and ★ for the eye. */
export function stars(count, label) {
  if (!count) return null;
  return h("span", { class: "stars", "aria-label": label, title: label }, "★".repeat(count));
}

/** Previous/next links; `hrefFor(pageNumber)` builds the URL of a page. */
export function pager(page, hasNext, hrefFor) {
  if (page <= 1 && !hasNext) return null;
  return h(
    "nav",
    { class: "pager", "aria-label": "Pagination" },
    page > 1 ? h("a", { class: "button secondary", href: hrefFor(page - 1), rel: "prev" }, `← ${t("previous")}`) : h("span"),
    h("span", { class: "pager-page" }, String(page)),
    hasNext ? h("a", { class: "button secondary", href: hrefFor(page + 1), rel: "next" }, `${t("next")} →`) : h("span"),
  );
}
