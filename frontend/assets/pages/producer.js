// A cooperative's public page (/producers/:slug): profile, position as
// coordinates, logo and photos, products, certificates with validity, brand
// labels, upcoming fairs in its province (marked when it exhibits there), and
// the contact button for the viewer's role. Contacts only when the API gives them.

import { h } from "../lib/dom.js";
import { gql } from "../lib/api.js";
import { strings } from "../lib/i18n.js";
import { date, number } from "../lib/format.js";
import { label } from "../lib/labels.js";
import { badge, emptyState, stars } from "../lib/ui.js";
import { CERT_FIELDS, PRODUCT_CARD_FIELDS, certificateList, contactAction, coordinates, notFound, productCard } from "../lib/catalog-view.js";

const t = strings({
  vi: {
    verified: "Đã xác minh",
    unverified: "Chưa xác minh",
    about: "Giới thiệu",
    address: "Địa chỉ",
    position: "Vị trí",
    founded: "Thành lập",
    members: "Thành viên",
    registration: "Số đăng ký",
    sectors: "Lĩnh vực",
    website: "Trang web",
    capacity: "Tổng sản lượng",
    perMonth: (n, unit) => `${number(n)} ${unit}/tháng (các sản phẩm cộng lại)`,
    response: "Thời gian phản hồi",
    hours: (n) => `khoảng ${number(Math.round(n))} giờ`,
    contacts: "Liên hệ",
    person: "Người liên hệ",
    phone: "Điện thoại",
    email: "Email",
    photos: "Hình ảnh",
    products: "Sản phẩm",
    moreProducts: "Xem tất cả sản phẩm",
    noProducts: "Chưa có sản phẩm nào.",
    certificates: "Chứng nhận",
    noCertificates: "Chưa có chứng nhận nào.",
    labels: "Nhãn hiệu, tem truy xuất",
    noLabels: "Chưa có nhãn hiệu nào.",
    fairs: (p) => `Hội chợ sắp tới ở ${p}`,
    noFairs: "Chưa có hội chợ nào sắp diễn ra trong tỉnh.",
    exhibits: "Có gian hàng",
    expired: "hết hạn",
    stars: (n) => `OCOP ${n} sao`,
  },
  en: {
    verified: "Verified",
    unverified: "Not verified",
    about: "About",
    address: "Address",
    position: "Position",
    founded: "Founded",
    members: "Members",
    registration: "Registration no.",
    sectors: "Sectors",
    website: "Website",
    capacity: "Total capacity",
    perMonth: (n, unit) => `${number(n)} ${unit}/month (all products)`,
    response: "Response time",
    hours: (n) => `about ${number(Math.round(n))} hours`,
    contacts: "Contacts",
    person: "Contact person",
    phone: "Phone",
    email: "Email",
    photos: "Photos",
    products: "Products",
    moreProducts: "See all products",
    noProducts: "No products yet.",
    certificates: "Certificates",
    noCertificates: "No certificates yet.",
    labels: "Brand labels and traceability stamps",
    noLabels: "No brand labels yet.",
    fairs: (p) => `Upcoming fairs in ${p}`,
    noFairs: "No upcoming fairs in the province yet.",
    exhibits: "Exhibiting",
    expired: "expired",
    stars: (n) => `OCOP ${n} stars`,
  },
});

const FIELDS = `id slug name kind verificationStatus description street latitude longitude website foundedYear memberCount
  registrationNumber mainSectors ocopStars medianResponseHours province { code name } commune { name }
  contacts { contactPerson phone email } logo { url } photos { url fileName }
  certificates { ${CERT_FIELDS} }
  brandLabels { id name kind valid validUntil image { url } }
  products(first: 24) { nodes { ${PRODUCT_CARD_FIELDS} } pageInfo { hasNextPage } }`;

const FAIRS = `query($p: Int) { events(filter: { upcoming: true, provinceCode: $p }, first: 5) {
  nodes { id title kind startsAt endsAt venueName exhibitors { producer { id } } } } }`;

export default async function producerPage(ctx) {
  const slug = ctx.params.slug;
  // Suggestions name producers by id; both lead here.
  const data = /^\d+$/.test(slug)
    ? await gql(`query($id: ID!) { p: producer(id: $id) { ${FIELDS} archived } }`, { id: slug })
    : await gql(`query($s: String!) { p: producerBySlug(slug: $s) { ${FIELDS} archived } }`, { s: slug });
  const p = data.p;
  if (!p || p.archived) return notFound();
  if (slug !== p.slug) history.replaceState(null, "", `/producers/${encodeURIComponent(p.slug)}`);
  ctx.title = p.name;
  const fairs = p.province ? (await gql(FAIRS, { p: p.province.code })).events.nodes : [];

  const products = p.products.nodes;
  // A total only makes sense when every product counts in the same unit.
  const units = new Set(products.filter((x) => x.monthlyCapacity).map((x) => x.unit));
  const capacity = units.size === 1 ? products.reduce((sum, x) => sum + (x.monthlyCapacity || 0), 0) : 0;
  const address = [p.street, p.commune?.name, p.province?.name].filter(Boolean).join(", ");
  const fact = (term, value) => (value === null || value === undefined || value === "" ? null : [h("dt", null, term), h("dd", null, value)]);
  const c = p.contacts;

  return h(
    "article",
    { class: "profile" },
    h(
      "header",
      { class: "profile-head" },
      p.logo ? h("img", { class: "logo", src: p.logo.url, alt: `Logo ${p.name}`, width: 96, height: 96 }) : null,
      h(
        "div",
        null,
        h("h1", null, p.name),
        h(
          "p",
          { class: "badges" },
          badge(label("ProducerKind", p.kind), "muted"),
          p.verificationStatus === "VERIFIED" ? badge(`✓ ${t("verified")}`) : badge(t("unverified"), "warn"),
          stars(p.ocopStars, t("stars", p.ocopStars)),
        ),
        h("p", { class: "meta" }, address),
      ),
    ),
    h("div", { class: "actions" }, contactAction(ctx.account, p.id)),
    p.description ? h("section", null, h("h2", null, t("about")), h("p", { class: "prose" }, p.description)) : null,
    h(
      "dl",
      { class: "facts panel" },
      fact(t("address"), address),
      fact(t("position"), coordinates(p.latitude, p.longitude)),
      fact(t("founded"), p.foundedYear),
      fact(t("members"), p.memberCount != null ? number(p.memberCount) : null),
      fact(t("sectors"), p.mainSectors.map((s) => label("ProductCategory", s)).join(", ")),
      fact(t("capacity"), capacity ? t("perMonth", capacity, [...units][0]) : null),
      fact(t("registration"), p.registrationNumber),
      fact(t("response"), p.medianResponseHours != null ? t("hours", p.medianResponseHours) : null),
      fact(t("website"), p.website ? h("a", { href: p.website, rel: "noopener" }, p.website) : null),
    ),
    c && (c.contactPerson || c.phone || c.email)
      ? h(
          "section",
          null,
          h("h2", null, t("contacts")),
          h(
            "dl",
            { class: "facts panel" },
            fact(t("person"), c.contactPerson),
            fact(t("phone"), c.phone ? h("a", { href: `tel:${c.phone.replace(/\s/g, "")}` }, c.phone) : null),
            fact(t("email"), c.email ? h("a", { href: `mailto:${c.email}` }, c.email) : null),
          ),
        )
      : null,
    p.photos.length
      ? h(
          "section",
          null,
          h("h2", null, t("photos")),
          h("ul", { class: "gallery" }, p.photos.map((f, i) => h("li", null, h("img", { src: f.url, alt: `${p.name} – ${i + 1}`, width: 240, height: 160, loading: "lazy" })))),
        )
      : null,
    h(
      "section",
      null,
      h("h2", null, t("products")),
      products.length ? h("ul", { class: "cards" }, products.map((x) => productCard(x))) : emptyState(t("noProducts")),
      p.products.pageInfo.hasNextPage ? h("p", null, h("a", { href: `/?kind=PRODUCT&q=${encodeURIComponent(p.name)}` }, t("moreProducts"))) : null,
    ),
    h("section", null, h("h2", null, t("certificates")), p.certificates.length ? certificateList(p.certificates) : emptyState(t("noCertificates"))),
    h(
      "section",
      null,
      h("h2", null, t("labels")),
      p.brandLabels.length
        ? h(
            "ul",
            { class: "cards" },
            p.brandLabels.map((l) =>
              h(
                "li",
                { class: "card" },
                l.image ? h("img", { src: l.image.url, alt: l.name, width: 88, height: 88, loading: "lazy" }) : h("span", { class: "thumb", "aria-hidden": "true" }),
                h(
                  "div",
                  { class: "body" },
                  h("h3", null, h("a", { href: `/labels/${l.id}` }, l.name)),
                  h("p", { class: "badges" }, badge(label("BrandLabelKind", l.kind)), l.valid ? null : badge(t("expired"), "danger")),
                ),
              ),
            ),
          )
        : emptyState(t("noLabels")),
    ),
    p.province
      ? h(
          "section",
          null,
          h("h2", null, t("fairs", p.province.name)),
          fairs.length
            ? h(
                "ul",
                { class: "plain-list" },
                fairs.map((f) =>
                  h(
                    "li",
                    null,
                    h("a", { href: `/fairs/${f.id}` }, f.title),
                    h("span", { class: "meta" }, ` · ${date(f.startsAt)} – ${date(f.endsAt)} · ${f.venueName}`),
                    f.exhibitors.some((e) => e.producer.id === p.id) ? [" ", badge(t("exhibits"))] : null,
                  ),
                ),
              )
            : emptyState(t("noFairs")),
        )
      : null,
  );
}
