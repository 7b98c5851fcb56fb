// Fairs: an organizer creates and publishes a fair through the API (the demo
// has none), a cooperative takes a booth; the list shows it with organizer,
// booths left and deadline; the event page shows zones, exhibitors, calendar
// link and the right action for anonymous visitors, members and organizers.

import assert from "node:assert/strict";
import { DESKTOP, PHONE } from "../lib.mjs";
import { signInByToken } from "./20-catalog.mjs";

const days = (n) => new Date(Date.now() + n * 86400000).toISOString();

export default async function fairs(session) {
  const organizer = await session.token("hoinongdan.quangtri@example.vn");
  const title = `Hội chợ nông sản an toàn Quảng Trị ${Date.now() % 100000}`;
  const created = await session.graphql(
    `mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id zones { id } } errors { code field message } } }`,
    {
      input: {
        kind: "TRADE_FAIR",
        title,
        description: "Gian hàng cho hợp tác xã có sản phẩm OCOP và VietGAP.",
        venueName: "Quảng trường Đông Hà",
        street: "Đường Hùng Vương",
        provinceCode: 44,
        startsAt: days(30),
        endsAt: days(33),
        registrationOpensAt: days(-1),
        registrationClosesAt: days(20),
        zones: [
          { name: "Khu A – sản phẩm OCOP", booths: 20 },
          { name: "Khu B – nông sản tươi", booths: 10 },
        ],
        feeVnd: 500000,
        publish: true,
      },
    },
    organizer,
  );
  assert.deepEqual(created.createEvent.errors, []);
  const event = created.createEvent.event;
  const member = await session.token("quyetthang@example.vn");
  const { producerBySlug: honey } = await session.graphql(
    `{ producerBySlug(slug: "hop-tac-xa-nong-nghiep-nuoi-ong-mat-quyet-thang") { id products(first: 1) { nodes { id } } } }`,
  );
  const applied = await session.graphql(
    `mutation($input: ApplyToEventInput!) { applyToEvent(input: $input) { application { status } errors { code field message } } }`,
    { input: { eventId: event.id, producerId: honey.id, zoneId: event.zones[0].id, booths: 2, productIds: [honey.products.nodes[0].id] } },
    member,
  );
  assert.deepEqual(applied.applyToEvent.errors, []);
  assert.equal(applied.applyToEvent.application.status, "CONFIRMED");

  // The list: dates, place, organizer, booths left, deadline, calendar.
  const page = await session.page(PHONE);
  await session.open(page, "/fairs");
  const card = page.locator(".event-cards .card", { hasText: title });
  await card.waitFor();
  const text = await card.innerText();
  assert.match(text, /Quảng trường Đông Hà/);
  assert.match(text, /Hội Nông dân|Quảng Trị/);
  assert.match(text, /Còn 28\/30 gian hàng/);
  assert.match(text, /Hạn đăng ký/);
  assert.equal(await card.getByRole("link", { name: /Thêm vào lịch/ }).getAttribute("href"), `/events/${event.id}/calendar.ics`);
  await session.screenshot(page, "list");

  // The event page, anonymous: sign in to apply.
  await card.getByRole("link", { name: title }).click();
  await page.waitForURL(new RegExp(`/fairs/${event.id}$`));
  await page.waitForFunction((t) => document.querySelector("main h1")?.innerText === t, title);
  await session.settled(page);
  const body = await page.locator("main").innerText();
  assert.match(body, /Khu A – sản phẩm OCOP/);
  assert.match(body, /Quyết Thắng/, "confirmed exhibitors are listed");
  assert.match(body, /500\.000\s₫/);
  assert.match(decodeURIComponent(await page.getByRole("link", { name: /Đăng nhập để đăng ký gian hàng/ }).getAttribute("href")), new RegExp(`next=/fairs/${event.id}/apply$`));
  await session.screenshot(page, "event");

  // A cooperative member applies; the organizer manages.
  await signInByToken(session, page, "quyetthang@example.vn");
  await session.open(page, `/fairs/${event.id}`);
  assert.equal(await page.getByRole("link", { name: "Đăng ký gian hàng" }).getAttribute("href"), `/fairs/${event.id}/apply`);
  await signInByToken(session, page, "hoinongdan.quangtri@example.vn");
  await session.open(page, `/fairs/${event.id}`);
  assert.equal(await page.getByRole("link", { name: "Quản lý sự kiện" }).getAttribute("href"), `/fairs/${event.id}/manage`);
  assert.equal(await page.getByRole("link", { name: /Đăng ký gian hàng/ }).count(), 0);

  // The cooperative's page lists the fair in its province, marked as exhibiting.
  await session.open(page, "/producers/hop-tac-xa-nong-nghiep-nuoi-ong-mat-quyet-thang");
  const fairItem = page.locator("li", { hasText: title });
  assert.match(await fairItem.innerText(), /Có gian hàng/);

  const desk = await session.page(DESKTOP);
  await session.open(desk, "/fairs");
  await session.screenshot(desk, "list");
  await session.open(desk, `/fairs/${event.id}`);
  await session.screenshot(desk, "event");
}
