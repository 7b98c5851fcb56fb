// A cooperative applies to exhibit at a fair: which cooperative, which
// products, zone (when the fair has zones), booths and a note. After applying
// (or when it already has) the page shows the application's status, waitlist
// position and check-in code, and lets it withdraw.

import { h } from "../lib/dom.js";
import { strings } from "../lib/i18n.js";
import { USER_ERRORS, gql } from "../lib/api.js";
import { organizationsOf } from "../lib/session.js";
import { badge, emptyState, field, formAlert, showPayloadErrors } from "../lib/ui.js";
import { date, dateTime, vnd } from "../lib/format.js";
import { APPLICATION_BADGE, APPLICATION_STATUS, label } from "../lib/labels-account.js";
import { localized, signInRequired } from "../lib/errors-account.js";
import { submitting } from "../lib/submit.js";
import { flash, takeFlash } from "../lib/flash.js";

const t = strings({
  vi: {
    title: "Đăng ký gian hàng",
    back: "← Về trang hội chợ",
    when: "Thời gian",
    where: "Địa điểm",
    deadline: "Hạn đăng ký",
    booths: "Gian hàng còn trống",
    fee: "Phí gian hàng",
    free: "Miễn phí",
    approval: "Ban tổ chức duyệt từng hồ sơ; khi hết gian hàng, hồ sơ vào danh sách chờ.",
    auto: "Xác nhận ngay khi còn gian hàng; khi hết, hồ sơ vào danh sách chờ theo thứ tự đăng ký.",
    closed: "Hội chợ hiện không nhận đăng ký.",
    full: "Đã hết gian hàng: hồ sơ mới sẽ vào danh sách chờ và được xếp chỗ khi có gian hàng trống.",
    cooperative: "Hợp tác xã",
    zone: "Khu vực",
    zoneFree: (n, total) => `còn ${n}/${total} gian`,
    zoneProvince: "chỉ dành cho tỉnh được chỉ định",
    boothCount: "Số gian hàng",
    products: "Sản phẩm trưng bày",
    noProducts: "Hợp tác xã chưa có sản phẩm nào để chọn.",
    notes: "Ghi chú cho ban tổ chức",
    submit: "Gửi đăng ký",
    sending: "Đang gửi…",
    yours: "Hồ sơ của bạn",
    status: "Trạng thái",
    position: "Vị trí trong danh sách chờ",
    code: "Mã check-in (xuất trình tại cổng)",
    reason: "Lý do",
    applied: "Ngày đăng ký",
    withdraw: "Rút đăng ký",
    confirmWithdraw: "Rút đăng ký? Gian hàng sẽ được nhường cho hồ sơ trong danh sách chờ.",
    sentCONFIRMED: "Đăng ký thành công: gian hàng đã được xác nhận.",
    sentPENDING: "Đã gửi đăng ký; ban tổ chức sẽ xét duyệt.",
    sentWAITLISTED: "Đã hết gian hàng: hồ sơ của bạn đang trong danh sách chờ.",
    withdrawn: "Đã rút đăng ký.",
    deadlinePassed: (m) => `Không đăng ký được: ${m.includes("opens") ? "chưa mở đăng ký" : "đã hết hạn đăng ký"}.`,
    noCoop: "Chỉ thành viên hợp tác xã mới đăng ký gian hàng được.",
  },
  en: {
    title: "Apply for a booth",
    back: "← Back to the fair",
    when: "When",
    where: "Where",
    deadline: "Registration closes",
    booths: "Booths free",
    fee: "Booth fee",
    free: "Free",
    approval: "Organizers review each application; when booths run out, applications join the waitlist.",
    auto: "Confirmed at once while booths remain; after that, applications join the waitlist in order.",
    closed: "This fair is not taking applications now.",
    full: "All booths are taken: new applications join the waitlist and move up as booths free up.",
    cooperative: "Cooperative",
    zone: "Zone",
    zoneFree: (n, total) => `${n} of ${total} booths free`,
    zoneProvince: "reserved for one province",
    boothCount: "Booths",
    products: "Products to show",
    noProducts: "The cooperative has no products to choose yet.",
    notes: "Note to the organizers",
    submit: "Send application",
    sending: "Sending…",
    yours: "Your application",
    status: "Status",
    position: "Waitlist position",
    code: "Check-in code (show it at the entrance)",
    reason: "Reason",
    applied: "Applied on",
    withdraw: "Withdraw",
    confirmWithdraw: "Withdraw? Your booths go to the waitlist.",
    sentCONFIRMED: "Application confirmed: your booth is booked.",
    sentPENDING: "Application sent; the organizers will review it.",
    sentWAITLISTED: "All booths are taken: your application is on the waitlist.",
    withdrawn: "Application withdrawn.",
    deadlinePassed: (m) => `Cannot apply: ${m.includes("opens") ? "registration has not opened yet" : "the registration deadline has passed"}.`,
    noCoop: "Only cooperative members can apply for booths.",
  },
});

const EVENT = `query($id: ID!) { event(id: $id) { id title startsAt endsAt venueName street province { name }
  registrationOpen registrationClosesAt requiresApproval boothCapacity boothsAvailable feeVnd
  zones { id name booths boothsConfirmed provinceCode } } }`;
const COOP = `query($p: ID!) { producer(id: $p) { id name province { code } products(first: 100) { nodes { id name } } }
  cooperativeApplications(producerId: $p) { id status booths reason waitlistPosition checkInCode createdAt event { id } zone { name } products { name } } }`;

export default async function fairApply(ctx) {
  if (!ctx.account) return signInRequired(ctx, t("title"));
  const { event } = await gql(EVENT, { id: ctx.params.id });
  if (!event) throw Object.assign(new Error("no event"), { code: "NOT_FOUND" });
  ctx.title = `${t("title")}: ${event.title}`;
  const coops = organizationsOf(ctx.account, "COOPERATIVE");
  const head = [
    h("p", null, h("a", { href: `/fairs/${event.id}` }, t("back"))),
    h("h1", null, t("title"), h("br"), h("span", { class: "subtitle" }, event.title)),
    h(
      "dl",
      { class: "facts panel" },
      h("dt", null, t("when")), h("dd", null, `${dateTime(event.startsAt)} – ${dateTime(event.endsAt)}`),
      h("dt", null, t("where")), h("dd", null, [event.venueName, event.street, event.province?.name].filter(Boolean).join(", ")),
      h("dt", null, t("deadline")), h("dd", null, dateTime(event.registrationClosesAt)),
      h("dt", null, t("booths")), h("dd", null, `${event.boothsAvailable}/${event.boothCapacity}`),
      h("dt", null, t("fee")), h("dd", null, event.feeVnd ? vnd(event.feeVnd) : t("free")),
    ),
    h("p", { class: "meta" }, event.requiresApproval ? t("approval") : t("auto")),
  ];
  if (!coops.length) return h("section", null, head, emptyState(t("noCoop")));
  const coop = coops.find((c) => c.id === ctx.query.get("producer")) || coops[0];
  const data = await gql(COOP, { p: coop.id });
  const mine = data.cooperativeApplications.find((a) => a.event.id === event.id && a.status !== "WITHDRAWN");
  const here = `/fairs/${event.id}/apply?producer=${encodeURIComponent(coop.id)}`;

  if (mine) {
    const withdraw = h("button", { type: "button", class: "button secondary" }, t("withdraw"));
    const box = h(
      "div",
      { class: "panel application-status" },
      formAlert(),
      h("h2", null, t("yours"), ` – ${data.producer.name}`),
      h(
        "dl",
        { class: "facts" },
        h("dt", null, t("status")), h("dd", null, badge(label(APPLICATION_STATUS, mine.status), APPLICATION_BADGE[mine.status])),
        mine.waitlistPosition ? [h("dt", null, t("position")), h("dd", { class: "waitlist-position" }, String(mine.waitlistPosition))] : null,
        mine.reason ? [h("dt", null, t("reason")), h("dd", null, mine.reason)] : null,
        mine.zone ? [h("dt", null, t("zone")), h("dd", null, mine.zone.name)] : null,
        h("dt", null, t("boothCount")), h("dd", null, String(mine.booths)),
        mine.products.length ? [h("dt", null, t("products")), h("dd", null, mine.products.map((p) => p.name).join(", "))] : null,
        mine.checkInCode && mine.status === "CONFIRMED" ? [h("dt", null, t("code")), h("dd", null, h("strong", { class: "code" }, mine.checkInCode))] : null,
        h("dt", null, t("applied")), h("dd", null, date(mine.createdAt)),
      ),
      mine.status !== "REJECTED" ? h("div", { class: "actions" }, withdraw) : null,
    );
    withdraw.addEventListener("click", async () => {
      if (!confirm(t("confirmWithdraw"))) return;
      await submitting({ form: box, buttons: withdraw }, async (failed) => {
        const d = await gql(`mutation($id: ID!) { withdrawApplication(id: $id) { ${USER_ERRORS} } }`, { id: mine.id });
        if (failed(d.withdrawApplication.errors)) return;
        flash(t("withdrawn"));
        ctx.navigate(here, { replace: true });
      });
    });
    return h("section", { class: "fair-apply" }, head, h("div", { "aria-live": "polite" }, takeFlash()), box);
  }

  const coopSelect = h("select", { name: "producerId" }, coops.map((c) => h("option", { value: c.id, selected: c.id === coop.id }, c.name)));
  coopSelect.addEventListener("change", () => ctx.navigate(`/fairs/${event.id}/apply?producer=${encodeURIComponent(coopSelect.value)}`, { replace: true }));
  const zone = event.zones.length
    ? h(
        "select",
        { name: "zoneId" },
        event.zones.map((z) => {
          const elsewhere = z.provinceCode && z.provinceCode !== data.producer.province?.code;
          return h("option", { value: z.id, disabled: elsewhere || null }, `${z.name} (${t("zoneFree", z.booths - z.boothsConfirmed, z.booths)}${elsewhere ? `; ${t("zoneProvince")}` : ""})`);
        }),
      )
    : null;
  const booths = h("input", { type: "number", name: "booths", min: 1, value: 1, inputmode: "numeric" });
  const boxes = data.producer.products.nodes.map((p) => h("label", null, h("input", { type: "checkbox", value: p.id }), p.name));
  const notes = h("textarea", { name: "notes", rows: 3, maxlength: 2000 });
  const button = h("button", { type: "submit", class: "button", disabled: !event.registrationOpen || null }, t("submit"));
  const form = h(
    "form",
    { class: "panel editor-form", novalidate: true },
    formAlert(),
    coops.length > 1 ? field(t("cooperative"), coopSelect) : h("p", null, h("strong", null, t("cooperative"), ": "), data.producer.name),
    zone ? field(t("zone"), zone, { required: true }) : null,
    field(t("boothCount"), booths, { required: true }),
    h("fieldset", { class: "field", dataset: { field: "productIds" } }, h("legend", null, t("products")), boxes.length ? h("div", { class: "checks" }, boxes) : h("p", { class: "meta" }, t("noProducts")), h("p", { class: "field-error", hidden: true })),
    field(t("notes"), notes),
    h("div", { class: "actions" }, button),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    await submitting({ form, buttons: button, busyText: t("sending") }, async () => {
      const input = {
        eventId: event.id,
        producerId: coop.id,
        zoneId: zone ? zone.value : null,
        booths: Number(booths.value) || 0,
        productIds: boxes.map((l) => l.querySelector("input")).filter((b) => b.checked).map((b) => b.value),
        notes: notes.value,
      };
      const d = await gql(`mutation($i: ApplyToEventInput!) { applyToEvent(input: $i) { application { id status } ${USER_ERRORS} } }`, { i: input });
      const errors = d.applyToEvent.errors.map((x) => (x.field === "eventId" && x.code === "OUT_OF_RANGE" ? { ...x, field: null, code: "DEADLINE" } : x));
      const shown = localized(errors).map((x, i) => (errors[i].code === "DEADLINE" ? { ...x, message: t("deadlinePassed", errors[i].message) } : x));
      if (showPayloadErrors(form, shown)) return;
      flash(t(`sent${d.applyToEvent.application.status}`));
      ctx.navigate(here, { replace: true });
    });
  });
  return h(
    "section",
    { class: "fair-apply" },
    head,
    !event.registrationOpen ? h("p", { class: "notice warn", role: "status" }, t("closed")) : event.boothsAvailable === 0 ? h("p", { class: "notice warn", role: "status" }, t("full")) : null,
    h("div", { "aria-live": "polite" }, takeFlash()),
    form,
  );
}
