// One inquiry's thread: messages oldest first, a reply box, the status
// changes the caller's side may make, and the other side's contact details
// once the API shares them (after the cooperative accepts).

import { h } from "../lib/dom.js";
import { strings } from "../lib/i18n.js";
import { USER_ERRORS, gql } from "../lib/api.js";
import { field, formAlert, showPayloadErrors } from "../lib/ui.js";
import { dateTime } from "../lib/format.js";
import { localized, signInRequired } from "../lib/errors-account.js";
import { submitting } from "../lib/submit.js";
import { takeFlash, flash } from "../lib/flash.js";
import { allowedChanges, statusBadge } from "../lib/inquiry-common.js";

const t = strings({
  vi: {
    back: "← Tất cả yêu cầu",
    status: "Trạng thái",
    buyer: "Doanh nghiệp",
    cooperative: "Hợp tác xã",
    product: "Sản phẩm",
    sent: "Gửi lúc",
    thread: "Trao đổi",
    you: "Bạn",
    reply: "Trả lời",
    replyLabel: "Tin nhắn",
    send: "Gửi tin nhắn",
    closed: "Yêu cầu đã kết thúc; không gửi thêm tin nhắn được.",
    actions: "Cập nhật trạng thái",
    IN_DISCUSSION: "Nhận lời trao đổi",
    DECLINED: "Từ chối",
    AGREED: "Đánh dấu đã thỏa thuận",
    CLOSED: "Đóng yêu cầu",
    confirmDECLINED: "Từ chối yêu cầu này?",
    confirmCLOSED: "Đóng yêu cầu này?",
    changed: "Đã cập nhật trạng thái.",
    contacts: "Thông tin liên hệ",
    noContacts: "Thông tin liên hệ sẽ hiện khi hợp tác xã nhận lời trao đổi.",
    phone: "Điện thoại",
    email: "Email",
    zalo: "Zalo",
    person: "Người liên hệ",
  },
  en: {
    back: "← All inquiries",
    status: "Status",
    buyer: "Buyer",
    cooperative: "Cooperative",
    product: "Product",
    sent: "Sent",
    thread: "Conversation",
    you: "You",
    reply: "Reply",
    replyLabel: "Message",
    send: "Send message",
    closed: "This inquiry has ended; no more messages can be sent.",
    actions: "Update status",
    IN_DISCUSSION: "Accept to discuss",
    DECLINED: "Decline",
    AGREED: "Mark as agreed",
    CLOSED: "Close inquiry",
    confirmDECLINED: "Decline this inquiry?",
    confirmCLOSED: "Close this inquiry?",
    changed: "Status updated.",
    contacts: "Contact details",
    noContacts: "Contact details appear once the cooperative accepts to discuss.",
    phone: "Phone",
    email: "Email",
    zalo: "Zalo",
    person: "Contact person",
  },
});

const INQUIRY = `query($id: ID!) { inquiry(id: $id) { id subject status createdAt
  buyer { id name contacts { name role phone email zalo } }
  cooperative { id name slug contacts { contactPerson phone email } }
  product { id name }
  messages { id fromCooperative body createdAt } } }`;

function contactList(rows) {
  const items = rows.filter(([, v]) => v);
  return items.length ? h("dl", { class: "facts" }, items.map(([k, v]) => [h("dt", null, k), h("dd", null, v)])) : null;
}

export default async function inquiryPage(ctx) {
  if (!ctx.account) return signInRequired(ctx, t("thread"));
  const { inquiry: q } = await gql(INQUIRY, { id: ctx.params.id });
  ctx.title = q.subject;
  const coopSide = ctx.account.organizations.some((o) => o.id === q.cooperative?.id);
  const reload = () => ctx.navigate(`/me/inquiries/${q.id}`, { replace: true });

  const other = coopSide
    ? (q.buyer?.contacts || []).map((c) => contactList([[t("person"), [c.name, c.role].filter(Boolean).join(", ")], [t("phone"), c.phone], [t("email"), c.email], [t("zalo"), c.zalo]]))
    : q.cooperative?.contacts
      ? [contactList([[t("person"), q.cooperative.contacts.contactPerson], [t("phone"), q.cooperative.contacts.phone], [t("email"), q.cooperative.contacts.email]])]
      : [];
  const shared = coopSide ? q.buyer?.contacts != null : q.cooperative?.contacts != null;

  const changes = allowedChanges(q.status, coopSide);
  const statusAlert = formAlert();
  const statusBox = changes.length
    ? h(
        "div",
        { class: "panel" },
        h("h2", null, t("actions")),
        statusAlert,
        h(
          "div",
          { class: "actions" },
          changes.map((to) =>
            h(
              "button",
              {
                type: "button",
                class: ["button", to === "DECLINED" || to === "CLOSED" ? "secondary" : ""],
                onclick: async (e) => {
                  if ((to === "DECLINED" || to === "CLOSED") && !confirm(t(`confirm${to}`))) return;
                  await submitting({ form: statusBox, buttons: e.target }, async (failed) => {
                    const d = await gql(`mutation($id: ID!, $s: InquiryStatus!) { changeInquiryStatus(inquiryId: $id, status: $s) { inquiry { status } ${USER_ERRORS} } }`, { id: q.id, s: to });
                    if (failed(d.changeInquiryStatus.errors)) return;
                    flash(t("changed"));
                    reload();
                  });
                },
              },
              t(to),
            ),
          ),
        ),
      )
    : null;

  const open = q.status === "NEW" || q.status === "IN_DISCUSSION";
  const body = h("textarea", { name: "body", rows: 4, maxlength: 4000 });
  const replyForm = open
    ? h("form", { class: "panel", novalidate: true }, h("h2", null, t("reply")), formAlert(), field(t("replyLabel"), body, { required: true }), h("div", { class: "actions" }, h("button", { type: "submit", class: "button" }, t("send"))))
    : h("p", { class: "notice" }, t("closed"));
  replyForm.addEventListener?.("submit", async (e) => {
    e.preventDefault();
    if (!body.value.trim()) return showPayloadErrors(replyForm, localized([{ code: "REQUIRED", field: "body" }]));
    await submitting({ form: replyForm }, async (failed) => {
      const d = await gql(`mutation($id: ID!, $b: String!) { replyToInquiry(inquiryId: $id, body: $b) { inquiry { id } ${USER_ERRORS} } }`, { id: q.id, b: body.value.trim() });
      if (failed(d.replyToInquiry.errors)) return;
      reload();
    });
  });

  return h(
    "section",
    { class: "inquiry" },
    h("p", null, h("a", { href: "/me/inquiries" }, t("back"))),
    h("h1", null, q.subject),
    h("div", { "aria-live": "polite" }, takeFlash()),
    h(
      "dl",
      { class: "facts panel" },
      h("dt", null, coopSide ? t("buyer") : t("cooperative")),
      h("dd", null, coopSide ? q.buyer?.name : h("a", { href: `/producers/${q.cooperative?.slug}` }, q.cooperative?.name)),
      q.product ? [h("dt", null, t("product")), h("dd", null, h("a", { href: `/products/${q.product.id}` }, q.product.name))] : null,
      h("dt", null, t("sent")),
      h("dd", null, dateTime(q.createdAt)),
      h("dt", null, t("status")),
      h("dd", null, statusBadge(q.status)),
    ),
    h("h2", null, t("contacts")),
    shared && other.some(Boolean) ? h("div", { class: "panel" }, other) : h("p", { class: "meta" }, t("noContacts")),
    h("h2", null, t("thread")),
    h(
      "ol",
      { class: "thread" },
      q.messages.map((m) => {
        const mine = m.fromCooperative === coopSide;
        return h(
          "li",
          { class: ["message", mine && "mine"] },
          h("p", { class: "meta" }, mine ? t("you") : m.fromCooperative ? q.cooperative?.name : q.buyer?.name, " · ", h("time", { datetime: m.createdAt }, dateTime(m.createdAt))),
          m.body,
        );
      }),
    ),
    statusBox,
    replyForm,
  );
}
