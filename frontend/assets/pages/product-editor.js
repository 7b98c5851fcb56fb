// Create or edit a product of one's cooperative: every field of ProductInput,
// photos uploaded on choice (phone camera welcome) with previews, errors on
// their fields.

import { h } from "../lib/dom.js";
import { strings } from "../lib/i18n.js";
import { USER_ERRORS, gql } from "../lib/api.js";
import { organizationsOf } from "../lib/session.js";
import { field, formAlert, showPayloadErrors, errorState } from "../lib/ui.js";
import { CATEGORY, options } from "../lib/labels-account.js";
import { localized, signInRequired } from "../lib/errors-account.js";
import { submitting } from "../lib/submit.js";
import { fileInput } from "../lib/file-input.js";
import { flash } from "../lib/flash.js";

const t = strings({
  vi: {
    newTitle: "Thêm sản phẩm",
    editTitle: (name) => `Sửa sản phẩm: ${name}`,
    back: "← Về trang HTX",
    name: "Tên sản phẩm",
    category: "Nhóm sản phẩm",
    choose: "— Chọn —",
    description: "Mô tả",
    unit: "Đơn vị bán",
    unitHint: "Ví dụ: kg, lít, hộp, con.",
    priceMin: "Giá thấp nhất (đồng/đơn vị)",
    priceMax: "Giá cao nhất (đồng/đơn vị)",
    minOrder: "Đơn hàng tối thiểu (số lượng)",
    capacity: "Sản lượng cung cấp mỗi tháng (số lượng)",
    months: "Tháng thu hoạch / sản xuất",
    monthsHint: "Bỏ trống nếu quanh năm hoặc chưa rõ.",
    month: (m) => `Tháng ${m}`,
    shelfLife: "Hạn sử dụng (ngày)",
    packaging: "Quy cách đóng gói",
    available: "Đang nhận đặt hàng",
    images: "Ảnh sản phẩm",
    imagesHint: "JPEG, PNG hoặc WebP, tối đa 5 MB mỗi ảnh. Ảnh đầu tiên là ảnh bìa. Có thể chụp bằng điện thoại.",
    save: "Lưu sản phẩm",
    saving: "Đang lưu…",
    wait: "Vui lòng đợi ảnh tải lên xong.",
    saved: (name) => `Đã lưu sản phẩm “${name}”.`,
    noCoop: "Tài khoản của bạn chưa thuộc hợp tác xã nào.",
    notYours: "Sản phẩm này không thuộc hợp tác xã của bạn.",
  },
  en: {
    newTitle: "Add a product",
    editTitle: (name) => `Edit product: ${name}`,
    back: "← Back to my cooperative",
    name: "Product name",
    category: "Category",
    choose: "— Choose —",
    description: "Description",
    unit: "Unit of sale",
    unitHint: "For example: kg, litre, box, head.",
    priceMin: "Lowest price (VND per unit)",
    priceMax: "Highest price (VND per unit)",
    minOrder: "Minimum order (in units)",
    capacity: "Monthly supply capacity (in units)",
    months: "Harvest / production months",
    monthsHint: "Leave empty when all year or unknown.",
    month: (m) => `Month ${m}`,
    shelfLife: "Shelf life (days)",
    packaging: "Packaging",
    available: "Taking orders now",
    images: "Product photos",
    imagesHint: "JPEG, PNG or WebP, up to 5 MB each. The first photo is the cover. You can take one with your phone.",
    save: "Save product",
    saving: "Saving…",
    wait: "Please wait for the photos to finish uploading.",
    saved: (name) => `Product “${name}” saved.`,
    noCoop: "Your account does not belong to a cooperative yet.",
    notYours: "This product does not belong to your cooperative.",
  },
});

const PRODUCT = `query($id: ID!) { product(id: $id) { id name category description unit priceMinVnd priceMaxVnd
  minOrderQuantity monthlyCapacity harvestMonths shelfLifeDays packaging available archived
  producer { id name } images { id url contentType fileName } } }`;
const FIELDS = `product { id name } ${USER_ERRORS}`;

const intOrNull = (input) => (input.value.trim() === "" ? null : Number(input.value));

export default async function productEditor(ctx) {
  const coops = organizationsOf(ctx.account, "COOPERATIVE");
  if (!ctx.account) return signInRequired(ctx, t("newTitle"));
  const editing = ctx.params.id;
  let product = null;
  let producerId = ctx.query.get("producer") || coops[0]?.id;
  if (editing) {
    product = (await gql(PRODUCT, { id: editing })).product;
    if (!product) throw Object.assign(new Error("no product"), { code: "NOT_FOUND" });
    producerId = product.producer?.id;
  }
  ctx.title = product ? t("editTitle", product.name) : t("newTitle");
  if (!producerId) return h("section", null, h("h1", null, ctx.title), errorState({ code: "FORBIDDEN" }), h("p", null, t("noCoop")));
  const isAdmin = ["ADMIN", "ORGANIZER"].includes(ctx.account.role);
  if (!isAdmin && !coops.some((c) => c.id === producerId)) {
    return h("section", null, h("h1", null, ctx.title), h("p", { class: "state state-error", role: "alert" }, t("notYours")));
  }

  const p = product || { harvestMonths: [], available: true, images: [] };
  const num = (name, value, extra = {}) => h("input", { type: "number", name, inputmode: "numeric", min: 0, step: 1, value: value ?? "", ...extra });
  const inputs = {
    name: h("input", { name: "name", value: p.name || "", maxlength: 200, autocomplete: "off" }),
    category: h("select", { name: "category" }, h("option", { value: "" }, t("choose")), options(CATEGORY).map(([v, l]) => h("option", { value: v, selected: v === p.category }, l))),
    description: h("textarea", { name: "description", rows: 4, value: p.description || "" }),
    unit: h("input", { name: "unit", value: p.unit || "", maxlength: 30, autocomplete: "off" }),
    priceMinVnd: num("priceMinVnd", p.priceMinVnd),
    priceMaxVnd: num("priceMaxVnd", p.priceMaxVnd),
    minOrderQuantity: num("minOrderQuantity", p.minOrderQuantity),
    monthlyCapacity: num("monthlyCapacity", p.monthlyCapacity),
    shelfLifeDays: num("shelfLifeDays", p.shelfLifeDays),
    packaging: h("input", { name: "packaging", value: p.packaging || "" }),
    available: h("input", { type: "checkbox", name: "available", checked: p.available }),
  };
  const monthBoxes = Array.from({ length: 12 }, (_, i) => h("input", { type: "checkbox", value: i + 1, checked: p.harvestMonths.includes(i + 1) }));
  const images = fileInput({ label: t("images"), name: "imageFileIds", orgId: producerId, purpose: "PRODUCT_IMAGE", multiple: true, hint: t("imagesHint"), initial: p.images });
  const button = h("button", { type: "submit", class: "button" }, t("save"));
  const form = h(
    "form",
    { class: "panel editor-form", novalidate: true },
    formAlert(),
    field(t("name"), inputs.name, { required: true }),
    field(t("category"), inputs.category, { required: true }),
    field(t("unit"), inputs.unit, { required: true, hint: t("unitHint") }),
    h("div", { class: "field-pair" }, field(t("priceMin"), inputs.priceMinVnd), field(t("priceMax"), inputs.priceMaxVnd)),
    h("div", { class: "field-pair" }, field(t("minOrder"), inputs.minOrderQuantity), field(t("capacity"), inputs.monthlyCapacity)),
    h(
      "fieldset",
      { class: "field months", dataset: { field: "harvestMonths" } },
      h("legend", null, t("months")),
      h("p", { class: "hint" }, t("monthsHint")),
      h("div", { class: "checks" }, monthBoxes.map((box, i) => h("label", null, box, t("month", i + 1)))),
      h("input", { type: "hidden", name: "harvestMonths" }),
      h("p", { class: "field-error", hidden: true }),
    ),
    field(t("shelfLife"), inputs.shelfLifeDays),
    field(t("packaging"), inputs.packaging),
    field(t("description"), inputs.description),
    images.node,
    h("p", { class: "check-field" }, h("label", null, inputs.available, t("available"))),
    h("div", { class: "actions" }, button, h("a", { class: "button secondary", href: `/me/cooperative?org=${encodeURIComponent(producerId)}` }, t("back").replace("← ", ""))),
  );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (images.busy()) return showPayloadErrors(form, [{ message: t("wait") }]);
    const input = {
      name: inputs.name.value.trim(),
      category: inputs.category.value || null,
      description: inputs.description.value,
      unit: inputs.unit.value.trim(),
      priceMinVnd: intOrNull(inputs.priceMinVnd),
      priceMaxVnd: intOrNull(inputs.priceMaxVnd),
      minOrderQuantity: intOrNull(inputs.minOrderQuantity),
      monthlyCapacity: intOrNull(inputs.monthlyCapacity),
      harvestMonths: monthBoxes.filter((b) => b.checked).map((b) => Number(b.value)),
      shelfLifeDays: intOrNull(inputs.shelfLifeDays),
      packaging: inputs.packaging.value,
      available: inputs.available.checked,
      imageFileIds: images.ids(),
    };
    const missing = ["name", "category", "unit"].filter((k) => !input[k]).map((k) => ({ code: "REQUIRED", field: k }));
    if (missing.length) return showPayloadErrors(form, localized(missing));
    await submitting({ form, buttons: button, busyText: t("saving") }, async (failed) => {
      const data = editing
        ? (await gql(`mutation($id: ID!, $i: ProductInput!) { updateProduct(id: $id, input: $i) { ${FIELDS} } }`, { id: editing, i: input })).updateProduct
        : (await gql(`mutation($p: ID!, $i: ProductInput!) { createProduct(producerId: $p, input: $i) { ${FIELDS} } }`, { p: producerId, i: input })).createProduct;
      if (failed(data.errors)) return;
      flash(t("saved", data.product.name));
      ctx.navigate(`/me/cooperative?org=${encodeURIComponent(producerId)}`);
    });
  });

  return h(
    "section",
    { class: "product-editor" },
    h("p", null, h("a", { href: `/me/cooperative?org=${encodeURIComponent(producerId)}` }, t("back"))),
    h("h1", null, ctx.title),
    product?.producer ? h("p", { class: "meta" }, product.producer.name) : null,
    form,
  );
}
