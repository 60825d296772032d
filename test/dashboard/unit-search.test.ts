/**
 * The unit search as a national officer uses it while looking at a province: communes of the
 * same name told apart by their province (a desk by its commune too), the viewed province's
 * first, and the arrow keys choosing which one Enter opens.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { apiSessionOf } from "../support/api-session.ts";
import { launchBrowser } from "../support/browser.ts";
import { logIn } from "../support/dashboard-login.ts";

const ADMIN = { email: "quantri.timkiem@example.vn", name: "Đỗ Minh Tâm", password: "mat-khau-cua-tam", role: "admin" as const, unit: "VN" };
// Eight communes are called Tân Tiến (worker/data/vn-admin-units-2025.json): Xã Tân Tiến in
// Thanh Hóa (16108), Tuyên Quang, Lạng Sơn, Hưng Yên, Đắk Lắk, Đồng Nai and Cà Mau, Phường Tân Tiến in Bắc Ninh.
const THANH_HOA = "38";
const DESK = "Bộ phận một cửa xã Tân Tiến";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const admin = await apiSessionOf(ADMIN);
  const desk = await admin.send("POST", "/units/16108/desks", { name: DESK });
  if (desk.status !== 201) throw new Error(`desk: ${desk.status} ${await desk.text()}`);
  browser = await launchBrowser();
  page = await browser.newPage({ locale: "vi-VN" });
  await logIn(page, ADMIN);
  await page.getByRole("combobox", { name: "Tìm đơn vị theo tên hoặc mã" }).waitFor();
});

afterAll(async () => {
  await browser?.close();
});

const search = () => page.getByRole("combobox", { name: "Tìm đơn vị theo tên hoặc mã" });
const options = () => page.getByRole("listbox").getByRole("option");
const optionTexts = async () => (await options().allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
const viewedUnit = () => page.locator("hl-scope-picker nav [aria-current=page]").textContent();
const urlUnit = () => new URL(page.url()).searchParams.get("unit");

describe("the unit search", () => {
  test("names each result's province, a desk's commune too, the viewed province's first", async () => {
    await page.goto(`${inject("baseUrl")}/dashboard/?unit=${THANH_HOA}`);
    await expect.poll(viewedUnit).toBe("Tỉnh Thanh Hóa");
    await search().fill("tan tien");
    await expect.poll(() => options().count()).toBe(9);
    expect(await optionTexts()).toEqual([
      "Bộ phận một cửa xã Tân Tiến Bộ phận một cửa · Xã Tân Tiến, Tỉnh Thanh Hóa 16108-tn",
      "Xã Tân Tiến Xã · Tỉnh Thanh Hóa 16108",
      "Phường Tân Tiến Phường · Tỉnh Bắc Ninh 07699",
      "Xã Tân Tiến Xã · Tỉnh Tuyên Quang 01051",
      "Xã Tân Tiến Xã · Tỉnh Lạng Sơn 06019",
      "Xã Tân Tiến Xã · Tỉnh Hưng Yên 12583",
      "Xã Tân Tiến Xã · Tỉnh Đắk Lắk 24526",
      "Xã Tân Tiến Xã · Tỉnh Đồng Nai 25318",
      "Xã Tân Tiến Xã · Tỉnh Cà Mau 32188",
    ]);
    // Nothing is highlighted until the user moves to it.
    expect(await search().getAttribute("aria-activedescendant")).toBeNull();
    expect(await page.locator('[role="option"][aria-selected="true"]').count()).toBe(0);
  });

  test("the arrows move the highlight and Enter opens the highlighted result", async () => {
    await search().press("ArrowDown");
    await search().press("ArrowDown");
    const highlighted = page.locator('[role="option"][aria-selected="true"]');
    await expect.poll(() => highlighted.textContent()).toContain("Xã Tân Tiến Xã · Tỉnh Thanh Hóa");
    expect(await search().getAttribute("aria-activedescendant")).toBe(await highlighted.getAttribute("id"));
    await search().press("Enter");
    await expect.poll(urlUnit).toBe("16108");
    await expect.poll(viewedUnit).toBe("Xã Tân Tiến");
    expect(await page.getByRole("listbox").count()).toBe(0);
  });

  test("Enter without moving opens the best match; ArrowUp from nothing goes to the last; Escape closes the list", async () => {
    await search().fill("tan tien");
    await expect.poll(() => options().count()).toBe(9);
    // Viewing Xã Tân Tiến of Thanh Hóa: itself and its desk first.
    expect((await optionTexts()).slice(0, 2)).toEqual([expect.stringContaining(DESK), "Xã Tân Tiến Xã · Tỉnh Thanh Hóa 16108"]);
    await search().press("ArrowUp");
    await expect.poll(() => page.locator('[role="option"][aria-selected="true"]').textContent()).toContain("Tỉnh Cà Mau");
    await search().press("Escape");
    await expect.poll(() => page.getByRole("listbox").count()).toBe(0);
    expect(await search().getAttribute("aria-expanded")).toBe("false");

    await search().fill("tân tiến");
    await expect.poll(() => options().count()).toBe(9);
    await search().press("Enter");
    await expect.poll(urlUnit).toBe("16108-tn");
    await expect.poll(viewedUnit).toBe(DESK);
  });
});
