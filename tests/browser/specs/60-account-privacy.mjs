// A person's rights over their data, from the pages: the footer leads to the
// privacy statement; the account page downloads a JSON copy of everything
// held about the account and deletes it, after which it no longer signs in;
// a cooperative's profile editor lists a contact person only with their
// consent, and removes one for good.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { DESKTOP, PHONE } from "../lib.mjs";

export default async function accountPrivacy(session) {
  // A buyer's account made for this journey, so no demo account is lost.
  const admin = await session.token("admin@example.vn");
  const orgs = await session.graphql(`{ organizations(kind: BUYER_COMPANY, first: 1) { nodes { id name } } }`, {}, admin);
  const company = orgs.organizations.nodes[0];
  const email = `xoa-${Date.now() % 100000}@example.vn`;
  const password = "mật khẩu thử xoá 2026";
  const created = await session.graphql(
    `mutation($i: CreateAccountInput!) { createAccount(input: $i) { account { id } errors { code field } } }`,
    { i: { email, password, displayName: "Chị Thử Xoá", role: "BUYER", organizationIds: [company.id] } },
    admin,
  );
  assert.deepEqual(created.createAccount.errors, []);

  // The footer of every page links the privacy statement, in Vietnamese.
  const page = await session.page(PHONE);
  await session.open(page, "/fairs");
  await page.locator("#site-footer").getByRole("link", { name: "Quyền riêng tư" }).click();
  await page.locator("main h1", { hasText: "Quyền riêng tư và dữ liệu cá nhân" }).waitFor();
  assert.match(await page.locator("main").innerText(), /Lưu trong bao lâu/);
  await session.screenshot(page, "privacy");

  await session.signIn(page, email, password);
  await page.locator("#site-nav").getByRole("link", { name: "Tài khoản" }).click();
  await page.locator("main h1", { hasText: "Tài khoản của tôi" }).waitFor();
  await session.settled(page);
  assert.match(await page.locator("main").innerText(), new RegExp(company.name));
  await session.screenshot(page, "account");

  // The copy downloads with the token, as a JSON file about this account.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải dữ liệu của tôi" }).click()]);
  assert.match(download.suggestedFilename(), /^coopbridge-personal-data-\d+\.json$/);
  const copy = JSON.parse(await readFile(await download.path(), "utf8"));
  assert.equal(copy.format, "coopbridge.personal-data");
  assert.equal(copy.account.email, email);
  assert.equal(copy.memberships[0].organizationName, company.name);

  // Deleting asks for the password and the confirmation, on their fields.
  const del = page.locator("form[aria-labelledby=delete-title]");
  await del.getByRole("button", { name: "Xoá tài khoản" }).click();
  await del.locator("[data-field=password] .field-error:not([hidden])").waitFor();
  await del.locator("[data-field=confirm] .field-error:not([hidden])").waitFor();
  await del.getByLabel(/Mật khẩu/).fill("không phải mật khẩu");
  await del.getByLabel("Tôi hiểu và muốn xoá tài khoản này").check();
  await del.getByRole("button", { name: "Xoá tài khoản" }).click();
  await del.locator("[data-field=password] .field-error:not([hidden])").waitFor();
  assert.match(await del.locator("[data-field=password] .field-error").innerText(), /không đúng/);
  await del.getByLabel(/Mật khẩu/).fill(password);
  await del.getByRole("button", { name: "Xoá tài khoản" }).click();
  await page.waitForURL(/\/privacy$/);
  await page.getByText("Tài khoản của bạn đã được xoá.").waitFor();
  await page.locator("#site-nav").getByRole("link", { name: "Đăng nhập" }).waitFor();
  await session.screenshot(page, "deleted");

  // The old email and password no longer sign in.
  const again = await session.graphql(
    `mutation($input: SignInInput!) { signIn(input: $input) { token errors { code } } }`,
    { input: { email, password } },
  );
  assert.equal(again.signIn.token, null);
  assert.equal(again.signIn.errors[0].code, "INVALID_CREDENTIALS");

  // The account page at desktop width, signed out: it asks to sign in.
  const desk = await session.page(DESKTOP);
  await session.open(desk, "/me/account");
  await desk.getByRole("link", { name: "Đăng nhập" }).first().waitFor();

  // The profile editor: a changed contact person needs their consent.
  const member = await session.page(DESKTOP);
  await session.signIn(member, "quyetthang@example.vn");
  await session.open(member, "/me/cooperative");
  await member.getByText("Sửa hồ sơ hợp tác xã").click();
  const form = member.locator(".profile-details form");
  await form.waitFor();
  assert.match(await form.locator("[data-field=contactConsent]").innerText(), /Đã ghi nhận sự đồng ý ngày/);
  await form.getByLabel("Điện thoại", { exact: true }).fill("0900000999");
  await form.getByRole("button", { name: "Lưu hồ sơ" }).click();
  await form.locator("[data-field=contactConsent] .field-error:not([hidden])").waitFor();
  await session.screenshot(member, "consent-required");
  await form.getByLabel(/Người liên hệ đã đồng ý/).check();
  await form.getByRole("button", { name: "Lưu hồ sơ" }).click();
  await member.getByText("Đã lưu hồ sơ.").first().waitFor();

  // Removing the contact person for good, after a confirmation.
  await session.settled(member);
  await member.getByText("Sửa hồ sơ hợp tác xã").click();
  member.once("dialog", (dialog) => dialog.accept());
  await member.getByRole("button", { name: "Xoá hẳn người liên hệ" }).click();
  await member.getByText("Đã xoá người liên hệ.").first().waitFor();
  const memberToken = await session.token("quyetthang@example.vn");
  const mine = await session.graphql(`{ me { organizations { id kind } } }`, {}, memberToken);
  const coop = mine.me.organizations.find((o) => o.kind === "COOPERATIVE");
  const after = await session.graphql(`query($id: ID!) { producer(id: $id) { contacts { contactPerson phone email } } }`, { id: coop.id }, memberToken);
  assert.deepEqual(after.producer.contacts, { contactPerson: null, phone: null, email: null });
}
