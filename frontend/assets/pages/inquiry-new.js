// A buyer asks a cooperative (optionally about one of its products):
// sendInquiry, then the new thread. The cooperative page's contact button
// links here with ?producer=ID (and ?product=ID from a product page).

import { h } from "../lib/dom.js";
import { strings } from "../lib/i18n.js";
import { USER_ERRORS, gql } from "../lib/api.js";
import { organizationsOf } from "../lib/session.js";
import { emptyState, field, formAlert, showPayloadErrors } from "../lib/ui.js";
import { localized, signInRequired } from "../lib/errors-account.js";
import { submitting } from "../lib/submit.js";
import { flash } from "../lib/flash.js";

const t = strings({
  vi: {
    title: "Gửi yêu cầu hỏi hàng",
    to: (n) => `Đến: ${n}`,
    buyer: "Gửi với tư cách",
    product: "Sản phẩm quan tâm",
    anyProduct: "— Không chọn sản phẩm cụ thể —",
    subject: "Tiêu đề",
    subjectHint: "Ví dụ: Hỏi mua 500 kg mật ong mỗi tháng.",
    message: "Nội dung",
    messageHint: "Số lượng, quy cách, thời gian giao, yêu cầu chứng nhận… (tối đa 4.000 ký tự).",
    send: "Gửi yêu cầu",
    sending: "Đang gửi…",
    sent: "Đã gửi yêu cầu. Hợp tác xã sẽ thấy ngay trong hộp thư.",
    noProducer: "Hãy chọn hợp tác xã cần hỏi từ trang tìm kiếm.",
    find: "Tìm hợp tác xã",
    buyersOnly: "Chỉ tài khoản doanh nghiệp thu mua mới gửi được yêu cầu hỏi hàng.",
    contactsNote: "Thông tin liên hệ của hai bên được hiển thị sau khi hợp tác xã nhận lời trao đổi.",
  },
  en: {
    title: "Send an inquiry",
    to: (n) => `To: ${n}`,
    buyer: "Send as",
    product: "Product of interest",
    anyProduct: "— No specific product —",
    subject: "Subject",
    subjectHint: "For example: 500 kg of honey a month.",
    message: "Message",
    messageHint: "Quantity, packaging, delivery time, required certificates… (up to 4,000 characters).",
    send: "Send inquiry",
    sending: "Sending…",
    sent: "Inquiry sent. The cooperative sees it in its inbox right away.",
    noProducer: "Choose the cooperative to ask from the search page.",
    find: "Find cooperatives",
    buyersOnly: "Only buying-company accounts can send inquiries.",
    contactsNote: "Both sides' contact details are shown once the cooperative accepts to discuss.",
  },
});

export default async function inquiryNew(ctx) {
  ctx.title = t("title");
  if (!ctx.account) return signInRequired(ctx, t("title"));
  const buyers = organizationsOf(ctx.account, "BUYER_COMPANY");
  if (!buyers.length) return h("section", null, h("h1", null, t("title")), emptyState(t("buyersOnly")));
  const producerId = ctx.query.get("producer");
  if (!producerId) return h("section", null, h("h1", null, t("title")), emptyState(t("noProducer"), h("a", { class: "button", href: "/" }, t("find"))));
  const { producer } = await gql(`query($id: ID!) { producer(id: $id) { id name slug province { name } products(first: 100) { nodes { id name } } } }`, { id: producerId });
  if (!producer) throw Object.assign(new Error("no producer"), { code: "NOT_FOUND" });

  const buyer = h("select", { name: "buyerId" }, buyers.map((b) => h("option", { value: b.id }, b.name)));
  const wanted = ctx.query.get("product");
  const product = h("select", { name: "productId" }, h("option", { value: "" }, t("anyProduct")), producer.products.nodes.map((p) => h("option", { value: p.id, selected: p.id === wanted }, p.name)));
  const subject = h("input", { name: "subject", maxlength: 200, autocomplete: "off" });
  const message = h("textarea", { name: "message", rows: 6, maxlength: 4000 });
  const button = h("button", { type: "submit", class: "button" }, t("send"));
  const form = h(
    "form",
    { class: "panel editor-form", novalidate: true },
    formAlert(),
    buyers.length > 1 ? field(t("buyer"), buyer) : null,
    field(t("product"), product),
    field(t("subject"), subject, { required: true, hint: t("subjectHint") }),
    field(t("message"), message, { required: true, hint: t("messageHint") }),
    h("p", { class: "meta" }, t("contactsNote")),
    h("div", { class: "actions" }, button),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = {
      buyerId: buyer.value,
      cooperativeId: producer.id,
      productId: product.value || null,
      subject: subject.value.trim(),
      message: message.value.trim(),
    };
    const missing = ["subject", "message"].filter((k) => !input[k]).map((k) => ({ code: "REQUIRED", field: k }));
    if (missing.length) return showPayloadErrors(form, localized(missing));
    await submitting({ form, buttons: button, busyText: t("sending") }, async (failed) => {
      const data = await gql(`mutation($i: SendInquiryInput!) { sendInquiry(input: $i) { inquiry { id } ${USER_ERRORS} } }`, { i: input });
      if (failed(data.sendInquiry.errors)) return;
      flash(t("sent"));
      ctx.navigate(`/me/inquiries/${data.sendInquiry.inquiry.id}`);
    });
  });
  return h(
    "section",
    { class: "inquiry-new" },
    h("h1", null, t("title")),
    h("p", null, t("to", ""), h("a", { href: `/producers/${producer.slug}` }, producer.name), producer.province ? ` · ${producer.province.name}` : ""),
    form,
  );
}
