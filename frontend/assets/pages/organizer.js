// The organizer's dashboard: the KPIs of a year as bar charts with data
// tables (fair participations by province, certified products by province
// and scheme, linkage share by province against the 50% target), and the
// organizer's own fairs with links to manage them, and the way to the review
// queue of cooperatives and certificates.

import { h } from "../lib/dom.js";
import { strings } from "../lib/i18n.js";
import { gql } from "../lib/api.js";
import { organizationsOf } from "../lib/session.js";
import { emptyState } from "../lib/ui.js";
import { date, number } from "../lib/format.js";
import { barChart } from "../lib/charts.js";
import { SCHEME, label } from "../lib/labels-account.js";
import { signInRequired } from "../lib/errors-account.js";
import { takeFlash } from "../lib/flash.js";

const t = strings({
  vi: {
    title: "Bảng điều khiển",
    organizersOnly: "Trang này dành cho cán bộ tổ chức và quản trị viên.",
    year: "Năm",
    show: "Xem",
    create: "Tạo hội chợ mới",
    review: "Duyệt hồ sơ và chứng nhận",
    fairs: "Hội chợ của đơn vị",
    noFairs: "Đơn vị chưa có hội chợ nào.",
    manage: "Quản lý",
    draft: "Nháp",
    booths: (used, all) => `${used}/${all} gian đã xác nhận`,
    participations: (y) => `HTX tham gia hội chợ theo tỉnh, năm ${y}`,
    participationsDesc: "Số lượt hợp tác xã có gian hàng được xác nhận tại các hội chợ đã công bố, theo tỉnh của hợp tác xã.",
    noParticipations: "Chưa có lượt tham gia nào trong năm này.",
    province: "Tỉnh",
    times: "Lượt tham gia",
    coops: "Số HTX",
    events: "Số hội chợ",
    certified: "Sản phẩm có chứng nhận đã xác minh, còn hiệu lực, theo tỉnh (hôm nay)",
    certifiedDesc: "Số sản phẩm được ít nhất một chứng nhận còn hiệu lực và đã được cán bộ xác minh bao phủ, trên tổng số sản phẩm đang niêm yết. Chứng nhận tự khai không được tính.",
    noCertified: "Chưa có sản phẩm nào.",
    products: "Sản phẩm",
    certifiedCol: "Có chứng nhận",
    schemes: "Theo loại chứng nhận",
    linkage: (y) => `Tỷ lệ HTX có hợp đồng liên kết, năm ${y}`,
    linkageDesc: "Phần trăm hợp tác xã của tỉnh có hợp đồng liên kết tiêu thụ còn hiệu lực trong năm và đã được bên kia xác nhận (hợp đồng chưa xác nhận không được tính); đường đứt nét là mục tiêu 50%.",
    target: "Mục tiêu 50%",
    share: "Tỷ lệ",
    withAgreement: "Có hợp đồng",
    noLinkage: "Không có số liệu liên kết.",
  },
  en: {
    title: "Dashboard",
    organizersOnly: "This page is for organizers and administrators.",
    year: "Year",
    show: "Show",
    create: "Create a fair",
    review: "Review profiles and certificates",
    fairs: "Your organization's fairs",
    noFairs: "No fairs yet.",
    manage: "Manage",
    draft: "Draft",
    booths: (used, all) => `${used}/${all} booths confirmed`,
    participations: (y) => `Cooperatives at fairs by province, ${y}`,
    participationsDesc: "Confirmed cooperative booths at published fairs, by the cooperative's province.",
    noParticipations: "No participations in this year.",
    province: "Province",
    times: "Participations",
    coops: "Cooperatives",
    events: "Fairs",
    certified: "Products with a verified current certificate, by province (today)",
    certifiedDesc: "Products covered by at least one current certificate an organizer verified, out of all listed products. Self-declared certificates do not count.",
    noCertified: "No products yet.",
    products: "Products",
    certifiedCol: "Certified",
    schemes: "By scheme",
    linkage: (y) => `Share of cooperatives with a linkage agreement, ${y}`,
    linkageDesc: "Percent of the province's cooperatives with a supply agreement in force during the year and confirmed by the other party (unconfirmed agreements do not count); the dashed line is the 50% target.",
    target: "Target 50%",
    share: "Share",
    withAgreement: "With agreement",
    noLinkage: "No linkage figures.",
  },
});

const thisYear = () => Number(new Intl.DateTimeFormat("en", { year: "numeric", timeZone: "Asia/Ho_Chi_Minh" }).format(new Date()));

export default async function organizer(ctx) {
  if (!ctx.account) return signInRequired(ctx, t("title"));
  ctx.title = t("title");
  if (!["ORGANIZER", "ADMIN"].includes(ctx.account.role)) return h("section", null, h("h1", null, t("title")), emptyState(t("organizersOnly")));
  const now = thisYear();
  const asked = Number(ctx.query.get("year"));
  const year = asked >= 2000 && asked <= now + 5 ? asked : now;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const bodies = organizationsOf(ctx.account, "ORGANIZING_BODY");
  const body = bodies[0];
  // A provincial body sees its province's linkage; national bodies and admins see every province.
  const linkageProvinces = body?.provinceCode ? [body.provinceCode] : null;

  const data = await gql(
    `query($from: NaiveDate!, $to: NaiveDate!, $org: ID, $mine: Boolean!, $all: Boolean!) {
      fairParticipations(from: $from, to: $to) { provinceCode participations cooperatives events province { name } }
      certifiedProducts { provinceCode products certifiedProducts schemes { scheme products } province { name } }
      events(filter: { organizerId: $org }, first: 50) @include(if: $mine) { nodes { id title status startsAt boothCapacity boothsConfirmed } }
      provinces(first: 100) @include(if: $all) { nodes { code name } }
    }`,
    { from, to, org: body?.id ?? null, mine: Boolean(body), all: !linkageProvinces },
  );
  const codes = linkageProvinces || data.provinces.nodes.map((p) => p.code);
  // One aliased linkageKpi per province, in requests of 25 (the API allows 30 aliases).
  const chunks = [];
  for (let i = 0; i < codes.length; i += 25) chunks.push(codes.slice(i, i + 25));
  const answers = await Promise.all(
    chunks.map((chunk) =>
      gql(
        `query($from: NaiveDate!, $to: NaiveDate!) { ${chunk
          .map((c) => `p${Number(c)}: linkageKpi(provinceCode: ${Number(c)}, from: $from, to: $to) { cooperatives withAgreement sharePercent targetPercent province { name } }`)
          .join("\n")} }`,
        { from, to },
      ),
    ),
  );
  const linkage = answers.flatMap((a) => Object.values(a)).filter((k) => k.cooperatives > 0);

  const yearSelect = h("select", { id: "kpi-year", name: "year" }, Array.from({ length: 6 }, (_, i) => now + 1 - i).map((y) => h("option", { value: y, selected: y === year }, String(y))));
  const picker = h("form", { class: "inline-form" }, h("label", { for: "kpi-year" }, t("year")), yearSelect, h("button", { type: "submit", class: "button secondary" }, t("show")));
  picker.addEventListener("submit", (e) => {
    e.preventDefault();
    ctx.navigate(`/organizer?year=${yearSelect.value}`);
  });
  yearSelect.addEventListener("change", () => picker.requestSubmit());

  const part = data.fairParticipations;
  const participationChart = part.length
    ? barChart(
        part.map((r) => ({ label: r.province?.name || String(r.provinceCode), value: r.participations })),
        {
          title: t("participations", year),
          desc: t("participationsDesc"),
          table: { head: [t("province"), t("times"), t("coops"), t("events")], rows: part.map((r) => [r.province?.name || r.provinceCode, number(r.participations), number(r.cooperatives), number(r.events)]) },
        },
      )
    : h("figure", { class: "chart" }, h("figcaption", null, t("participations", year)), emptyState(t("noParticipations")));

  const cert = data.certifiedProducts;
  const certifiedChart = cert.length
    ? barChart(
        cert.map((r) => ({ label: r.province?.name || String(r.provinceCode), value: r.certifiedProducts, text: `${number(r.certifiedProducts)} / ${number(r.products)}` })),
        {
          title: t("certified"),
          desc: t("certifiedDesc"),
          table: {
            head: [t("province"), t("certifiedCol"), t("products"), t("schemes")],
            rows: cert.map((r) => [r.province?.name || r.provinceCode, number(r.certifiedProducts), number(r.products), r.schemes.map((s) => `${label(SCHEME, s.scheme)}: ${number(s.products)}`).join("; ")]),
          },
        },
      )
    : h("figure", { class: "chart" }, h("figcaption", null, t("certified")), emptyState(t("noCertified")));

  linkage.sort((a, b) => b.sharePercent - a.sharePercent);
  const pct = (v) => `${number(v)}%`;
  const linkageChart = linkage.length
    ? barChart(
        linkage.map((k) => ({ label: k.province?.name || "", value: k.sharePercent, text: pct(k.sharePercent) })),
        {
          title: t("linkage", year),
          desc: t("linkageDesc"),
          max: 100,
          target: { value: linkage[0].targetPercent, label: t("target") },
          table: { head: [t("province"), t("share"), t("withAgreement"), t("coops")], rows: linkage.map((k) => [k.province?.name || "", pct(k.sharePercent), number(k.withAgreement), number(k.cooperatives)]) },
        },
      )
    : h("figure", { class: "chart" }, h("figcaption", null, t("linkage", year)), emptyState(t("noLinkage")));

  const events = data.events?.nodes || [];
  const fairs = body
    ? h(
        "section",
        { "aria-labelledby": "my-fairs" },
        h("div", { class: "section-head" }, h("h2", { id: "my-fairs" }, t("fairs")), h("a", { class: "button", href: "/organizer/fairs/new" }, t("create"))),
        events.length
          ? h(
              "ul",
              { class: "cards" },
              events.map((e) =>
                h(
                  "li",
                  { class: "card" },
                  h(
                    "div",
                    { class: "body" },
                    h("h3", null, h("a", { href: `/fairs/${e.id}/manage` }, e.title)),
                    h("p", { class: "meta" }, date(e.startsAt), " · ", t("booths", e.boothsConfirmed, e.boothCapacity), e.status === "DRAFT" ? [" ", h("span", { class: "badge badge-warn" }, t("draft"))] : null),
                    h("a", { class: "button secondary small", href: `/fairs/${e.id}/manage`, "aria-label": `${t("manage")}: ${e.title}` }, t("manage")),
                  ),
                ),
              ),
            )
          : emptyState(t("noFairs")),
      )
    : h("p", { class: "actions" }, h("a", { class: "button", href: "/organizer/fairs/new" }, t("create")));

  return h(
    "section",
    { class: "organizer" },
    h("h1", null, t("title")),
    body ? h("p", { class: "meta" }, body.name) : null,
    takeFlash(),
    h("p", { class: "actions" }, h("a", { class: "button secondary", href: "/organizer/review" }, t("review"))),
    picker,
    h("div", { class: "charts" }, participationChart, certifiedChart, linkageChart),
    fairs,
  );
}
