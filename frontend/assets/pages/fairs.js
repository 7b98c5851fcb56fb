// Upcoming fairs and connection conferences (/fairs), soonest first: dates,
// place, organizer, booths left and registration deadline, and calendar links.

import { h } from "../lib/dom.js";
import { gql } from "../lib/api.js";
import { strings } from "../lib/i18n.js";
import { date, dateTime, number } from "../lib/format.js";
import { label } from "../lib/labels.js";
import { badge, emptyState } from "../lib/ui.js";

const t = strings({
  vi: {
    title: "Hội chợ và hội nghị kết nối sắp tới",
    intro: "Các sự kiện xúc tiến thương mại đã công bố, sắp xếp theo ngày diễn ra.",
    organizer: "Đơn vị tổ chức",
    booths: (n, total) => `Còn ${number(n)}/${number(total)} gian hàng`,
    full: "Hết gian hàng",
    deadline: (d) => `Hạn đăng ký: ${d}`,
    closed: "Đã đóng đăng ký",
    calendar: "Thêm vào lịch (.ics)",
    feed: "Theo dõi lịch mọi sự kiện (.ics)",
    none: "Chưa có sự kiện nào sắp diễn ra.",
    next: "Trang sau →",
    first: "← Trang đầu",
  },
  en: {
    title: "Upcoming fairs and connection conferences",
    intro: "Published trade promotion events, soonest first.",
    organizer: "Organizer",
    booths: (n, total) => `${number(n)} of ${number(total)} booths left`,
    full: "No booths left",
    deadline: (d) => `Register by ${d}`,
    closed: "Registration closed",
    calendar: "Add to calendar (.ics)",
    feed: "Subscribe to all events (.ics)",
    none: "No upcoming events yet.",
    next: "Next page →",
    first: "← First page",
  },
});

const QUERY = `query($after: String) { events(filter: { upcoming: true }, first: 20, after: $after) {
  nodes { id kind title venueName startsAt endsAt registrationClosesAt registrationOpen boothCapacity boothsAvailable
    organizerId icalUrl province { name } }
  pageInfo { hasNextPage endCursor }
} }`;

/** Names of organizing bodies, in one request (aliases), by id. */
export async function organizerNames(ids) {
  const unique = [...new Set(ids)].slice(0, 30);
  if (!unique.length) return {};
  const fields = unique.map((id, i) => `o${i}: organization(id: ${JSON.stringify(String(id))}) { id name }`).join(" ");
  const data = await gql(`{ ${fields} }`);
  return Object.fromEntries(Object.values(data).filter(Boolean).map((o) => [o.id, o.name]));
}

export default async function fairsPage(ctx) {
  ctx.title = t("title");
  const after = ctx.query.get("after");
  const { nodes, pageInfo } = (await gql(QUERY, { after })).events;
  const names = await organizerNames(nodes.map((e) => e.organizerId));
  return h(
    "section",
    { class: "fairs" },
    h("h1", null, t("title")),
    h("p", { class: "meta" }, t("intro"), " ", h("a", { href: "/events/calendar.ics" }, t("feed"))),
    nodes.length
      ? h(
          "ul",
          { class: "cards event-cards" },
          nodes.map((e) =>
            h(
              "li",
              { class: "card" },
              h(
                "div",
                { class: "body" },
                h("h2", { class: "h3" }, h("a", { href: `/fairs/${e.id}` }, e.title)),
                h("p", { class: "when" }, `${date(e.startsAt)} – ${date(e.endsAt)}`),
                h("p", { class: "meta" }, [e.venueName, e.province?.name].filter(Boolean).join(" · ")),
                names[e.organizerId] ? h("p", { class: "meta" }, `${t("organizer")}: ${names[e.organizerId]}`) : null,
                h(
                  "p",
                  { class: "badges" },
                  badge(label("EventKind", e.kind), "muted"),
                  e.boothsAvailable > 0 ? badge(t("booths", e.boothsAvailable, e.boothCapacity)) : badge(t("full"), "warn"),
                  e.registrationOpen ? badge(t("deadline", dateTime(e.registrationClosesAt)), "warn") : badge(t("closed"), "muted"),
                ),
                h("p", null, h("a", { href: e.icalUrl, download: `su-kien-${e.id}.ics` }, t("calendar"))),
              ),
            ),
          ),
        )
      : emptyState(t("none")),
    after || pageInfo.hasNextPage
      ? h(
          "nav",
          { class: "pager", "aria-label": "Pagination" },
          after ? h("a", { class: "button secondary", href: "/fairs" }, t("first")) : h("span"),
          pageInfo.hasNextPage ? h("a", { class: "button secondary", href: `/fairs?after=${encodeURIComponent(pageInfo.endCursor)}` }, t("next")) : h("span"),
        )
      : null,
  );
}
