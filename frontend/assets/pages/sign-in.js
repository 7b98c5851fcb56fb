// Sign in with email and password; back to `?next=` (same-origin paths only)
// or to the home of the account's role.

import { h } from "../lib/dom.js";
import { strings } from "../lib/i18n.js";
import { signIn, account } from "../lib/session.js";
import { field, formAlert, showPayloadErrors } from "../lib/ui.js";
import { localized } from "../lib/errors-account.js";
import { submitting } from "../lib/submit.js";

const t = strings({
  vi: {
    title: "Đăng nhập",
    intro: "Dành cho thành viên hợp tác xã, doanh nghiệp thu mua và cán bộ tổ chức hội chợ.",
    email: "Email",
    password: "Mật khẩu",
    submit: "Đăng nhập",
    busy: "Đang đăng nhập…",
    already: (name) => `Bạn đang đăng nhập với tên ${name}.`,
    continue: "Tiếp tục",
  },
  en: {
    title: "Sign in",
    intro: "For cooperative members, buying companies and fair organizers.",
    email: "Email",
    password: "Password",
    submit: "Sign in",
    busy: "Signing in…",
    already: (name) => `You are signed in as ${name}.`,
    continue: "Continue",
  },
});

const HOME = { COOPERATIVE_MEMBER: "/me/cooperative", BUYER: "/me/inquiries", ORGANIZER: "/organizer", ADMIN: "/organizer" };

/** `next` only when it is a path on this site (never `//other.site` or `https:`). */
export function safeNext(next) {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  if (next.startsWith("/sign-in")) return null;
  try {
    const url = new URL(next, location.origin);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}

export default async function signInPage(ctx) {
  ctx.title = t("title");
  const next = safeNext(ctx.query.get("next"));
  const destination = (acc) => next || HOME[acc?.role] || "/";

  const email = h("input", { type: "email", name: "email", autocomplete: "username", inputmode: "email", autocapitalize: "off", spellcheck: "false" });
  const password = h("input", { type: "password", name: "password", autocomplete: "current-password" });
  const button = h("button", { type: "submit", class: "button" }, t("submit"));
  const form = h(
    "form",
    { class: "panel narrow-form", novalidate: true },
    formAlert(),
    field(t("email"), email, { required: true }),
    field(t("password"), password, { required: true }),
    h("div", { class: "actions" }, button),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const missing = [];
    if (!email.value.trim()) missing.push({ code: "REQUIRED", field: "email" });
    if (!password.value) missing.push({ code: "REQUIRED", field: "password" });
    if (missing.length) return showPayloadErrors(form, localized(missing));
    await submitting({ form, buttons: button, busyText: t("busy") }, async (failed) => {
      const errors = await signIn(email.value.trim(), password.value);
      // Wrong email or password: say it at the password (never which one).
      if (failed(errors.map((e) => (e.code === "INVALID_CREDENTIALS" ? { ...e, field: "password" } : e)))) return;
      ctx.navigate(destination(await account()), { replace: true });
    });
  });

  return h(
    "section",
    { class: "sign-in" },
    h("h1", null, t("title")),
    ctx.account
      ? h("p", { class: "notice" }, t("already", ctx.account.displayName), " ", h("a", { href: destination(ctx.account) }, t("continue")))
      : h("p", { class: "meta" }, t("intro")),
    form,
  );
}
