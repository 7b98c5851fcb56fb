// An organizer creates a fair (createEvent), as a draft or published at once
// (then publishEvent), with optional zones. Times are typed in Vietnam time.

import { h } from "../lib/dom.js";
import { strings } from "../lib/i18n.js";
import { USER_ERRORS, gql } from "../lib/api.js";
import { organizationsOf } from "../lib/session.js";
import { emptyState, field, formAlert, showPayloadErrors } from "../lib/ui.js";
import { EVENT_KIND, options } from "../lib/labels-account.js";
import { localized, signInRequired } from "../lib/errors-account.js";
import { submitting } from "../lib/submit.js";
import { flash } from "../lib/flash.js";

const t = strings({
  vi: {
    title: "Tạo hội chợ mới",
    back: "← Bảng điều khiển",
    organizer: "Đơn vị tổ chức",
    kind: "Loại sự kiện",
    titleField: "Tên hội chợ",
    description: "Giới thiệu",
    venue: "Nơi tổ chức",
    venueHint: "Ví dụ: Trung tâm Hội chợ Triển lãm tỉnh.",
    street: "Địa chỉ",
    province: "Tỉnh/thành phố",
    times: "Thời gian (giờ Việt Nam)",
    startsAt: "Bắt đầu",
    endsAt: "Kết thúc",
    opens: "Mở đăng ký",
    closes: "Hạn đăng ký",
    capacity: "Tổng số gian hàng",
    capacityHint: "Bỏ trống khi chia khu vực: tổng số gian của các khu.",
    zones: "Khu vực (không bắt buộc)",
    zoneName: (i) => `Tên khu ${i}`,
    zoneBooths: (i) => `Số gian khu ${i}`,
    zoneProvince: (i) => `Chỉ dành cho tỉnh (khu ${i})`,
    anyProvince: "— Mọi tỉnh —",
    addZone: "Thêm khu vực",
    fee: "Phí gian hàng (đồng)",
    approval: "Ban tổ chức duyệt từng hồ sơ",
    draft: "Lưu bản nháp",
    publish: "Tạo và công bố",
    saving: "Đang lưu…",
    savedDraft: "Đã lưu bản nháp. Công bố khi sẵn sàng.",
    savedPublished: "Đã tạo và công bố hội chợ.",
    organizersOnly: "Chỉ cán bộ tổ chức mới tạo được hội chợ.",
  },
  en: {
    title: "Create a fair",
    back: "← Dashboard",
    organizer: "Organizing body",
    kind: "Kind of event",
    titleField: "Title",
    description: "Description",
    venue: "Venue",
    venueHint: "For example: Provincial Exhibition Centre.",
    street: "Address",
    province: "Province",
    times: "Times (Vietnam time)",
    startsAt: "Starts",
    endsAt: "Ends",
    opens: "Registration opens",
    closes: "Registration closes",
    capacity: "Booths in total",
    capacityHint: "Leave empty with zones: the zones' booths add up.",
    zones: "Zones (optional)",
    zoneName: (i) => `Zone ${i} name`,
    zoneBooths: (i) => `Zone ${i} booths`,
    zoneProvince: (i) => `Reserved for province (zone ${i})`,
    anyProvince: "— Any province —",
    addZone: "Add a zone",
    fee: "Booth fee (VND)",
    approval: "Organizers review each application",
    draft: "Save draft",
    publish: "Create and publish",
    saving: "Saving…",
    savedDraft: "Draft saved. Publish it when ready.",
    savedPublished: "The fair is created and published.",
    organizersOnly: "Only organizers can create fairs.",
  },
});

/** "2026-12-18T08:00" typed in Vietnam → "2026-12-18T08:00:00+07:00". */
const vnTime = (value) => (value ? `${value}:00+07:00` : null);

export default async function fairEditor(ctx) {
  if (!ctx.account) return signInRequired(ctx, t("title"));
  ctx.title = t("title");
  const bodies = organizationsOf(ctx.account, "ORGANIZING_BODY");
  if (!["ORGANIZER", "ADMIN"].includes(ctx.account.role)) return h("section", null, h("h1", null, t("title")), emptyState(t("organizersOnly")));
  const { provinces } = await gql(`{ provinces(first: 100) { nodes { code name } } }`);
  const home = bodies[0]?.provinceCode;
  const provinceSelect = (name, selected, blank) =>
    h("select", { name }, blank ? h("option", { value: "" }, blank) : null, provinces.nodes.map((p) => h("option", { value: p.code, selected: p.code === selected }, p.name)));

  const i = {
    organizerId: h("select", { name: "organizerId" }, bodies.map((b) => h("option", { value: b.id }, b.name))),
    kind: h("select", { name: "kind" }, options(EVENT_KIND).map(([v, l]) => h("option", { value: v }, l))),
    title: h("input", { name: "title", maxlength: 200 }),
    description: h("textarea", { name: "description", rows: 4 }),
    venueName: h("input", { name: "venueName" }),
    street: h("input", { name: "street" }),
    provinceCode: provinceSelect("provinceCode", home),
    startsAt: h("input", { type: "datetime-local", name: "startsAt" }),
    endsAt: h("input", { type: "datetime-local", name: "endsAt" }),
    registrationOpensAt: h("input", { type: "datetime-local", name: "registrationOpensAt" }),
    registrationClosesAt: h("input", { type: "datetime-local", name: "registrationClosesAt" }),
    boothCapacity: h("input", { type: "number", name: "boothCapacity", min: 1, inputmode: "numeric" }),
    feeVnd: h("input", { type: "number", name: "feeVnd", min: 0, value: 0, inputmode: "numeric" }),
    requiresApproval: h("input", { type: "checkbox", name: "requiresApproval", checked: true }),
  };
  const zoneRows = [];
  const zoneList = h("div", { class: "zones" });
  const addZone = () => {
    const n = zoneRows.length + 1;
    const row = { name: h("input", { name: "name" }), booths: h("input", { type: "number", name: "booths", min: 1, inputmode: "numeric" }), province: provinceSelect("provinceCode", null, t("anyProvince")) };
    zoneRows.push(row);
    zoneList.append(h("div", { class: "field-pair zone-row" }, field(t("zoneName", n), row.name), field(t("zoneBooths", n), row.booths), field(t("zoneProvince", n), row.province)));
    row.name.focus();
  };
  const draftButton = h("button", { type: "submit", class: "button secondary", value: "draft" }, t("draft"));
  const publishButton = h("button", { type: "submit", class: "button", value: "publish" }, t("publish"));
  const form = h(
    "form",
    { class: "panel editor-form", novalidate: true },
    formAlert(),
    bodies.length > 1 ? field(t("organizer"), i.organizerId) : null,
    field(t("kind"), i.kind, { required: true }),
    field(t("titleField"), i.title, { required: true }),
    field(t("description"), i.description),
    h("div", { class: "field-pair" }, field(t("venue"), i.venueName, { required: true, hint: t("venueHint") }), field(t("street"), i.street)),
    field(t("province"), i.provinceCode, { required: true }),
    h(
      "fieldset",
      null,
      h("legend", null, t("times")),
      h("div", { class: "field-pair" }, field(t("startsAt"), i.startsAt, { required: true }), field(t("endsAt"), i.endsAt, { required: true })),
      h("div", { class: "field-pair" }, field(t("opens"), i.registrationOpensAt, { required: true }), field(t("closes"), i.registrationClosesAt, { required: true })),
    ),
    h("div", { class: "field-pair" }, field(t("capacity"), i.boothCapacity, { hint: t("capacityHint") }), field(t("fee"), i.feeVnd)),
    h("fieldset", null, h("legend", null, t("zones")), zoneList, h("button", { type: "button", class: "button secondary small", onclick: addZone }, t("addZone"))),
    h("p", { class: "check-field" }, h("label", null, i.requiresApproval, t("approval"))),
    h("div", { class: "actions" }, publishButton, draftButton),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const publish = e.submitter?.value === "publish";
    const input = {
      organizerId: bodies.length ? i.organizerId.value : null,
      kind: i.kind.value,
      title: i.title.value.trim(),
      description: i.description.value,
      venueName: i.venueName.value.trim(),
      street: i.street.value.trim(),
      provinceCode: Number(i.provinceCode.value),
      startsAt: vnTime(i.startsAt.value),
      endsAt: vnTime(i.endsAt.value),
      registrationOpensAt: vnTime(i.registrationOpensAt.value),
      registrationClosesAt: vnTime(i.registrationClosesAt.value),
      boothCapacity: i.boothCapacity.value ? Number(i.boothCapacity.value) : null,
      zones: zoneRows.filter((z) => z.name.value.trim()).map((z) => ({ name: z.name.value.trim(), booths: Number(z.booths.value) || 0, provinceCode: z.province.value ? Number(z.province.value) : null })),
      feeVnd: Number(i.feeVnd.value) || 0,
      requiresApproval: i.requiresApproval.checked,
      publish: false,
    };
    const missing = ["title", "venueName", "startsAt", "endsAt", "registrationOpensAt", "registrationClosesAt"].filter((k) => !input[k]).map((k) => ({ code: "REQUIRED", field: k }));
    if (missing.length) return showPayloadErrors(form, localized(missing));
    await submitting({ form, buttons: [draftButton, publishButton] }, async (failed) => {
      const d = await gql(`mutation($i: CreateEventInput!) { createEvent(input: $i) { event { id } ${USER_ERRORS} } }`, { i: input });
      if (failed(d.createEvent.errors)) return;
      const id = d.createEvent.event.id;
      if (publish) {
        const p = await gql(`mutation($id: ID!) { publishEvent(id: $id) { event { status } ${USER_ERRORS} } }`, { id });
        if (failed(p.publishEvent.errors)) return;
      }
      flash(publish ? t("savedPublished") : t("savedDraft"));
      ctx.navigate(`/fairs/${id}/manage`);
    });
  });
  return h("section", { class: "fair-editor" }, h("p", null, h("a", { href: "/organizer" }, t("back"))), h("h1", null, t("title")), form);
}
