// A product's public page (/products/:id): photos, price range in VND,
// order and capacity facts, harvest months, its certificates with validity,
// its brand labels, its producer, and the contact button for the viewer's role.

import { h } from "../lib/dom.js";
import { gql } from "../lib/api.js";
import { strings } from "../lib/i18n.js";
import { number, priceRange } from "../lib/format.js";
import { label } from "../lib/labels.js";
import { badge, emptyState, stars } from "../lib/ui.js";
import { CERT_FIELDS, certificateList, contactAction, notFound, ocopOf } from "../lib/catalog-view.js";

const t = strings({
  vi: {
    price: "Giá",
    noPrice: "Liên hệ",
    minOrder: "Đặt tối thiểu",
    capacity: "Sản lượng",
    perMonth: (n, u) => `${number(n)} ${u}/tháng`,
    harvest: "Mùa vụ",
    month: (m) => `T${m}`,
    shelfLife: "Hạn sử dụng",
    days: (n) => `${number(n)} ngày`,
    packaging: "Đóng gói",
    producer: "Cơ sở sản xuất",
    available: "Đang có hàng",
    unavailable: "Tạm hết hàng",
    certificates: "Chứng nhận",
    noCertificates: "Sản phẩm chưa có chứng nhận.",
    labels: "Nhãn hiệu, tem truy xuất",
    verified: "Đã xác minh",
    stars: (n) => `OCOP ${n} sao`,
    trace: "Truy xuất nguồn gốc",
  },
  en: {
    price: "Price",
    noPrice: "On request",
    minOrder: "Minimum order",
    capacity: "Capacity",
    perMonth: (n, u) => `${number(n)} ${u}/month`,
    harvest: "Harvest",
    month: (m) => new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2000, m - 1, 1))),
    shelfLife: "Shelf life",
    days: (n) => `${number(n)} days`,
    packaging: "Packaging",
    producer: "Producer",
    available: "In stock",
    unavailable: "Out of stock",
    certificates: "Certificates",
    noCertificates: "No certificates for this product.",
    labels: "Brand labels and traceability stamps",
    verified: "Verified",
    stars: (n) => `OCOP ${n} stars`,
    trace: "Traceability",
  },
});

const QUERY = `query($id: ID!) { product(id: $id) {
  id name category description unit priceMinVnd priceMaxVnd minOrderQuantity monthlyCapacity harvestMonths
  shelfLifeDays packaging available archived images { url fileName }
  producer { id slug name verificationStatus province { name } commune { name } }
  certificates { ${CERT_FIELDS} }
  brandLabels { id name kind valid }
} }`;

export default async function productPage(ctx) {
  const p = (await gql(QUERY, { id: ctx.params.id })).product;
  if (!p || p.archived) return notFound();
  ctx.title = p.name;
  const ocop = ocopOf(p.certificates);
  const fact = (term, value) => (value === null || value === undefined || value === "" ? null : [h("dt", null, term), h("dd", null, value)]);
  const producer = p.producer;
  return h(
    "article",
    { class: "product" },
    h("h1", null, p.name),
    h(
      "p",
      { class: "badges" },
      badge(label("ProductCategory", p.category), "muted"),
      stars(ocop, t("stars", ocop)),
      p.available ? badge(t("available")) : badge(t("unavailable"), "muted"),
    ),
    p.images.length
      ? h("ul", { class: "gallery" }, p.images.map((f, i) => h("li", null, h("img", { src: f.url, alt: i ? `${p.name} – ${i + 1}` : p.name, width: 320, height: 240, loading: i ? "lazy" : null }))))
      : null,
    h("p", { class: "price big" }, priceRange(p.priceMinVnd, p.priceMaxVnd, p.unit) || t("noPrice")),
    producer
      ? h(
          "p",
          { class: "by" },
          `${t("producer")}: `,
          h("a", { href: `/producers/${encodeURIComponent(producer.slug)}` }, producer.name),
          producer.verificationStatus === "VERIFIED" ? [" ", badge(`✓ ${t("verified")}`)] : null,
          h("span", { class: "meta" }, ` · ${[producer.commune?.name, producer.province?.name].filter(Boolean).join(", ")}`),
        )
      : null,
    h("div", { class: "actions" }, producer ? contactAction(ctx.account, producer.id) : null),
    p.description ? h("p", { class: "prose" }, p.description) : null,
    h(
      "dl",
      { class: "facts panel" },
      fact(t("minOrder"), p.minOrderQuantity ? `${number(p.minOrderQuantity)} ${p.unit}` : null),
      fact(t("capacity"), p.monthlyCapacity ? t("perMonth", p.monthlyCapacity, p.unit) : null),
      fact(t("harvest"), p.harvestMonths.length ? p.harvestMonths.map((m) => t("month", m)).join(", ") : null),
      fact(t("shelfLife"), p.shelfLifeDays ? t("days", p.shelfLifeDays) : null),
      fact(t("packaging"), p.packaging),
    ),
    h("h2", null, t("certificates")),
    p.certificates.length ? certificateList(p.certificates) : emptyState(t("noCertificates")),
    p.brandLabels.length
      ? [
          h("h2", null, t("labels")),
          h(
            "ul",
            { class: "plain-list" },
            p.brandLabels.map((l) =>
              h(
                "li",
                null,
                h("a", { href: `/labels/${l.id}` }, l.name),
                " ",
                badge(label("BrandLabelKind", l.kind)),
                " · ",
                h("a", { href: `/trace/${l.id}?product=${p.id}` }, t("trace")),
              ),
            ),
          ),
        ]
      : null,
  );
}
