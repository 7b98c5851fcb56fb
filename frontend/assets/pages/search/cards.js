// Result cards of the search page, one design per kind: photo, name with the
// matched words marked, producer and province, price range, capacity, OCOP
// stars and certificates as badges.

import { h, highlighted } from "../../lib/dom.js";
import { strings } from "../../lib/i18n.js";
import { date, km, number, priceRange } from "../../lib/format.js";
import { label } from "../../lib/labels.js";
import { badge, stars } from "../../lib/ui.js";

const t = strings({
  vi: {
    capacity: (n, unit) => `Sản lượng ${number(n)} ${unit}/tháng`,
    starsLabel: (n) => `OCOP ${n} sao`,
    expired: "hết hạn",
    selfDeclared: "tự khai",
    booths: (n) => `Còn ${number(n)} gian hàng`,
  },
  en: {
    capacity: (n, unit) => `Capacity ${number(n)} ${unit}/month`,
    starsLabel: (n) => `OCOP ${n} stars`,
    expired: "expired",
    selfDeclared: "self-declared",
    booths: (n) => `${number(n)} booths left`,
  },
});

export function hrefOf(kind, id, slug) {
  if (kind === "PRODUCT") return `/products/${id}`;
  if (kind === "PRODUCER") return `/producers/${encodeURIComponent(slug || id)}`;
  if (kind === "BRAND_LABEL") return `/labels/${id}`;
  return `/fairs/${id}`;
}

const thumb = (file, alt) =>
  file ? h("img", { src: file.url, alt, width: 88, height: 88, loading: "lazy", decoding: "async" }) : h("span", { class: "thumb", "aria-hidden": "true" });

// Stars and plain badges come only from certificates an organizer verified;
// a cooperative's own claims show as muted "tự khai" badges.
const counts = (c) => c.current && c.verificationStatus === "VERIFIED";
const certBadges = (certs) => {
  const verified = [...new Set(certs.filter(counts).map((c) => c.scheme))];
  const claimed = [...new Set(certs.filter((c) => c.selfDeclared).map((c) => c.scheme))].filter((s) => !verified.includes(s));
  return [
    ...verified.filter((s) => s !== "OCOP").map((s) => badge(label("CertificationScheme", s))),
    ...claimed.map((s) => badge(`${label("CertificationScheme", s)} · ${t("selfDeclared")}`, "muted")),
  ];
};

export function card(edge) {
  const n = edge.node;
  const kind = edge.kind;
  const name = n.name || n.title;
  const title = h("h3", null, highlighted("a", { href: hrefOf(kind, n.id, n.slug) }, edge.highlight || name));
  const where = (p) => [p?.name, p?.province?.name].filter(Boolean).join(" · ");
  const dist = edge.distanceKm != null ? h("p", { class: "meta" }, km(edge.distanceKm)) : null;
  let body;
  if (kind === "PRODUCT") {
    const ocop = Math.max(0, ...n.certificates.filter((c) => counts(c) && c.ocopStars).map((c) => c.ocopStars));
    body = [
      thumb(n.images[0], name),
      h(
        "div",
        { class: "body" },
        title,
        h("p", { class: "meta" }, where(n.producer)),
        h("p", { class: "price" }, priceRange(n.priceMinVnd, n.priceMaxVnd, n.unit)),
        n.monthlyCapacity ? h("p", { class: "meta" }, t("capacity", n.monthlyCapacity, n.unit)) : null,
        h("p", { class: "badges" }, stars(ocop, t("starsLabel", ocop)), certBadges(n.certificates)),
        dist,
      ),
    ];
  } else if (kind === "PRODUCER") {
    body = [
      thumb(n.logo, `Logo ${name}`),
      h(
        "div",
        { class: "body" },
        title,
        h("p", { class: "meta" }, [label("ProducerKind", n.producerKind), n.commune?.name, n.province?.name].filter(Boolean).join(" · ")),
        h(
          "p",
          { class: "badges" },
          n.verificationStatus === "VERIFIED" ? badge(`✓ ${label("VerificationStatus", "VERIFIED")}`) : null,
          stars(n.ocopStars, t("starsLabel", n.ocopStars)),
          certBadges(n.certificates),
        ),
        dist,
      ),
    ];
  } else if (kind === "BRAND_LABEL") {
    body = [
      thumb(n.image, name),
      h(
        "div",
        { class: "body" },
        title,
        h("p", { class: "meta" }, where(n.producer)),
        h("p", { class: "badges" }, badge(label("BrandLabelKind", n.labelKind)), n.valid ? null : badge(t("expired"), "danger")),
      ),
    ];
  } else {
    body = h(
      "div",
      { class: "body" },
      title,
      h("p", { class: "meta" }, `${date(n.startsAt)} – ${date(n.endsAt)}`),
      h("p", { class: "meta" }, [n.venueName, n.province?.name].filter(Boolean).join(" · ")),
      h("p", { class: "badges" }, badge(label("EventKind", n.eventKind)), badge(t("booths", n.boothsAvailable), n.boothsAvailable ? "" : "muted")),
    );
  }
  return h("li", { class: "card" }, body);
}
