// The organizer's view of one fair: booth counts, applications by status
// (approve, reject with a reason, waitlist), check-in by code, the exhibitor
// list as CSV/Excel, and publishing a draft.

import { h, replace } from "../lib/dom.js";
import { strings } from "../lib/i18n.js";
import { USER_ERRORS, gql } from "../lib/api.js";
import { badge, emptyState, errorState, field, formAlert, showPayloadErrors } from "../lib/ui.js";
import { date, dateTime, number } from "../lib/format.js";
import { APPLICATION_BADGE, APPLICATION_STATUS, label, options } from "../lib/labels-account.js";
import { localized, errorText, signInRequired } from "../lib/errors-account.js";
import { submitting } from "../lib/submit.js";
import { flash, takeFlash } from "../lib/flash.js";
import { downloadWithToken } from "../lib/download.js";

const t = strings({
  vi: {
    title: "Quản lý hội chợ",
    back: "← Trang công khai của hội chợ",
    dashboard: "Bảng điều khiển",
    draft: "Bản nháp – chưa công bố",
    publish: "Công bố hội chợ",
    published: "Đã công bố hội chợ.",
    capacity: "Tổng gian hàng",
    used: "Đã xác nhận",
    left: "Còn trống",
    attendance: "Đã check-in",
    zones: "Theo khu vực",
    exports: "Tải danh sách đơn vị tham gia",
    csv: "Tải CSV",
    xlsx: "Tải Excel (.xlsx)",
    downloaded: (n) => `Đã tải ${n}.`,
    checkIn: "Check-in tại cổng",
    code: "Mã check-in",
    checkInButton: "Check-in",
    checkedIn: (name, n) => `Đã check-in ${name}. Tổng số đã check-in: ${n}.`,
    again: (name) => `${name} đã check-in trước đó.`,
    applications: "Hồ sơ đăng ký",
    status: "Trạng thái",
    all: "Tất cả",
    filter: "Lọc",
    none: "Chưa có hồ sơ nào.",
    noneFiltered: "Không có hồ sơ nào ở trạng thái này.",
    coop: "Hợp tác xã",
    zone: "Khu vực",
    booths: "Gian",
    applied: "Ngày đăng ký",
    actions: "Thao tác",
    approve: "Duyệt",
    reject: "Từ chối",
    reason: "Lý do từ chối",
    confirmReject: "Xác nhận từ chối",
    waitlist: "Đưa vào danh sách chờ",
    position: (n) => `chờ số ${n}`,
    products: "Sản phẩm",
    notes: "Ghi chú",
    changed: (name, s) => `${name}: ${s}.`,
    more: "Còn hồ sơ khác: lọc theo trạng thái để xem.",
  },
  en: {
    title: "Manage fair",
    back: "← The fair's public page",
    dashboard: "Dashboard",
    draft: "Draft – not published",
    publish: "Publish the fair",
    published: "The fair is published.",
    capacity: "Booths in total",
    used: "Confirmed",
    left: "Free",
    attendance: "Checked in",
    zones: "By zone",
    exports: "Download the exhibitor list",
    csv: "Download CSV",
    xlsx: "Download Excel (.xlsx)",
    downloaded: (n) => `Downloaded ${n}.`,
    checkIn: "Check-in at the entrance",
    code: "Check-in code",
    checkInButton: "Check in",
    checkedIn: (name, n) => `${name} checked in. Checked in so far: ${n}.`,
    again: (name) => `${name} had already checked in.`,
    applications: "Applications",
    status: "Status",
    all: "All",
    filter: "Filter",
    none: "No applications yet.",
    noneFiltered: "No applications with this status.",
    coop: "Cooperative",
    zone: "Zone",
    booths: "Booths",
    applied: "Applied",
    actions: "Actions",
    approve: "Approve",
    reject: "Reject",
    reason: "Reason for rejecting",
    confirmReject: "Confirm rejection",
    waitlist: "Waitlist",
    position: (n) => `waitlist #${n}`,
    products: "Products",
    notes: "Note",
    changed: (name, s) => `${name}: ${s}.`,
    more: "More applications: filter by status to see them.",
  },
});

const EVENT = `query($id: ID!, $status: ApplicationStatus) { event(id: $id) {
  id title status startsAt endsAt venueName province { name } boothCapacity boothsConfirmed boothsAvailable attendance
  zones { id name booths boothsConfirmed } exportUrls { exhibitorsCsv exhibitorsXlsx }
  applications(status: $status, first: 100) { nodes { id status booths reason waitlistPosition checkedInAt createdAt notes
    producer { name province { name } } zone { name } products { name } } pageInfo { hasNextPage } } } }`;
const DECIDE = `application { id status waitlistPosition } ${USER_ERRORS}`;

export default async function fairManage(ctx) {
  if (!ctx.account) return signInRequired(ctx, t("title"));
  const status = APPLICATION_STATUS[ctx.query.get("status")] ? ctx.query.get("status") : null;
  const { event } = await gql(EVENT, { id: ctx.params.id, status });
  if (!event) throw Object.assign(new Error("no event"), { code: "NOT_FOUND" });
  if (!event.exportUrls) throw Object.assign(new Error("not yours"), { code: "FORBIDDEN" });
  ctx.title = `${t("title")}: ${event.title}`;
  const here = `/fairs/${event.id}/manage${status ? `?status=${status}` : ""}`;
  const live = h("div", { "aria-live": "polite" }, takeFlash());
  const reload = (message) => {
    flash(message);
    ctx.navigate(here, { replace: true });
  };

  const publish = event.status === "DRAFT" ? h("button", { type: "button", class: "button" }, t("publish")) : null;
  publish?.addEventListener("click", async () => {
    publish.disabled = true;
    const d = await gql(`mutation($id: ID!) { publishEvent(id: $id) { event { status } ${USER_ERRORS} } }`, { id: event.id }).catch((error) => ({ error }));
    if (d.error || d.publishEvent.errors.length) {
      publish.disabled = false;
      return replace(live, errorState(d.error || d.publishEvent.errors[0]));
    }
    reload(t("published"));
  });

  const kpis = h(
    "ul",
    { class: "kpis" },
    [[t("capacity"), event.boothCapacity], [t("used"), event.boothsConfirmed], [t("left"), event.boothsAvailable], [t("attendance"), event.attendance]].map(([k, v]) => h("li", null, h("strong", null, number(v)), k)),
  );
  const zones = event.zones.length
    ? h("details", { class: "panel" }, h("summary", null, t("zones")), h("ul", { class: "plain-list" }, event.zones.map((z) => h("li", null, `${z.name}: ${z.boothsConfirmed}/${z.booths}`))))
    : null;

  const exportStatus = h("p", { class: "meta", role: "status" });
  const exportButton = (text, url, name) =>
    h("button", {
      type: "button",
      class: "button secondary",
      onclick: async () => {
        try {
          exportStatus.textContent = t("downloaded", await downloadWithToken(url, name));
        } catch (error) {
          exportStatus.textContent = errorText({ code: error.code });
        }
      },
    }, text);
  const exportsBox = h(
    "div",
    { class: "panel" },
    h("h2", null, t("exports")),
    h("div", { class: "actions" }, exportButton(t("csv"), event.exportUrls.exhibitorsCsv, `exhibitors-${event.id}.csv`), exportButton(t("xlsx"), event.exportUrls.exhibitorsXlsx, `exhibitors-${event.id}.xlsx`)),
    exportStatus,
  );

  const code = h("input", { name: "code", autocomplete: "off", autocapitalize: "characters", spellcheck: "false" });
  const checkIn = h("form", { class: "panel", novalidate: true }, h("h2", null, t("checkIn")), formAlert(), field(t("code"), code, { required: true }), h("div", { class: "actions" }, h("button", { type: "submit", class: "button" }, t("checkInButton"))));
  checkIn.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!code.value.trim()) return showPayloadErrors(checkIn, localized([{ code: "REQUIRED", field: "code" }]));
    await submitting({ form: checkIn }, async (failed) => {
      const d = await gql(`mutation($e: ID!, $c: String!) { checkInExhibitor(eventId: $e, code: $c) { firstCheckIn attendance application { producer { name } } ${USER_ERRORS} } }`, { e: event.id, c: code.value.trim() });
      const r = d.checkInExhibitor;
      if (failed(r.errors)) return;
      const name = r.application?.producer?.name || "";
      reload(r.firstCheckIn ? t("checkedIn", name, r.attendance) : t("again", name));
    });
  });

  const statusSelect = h("select", { id: "app-status", name: "status" }, h("option", { value: "" }, t("all")), options(APPLICATION_STATUS).map(([v, l]) => h("option", { value: v, selected: v === status }, l)));
  const filter = h("form", { class: "inline-form" }, h("label", { for: "app-status" }, t("status")), statusSelect, h("button", { type: "submit", class: "button secondary" }, t("filter")));
  filter.addEventListener("submit", (e) => {
    e.preventDefault();
    ctx.navigate(`/fairs/${event.id}/manage${statusSelect.value ? `?status=${statusSelect.value}` : ""}`);
  });
  statusSelect.addEventListener("change", () => filter.requestSubmit());

  const decide = async (cell, name, mutation, vars) => {
    const alert = cell.querySelector(".form-alert");
    try {
      const d = await gql(`mutation($id: ID!${vars.reason !== undefined ? ", $reason: String!" : ""}) { ${mutation}(id: $id${vars.reason !== undefined ? ", reason: $reason" : ""}) { ${DECIDE} } }`, vars);
      const r = d[mutation];
      if (r.errors.length) {
        alert.textContent = localized(r.errors).map((x) => x.message).join(" ");
        alert.hidden = false;
        return alert.focus();
      }
      reload(t("changed", name, label(APPLICATION_STATUS, r.application.status)));
    } catch (error) {
      alert.textContent = errorText({ code: error.code, message: error.message });
      alert.hidden = false;
    }
  };
  const rows = event.applications.nodes.map((a) => {
    const name = a.producer?.name || "";
    const cell = h("td", { class: "row-actions-cell" }, formAlert());
    const buttons = h("div", { class: "row-actions" });
    if (a.status === "PENDING" || a.status === "WAITLISTED") {
      buttons.append(h("button", { type: "button", class: "button small", "aria-label": `${t("approve")}: ${name}`, onclick: () => decide(cell, name, "approveApplication", { id: a.id }) }, t("approve")));
    }
    if (a.status === "PENDING") {
      buttons.append(h("button", { type: "button", class: "button secondary small", "aria-label": `${t("waitlist")}: ${name}`, onclick: () => decide(cell, name, "waitlistApplication", { id: a.id }) }, t("waitlist")));
    }
    if (a.status === "PENDING" || a.status === "WAITLISTED" || a.status === "CONFIRMED") {
      const reason = h("input", { name: "reason", maxlength: 500 });
      const rejectForm = h("form", { novalidate: true }, field(t("reason"), reason, { required: true }), h("button", { type: "submit", class: "button danger small" }, t("confirmReject")));
      rejectForm.addEventListener("submit", (e) => {
        e.preventDefault();
        if (!reason.value.trim()) return showPayloadErrors(rejectForm, localized([{ code: "REQUIRED", field: "reason" }]));
        decide(cell, name, "rejectApplication", { id: a.id, reason: reason.value.trim() });
      });
      buttons.append(h("details", { class: "reject" }, h("summary", { class: "button secondary small", "aria-label": `${t("reject")}: ${name}` }, t("reject")), rejectForm));
    }
    cell.append(buttons);
    return h(
      "tr",
      null,
      h("th", { scope: "row" }, name, h("br"), h("span", { class: "meta" }, a.producer?.province?.name || ""), a.products.length ? h("p", { class: "meta" }, `${t("products")}: ${a.products.map((p) => p.name).join(", ")}`) : null, a.notes ? h("p", { class: "meta" }, `${t("notes")}: ${a.notes}`) : null),
      h("td", null, badge(label(APPLICATION_STATUS, a.status), APPLICATION_BADGE[a.status]), a.waitlistPosition ? h("span", { class: "meta" }, ` ${t("position", a.waitlistPosition)}`) : null, a.reason ? h("p", { class: "meta" }, a.reason) : null, a.checkedInAt ? h("p", { class: "meta" }, `✓ ${dateTime(a.checkedInAt)}`) : null),
      h("td", { "data-label": t("zone") }, a.zone?.name || "–"),
      h("td", { class: "num", "data-label": t("booths") }, String(a.booths)),
      h("td", { "data-label": t("applied") }, date(a.createdAt)),
      cell,
    );
  });
  const table = rows.length
    ? h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "applications" },
          h("caption", { class: "visually-hidden" }, t("applications")),
          h("thead", null, h("tr", null, [t("coop"), t("status"), t("zone"), t("booths"), t("applied"), t("actions")].map((c, i) => h("th", { scope: "col", class: i === 3 ? "num" : null }, c)))),
          h("tbody", null, rows),
        ),
      )
    : emptyState(status ? t("noneFiltered") : t("none"));

  return h(
    "section",
    { class: "fair-manage" },
    h("p", null, h("a", { href: `/fairs/${event.id}` }, t("back")), " · ", h("a", { href: "/organizer" }, t("dashboard"))),
    h("h1", null, event.title),
    h("p", { class: "meta" }, `${dateTime(event.startsAt)} · ${[event.venueName, event.province?.name].filter(Boolean).join(", ")}`),
    event.status === "DRAFT" ? h("p", { class: "notice warn" }, t("draft"), " ", publish) : null,
    live,
    kpis,
    zones,
    h("div", { class: "manage-tools" }, exportsBox, checkIn),
    h("h2", null, t("applications")),
    filter,
    table,
    event.applications.pageInfo.hasNextPage ? h("p", { class: "meta" }, t("more")) : null,
  );
}
