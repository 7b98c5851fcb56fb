// The signed-in account's settings: who it is (its name corrected here), a new password, a copy of
// everything the platform holds about it (a JSON download), and deleting it.
// The rights behind the last two are explained on /privacy.

import { h } from "../lib/dom.js";
import { strings } from "../lib/i18n.js";
import { USER_ERRORS, gql } from "../lib/api.js";
import { clearToken } from "../lib/session-token.js";
import { downloadWithToken } from "../lib/download.js";
import { flash } from "../lib/flash.js";
import { field, formAlert, showPayloadErrors } from "../lib/ui.js";
import { localized, signInRequired } from "../lib/errors-account.js";
import { submitting } from "../lib/submit.js";

const t = strings({
  vi: {
    title: "Tài khoản của tôi",
    email: "Email",
    name: "Tên hiển thị",
    organizations: "Tổ chức",
    none: "Không có",
    nameTitle: "Sửa tên hiển thị",
    saveName: "Lưu tên",
    savingName: "Đang lưu…",
    nameSaved: "Đã lưu tên.",
    emailNote: "Muốn đổi email đăng nhập, hãy liên hệ đơn vị vận hành.",
    passwordTitle: "Đổi mật khẩu",
    currentPassword: "Mật khẩu hiện tại",
    newPassword: "Mật khẩu mới",
    newPasswordHint: "Từ 10 đến 128 ký tự, không phải mật khẩu phổ biến.",
    changePassword: "Đổi mật khẩu",
    changing: "Đang đổi…",
    changed: "Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất.",
    dataTitle: "Dữ liệu của tôi",
    dataIntro: "Tải về một bản sao mọi dữ liệu Coopbridge lưu về tài khoản này (tài khoản, tổ chức, hỏi hàng và tin nhắn bạn viết, thỏa thuận, lịch sử hồ sơ hội chợ, nhật ký) dưới dạng tệp JSON.",
    download: "Tải dữ liệu của tôi",
    downloading: "Đang chuẩn bị…",
    downloaded: (name) => `Đã tải ${name}.`,
    rights: "Quyền của bạn đối với dữ liệu cá nhân",
    deleteTitle: "Xoá tài khoản",
    deleteIntro: "Tên, email và mật khẩu của bạn sẽ bị xoá; bạn rời khỏi mọi tổ chức và mọi phiên đăng nhập kết thúc ngay. Các hồ sơ người khác cần (chuỗi hỏi hàng, thỏa thuận, hồ sơ hội chợ) vẫn giữ, ghi là “tài khoản đã xoá”. Hồ sơ công khai của tổ chức vẫn còn. Không thể hoàn tác.",
    password: "Mật khẩu",
    confirm: "Tôi hiểu và muốn xoá tài khoản này",
    delete: "Xoá tài khoản",
    deleting: "Đang xoá…",
    deleted: "Tài khoản của bạn đã được xoá.",
  },
  en: {
    title: "My account",
    email: "Email",
    name: "Display name",
    organizations: "Organizations",
    none: "None",
    nameTitle: "Correct display name",
    saveName: "Save name",
    savingName: "Saving…",
    nameSaved: "Name saved.",
    emailNote: "To change your sign-in email, contact the operator of this site.",
    passwordTitle: "Change password",
    currentPassword: "Current password",
    newPassword: "New password",
    newPasswordHint: "10 to 128 characters, not a common password.",
    changePassword: "Change password",
    changing: "Changing…",
    changed: "Password changed. Your other sessions were signed out.",
    dataTitle: "My data",
    dataIntro: "Download a copy of everything Coopbridge holds about this account (account, organizations, inquiries and messages you wrote, agreements, fair application history, audit entries) as a JSON file.",
    download: "Download my data",
    downloading: "Preparing…",
    downloaded: (name) => `Downloaded ${name}.`,
    rights: "Your rights over your personal data",
    deleteTitle: "Delete account",
    deleteIntro: "Your name, email and password are erased; you leave every organization and every session ends at once. Records others rely on (inquiry threads, agreements, fair applications) stay, showing “tài khoản đã xoá” (deleted account). Your organizations' public profiles stay. This cannot be undone.",
    password: "Password",
    confirm: "I understand and want to delete this account",
    delete: "Delete account",
    deleting: "Deleting…",
    deleted: "Your account was deleted.",
  },
});

const CHANGE_PASSWORD = `mutation ChangePassword($input: ChangePasswordInput!) {
  changePassword(input: $input) { changed ${USER_ERRORS} }
}`;

const DELETE_MY_ACCOUNT = `mutation DeleteMyAccount($input: DeleteMyAccountInput!) {
  deleteMyAccount(input: $input) { account { id deletedAt } ${USER_ERRORS} }
}`;

const UPDATE_MY_ACCOUNT = `mutation UpdateMyAccount($input: UpdateMyAccountInput!) {
  updateMyAccount(input: $input) { account { id displayName } ${USER_ERRORS} }
}`;

function nameForm(acc) {
  const name = h("input", { name: "displayName", value: acc.displayName, autocomplete: "name", maxlength: 120 });
  const button = h("button", { type: "submit", class: "button" }, t("saveName"));
  const done = h("p", { class: "notice", role: "status", hidden: true }, t("nameSaved"));
  const form = h(
    "form",
    { class: "panel narrow-form", novalidate: true, "aria-labelledby": "name-title" },
    h("h2", { id: "name-title" }, t("nameTitle")),
    formAlert(),
    field(t("name"), name, { required: true }),
    h("p", { class: "meta" }, t("emailNote")),
    h("div", { class: "actions" }, button),
    done,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    done.hidden = true;
    await submitting({ form, buttons: button, busyText: t("savingName") }, async (failed) => {
      const data = await gql(UPDATE_MY_ACCOUNT, { input: { displayName: name.value } });
      if (failed(data.updateMyAccount.errors)) return;
      name.value = data.updateMyAccount.account.displayName;
      done.hidden = false;
    });
  });
  return form;
}

function passwordForm() {
  const current = h("input", { type: "password", name: "currentPassword", autocomplete: "current-password" });
  const next = h("input", { type: "password", name: "newPassword", autocomplete: "new-password" });
  const button = h("button", { type: "submit", class: "button" }, t("changePassword"));
  const done = h("p", { class: "notice", role: "status", hidden: true }, t("changed"));
  const form = h(
    "form",
    { class: "panel narrow-form", novalidate: true, "aria-labelledby": "password-title" },
    h("h2", { id: "password-title" }, t("passwordTitle")),
    formAlert(),
    field(t("currentPassword"), current, { required: true }),
    field(t("newPassword"), next, { required: true, hint: t("newPasswordHint") }),
    h("div", { class: "actions" }, button),
    done,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    done.hidden = true;
    await submitting({ form, buttons: button, busyText: t("changing") }, async (failed) => {
      const data = await gql(CHANGE_PASSWORD, { input: { currentPassword: current.value, newPassword: next.value } });
      if (failed(data.changePassword.errors)) return;
      current.value = "";
      next.value = "";
      done.hidden = false;
    });
  });
  return form;
}

function dataPanel() {
  const status = h("p", { class: "meta", role: "status" });
  const box = h("div", null, formAlert());
  const button = h("button", { type: "button", class: "button", id: "download-my-data" }, t("download"));
  button.addEventListener("click", () =>
    submitting({ form: box, buttons: button, busyText: t("downloading") }, async () => {
      const name = await downloadWithToken("/account/personal-data.json", "coopbridge-personal-data.json");
      status.textContent = t("downloaded", name);
    }),
  );
  return h(
    "section",
    { class: "panel", "aria-labelledby": "data-title" },
    h("h2", { id: "data-title" }, t("dataTitle")),
    h("p", null, t("dataIntro")),
    box,
    h("div", { class: "actions" }, button),
    status,
    h("p", null, h("a", { href: "/privacy" }, t("rights"))),
  );
}

function deleteForm(ctx) {
  const password = h("input", { type: "password", name: "password", autocomplete: "current-password" });
  const confirm = h("input", { type: "checkbox", name: "confirm" });
  const button = h("button", { type: "submit", class: "button danger" }, t("delete"));
  const form = h(
    "form",
    { class: "panel narrow-form", novalidate: true, "aria-labelledby": "delete-title" },
    h("h2", { id: "delete-title" }, t("deleteTitle")),
    h("p", { class: "notice warn" }, t("deleteIntro")),
    formAlert(),
    field(t("password"), password, { required: true }),
    h("div", { class: "field", dataset: { field: "confirm" } }, h("label", null, confirm, " ", t("confirm")), h("p", { class: "field-error", hidden: true })),
    h("div", { class: "actions" }, button),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const missing = [];
    if (!password.value) missing.push({ code: "REQUIRED", field: "password" });
    if (!confirm.checked) missing.push({ code: "REQUIRED", field: "confirm" });
    if (missing.length) return showPayloadErrors(form, localized(missing));
    await submitting({ form, buttons: button, busyText: t("deleting") }, async (failed) => {
      const data = await gql(DELETE_MY_ACCOUNT, { input: { password: password.value, confirm: confirm.checked } });
      if (failed(data.deleteMyAccount.errors)) return;
      // Every token of the account is gone on the server; forget ours too.
      // The privacy page says it is done (and what was kept, and why).
      clearToken();
      flash(t("deleted"));
      window.dispatchEvent(new CustomEvent("coopbridge:session"));
      ctx.navigate("/privacy", { replace: true });
    });
  });
  return form;
}

export default async function accountPage(ctx) {
  const acc = ctx.account;
  if (!acc) return signInRequired(ctx, t("title"));
  ctx.title = t("title");
  const orgs = acc.organizations || [];
  return h(
    "section",
    { class: "account-settings" },
    h("h1", null, t("title")),
    h(
      "dl",
      { class: "facts panel" },
      h("dt", null, t("name")),
      h("dd", null, acc.displayName),
      h("dt", null, t("email")),
      h("dd", null, acc.email),
      h("dt", null, t("organizations")),
      h("dd", null, orgs.length ? orgs.map((o) => o.name).join(", ") : t("none")),
    ),
    nameForm(acc),
    passwordForm(),
    dataPanel(),
    deleteForm(ctx),
  );
}
