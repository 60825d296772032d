/**
 * Desk kiosks that identify themselves: a manager's one-time link enrols the tablet once, the
 * kiosk then sends its token with every answer, and a revoked kiosk says so.
 */
import { expect, inject, test } from "vitest";
import { apiSessionOf } from "../support/api-session.ts";
import { d1Rows, shardOfUnit } from "../support/d1.ts";
import { answerQuick, embedHtml, thanks, widgetFixture } from "./helpers.ts";

const fx = widgetFixture();
const UNIT = "02671"; // Phường Cam Đường, Lào Cai

const storedAt = (unit: string) =>
  d1Rows<{ device: string | null; channel: string; duration_ms: number | null }>(inject("persistTo"), shardOfUnit(unit), `SELECT device, channel, duration_ms FROM responses WHERE unit = '${unit}' ORDER BY received_at`);

test("a manager's link enrols the tablet once; its answers carry the kiosk; revoked, it says so", async () => {
  const manager = await apiSessionOf({ email: "quanly.camduong@example.vn", name: "Vàng Thị Dung", password: "mat-khau-thu-nghiem", role: "manager", unit: UNIT });
  const created = await manager.send("POST", "/devices", { unit: UNIT, name: "Máy tính bảng quầy 1" });
  expect(created.status).toBe(201);
  const { device, enrolCode } = (await created.json()) as { device: { id: string }; enrolCode: string };

  const kioskPage = fx.host.page("/kiosk", embedHtml({ unit: UNIT, mode: "kiosk" }));
  const { page, widget, errors } = await fx.open(`${kioskPage}#hailong-enrol=${enrolCode}`);
  await widget.getByRole("status").getByText("Đã đăng ký thiết bị “Máy tính bảng quầy 1”").waitFor();
  expect(new URL(page.url()).hash).toBe(""); // the spent code leaves the address
  expect(await page.evaluate(() => localStorage.getItem("hailong-device"))).toMatch(/^[\w-]{40,}$/);

  await answerQuick(widget);
  await thanks(widget).waitFor();
  // A new visit, without the link: the tablet is still the enrolled kiosk.
  await page.goto(kioskPage);
  await answerQuick(widget);
  await thanks(widget).waitFor();
  await expect.poll(() => storedAt(UNIT).length).toBe(2);
  const rows = storedAt(UNIT);
  expect(rows.map((r) => [r.device, r.channel])).toEqual([
    [device.id, "kiosk"],
    [device.id, "kiosk"],
  ]);
  expect(rows.every((r) => r.duration_ms !== null && r.duration_ms > 0)).toBe(true);

  expect((await manager.send("POST", `/devices/${device.id}/revoke`)).status).toBe(200);
  await page.goto(kioskPage);
  await answerQuick(widget);
  await widget.getByRole("status").getByText("Đánh giá chưa được gửi: Thiết bị này (Máy tính bảng quầy 1) đã bị thu hồi").waitFor();
  expect(storedAt(UNIT)).toHaveLength(2);
  expect(errors.filter((e) => !e.includes("403"))).toEqual([]);
});

test("a spent link says so and leaves the tablet as it was", async () => {
  const manager = await apiSessionOf({ email: "quanly2.camduong@example.vn", name: "Giàng A Sử", password: "mat-khau-thu-nghiem", role: "manager", unit: UNIT });
  const { enrolCode } = (await (await manager.send("POST", "/devices", { unit: UNIT, name: "Máy tính bảng quầy 2" })).json()) as { enrolCode: string };
  const kioskPage = fx.host.page("/kiosk-2", embedHtml({ unit: UNIT, mode: "kiosk" }));
  const first = await fx.open(`${kioskPage}#hailong-enrol=${enrolCode}`);
  await first.widget.getByRole("status").getByText("Đã đăng ký thiết bị").waitFor();
  const again = await fx.open(`${kioskPage}#hailong-enrol=${enrolCode}`);
  await again.widget.getByRole("status").getByText("Chưa đăng ký được thiết bị: Mã đăng ký thiết bị không đúng, đã được dùng hoặc đã hết hạn").waitFor();
  expect(await again.page.evaluate(() => localStorage.getItem("hailong-device"))).toBeNull();
});
