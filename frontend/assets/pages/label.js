// A brand label's page (/labels/:id): what the mark is, who registered it and
// its validity, the products that carry it, and the QR code to print on the
// stamp (it opens the traceability page /trace/:id on a phone).

import { h } from "../lib/dom.js";
import { gql } from "../lib/api.js";
import { strings } from "../lib/i18n.js";
import { date } from "../lib/format.js";
import { label } from "../lib/labels.js";
import { emptyState } from "../lib/ui.js";
import { PRODUCT_CARD_FIELDS, notFound, productCard, validity } from "../lib/catalog-view.js";

const t = strings({
  vi: {
    owner: "Chủ sở hữu",
    registration: "Số đăng ký",
    authority: "Cơ quan cấp",
    validFrom: "Hiệu lực từ",
    products: "Sản phẩm mang nhãn",
    noProducts: "Chưa gắn sản phẩm nào.",
    qr: "Mã QR truy xuất nguồn gốc",
    qrAlt: (n) => `Mã QR mở trang truy xuất nguồn gốc của nhãn ${n}`,
    qrHint: "In mã này lên tem, nhãn. Quét bằng điện thoại sẽ mở trang truy xuất nguồn gốc.",
    download: "Tải mã QR (SVG)",
    openTrace: "Xem trang truy xuất",
  },
  en: {
    owner: "Owner",
    registration: "Registration no.",
    authority: "Granted by",
    validFrom: "Valid from",
    products: "Products carrying it",
    noProducts: "No products linked yet.",
    qr: "Traceability QR code",
    qrAlt: (n) => `QR code opening the traceability page of the label ${n}`,
    qrHint: "Print this code on the stamp or label. Scanning it with a phone opens the traceability page.",
    download: "Download the QR code (SVG)",
    openTrace: "Open the traceability page",
  },
});

const QUERY = `query($id: ID!) { brandLabel(id: $id) {
  id name kind registrationNumber authority validFrom validUntil valid image { url }
  producer { id slug name province { name } }
  products { ${PRODUCT_CARD_FIELDS} }
} }`;

export default async function labelPage(ctx) {
  const l = (await gql(QUERY, { id: ctx.params.id })).brandLabel;
  if (!l) return notFound();
  ctx.title = l.name;
  const fact = (term, value) => (value ? [h("dt", null, term), h("dd", null, value)] : null);
  const qrUrl = `/labels/${l.id}/qr.svg`;
  return h(
    "article",
    { class: "label-page" },
    h("h1", null, l.name),
    h("p", { class: "badges" }, h("span", { class: "badge badge-muted" }, label("BrandLabelKind", l.kind)), validity(l.valid, l.validUntil)),
    h(
      "div",
      { class: "label-layout" },
      h(
        "div",
        null,
        l.image ? h("img", { class: "label-image", src: l.image.url, alt: l.name, width: 240, height: 240 }) : null,
        h(
          "dl",
          { class: "facts panel" },
          fact(t("owner"), l.producer ? h("a", { href: `/producers/${encodeURIComponent(l.producer.slug)}` }, l.producer.name) : null),
          fact(t("registration"), l.registrationNumber),
          fact(t("authority"), l.authority),
          fact(t("validFrom"), l.validFrom ? date(l.validFrom) : null),
        ),
      ),
      h(
        "figure",
        { class: "qr panel" },
        h("img", { src: qrUrl, alt: t("qrAlt", l.name), width: 240, height: 240 }),
        h("figcaption", null, h("strong", null, t("qr")), h("br"), t("qrHint")),
        h(
          "p",
          { class: "actions" },
          h("a", { class: "button secondary", href: qrUrl, download: `qr-nhan-${l.id}.svg` }, t("download")),
          h("a", { class: "button", href: `/trace/${l.id}` }, t("openTrace")),
        ),
      ),
    ),
    h("h2", null, t("products")),
    l.products.length ? h("ul", { class: "cards" }, l.products.map((p) => productCard(p))) : emptyState(t("noProducts")),
  );
}
