// The cooperative's profile form: every field of ProducerInput (updateProducer),
// with the commune list following the chosen province, logo and photo uploads,
// and the API's field errors shown inline.

import { h, replace } from "./dom.js";
import { strings } from "./i18n.js";
import { USER_ERRORS, gql } from "./api.js";
import { field, formAlert, showPayloadErrors } from "./ui.js";
import { CATEGORY, PRODUCER_KIND, options } from "./labels-account.js";
import { localized } from "./errors-account.js";
import { submitting } from "./submit.js";
import { fileInput } from "./file-input.js";
import { flash } from "./flash.js";
import { date } from "./format.js";

const t = strings({
  vi: {
    kind: "Loại hình",
    name: "Tên",
    registrationNumber: "Số đăng ký kinh doanh",
    taxCode: "Mã số thuế",
    taxHint: "10 chữ số, hoặc 0123456789-001 cho chi nhánh.",
    foundedYear: "Năm thành lập",
    memberCount: "Số thành viên",
    description: "Giới thiệu",
    mainSectors: "Lĩnh vực chính",
    province: "Tỉnh/thành phố",
    commune: "Xã/phường",
    noCommune: "— Không chọn —",
    street: "Địa chỉ (thôn, xóm, số nhà)",
    latitude: "Vĩ độ",
    longitude: "Kinh độ",
    coordsHint: "Tùy chọn: tọa độ của HTX (ví dụ 17.4689 và 106.6223). Nhập cả hai.",
    contactPerson: "Người liên hệ",
    phone: "Điện thoại",
    email: "Email",
    contactConsent: "Người liên hệ đã đồng ý cho ghi tên, điện thoại và email lên hồ sơ",
    consentRecorded: (when) => `Đã ghi nhận sự đồng ý ngày ${when}.`,
    consentMissing: "Chưa ghi nhận sự đồng ý của người liên hệ.",
    consentHint: "Bắt buộc khi thêm hoặc thay đổi người liên hệ (Nghị định 13/2023/NĐ-CP).",
    removeContact: "Xoá hẳn người liên hệ",
    removeConfirm: "Xoá tên, điện thoại và email của người liên hệ khỏi hồ sơ và khỏi nhật ký? Không thể hoàn tác.",
    contactRemoved: "Đã xoá người liên hệ.",
    website: "Trang web",
    websiteHint: "Bắt đầu bằng https://",
    logo: "Logo",
    photos: "Ảnh hợp tác xã (vườn, trại, xưởng)",
    imageHint: "JPEG, PNG hoặc WebP, tối đa 5 MB.",
    save: "Lưu hồ sơ",
    saving: "Đang lưu…",
    saved: "Đã lưu hồ sơ.",
    wait: "Vui lòng đợi ảnh tải lên xong.",
  },
  en: {
    kind: "Legal form",
    name: "Name",
    registrationNumber: "Business registration number",
    taxCode: "Tax code",
    taxHint: "10 digits, or 0123456789-001 for a branch.",
    foundedYear: "Year founded",
    memberCount: "Members",
    description: "About",
    mainSectors: "Main sectors",
    province: "Province",
    commune: "Commune / ward",
    noCommune: "— None —",
    street: "Street address (hamlet, village, number)",
    latitude: "Latitude",
    longitude: "Longitude",
    coordsHint: "Optional: the cooperative's position (e.g. 17.4689 and 106.6223). Give both.",
    contactPerson: "Contact person",
    phone: "Phone",
    email: "Email",
    contactConsent: "The contact person agreed to have their name, phone and email on the profile",
    consentRecorded: (when) => `Consent recorded on ${when}.`,
    consentMissing: "No consent of the contact person recorded.",
    consentHint: "Required when adding or changing the contact person (Decree 13/2023/NĐ-CP).",
    removeContact: "Remove contact person for good",
    removeConfirm: "Remove the contact person's name, phone and email from the profile and from the audit record? This cannot be undone.",
    contactRemoved: "Contact person removed.",
    website: "Website",
    websiteHint: "Starts with https://",
    logo: "Logo",
    photos: "Photos of the cooperative (fields, barns, workshops)",
    imageHint: "JPEG, PNG or WebP, up to 5 MB.",
    save: "Save profile",
    saving: "Saving…",
    saved: "Profile saved.",
    wait: "Please wait for the photos to finish uploading.",
  },
});

let provincesCache = null;
async function provinces() {
  provincesCache ||= gql(`{ provinces(first: 100) { nodes { code name } } }`).then((d) => d.provinces.nodes);
  return provincesCache;
}

async function communes(provinceCode) {
  const all = [];
  let after = null;
  for (let i = 0; i < 5; i++) {
    const d = await gql(
      `query($p: Int!, $after: String) { communes(provinceCode: $p, first: 100, after: $after) { nodes { code name } pageInfo { hasNextPage endCursor } } }`,
      { p: provinceCode, after },
    );
    all.push(...d.communes.nodes);
    if (!d.communes.pageInfo.hasNextPage) break;
    after = d.communes.pageInfo.endCursor;
  }
  return all.sort((a, b) => a.name.localeCompare(b.name, "vi"));
}

/** The profile form for producer `p` (as loaded by my-cooperative); `onSaved(producer)` after success. */
export async function producerForm(p, onSaved) {
  const text = (name, value, attrs = {}) => h("input", { name, value: value ?? "", autocomplete: "off", ...attrs });
  const num = (name, value, attrs = {}) => text(name, value, { type: "number", inputmode: "numeric", ...attrs });
  const provinceList = await provinces();
  const i = {
    kind: h("select", { name: "kind" }, options(PRODUCER_KIND).map(([v, l]) => h("option", { value: v, selected: v === p.kind }, l))),
    name: text("name", p.name, { maxlength: 200 }),
    registrationNumber: text("registrationNumber", p.registrationNumber),
    taxCode: text("taxCode", p.taxCode, { inputmode: "numeric" }),
    foundedYear: num("foundedYear", p.foundedYear, { min: 1900, max: 2100 }),
    memberCount: num("memberCount", p.memberCount, { min: 0 }),
    description: h("textarea", { name: "description", rows: 5, value: p.description || "" }),
    provinceCode: h("select", { name: "provinceCode" }, provinceList.map((pr) => h("option", { value: pr.code, selected: pr.code === p.province?.code }, pr.name))),
    communeCode: h("select", { name: "communeCode" }),
    street: text("street", p.street),
    latitude: text("latitude", p.latitude, { type: "number", inputmode: "decimal", step: "any" }),
    longitude: text("longitude", p.longitude, { type: "number", inputmode: "decimal", step: "any" }),
    contactPerson: text("contactPerson", p.contacts?.contactPerson),
    phone: text("phone", p.contacts?.phone, { type: "tel", autocomplete: "tel" }),
    email: text("email", p.contacts?.email, { type: "email", autocapitalize: "off" }),
    website: text("website", p.website, { type: "url", placeholder: "https://" }),
  };
  const consent = h("input", { type: "checkbox", name: "contactConsent" });
  const recorded = p.contacts?.consentRecordedAt;
  const hasContact = p.contacts?.contactPerson || p.contacts?.phone || p.contacts?.email;
  const consentField = h(
    "div",
    { class: "field", dataset: { field: "contactConsent" } },
    h("label", null, consent, " ", t("contactConsent")),
    h("p", { class: "hint" }, hasContact ? (recorded ? t("consentRecorded", date(recorded)) : t("consentMissing")) : null, " ", t("consentHint")),
    h("p", { class: "field-error", hidden: true }),
  );
  const removeButton = hasContact ? h("button", { type: "button", class: "button secondary", id: "remove-contact" }, t("removeContact")) : null;
  const sectorBoxes = options(CATEGORY).map(([v, l]) => h("label", null, h("input", { type: "checkbox", value: v, checked: p.mainSectors.includes(v) }), l));
  const fillCommunes = async (selected) => {
    const list = await communes(Number(i.provinceCode.value));
    replace(i.communeCode, h("option", { value: "" }, t("noCommune")), list.map((c) => h("option", { value: c.code, selected: c.code === selected }, c.name)));
  };
  await fillCommunes(p.commune?.code);
  i.provinceCode.addEventListener("change", () => fillCommunes(null));
  const logo = fileInput({ label: t("logo"), name: "logoFileId", orgId: p.id, purpose: "LOGO", hint: t("imageHint"), initial: p.logo ? [p.logo] : [] });
  const photos = fileInput({ label: t("photos"), name: "photoFileIds", orgId: p.id, purpose: "PHOTO", multiple: true, hint: t("imageHint"), initial: p.photos });
  const status = h("p", { role: "status", "aria-live": "polite", class: "save-status" });
  const button = h("button", { type: "submit", class: "button" }, t("save"));
  const form = h(
    "form",
    { class: "panel editor-form", novalidate: true },
    formAlert(),
    field(t("name"), i.name, { required: true }),
    field(t("kind"), i.kind),
    h("div", { class: "field-pair" }, field(t("registrationNumber"), i.registrationNumber), field(t("taxCode"), i.taxCode, { hint: t("taxHint") })),
    h("div", { class: "field-pair" }, field(t("foundedYear"), i.foundedYear), field(t("memberCount"), i.memberCount)),
    h("fieldset", { class: "field", dataset: { field: "mainSectors" } }, h("legend", null, t("mainSectors")), h("div", { class: "checks" }, sectorBoxes), h("p", { class: "field-error", hidden: true })),
    field(t("description"), i.description),
    h("div", { class: "field-pair" }, field(t("province"), i.provinceCode, { required: true }), field(t("commune"), i.communeCode)),
    field(t("street"), i.street),
    h("div", { class: "field-pair" }, field(t("latitude"), i.latitude, { hint: t("coordsHint") }), field(t("longitude"), i.longitude)),
    h("div", { class: "field-pair" }, field(t("contactPerson"), i.contactPerson), field(t("phone"), i.phone)),
    h("div", { class: "field-pair" }, field(t("email"), i.email), field(t("website"), i.website, { hint: t("websiteHint") })),
    consentField,
    removeButton ? h("div", { class: "actions" }, removeButton) : null,
    logo.node,
    photos.node,
    h("div", { class: "actions" }, button),
    status,
  );
  const val = (el) => (el.value.trim() === "" ? null : el.value.trim());
  const numVal = (el) => (el.value.trim() === "" ? null : Number(el.value));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "";
    if (logo.busy() || photos.busy()) return showPayloadErrors(form, [{ message: t("wait") }]);
    const input = {
      kind: i.kind.value,
      name: i.name.value.trim(),
      registrationNumber: val(i.registrationNumber),
      taxCode: val(i.taxCode),
      foundedYear: numVal(i.foundedYear),
      memberCount: numVal(i.memberCount),
      description: i.description.value,
      mainSectors: sectorBoxes.map((l) => l.querySelector("input")).filter((b) => b.checked).map((b) => b.value),
      provinceCode: Number(i.provinceCode.value),
      communeCode: numVal(i.communeCode),
      street: i.street.value.trim(),
      latitude: numVal(i.latitude),
      longitude: numVal(i.longitude),
      contactPerson: val(i.contactPerson),
      phone: val(i.phone),
      email: val(i.email),
      contactConsent: consent.checked ? true : null,
      website: val(i.website),
      logoFileId: logo.ids()[0] ?? null,
      photoFileIds: photos.ids(),
    };
    if (!input.name) return showPayloadErrors(form, localized([{ code: "REQUIRED", field: "name" }]));
    await submitting({ form, buttons: button, busyText: t("saving") }, async (failed) => {
      const data = await gql(
        `mutation($id: ID!, $i: ProducerInput!) { updateProducer(id: $id, input: $i) { producer { id name } ${USER_ERRORS} } }`,
        { id: p.id, i: input },
      );
      if (failed(data.updateProducer.errors)) return;
      status.textContent = t("saved");
      flash(t("saved"));
      onSaved?.(data.updateProducer.producer);
    });
  });
  removeButton?.addEventListener("click", async () => {
    if (!window.confirm(t("removeConfirm"))) return;
    await submitting({ form, buttons: removeButton }, async (failed) => {
      const data = await gql(
        `mutation($i: RemoveContactPersonInput!) { removeContactPerson(input: $i) { removed ${USER_ERRORS} } }`,
        { i: { organizationId: p.id } },
      );
      if (failed(data.removeContactPerson.errors)) return;
      flash(t("contactRemoved"));
      onSaved?.(p);
    });
  });
  return form;
}
