// A cooperative member signs in and adds a product with a photo made here
// (a tiny valid PNG): the product then exists with its image, in the API and
// on the member's page. Also: a wrong password is said at the password field.

import assert from "node:assert/strict";
import { DESKTOP, PHONE } from "../lib.mjs";

// 1×1 PNG.
const PNG = Buffer.from(
  "89504E470D0A1A0A0000000D4948445200000001000000010806000000" + "1F15C4890000000A49444154789C63000100000500010D0A2DB40000000049454E44AE426082",
  "hex",
);

export default async function cooperativeProduct(session) {
  // Wrong password: a typed error on the field, still on the sign-in page.
  const phone = await session.page(PHONE);
  await session.open(phone, "/sign-in?next=/me/cooperative");
  await phone.getByLabel(/Email/).fill("quyetthang@example.vn");
  await phone.getByLabel(/Mật khẩu/).fill("not-the-password");
  await phone.getByRole("button", { name: /Đăng nhập/ }).click();
  await phone.locator(".field-error:not([hidden])").first().waitFor();
  assert.match(await phone.locator("[data-field=password] .field-error").innerText(), /Email hoặc mật khẩu không đúng/);
  assert.equal(await phone.getByLabel(/Mật khẩu/).getAttribute("aria-invalid"), "true");
  await session.screenshot(phone, "sign-in-error");

  await session.signIn(phone, "quyetthang@example.vn");
  assert.equal(new URL(phone.url()).pathname, "/me/cooperative", "a member lands on their cooperative");
  await session.screenshot(phone, "my-cooperative");

  await phone.getByRole("link", { name: "Thêm sản phẩm" }).click();
  await phone.locator("main h1", { hasText: "Thêm sản phẩm" }).waitFor();
  await session.settled(phone);
  await session.screenshot(phone, "product-new-empty");
  // Submitting empty says what is missing, on the fields.
  await phone.getByRole("button", { name: "Lưu sản phẩm" }).click();
  await phone.locator("[data-field=name] .field-error:not([hidden])").waitFor();

  const name = `Mật ong bạc hà thử ${Date.now() % 100000}`;
  await phone.getByLabel("Tên sản phẩm").fill(name);
  await phone.getByLabel("Nhóm sản phẩm").selectOption("HONEY");
  await phone.getByLabel("Đơn vị bán", { exact: false }).first().fill("lít");
  await phone.getByLabel("Giá thấp nhất (đồng/đơn vị)").fill("250000");
  await phone.getByLabel("Giá cao nhất (đồng/đơn vị)").fill("320000");
  await phone.getByLabel("Tháng 4").check();
  await phone.getByLabel("Ảnh sản phẩm").setInputFiles({ name: "mat-ong.png", mimeType: "image/png", buffer: PNG });
  await phone.locator(".file-previews img").waitFor();
  await session.screenshot(phone, "product-new-filled");
  await phone.getByRole("button", { name: "Lưu sản phẩm" }).click();
  await phone.waitForURL(/\/me\/cooperative/);
  await session.settled(phone);
  await phone.getByText(`Đã lưu sản phẩm “${name}”.`).waitFor();
  const card = phone.locator(".card", { hasText: name });
  await card.waitFor();
  assert.ok(await card.locator("img").count(), "the new product shows its photo");

  // Through the API: the product exists with its image.
  const token = await session.token("quyetthang@example.vn");
  const me = await session.graphql(`{ me { organizations { id kind } } }`, {}, token);
  const coop = me.me.organizations.find((o) => o.kind === "COOPERATIVE");
  const data = await session.graphql(
    `query($id: ID!) { producer(id: $id) { products(first: 100) { nodes { name unit priceMinVnd harvestMonths images { url contentType } } } } }`,
    { id: coop.id },
    token,
  );
  const product = data.producer.products.nodes.find((p) => p.name === name);
  assert.ok(product, "the product was created");
  assert.equal(product.unit, "lít");
  assert.equal(product.priceMinVnd, 250000);
  assert.deepEqual(product.harvestMonths, [4]);
  assert.equal(product.images.length, 1);
  assert.equal(product.images[0].contentType, "image/png");
  const image = await fetch(session.baseUrl + product.images[0].url);
  assert.equal(image.status, 200);

  // A file that is not an image is refused on the field.
  await card.getByRole("link", { name: /Sửa/ }).click();
  await phone.locator("main h1", { hasText: "Sửa sản phẩm" }).waitFor();
  await session.settled(phone);
  await phone.getByLabel("Ảnh sản phẩm").setInputFiles({ name: "ghi-chu.png", mimeType: "image/png", buffer: Buffer.from("not an image at all") });
  await phone.locator("[data-field=imageFileIds] .field-error:not([hidden])").waitFor();
  await session.screenshot(phone, "product-edit-bad-file");

  // The profile editor: a bad tax code is refused on its field; a good edit is saved.
  await session.open(phone, "/me/cooperative");
  await phone.getByText("Sửa hồ sơ hợp tác xã").click();
  await phone.getByLabel("Mã số thuế").waitFor();
  await phone.getByLabel("Mã số thuế").fill("12345");
  await phone.getByRole("button", { name: "Lưu hồ sơ" }).click();
  await phone.locator("[data-field=taxCode] .field-error:not([hidden])").waitFor();
  await session.screenshot(phone, "profile-error");
  await phone.getByLabel("Mã số thuế").fill("3100123456");
  await phone.getByLabel("Số thành viên").fill("31");
  await phone.getByRole("button", { name: "Lưu hồ sơ" }).click();
  await phone.getByText("Đã lưu hồ sơ.").waitFor();
  const saved = await session.graphql(`query($id: ID!) { producer(id: $id) { taxCode memberCount } }`, { id: coop.id }, token);
  assert.deepEqual(saved.producer, { taxCode: "3100123456", memberCount: 31 });

  // A certificate with its evidence PDF.
  await session.open(phone, "/me/cooperative");
  await phone.getByText("Thêm chứng nhận").click();
  await phone.getByLabel("Số chứng nhận").fill("VG-44-2026-017");
  await phone.getByLabel("Đơn vị cấp").fill("Sở Nông nghiệp và Môi trường Quảng Trị");
  await phone.getByLabel("Ngày cấp").fill("2026-03-02");
  await phone.getByLabel("Bản scan hoặc PDF giấy chứng nhận").setInputFiles({
    name: "vietgap.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
  });
  await phone.getByText("Đã tải lên vietgap.pdf.").waitFor();
  await phone.getByRole("button", { name: "Lưu chứng nhận" }).click();
  await phone.locator("table", { hasText: "VG-44-2026-017" }).waitFor();
  assert.match(await phone.locator("tr", { hasText: "VG-44-2026-017" }).innerText(), /VietGAP[\s\S]*Giấy chứng nhận[\s\S]*Còn hiệu lực/);
  await session.screenshot(phone, "certificate-added");

  // Desktop screenshots of the pages (signed in through the API token).
  const desk = await session.page(DESKTOP);
  await desk.addInitScript((tok) => localStorage.setItem("coopbridge.token", tok), token);
  await session.open(desk, "/me/cooperative");
  await session.screenshot(desk, "my-cooperative");
  await session.open(desk, "/me/products/new");
  await session.screenshot(desk, "product-new-empty");
  await session.open(desk, "/sign-in");
  await session.screenshot(desk, "sign-in");
}
