/**
 * The period picker as a province officer uses it before the monthly meeting: "Tháng trước"
 * opens the previous calendar month and alone looks pressed; a date being typed asks the
 * server for nothing until it is whole and in order, and meanwhile says in words what to fix.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { vnDay } from "../../worker/domain/vn-time.ts";
import { launchBrowser } from "../support/browser.ts";
import { logIn } from "../support/dashboard-login.ts";

// Lạng Sơn ("20"): no answers are needed to pick periods.
const VIEWER = { email: "xem.langson@example.vn", name: "Hoàng Văn Bình", password: "mat-khau-cua-binh", role: "viewer" as const, unit: "20" };

let browser: Browser;
let page: Page;
/** The period of every figures request the page made, in order ("Cần chú ý" names its last day only). */
const statsPeriods: { from: string | null; to: string | null }[] = [];

beforeAll(async () => {
  await storeAccount(VIEWER, { remote: false, persistTo: inject("persistTo") });
  browser = await launchBrowser();
  page = await browser.newPage({ locale: "vi-VN" });
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/api/v1/stats")) statsPeriods.push({ from: url.searchParams.get("from"), to: url.searchParams.get("to") });
  });
  await logIn(page, VIEWER);
  await page.getByRole("button", { name: "Tháng trước" }).waitFor();
});

afterAll(async () => {
  await browser?.close();
});

const urlPeriod = () => {
  const q = new URL(page.url()).searchParams;
  return { from: q.get("from"), to: q.get("to") };
};
const pressed = () => page.locator("hl-period-picker button[aria-pressed=true]").allTextContents();
const problem = () => page.locator("hl-period-picker #problem").textContent();

/** The calendar month before today's in Viet Nam, computed here by hand. */
function previousMonth(): { from: string; to: string } {
  const [year, month] = vnDay(new Date()).split("-").map(Number) as [number, number];
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { from: day(new Date(Date.UTC(year, month - 2, 1))), to: day(new Date(Date.UTC(year, month - 1, 0))) };
}

describe("the period picker", () => {
  test('"Tháng trước" opens the previous calendar month, the one button pressed', async () => {
    const expected = previousMonth();
    await page.getByRole("button", { name: "Tháng trước" }).click();
    await expect.poll(urlPeriod).toEqual(expected);
    await expect.poll(() => pressed().then((texts) => texts.map((t) => t.trim()))).toEqual(["Tháng trước"]);
    await expect.poll(() => statsPeriods.at(-1)?.to).toBe(expected.to);
  });

  test("a date being typed asks for nothing until it is whole and in order, and says what to fix", async () => {
    const { from, to } = previousMonth();
    const start = page.getByLabel("Từ ngày");
    const end = page.getByLabel("Đến ngày");

    // Clearing a part of a day leaves it incomplete.
    await end.focus();
    await end.press("Backspace");
    await expect.poll(problem).toBe("Ngày kết thúc chưa hợp lệ");
    expect(await end.getAttribute("aria-invalid")).toBe("true");
    await start.focus();
    await start.press("Backspace");
    await expect.poll(problem).toBe("Ngày bắt đầu chưa hợp lệ");
    expect(await start.getAttribute("aria-invalid")).toBe("true");
    // A year being typed digit by digit passes through 0002.
    await start.fill("0002-01-01");
    await end.fill(from);
    await expect.poll(problem).toBe("Ngày bắt đầu chưa hợp lệ");
    await start.fill(to);
    await expect.poll(problem).toBe("Ngày bắt đầu phải trước ngày kết thúc");
    // More than the ten years the API takes is refused here, in words, not by a 400.
    await start.fill("1990-01-01");
    await expect.poll(problem).toBe("Khoảng thời gian dài nhất là 10 năm (3660 ngày): chọn ngày bắt đầu muộn hơn");
    const fixed = `${from.slice(0, 8)}02`;
    await start.fill(fixed);
    expect(urlPeriod()).toEqual({ from, to });

    // Fixed: the period is asked for, and no request ever named the broken days.
    await end.fill(to);
    await expect.poll(urlPeriod).toEqual({ from: fixed, to });
    await expect.poll(() => statsPeriods.some((p) => p.from === fixed)).toBe(true);
    expect(await problem()).toBe("");
    expect(await start.getAttribute("aria-invalid")).toBe("false");
    for (const asked of statsPeriods.slice(statsPeriods.findIndex((p) => p.to === to))) {
      expect(asked.to).toBe(to);
      expect([null, from, fixed]).toContain(asked.from);
    }
    expect(await pressed()).toEqual([]);
  });
});
