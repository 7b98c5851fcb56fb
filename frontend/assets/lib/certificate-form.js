// Adding a certificate (createCertificate): scheme, stars for OCOP, standard
// for organic, number, issuer, dates, the products it covers (none: the
// whole cooperative) and an evidence scan or PDF.

import { h } from "./dom.js";
import { strings } from "./i18n.js";
import { USER_ERRORS, gql } from "./api.js";
import { field, formAlert, showPayloadErrors } from "./ui.js";
import { SCHEME, options } from "./labels-account.js";
import { localized } from "./errors-account.js";
import { submitting } from "./submit.js";
import { fileInput } from "./file-input.js";
import { flash } from "./flash.js";

const t = strings({
  vi: {
    scheme: "Loại chứng nhận",
    ocopStars: "Số sao OCOP",
    organicStandard: "Tiêu chuẩn hữu cơ",
    organicHint: "Ví dụ: TCVN 11041, USDA Organic, EU Organic.",
    certificateNumber: "Số chứng nhận",
    issuer: "Đơn vị cấp",
    issuedOn: "Ngày cấp",
    expiresOn: "Ngày hết hạn",
    expiresHint: "Bỏ trống nếu không có thời hạn.",
    products: "Sản phẩm được chứng nhận",
    productsHint: "Không chọn sản phẩm nào: chứng nhận áp dụng cho cả hợp tác xã.",
    evidence: "Bản scan hoặc PDF giấy chứng nhận",
    evidenceHint: "PDF, JPEG, PNG hoặc WebP, tối đa 10 MB.",
    save: "Lưu chứng nhận",
    saved: "Đã thêm chứng nhận.",
    wait: "Vui lòng đợi tệp tải lên xong.",
  },
  en: {
    scheme: "Scheme",
    ocopStars: "OCOP stars",
    organicStandard: "Organic standard",
    organicHint: "For example: TCVN 11041, USDA Organic, EU Organic.",
    certificateNumber: "Certificate number",
    issuer: "Issued by",
    issuedOn: "Issued on",
    expiresOn: "Expires on",
    expiresHint: "Leave empty when it does not expire.",
    products: "Products covered",
    productsHint: "No product chosen: the certificate covers the whole cooperative.",
    evidence: "Scan or PDF of the certificate",
    evidenceHint: "PDF, JPEG, PNG or WebP, up to 10 MB.",
    save: "Save certificate",
    saved: "Certificate added.",
    wait: "Please wait for the file to finish uploading.",
  },
});

export function certificateForm(producerId, products, onSaved) {
  const scheme = h("select", { name: "scheme" }, options(SCHEME).map(([v, l]) => h("option", { value: v }, l)));
  const stars = h("select", { name: "ocopStars" }, [3, 4, 5].map((n) => h("option", { value: n }, `${n} ★`)));
  const standard = h("input", { name: "organicStandard" });
  const number = h("input", { name: "certificateNumber", autocomplete: "off" });
  const issuer = h("input", { name: "issuer" });
  const issuedOn = h("input", { type: "date", name: "issuedOn" });
  const expiresOn = h("input", { type: "date", name: "expiresOn" });
  const starsField = field(t("ocopStars"), stars);
  const standardField = field(t("organicStandard"), standard, { hint: t("organicHint") });
  const boxes = products.map((p) => h("label", null, h("input", { type: "checkbox", value: p.id }), p.name));
  const evidence = fileInput({ label: t("evidence"), name: "evidenceFileId", orgId: producerId, purpose: "EVIDENCE", accept: "application/pdf,image/*", hint: t("evidenceHint") });
  const sync = () => {
    starsField.hidden = scheme.value !== "OCOP";
    standardField.hidden = scheme.value !== "ORGANIC";
  };
  scheme.addEventListener("change", sync);
  sync();
  const form = h(
    "form",
    { class: "editor-form", novalidate: true },
    formAlert(),
    field(t("scheme"), scheme, { required: true }),
    starsField,
    standardField,
    h("div", { class: "field-pair" }, field(t("certificateNumber"), number, { required: true }), field(t("issuer"), issuer, { required: true })),
    h("div", { class: "field-pair" }, field(t("issuedOn"), issuedOn, { required: true }), field(t("expiresOn"), expiresOn, { hint: t("expiresHint") })),
    products.length
      ? h("fieldset", { class: "field", dataset: { field: "productIds" } }, h("legend", null, t("products")), h("p", { class: "hint" }, t("productsHint")), h("div", { class: "checks" }, boxes), h("p", { class: "field-error", hidden: true }))
      : null,
    evidence.node,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button" }, t("save"))),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (evidence.busy()) return showPayloadErrors(form, [{ message: t("wait") }]);
    const input = {
      producerId,
      scheme: scheme.value,
      ocopStars: scheme.value === "OCOP" ? Number(stars.value) : null,
      organicStandard: scheme.value === "ORGANIC" && standard.value.trim() ? standard.value.trim() : null,
      certificateNumber: number.value.trim(),
      issuer: issuer.value.trim(),
      issuedOn: issuedOn.value || null,
      expiresOn: expiresOn.value || null,
      productIds: boxes.map((l) => l.querySelector("input")).filter((b) => b.checked).map((b) => b.value),
      evidenceFileId: evidence.ids()[0] ?? null,
    };
    const missing = ["certificateNumber", "issuer", "issuedOn"].filter((k) => !input[k]).map((k) => ({ code: "REQUIRED", field: k }));
    if (missing.length) return showPayloadErrors(form, localized(missing));
    await submitting({ form }, async (failed) => {
      const data = await gql(`mutation($i: CreateCertificateInput!) { createCertificate(input: $i) { certificate { id } ${USER_ERRORS} } }`, { i: input });
      if (failed(data.createCertificate.errors)) return;
      flash(t("saved"));
      onSaved();
    });
  });
  return form;
}
