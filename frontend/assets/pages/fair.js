// One fair or connection conference (/fairs/:id): details, zones with booths,
// confirmed exhibitors, registration deadline, calendar link, and the action
// for the viewer: cooperative members apply, the event's organizers manage.

import { h } from "../lib/dom.js";
import { gql } from "../lib/api.js";
import { strings } from "../lib/i18n.js";
import { dateTime, number, vnd } from "../lib/format.js";
import { label } from "../lib/labels.js";
import { badge, emptyState } from "../lib/ui.js";
import { notFound } from "../lib/catalog-view.js";
import { organizerNames } from "./fairs.js";

const t = strings({
  vi: {
    when: "Thời gian",
    where: "Địa điểm",
    organizer: "Đơn vị tổ chức",
    fee: "Phí gian hàng",
    free: "Miễn phí",
    approval: "Xét duyệt",
    needsApproval: "Ban tổ chức duyệt từng hồ sơ",
    auto: "Xác nhận theo thứ tự đăng ký",
    registration: "Đăng ký",
    opensCloses: (a, b) => `Từ ${a} đến ${b}`,
    booths: "Gian hàng",
    boothsLeft: (n, total) => `Còn ${number(n)}/${number(total)}`,
    open: "Đang nhận đăng ký",
    closed: "Không nhận đăng ký",
    draft: "Bản nháp (chưa công bố)",
    zones: "Khu vực",
    zone: "Khu",
    zoneBooths: "Gian hàng",
    taken: "Đã xác nhận",
    exhibitors: "Đơn vị tham gia",
    noExhibitors: "Chưa có đơn vị nào được xác nhận.",
    boothCount: (n) => `${number(n)} gian`,
    apply: "Đăng ký gian hàng",
    signInToApply: "Đăng nhập để đăng ký gian hàng",
    manage: "Quản lý sự kiện",
    calendar: "Thêm vào lịch (.ics)",
    about: "Giới thiệu",
  },
  en: {
    when: "When",
    where: "Where",
    organizer: "Organizer",
    fee: "Booth fee",
    free: "Free",
    approval: "Approval",
    needsApproval: "The organizer reviews each application",
    auto: "Confirmed in order of application",
    registration: "Registration",
    opensCloses: (a, b) => `From ${a} to ${b}`,
    booths: "Booths",
    boothsLeft: (n, total) => `${number(n)} of ${number(total)} left`,
    open: "Open for applications",
    closed: "Not taking applications",
    draft: "Draft (not published)",
    zones: "Zones",
    zone: "Zone",
    zoneBooths: "Booths",
    taken: "Confirmed",
    exhibitors: "Exhibitors",
    noExhibitors: "No exhibitor confirmed yet.",
    boothCount: (n) => `${number(n)} booth${n === 1 ? "" : "s"}`,
    apply: "Apply for a booth",
    signInToApply: "Sign in to apply for a booth",
    manage: "Manage the event",
    calendar: "Add to calendar (.ics)",
    about: "About",
  },
});

const QUERY = `query($id: ID!) { event(id: $id) {
  id kind status title description venueName street organizerId startsAt endsAt registrationOpensAt registrationClosesAt
  boothCapacity boothsAvailable feeVnd requiresApproval registrationOpen icalUrl province { name }
  zones { id name booths boothsConfirmed }
  exhibitors { zoneId booths producer { id slug name province { name } } }
} }`;

function action(acc, e) {
  const runs = acc && (acc.role === "ADMIN" || (acc.role === "ORGANIZER" && (acc.organizations || []).some((o) => String(o.id) === String(e.organizerId))));
  if (runs) return h("a", { class: "button", href: `/fairs/${e.id}/manage` }, t("manage"));
  if (!e.registrationOpen || e.status !== "PUBLISHED") return null;
  const apply = `/fairs/${e.id}/apply`;
  if (!acc) return h("a", { class: "button", href: `/sign-in?next=${encodeURIComponent(apply)}` }, t("signInToApply"));
  if (acc.role === "COOPERATIVE_MEMBER") return h("a", { class: "button", href: apply }, t("apply"));
  return null;
}

export default async function fairPage(ctx) {
  const e = (await gql(QUERY, { id: ctx.params.id })).event;
  if (!e) return notFound();
  ctx.title = e.title;
  const names = await organizerNames([e.organizerId]);
  const zoneName = Object.fromEntries(e.zones.map((z) => [z.id, z.name]));
  const fact = (term, value) => [h("dt", null, term), h("dd", null, value)];
  return h(
    "article",
    { class: "fair" },
    h("h1", null, e.title),
    h(
      "p",
      { class: "badges" },
      badge(label("EventKind", e.kind), "muted"),
      e.status === "DRAFT" ? badge(t("draft"), "warn") : null,
      e.registrationOpen ? badge(t("open")) : badge(t("closed"), "muted"),
    ),
    h("div", { class: "actions" }, action(ctx.account, e), h("a", { class: "button secondary", href: e.icalUrl, download: `su-kien-${e.id}.ics` }, t("calendar"))),
    h(
      "dl",
      { class: "facts panel" },
      fact(t("when"), `${dateTime(e.startsAt)} – ${dateTime(e.endsAt)}`),
      fact(t("where"), [e.venueName, e.street, e.province?.name].filter(Boolean).join(", ")),
      names[e.organizerId] ? fact(t("organizer"), names[e.organizerId]) : null,
      fact(t("registration"), t("opensCloses", dateTime(e.registrationOpensAt), dateTime(e.registrationClosesAt))),
      fact(t("booths"), t("boothsLeft", e.boothsAvailable, e.boothCapacity)),
      fact(t("fee"), e.feeVnd ? vnd(e.feeVnd) : t("free")),
      fact(t("approval"), e.requiresApproval ? t("needsApproval") : t("auto")),
    ),
    e.description ? [h("h2", null, t("about")), h("p", { class: "prose" }, e.description)] : null,
    e.zones.length
      ? [
          h("h2", null, t("zones")),
          h(
            "div",
            { class: "table-wrap" },
            h(
              "table",
              null,
              h("thead", null, h("tr", null, h("th", { scope: "col" }, t("zone")), h("th", { scope: "col" }, t("zoneBooths")), h("th", { scope: "col" }, t("taken")))),
              h("tbody", null, e.zones.map((z) => h("tr", null, h("td", null, z.name), h("td", null, number(z.booths)), h("td", null, number(z.boothsConfirmed))))),
            ),
          ),
        ]
      : null,
    h("h2", null, t("exhibitors")),
    e.exhibitors.length
      ? h(
          "ul",
          { class: "plain-list" },
          e.exhibitors.map((x) =>
            h(
              "li",
              null,
              h("a", { href: `/producers/${encodeURIComponent(x.producer.slug)}` }, x.producer.name),
              h("span", { class: "meta" }, ` · ${[x.producer.province?.name, x.zoneId ? zoneName[x.zoneId] : null, t("boothCount", x.booths)].filter(Boolean).join(" · ")}`),
            ),
          ),
        )
      : emptyState(t("noExhibitors")),
  );
}
