// The organizer's review queue (/organizer/review): cooperatives and
// self-declared certificates of the organizer's provinces waiting for a
// verdict, each with its evidence at hand; approve, or reject with a reason
// the cooperative will read. Until approved, a certificate is shown as
// "tự khai" and counts nowhere.

import { h } from "../lib/dom.js";
import { strings } from "../lib/i18n.js";
import { gql } from "../lib/api.js";
import { badge, emptyState, field, formAlert, showPayloadErrors } from "../lib/ui.js";
import { date } from "../lib/format.js";
import { certificateFacts } from "../lib/catalog-view.js";
import { PRODUCER_KIND, SCHEME, label } from "../lib/labels-account.js";
import { errorText, localized, signInRequired } from "../lib/errors-account.js";
import { flash, takeFlash } from "../lib/flash.js";

const t = strings({
  vi: {
    title: "Duyệt hồ sơ và chứng nhận",
    organizersOnly: "Trang này dành cho cán bộ tổ chức và quản trị viên.",
    back: "← Bảng điều khiển",
    intro: "Chứng nhận do hợp tác xã tự khai chưa được tính sao OCOP, bộ lọc hay chỉ tiêu cho đến khi được duyệt.",
    certificates: "Chứng nhận chờ duyệt",
    producers: "Hợp tác xã chờ xác minh",
    noCertificates: "Không có chứng nhận nào chờ duyệt.",
    noProducers: "Không có hợp tác xã nào chờ xác minh.",
    stars: (n) => `${n} sao (tự khai)`,
    expires: "Hết hạn",
    noExpiry: "Không thời hạn",
    evidence: "Xem bản chứng nhận (PDF)",
    noEvidence: "Không có tệp minh chứng",
    profile: "Xem hồ sơ",
    registration: "Số đăng ký",
    approve: "Duyệt",
    reject: "Từ chối",
    reason: "Lý do từ chối",
    confirmReject: "Xác nhận từ chối",
    approved: (what) => `Đã duyệt: ${what}.`,
    rejected: (what) => `Đã từ chối: ${what}.`,
    more: "Xem thêm",
  },
  en: {
    title: "Review profiles and certificates",
    organizersOnly: "This page is for organizers and administrators.",
    back: "← Dashboard",
    intro: "Certificates a cooperative declared itself give no OCOP stars and count in no filter or KPI until approved.",
    certificates: "Certificates to review",
    producers: "Cooperatives to verify",
    noCertificates: "No certificates waiting.",
    noProducers: "No cooperatives waiting.",
    stars: (n) => `${n} stars (self-declared)`,
    expires: "Expires",
    noExpiry: "No expiry",
    evidence: "Open the certificate (PDF)",
    noEvidence: "No evidence file",
    profile: "See the profile",
    registration: "Registration no.",
    approve: "Approve",
    reject: "Reject",
    reason: "Reason for rejecting",
    confirmReject: "Confirm rejection",
    approved: (what) => `Approved: ${what}.`,
    rejected: (what) => `Rejected: ${what}.`,
    more: "Show more",
  },
});

const PAGE = 20;
const QUERY = `query($first: Int!, $certs: String, $producers: String) {
  pendingCertificates(first: $first, after: $certs) {
    nodes { id scheme ocopStars certificateNumber issuer issuedOn expiresOn evidence { url fileName }
      producer { id name slug province { name } } products { name } }
    pageInfo { hasNextPage endCursor } }
  pendingProducers(first: $first, after: $producers) {
    nodes { id name slug kind registrationNumber foundedYear memberCount createdAt province { name } commune { name } }
    pageInfo { hasNextPage endCursor } }
}`;
const PAYLOAD = "errors { code field message }";

export default async function organizerReview(ctx) {
  if (!ctx.account) return signInRequired(ctx, t("title"));
  ctx.title = t("title");
  if (!["ORGANIZER", "ADMIN"].includes(ctx.account.role)) return h("section", null, h("h1", null, t("title")), h("p", null, t("organizersOnly")));
  const certsAfter = ctx.query.get("certs") || null;
  const producersAfter = ctx.query.get("producers") || null;
  const data = await gql(QUERY, { first: PAGE, certs: certsAfter, producers: producersAfter });
  const here = `/organizer/review${ctx.query.toString() ? `?${ctx.query}` : ""}`;
  const reload = (message) => {
    flash(message);
    ctx.navigate(here, { replace: true });
  };

  // One verdict control: an approve button and a reject form that needs a reason.
  const verdict = (what, mutation, id) => {
    const alert = formAlert();
    const send = async (status, note, form) => {
      try {
        const d = await gql(`mutation($id: ID!, $status: VerificationStatus!, $note: String) { ${mutation}(id: $id, status: $status, note: $note) { ${PAYLOAD} } }`, { id, status, note });
        const errors = d[mutation].errors;
        if (errors.length) {
          if (form) return showPayloadErrors(form, localized(errors));
          alert.textContent = localized(errors).map((e) => e.message).join(" ");
          alert.hidden = false;
          return alert.focus();
        }
        reload(status === "VERIFIED" ? t("approved", what) : t("rejected", what));
      } catch (error) {
        alert.textContent = errorText({ code: error.code, message: error.message });
        alert.hidden = false;
      }
    };
    const reason = h("input", { name: "note", maxlength: 500 });
    const rejectForm = h("form", { novalidate: true, class: "reject-form" }, field(t("reason"), reason, { required: true }), h("button", { type: "submit", class: "button danger small" }, t("confirmReject")));
    rejectForm.addEventListener("submit", (e) => {
      e.preventDefault();
      const note = reason.value.trim();
      if (!note) return showPayloadErrors(rejectForm, localized([{ code: "REQUIRED", field: "note" }]));
      send("REJECTED", note, rejectForm);
    });
    return h(
      "div",
      { class: "row-actions" },
      alert,
      h("button", { type: "button", class: "button small", "aria-label": `${t("approve")}: ${what}`, onclick: () => send("VERIFIED", null, null) }, t("approve")),
      h("details", { class: "reject" }, h("summary", { class: "button secondary small", "aria-label": `${t("reject")}: ${what}` }, t("reject")), rejectForm),
    );
  };

  const certs = data.pendingCertificates;
  const certCards = certs.nodes.map((c) => {
    const what = `${label(SCHEME, c.scheme)} ${c.certificateNumber} – ${c.producer?.name || ""}`;
    return h(
      "li",
      { class: "card review-item", dataset: { certificate: c.id } },
      h(
        "div",
        { class: "body" },
        h("h3", null, label(SCHEME, c.scheme), c.ocopStars ? ` · ${t("stars", c.ocopStars)}` : null),
        h("p", { class: "meta" }, c.producer ? h("a", { href: `/producers/${encodeURIComponent(c.producer.slug)}` }, c.producer.name) : null, c.producer?.province ? ` · ${c.producer.province.name}` : null),
        certificateFacts(c, [h("dt", null, t("expires")), h("dd", null, c.expiresOn ? date(c.expiresOn) : t("noExpiry"))]),
        c.products.length ? h("p", { class: "meta" }, c.products.map((p) => p.name).join(", ")) : null,
        h("p", null, c.evidence ? h("a", { href: c.evidence.url, target: "_blank", rel: "noopener", class: "evidence" }, t("evidence")) : badge(t("noEvidence"), "warn")),
        verdict(what, "verifyCertificate", c.id),
      ),
    );
  });

  const producers = data.pendingProducers;
  const producerCards = producers.nodes.map((p) =>
    h(
      "li",
      { class: "card review-item", dataset: { producer: p.id } },
      h(
        "div",
        { class: "body" },
        h("h3", null, p.name),
        h("p", { class: "meta" }, [label(PRODUCER_KIND, p.kind), p.commune?.name, p.province?.name].filter(Boolean).join(" · ")),
        p.registrationNumber ? h("p", { class: "meta" }, `${t("registration")}: ${p.registrationNumber}`) : null,
        h("p", null, h("a", { href: `/producers/${encodeURIComponent(p.slug)}` }, t("profile"))),
        verdict(p.name, "verifyProducer", p.id),
      ),
    ),
  );

  const more = (info, key) => {
    if (!info.hasNextPage) return null;
    const q = new URLSearchParams(ctx.query);
    q.set(key, info.endCursor);
    return h("p", null, h("a", { class: "button secondary", href: `/organizer/review?${q}` }, t("more")));
  };

  return h(
    "section",
    { class: "organizer-review" },
    h("p", null, h("a", { href: "/organizer" }, t("back"))),
    h("h1", null, t("title")),
    h("p", { class: "meta" }, t("intro")),
    h("div", { "aria-live": "polite" }, takeFlash()),
    h(
      "section",
      { "aria-labelledby": "review-certs" },
      h("h2", { id: "review-certs" }, t("certificates")),
      certCards.length ? h("ul", { class: "cards" }, certCards) : emptyState(t("noCertificates")),
      more(certs.pageInfo, "certs"),
    ),
    h(
      "section",
      { "aria-labelledby": "review-producers" },
      h("h2", { id: "review-producers" }, t("producers")),
      producerCards.length ? h("ul", { class: "cards" }, producerCards) : emptyState(t("noProducers")),
      more(producers.pageInfo, "producers"),
    ),
  );
}
