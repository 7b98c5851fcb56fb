// Mutation payload errors in the reader's language: our own text per stable
// `code` (the API's English message is kept as a detail where it says more,
// e.g. the size limit of an upload), with the `field` untouched so
// ui.showPayloadErrors can place it.

import { h } from "./dom.js";
import { lang, strings } from "./i18n.js";
import { errorState, setFieldError } from "./ui.js";

const t = strings({
  vi: {
    REQUIRED: "Vui lòng nhập mục này.",
    INVALID_FORMAT: "Giá trị không đúng định dạng.",
    OUT_OF_RANGE: "Giá trị nằm ngoài khoảng cho phép.",
    NOT_FOUND: "Không tìm thấy dữ liệu được chọn.",
    ALREADY_EXISTS: "Giá trị này đã được dùng.",
    INVALID_CREDENTIALS: "Email hoặc mật khẩu không đúng.",
    ACCOUNT_DISABLED: "Tài khoản đã bị khóa. Liên hệ quản trị viên.",
    FORBIDDEN: "Tài khoản của bạn không có quyền làm việc này.",
    UNAUTHENTICATED: "Bạn cần đăng nhập lại.",
    INVALID_STATE: "Trạng thái hiện tại không cho phép thao tác này.",
    RATE_LIMITED: (s) => (s ? `Bạn thử quá nhiều lần. Vui lòng đợi ${s} giây rồi thử lại.` : "Bạn thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại."),
    other: "Đã có lỗi xảy ra. Vui lòng thử lại.",
  },
  en: {
    REQUIRED: "Please fill this in.",
    INVALID_FORMAT: "This value is not in the expected format.",
    OUT_OF_RANGE: "This value is outside the allowed range.",
    NOT_FOUND: "The selected item was not found.",
    ALREADY_EXISTS: "This value is already taken.",
    INVALID_CREDENTIALS: "Wrong email or password.",
    ACCOUNT_DISABLED: "This account is disabled. Contact an administrator.",
    FORBIDDEN: "Your account is not allowed to do this.",
    UNAUTHENTICATED: "Please sign in again.",
    INVALID_STATE: "This is not possible in the current state.",
    RATE_LIMITED: (s) => (s ? `Too many attempts. Please wait ${s} seconds and try again.` : "Too many attempts. Please wait a moment and try again."),
    other: "Something went wrong. Please try again.",
  },
});

const DETAILED = ["INVALID_FORMAT", "OUT_OF_RANGE", "INVALID_STATE", "NOT_FOUND", "ALREADY_EXISTS"];

/** One error's text for a person. */
export function errorText(e) {
  if (e.code === "RATE_LIMITED") return t("RATE_LIMITED", (e.message || "").match(/(\d+)\s*s/)?.[1]);
  const known = ["REQUIRED", "INVALID_FORMAT", "OUT_OF_RANGE", "NOT_FOUND", "ALREADY_EXISTS", "INVALID_CREDENTIALS", "ACCOUNT_DISABLED", "FORBIDDEN", "UNAUTHENTICATED", "INVALID_STATE"];
  const base = known.includes(e.code) ? t(e.code) : t("other");
  return DETAILED.includes(e.code) && e.message ? `${base} ${lang() === "vi" ? "Chi tiết" : "Details"}: ${e.message}` : base;
}

/** The payload errors with `message` replaced by text for a person (field kept). */
export function localized(errors) {
  // "imageFileIds[0]" is shown at the field "imageFileIds".
  return (errors || []).map((e) => ({ ...e, field: e.field ? e.field.replace(/\[\d+\]/g, "") : e.field, message: errorText(e) }));
}

/** The page a signed-out visitor sees on a signed-in page: its heading and a way to sign in. */
export function signInRequired(ctx, title) {
  ctx.title = title;
  return h("section", null, h("h1", null, title), errorState({ code: "UNAUTHENTICATED" }));
}

// A field's error goes away as soon as the person changes the field.
document.addEventListener("input", (event) => {
  const wrapper = event.target.closest?.(".field");
  if (wrapper && wrapper.querySelector("[aria-invalid=true]") && wrapper.querySelector(".field-error")) setFieldError(wrapper, "");
});
