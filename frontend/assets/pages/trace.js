// Traceability (/trace/:id, optionally ?product=ID): what a phone opens after
// scanning the QR code on a label in a shop. Verdict first, big and plain:
// is the label in force, is the producer verified, are the certificates
// current and verified (self-declared ones are neutral, never green); then
// the product(s), the producer and the certificates.

import { h } from "../lib/dom.js";
import { gql } from "../lib/api.js";
import { strings } from "../lib/i18n.js";
import { date, priceRange } from "../lib/format.js";
import { label } from "../lib/labels.js";
import { badge } from "../lib/ui.js";
import { CERT_FIELDS, certificateList, coordinates, notFound } from "../lib/catalog-view.js";

const t = strings({
  vi: {
    title: "Truy xuất nguồn gốc",
    labelOk: "Nhãn còn hiệu lực",
    labelBad: "Nhãn đã hết hiệu lực",
    until: (d) => `đến ${d}`,
    producerOk: "Cơ sở sản xuất đã được xác minh",
    producerBad: "Cơ sở sản xuất chưa được xác minh",
    certsOk: (n) => `${n} chứng nhận còn hiệu lực`,
    certsNone: "Không có chứng nhận còn hiệu lực",
    certsClaimed: (n) => `${n} chứng nhận tự khai, chưa được xác minh`,
    product: "Sản phẩm",
    products: "Sản phẩm mang nhãn này",
    producer: "Nơi sản xuất",
    position: "Tọa độ",
    certificates: "Chứng nhận",
    label: "Nhãn",
    registration: "Số đăng ký",
    authority: "Cơ quan cấp",
    more: "Xem trang sản phẩm",
    profile: "Xem hồ sơ cơ sở",
  },
  en: {
    title: "Traceability",
    labelOk: "The label is valid",
    labelBad: "The label is no longer valid",
    until: (d) => `until ${d}`,
    producerOk: "The producer is verified",
    producerBad: "The producer is not verified",
    certsOk: (n) => `${n} current certificate${n === 1 ? "" : "s"}`,
    certsNone: "No current certificate",
    certsClaimed: (n) => `${n} self-declared certificate${n === 1 ? "" : "s"}, not verified`,
    product: "Product",
    products: "Products carrying this label",
    producer: "Produced by",
    position: "Coordinates",
    certificates: "Certificates",
    label: "Label",
    registration: "Registration no.",
    authority: "Granted by",
    more: "See the product page",
    profile: "See the producer's profile",
  },
});

const QUERY = `query($id: ID!) { brandLabel(id: $id) {
  id name kind registrationNumber authority validUntil valid
  producer { id slug name verificationStatus street latitude longitude province { name } commune { name } logo { url }
    certificates { ${CERT_FIELDS} } }
  products { id name unit priceMinVnd priceMaxVnd images { url } certificates { id } }
} }`;

export default async function tracePage(ctx) {
  const l = (await gql(QUERY, { id: ctx.params.id })).brandLabel;
  if (!l) return notFound();
  ctx.title = `${t("title")} – ${l.name}`;
  const producer = l.producer;
  const wanted = ctx.query.get("product");
  const products = wanted && l.products.some((p) => p.id === wanted) ? l.products.filter((p) => p.id === wanted) : l.products;
  // The producer's certificates that cover these products (or the whole producer).
  const ids = new Set(products.flatMap((p) => p.certificates.map((c) => c.id)));
  const certs = (producer?.certificates || []).filter((c) => c.scope === "PRODUCER" || ids.has(c.id));
  const current = certs.filter((c) => c.current && c.verificationStatus === "VERIFIED");
  const claimed = certs.filter((c) => c.selfDeclared);
  const verdict = (ok, text) => h("li", { class: ok ? "ok" : "bad" }, h("span", { class: "mark", "aria-hidden": "true" }, ok ? "✓" : "✗"), " ", text);
  const neutral = (text) => h("li", { class: "neutral" }, h("span", { class: "mark", "aria-hidden": "true" }, "?"), " ", text);
  const certVerdict = current.length
    ? verdict(true, t("certsOk", current.length))
    : claimed.length
      ? neutral(t("certsClaimed", claimed.length))
      : verdict(false, t("certsNone"));
  return h(
    "article",
    { class: "trace" },
    h("p", { class: "eyebrow" }, t("title")),
    h("h1", null, products.length === 1 ? products[0].name : l.name),
    h(
      "ul",
      { class: "verdict", "aria-label": t("title") },
      verdict(l.valid, [l.valid ? t("labelOk") : t("labelBad"), l.validUntil ? ` ${t("until", date(l.validUntil))}` : ""]),
      producer ? verdict(producer.verificationStatus === "VERIFIED", producer.verificationStatus === "VERIFIED" ? t("producerOk") : t("producerBad")) : null,
      certVerdict,
    ),
    h("h2", null, products.length === 1 ? t("product") : t("products")),
    h(
      "ul",
      { class: "trace-products" },
      products.map((p) =>
        h(
          "li",
          { class: "panel" },
          p.images[0] ? h("img", { src: p.images[0].url, alt: p.name, width: 96, height: 96 }) : null,
          h("div", null, h("strong", null, p.name), h("br"), priceRange(p.priceMinVnd, p.priceMaxVnd, p.unit), h("br"), h("a", { href: `/products/${p.id}` }, t("more"))),
        ),
      ),
    ),
    producer
      ? [
          h("h2", null, t("producer")),
          h(
            "div",
            { class: "panel trace-producer" },
            h("p", { class: "big" }, h("strong", null, producer.name)),
            h("p", null, [producer.street, producer.commune?.name, producer.province?.name].filter(Boolean).join(", ")),
            producer.latitude != null ? h("p", { class: "meta" }, `${t("position")}: ${coordinates(producer.latitude, producer.longitude)}`) : null,
            h("a", { href: `/producers/${encodeURIComponent(producer.slug)}` }, t("profile")),
          ),
        ]
      : null,
    certs.length ? [h("h2", null, t("certificates")), certificateList(certs)] : null,
    h("h2", null, t("label")),
    h(
      "dl",
      { class: "facts panel" },
      h("dt", null, t("label")),
      h("dd", null, h("a", { href: `/labels/${l.id}` }, l.name), " ", badge(label("BrandLabelKind", l.kind), "muted")),
      l.registrationNumber ? [h("dt", null, t("registration")), h("dd", null, l.registrationNumber)] : null,
      l.authority ? [h("dt", null, t("authority")), h("dd", null, l.authority)] : null,
    ),
  );
}
