// Pieces shared by the public catalog pages (cooperative, product, label,
// trace): certificate lists with validity, product cards, coordinates, the
// contact button by role, and a designed "not found" page.

import { h } from "./dom.js";
import { lang, strings } from "./i18n.js";
import { date, number, priceRange } from "./format.js";
import { label } from "./labels.js";
import { badge, stars } from "./ui.js";

const t = strings({
  vi: {
    validUntil: (d) => `Hiệu lực đến ${d}`,
    noExpiry: "Không thời hạn",
    expired: (d) => `Hết hạn ${d}`,
    notCurrent: "Không còn hiệu lực",
    number: "Số",
    issuer: "Cấp bởi",
    issued: "Ngày cấp",
    scope: "Áp dụng cho",
    wholeProducer: "Toàn cơ sở",
    unverified: "Tự khai – chưa được xác minh",
    selfDeclared: "tự khai",
    claimedStars: (n) => `tự khai ${n} sao, chưa xác minh`,
    rejected: "Bị từ chối khi đối chiếu",
    stars: (n) => `OCOP ${n} sao`,
    capacity: (n, unit) => `Sản lượng ${number(n)} ${unit}/tháng`,
    unavailable: "Tạm hết hàng",
    contact: "Liên hệ, hỏi hàng",
    signInToContact: "Đăng nhập để hỏi hàng",
    editOwn: "Sửa hồ sơ HTX",
    notFound: "Không tìm thấy",
    notFoundText: "Trang này không có hoặc đã bị gỡ.",
    home: "Về trang tìm kiếm",
  },
  en: {
    validUntil: (d) => `Valid until ${d}`,
    noExpiry: "No expiry",
    expired: (d) => `Expired ${d}`,
    notCurrent: "Not in force",
    number: "No.",
    issuer: "Issued by",
    issued: "Issued on",
    scope: "Covers",
    wholeProducer: "The whole producer",
    unverified: "Self-declared – not verified",
    selfDeclared: "self-declared",
    claimedStars: (n) => `claims ${n} stars, not verified`,
    rejected: "Rejected when checked",
    stars: (n) => `OCOP ${n} stars`,
    capacity: (n, unit) => `Capacity ${number(n)} ${unit}/month`,
    unavailable: "Out of stock",
    contact: "Contact / send an inquiry",
    signInToContact: "Sign in to send an inquiry",
    editOwn: "Edit the cooperative's profile",
    notFound: "Not found",
    notFoundText: "This page does not exist or was taken down.",
    home: "Back to search",
  },
});

/** GraphQL fields the certificate list shows. */
export const CERT_FIELDS = "id scheme ocopStars certificateNumber issuer issuedOn expiresOn current selfDeclared verificationStatus scope products { id name }";
/** GraphQL fields a product card shows. */
export const PRODUCT_CARD_FIELDS = "id name unit priceMinVnd priceMaxVnd monthlyCapacity available images { url } certificates { scheme ocopStars current selfDeclared verificationStatus }";

/** Counts (stars, badges, verdicts): current and verified by an organizer. */
export const counts = (c) => c.current && c.verificationStatus === "VERIFIED";

/** Scheme badges: verified current ones plain, self-declared ones muted and labelled "tự khai". */
export function schemeBadges(certs, { skipOcop = true } = {}) {
  const verified = [...new Set(certs.filter(counts).map((c) => c.scheme))];
  const claimed = [...new Set(certs.filter((c) => c.selfDeclared).map((c) => c.scheme))].filter((s) => !verified.includes(s));
  const keep = (s) => !(skipOcop && s === "OCOP");
  return [
    ...verified.filter(keep).map((s) => badge(label("CertificationScheme", s))),
    ...claimed.map((s) => badge(`${label("CertificationScheme", s)} · ${t("selfDeclared")}`, "muted")),
  ];
}

/** A validity badge: "valid until …" or "expired …". */
export function validity(current, until) {
  if (!current) return badge(until ? t("expired", date(until)) : t("notCurrent"), "danger");
  return badge(until ? t("validUntil", date(until)) : t("noExpiry"));
}

/** Certificates as a list of panels: scheme, number, issuer, dates, validity, verification. */
export function certificateList(certs) {
  return h(
    "ul",
    { class: "cards cert-list" },
    certs.map((c) =>
      h(
        "li",
        { class: ["card", "cert", !c.current && "cert-expired"] },
        h(
          "div",
          { class: "body" },
          h(
            "h3",
            null,
            label("CertificationScheme", c.scheme),
            c.ocopStars ? " " : null,
            // Stars only once an organizer verified the rating; a claim is said in words.
            c.verificationStatus === "VERIFIED" ? stars(c.ocopStars, t("stars", c.ocopStars)) : c.ocopStars ? h("span", { class: "meta" }, t("claimedStars", c.ocopStars)) : null,
          ),
          h(
            "p",
            { class: "badges" },
            validity(c.current, c.expiresOn),
            c.verificationStatus === "VERIFIED" ? badge(`✓ ${label("VerificationStatus", "VERIFIED")}`) : null,
            c.verificationStatus === "UNVERIFIED" ? badge(t("unverified"), "warn") : null,
            c.verificationStatus === "REJECTED" ? badge(t("rejected"), "danger") : null,
          ),
          certificateFacts(
            c,
            c.products
              ? [h("dt", null, t("scope")), h("dd", null, c.scope === "PRODUCER" ? t("wholeProducer") : c.products.map((p) => p.name).join(", "))]
              : null,
          ),
        ),
      ),
    ),
  );
}

/** Verified current OCOP stars among certificates (0 when none). */
/** A certificate's number, issuer and issue date as a definition list, then `more` (dt/dd pairs). */
export function certificateFacts(c, more = null) {
  return h(
    "dl",
    { class: "facts" },
    h("dt", null, t("number")),
    h("dd", null, c.certificateNumber),
    h("dt", null, t("issuer")),
    h("dd", null, c.issuer),
    h("dt", null, t("issued")),
    h("dd", null, date(c.issuedOn)),
    more,
  );
}

export function ocopOf(certs) {
  return Math.max(0, ...certs.filter((c) => counts(c) && c.ocopStars).map((c) => c.ocopStars));
}

/** A product card (photo, name, price range, capacity, certificates). */
export function productCard(p, extra = null) {
  const ocop = ocopOf(p.certificates);
  return h(
    "li",
    { class: "card" },
    p.images[0]
      ? h("img", { src: p.images[0].url, alt: p.name, width: 88, height: 88, loading: "lazy", decoding: "async" })
      : h("span", { class: "thumb", "aria-hidden": "true" }),
    h(
      "div",
      { class: "body" },
      h("h3", null, h("a", { href: `/products/${p.id}` }, p.name)),
      extra,
      h("p", { class: "price" }, priceRange(p.priceMinVnd, p.priceMaxVnd, p.unit)),
      p.monthlyCapacity ? h("p", { class: "meta" }, t("capacity", p.monthlyCapacity, p.unit)) : null,
      h(
        "p",
        { class: "badges" },
        stars(ocop, t("stars", ocop)),
        schemeBadges(p.certificates),
        p.available === false ? badge(t("unavailable"), "muted") : null,
      ),
    ),
  );
}

/** "16,7403° B, 106,9873° Đ" (Vietnamese) or "16.7403° N, 106.9873° E". */
export function coordinates(lat, lng) {
  if (lat == null || lng == null) return "";
  const vi = lang() === "vi";
  const f = new Intl.NumberFormat(vi ? "vi-VN" : "en-GB", { minimumFractionDigits: 4, maximumFractionDigits: 4 });
  const ns = lat >= 0 ? (vi ? "B" : "N") : vi ? "N" : "S";
  const ew = lng >= 0 ? (vi ? "Đ" : "E") : vi ? "T" : "W";
  return `${f.format(Math.abs(lat))}° ${ns}, ${f.format(Math.abs(lng))}° ${ew}`;
}

/**
 * The contact action for a producer, by who is looking: anonymous → sign in
 * (then the inquiry form); buyer → the inquiry form; the producer's own
 * member → its editor; others (organizers, other cooperatives) → nothing.
 */
export function contactAction(acc, producerId) {
  const inquiry = `/me/inquiries/new?producer=${encodeURIComponent(producerId)}`;
  if (!acc) return h("a", { class: "button", href: `/sign-in?next=${encodeURIComponent(inquiry)}` }, t("signInToContact"));
  if (acc.role === "BUYER") return h("a", { class: "button", href: inquiry }, t("contact"));
  if (acc.role === "COOPERATIVE_MEMBER" && (acc.organizations || []).some((o) => String(o.id) === String(producerId))) {
    return h("a", { class: "button secondary", href: "/me/cooperative" }, t("editOwn"));
  }
  return null;
}

/** A designed "not found" page (with the heading the router focuses). */
export function notFound() {
  return h(
    "section",
    { class: "state state-empty" },
    h("h1", null, t("notFound")),
    h("p", null, t("notFoundText")),
    h("a", { class: "button", href: "/" }, t("home")),
  );
}
