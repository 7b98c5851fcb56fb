// The inquiries of the account's buyer company (sent) or cooperative (inbox),
// newest first, filtered by status; filter and page live in the URL.

import { h } from "../lib/dom.js";
import { strings } from "../lib/i18n.js";
import { signInRequired } from "../lib/errors-account.js";
import { gql } from "../lib/api.js";
import { emptyState } from "../lib/ui.js";
import { dateTime } from "../lib/format.js";
import { INQUIRY_STATUS, options } from "../lib/labels-account.js";
import { takeFlash } from "../lib/flash.js";
import { inquiryOrganizations, statusBadge } from "../lib/inquiry-common.js";

const t = strings({
  vi: {
    buyerTitle: "Yêu cầu hỏi hàng đã gửi",
    coopTitle: "Hộp thư hỏi hàng",
    org: "Tổ chức",
    status: "Trạng thái",
    all: "Tất cả",
    filter: "Lọc",
    none: "Chưa có yêu cầu hỏi hàng nào.",
    noneBuyer: "Chưa có yêu cầu nào. Tìm hợp tác xã phù hợp rồi bấm “Hỏi hàng” trên trang của họ.",
    noneFiltered: "Không có yêu cầu nào ở trạng thái này.",
    find: "Tìm nhà cung cấp",
    from: (n) => `Từ: ${n}`,
    to: (n) => `Gửi: ${n}`,
    about: (n) => `Sản phẩm: ${n}`,
    more: "Xem thêm →",
    first: "← Về đầu danh sách",
    noOrg: "Tài khoản của bạn chưa thuộc doanh nghiệp hay hợp tác xã nào.",
    count: (n) => `${n} yêu cầu trên trang này`,
  },
  en: {
    buyerTitle: "Inquiries sent",
    coopTitle: "Inquiry inbox",
    org: "Organization",
    status: "Status",
    all: "All",
    filter: "Filter",
    none: "No inquiries yet.",
    noneBuyer: "No inquiries yet. Find a suitable cooperative and press “Ask” on its page.",
    noneFiltered: "No inquiries with this status.",
    find: "Find suppliers",
    from: (n) => `From: ${n}`,
    to: (n) => `To: ${n}`,
    about: (n) => `Product: ${n}`,
    more: "More →",
    first: "← Back to the start",
    noOrg: "Your account does not belong to a buyer company or cooperative.",
    count: (n) => `${n} inquiries on this page`,
  },
});

const LIST = `query($org: ID!, $status: InquiryStatus, $after: String) {
  inquiries(organizationId: $org, status: $status, first: 20, after: $after) {
    nodes { id subject status createdAt updatedAt buyer { name } cooperative { name } product { name } }
    pageInfo { hasNextPage endCursor } } }`;

export default async function inquiries(ctx) {
  if (!ctx.account) return signInRequired(ctx, t("buyerTitle"));
  const orgs = inquiryOrganizations(ctx.account);
  const buyerSide = orgs[0]?.kind === "BUYER_COMPANY";
  ctx.title = buyerSide ? t("buyerTitle") : t("coopTitle");
  if (!orgs.length) return h("section", null, h("h1", null, ctx.title), emptyState(t("noOrg")));
  const org = orgs.find((o) => o.id === ctx.query.get("org")) || orgs[0];
  const status = INQUIRY_STATUS[ctx.query.get("status")] ? ctx.query.get("status") : null;
  const after = ctx.query.get("after");
  const data = await gql(LIST, { org: org.id, status, after });
  const { nodes, pageInfo } = data.inquiries;

  const statusSelect = h("select", { name: "status", id: "inq-status" }, h("option", { value: "" }, t("all")), options(INQUIRY_STATUS).map(([v, l]) => h("option", { value: v, selected: v === status }, l)));
  const orgSelect = orgs.length > 1 ? h("select", { name: "org", id: "inq-org" }, orgs.map((o) => h("option", { value: o.id, selected: o.id === org.id }, o.name))) : null;
  const filters = h(
    "form",
    { class: "inline-form", role: "search" },
    orgSelect ? [h("label", { for: "inq-org" }, t("org")), orgSelect] : null,
    h("label", { for: "inq-status" }, t("status")),
    statusSelect,
    h("button", { type: "submit", class: "button secondary" }, t("filter")),
  );
  filters.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    if (orgSelect) q.set("org", orgSelect.value);
    if (statusSelect.value) q.set("status", statusSelect.value);
    ctx.navigate(`/me/inquiries${q.size ? `?${q}` : ""}`);
  });
  statusSelect.addEventListener("change", () => filters.requestSubmit());

  const here = (extra) => {
    const q = new URLSearchParams(ctx.query);
    q.delete("after");
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return `/me/inquiries?${q}`;
  };
  const list = nodes.length
    ? h(
        "ul",
        { class: "cards inquiry-list", "aria-label": t("count", nodes.length) },
        nodes.map((i) =>
          h(
            "li",
            { class: "card" },
            h(
              "div",
              { class: "body" },
              h("h3", null, h("a", { href: `/me/inquiries/${i.id}` }, i.subject)),
              statusBadge(i.status),
              h("p", { class: "meta" }, buyerSide ? t("to", i.cooperative?.name || "") : t("from", i.buyer?.name || "")),
              i.product ? h("p", { class: "meta" }, t("about", i.product.name)) : null,
              h("p", { class: "meta" }, h("time", { datetime: i.updatedAt }, dateTime(i.updatedAt))),
            ),
          ),
        ),
      )
    : emptyState(status ? t("noneFiltered") : buyerSide ? t("noneBuyer") : t("none"), buyerSide && !status ? h("a", { class: "button", href: "/" }, t("find")) : null);

  return h(
    "section",
    { class: "inquiries" },
    h("h1", null, ctx.title),
    takeFlash(),
    filters,
    h("div", { "aria-live": "polite" }, list),
    after || pageInfo.hasNextPage
      ? h(
          "nav",
          { class: "pager", "aria-label": "Pagination" },
          after ? h("a", { class: "button secondary", href: here({}) }, t("first")) : h("span"),
          pageInfo.hasNextPage ? h("a", { class: "button secondary", href: here({ after: pageInfo.endCursor }) }, t("more")) : h("span"),
        )
      : null,
  );
}
