import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { answersWith, submitAnswers } from "../support/answers.ts";
import { launchBrowser } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
const MANAGER = { email: "quanly.laichau@example.vn", name: "Lò Thị Mai", password: "mat-khau-thu-nghiem", role: "manager" as const, unit: "12" };
const REASON = "Phải chờ quá lâu mới đến lượt";

// Lai Châu ("12"): three communes with 48, 36 and 6 answers today.
// Đoàn Kết 40/48 = 83,3 %, Bình Lư 24/36 = 66,7 %, Sin Suối Hồ 6 answers: not enough. Beside
// the province's figure Bình Lư is hidden too, or 69 − 40 − 24 would give Sin Suối Hồ's 5 of 6.
// The province: 69/90 = 76,7 %.
const NBSP = "\u00a0";

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  await storeAccount(MANAGER, { remote: false, persistTo: inject("persistTo") });
  await submitAnswers(baseUrl, "03388", answersWith(48, 40, (i) => (i >= 40 ? { reason: REASON } : {})));
  await submitAnswers(baseUrl, "03390", answersWith(36, 24));
  await submitAnswers(baseUrl, "03394", answersWith(6, 5));
  browser = await launchBrowser();
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

const headline = () => page.locator("hl-headline [data-figure=share]");
const trendRows = () => page.locator("hl-trend-panel tbody tr");
const trendCanvas = () => page.locator("hl-trend-panel canvas").evaluate((c: HTMLCanvasElement) => c.toDataURL());
const lastTrendRow = () => trendRows().last().locator("td, th").allTextContents();

describe("dashboard", () => {
  test("refuses a wrong password, then logs in and shows the scope's figures", async () => {
    await page.goto(`${baseUrl}/dashboard/`);
    await page.getByLabel("Email").fill(MANAGER.email);
    await page.getByLabel("Mật khẩu").fill("not-the-password");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("Email hoặc mật khẩu không đúng");

    await page.getByLabel("Mật khẩu").fill(MANAGER.password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect.poll(() => headline().textContent()).toBe(`76,7${NBSP}%`);
    expect(new URL(page.url()).searchParams.get("unit")).toBe("12");
    expect(await page.locator("hl-headline [data-figure=n]").textContent()).toContain("90");

    // The comparison: intervals, and the small commune a row with its n instead of ranked, with no funnel label.
    const compare = page.locator("hl-compare-panel tbody tr");
    await expect.poll(() => compare.count()).toBeGreaterThan(3);
    const first = await compare.nth(0).locator("th, td").allTextContents();
    expect(first.slice(0, 2)).toEqual(["Phường Đoàn Kết", `83,3${NBSP}%`]);
    expect(first[2]).toMatch(/^\d+,\d–\d+,\d\u00a0%$/);
    const small = await page.locator("hl-compare-panel tr", { hasText: "Xã Sin Suối Hồ" }).locator("td").allTextContents();
    expect(small).toEqual(["chưa đủ mẫu", "chưa đủ mẫu", "6", "—", ""]);
    const guarded = await page.locator("hl-compare-panel tr", { hasText: "Xã Bình Lư" }).locator("td").allTextContents();
    expect(guarded).toEqual(["ẩn", "ẩn", "36", "—", ""]);
    expect(await page.locator("hl-compare-panel [data-field=protected]").textContent()).toContain("để không suy ra được số liệu của đơn vị chưa đủ mẫu");

    // Twelve months of trend, this month with every answer; a one-line summary.
    expect(await trendRows().count()).toBe(12);
    expect((await lastTrendRow()).slice(1)).toEqual([`76,7${NBSP}%`, expect.stringMatching(/–/), "90"]);
    expect(await page.locator("hl-trend-panel [data-summary]").textContent()).toContain("1/12 kỳ đủ mẫu");
  });

  test("changing scope and period changes the chart and the table; the URL keeps them and Back returns", async () => {
    const before = await trendCanvas();
    await page.getByLabel("Đơn vị cấp dưới").selectOption("03390");
    await expect.poll(() => headline().textContent()).toBe(`66,7${NBSP}%`);
    expect(new URL(page.url()).searchParams.get("unit")).toBe("03390");
    // A commune's trend has its province's share beside it, for reference.
    await expect.poll(() => lastTrendRow()).toEqual([expect.any(String), `66,7${NBSP}%`, expect.any(String), "36", `76,7${NBSP}%`]);
    expect(await trendCanvas()).not.toBe(before);

    // A period without answers: every figure suppressed, never a number.
    await page.getByLabel("Từ ngày").fill("2025-07-01");
    await page.getByLabel("Đến ngày").fill("2025-09-30");
    await page.getByLabel("Gộp theo").selectOption("week");
    await expect.poll(() => new URL(page.url()).searchParams.get("bucket")).toBe("week");
    await expect.poll(() => headline().textContent()).toBe("chưa đủ mẫu");
    expect(await trendRows().count()).toBe(14);
    expect(await trendRows().first().locator("td").allTextContents()).toEqual(["chưa đủ mẫu", "chưa đủ mẫu", "0", "chưa đủ mẫu"]);

    // The URL alone reproduces the view.
    const shared = page.url();
    const other = await context.newPage();
    await other.goto(shared);
    await expect.poll(() => other.locator("hl-trend-panel tbody tr").count()).toBe(14);
    await other.close();

    await page.goBack();
    await page.goBack();
    await page.goBack();
    await expect.poll(() => headline().textContent()).toBe(`66,7${NBSP}%`);
    await page.goBack();
    await expect.poll(() => headline().textContent()).toBe(`76,7${NBSP}%`);
    expect(new URL(page.url()).searchParams.get("unit")).toBe("12");
  });

  test("finds a commune by name or code and opens it", async () => {
    const search = page.getByRole("combobox", { name: "Tìm đơn vị theo tên hoặc mã" });
    await search.fill("sin suoi");
    const options = page.getByRole("listbox").getByRole("option");
    await expect.poll(() => options.allTextContents()).toContainEqual(expect.stringContaining("Xã Sin Suối Hồ"));
    expect(await options.first().textContent()).toContain("Xã Sin Suối Hồ");
    await search.press("Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("unit")).toBe("03394");
    await expect.poll(() => headline().textContent()).toBe("chưa đủ mẫu");
    await search.fill("03388");
    await expect.poll(() => options.allTextContents()).toEqual([expect.stringContaining("Phường Đoàn Kết")]);
    await options.click();
    await expect.poll(() => headline().textContent()).toBe(`83,3${NBSP}%`);
  });

  test("exports the answers and the trend as CSV that Excel reads as UTF-8", async () => {
    const download = async (which: string) => {
      const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-export=${which}]`).click()]);
      return readFileSync((await file.path())!, "utf8");
    };
    const answers = await download("responses");
    expect(answers.startsWith("\uFEFF")).toBe(true);
    const lines = answers.slice(1).trim().split(/\r?\n/);
    expect(lines).toHaveLength(1 + 48);
    expect(answers).toContain(REASON);

    const trend = await download("trend");
    expect(trend.startsWith("\uFEFF")).toBe(true);
    const rows = trend.slice(1).trim().split(/\r?\n/);
    expect(rows).toHaveLength(1 + 12);
    expect(rows.at(-1)).toContain("48");
  });

  test("moves a complaint from new to in progress with a note, kept after a reload", async () => {
    await page.getByRole("link", { name: "Phản ánh" }).click();
    const complaint = page.locator("hl-complaint").first();
    await expect.poll(() => complaint.locator("[data-field=reason]").textContent()).toBe(REASON);
    expect(await page.locator("hl-complaint").count()).toBe(8);
    expect(await complaint.locator("[data-field=status]").textContent()).toBe("Mới");

    await complaint.getByLabel("Chuyển trạng thái").selectOption("in_progress");
    await complaint.getByLabel("Ghi chú xử lý").fill("Đã gọi điện xin lỗi người dân");
    await complaint.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => complaint.locator("[data-field=status]").textContent()).toBe("Đang xử lý");
    await expect.poll(() => complaint.getByRole("status").textContent()).toBe("Đã lưu.");
    expect(await complaint.getByLabel("Ghi chú xử lý").inputValue()).toBe("");

    await page.reload();
    const again = page.locator("hl-complaint").first();
    await expect.poll(() => again.locator("[data-field=status]").textContent()).toBe("Đang xử lý");
    const history = await again.locator("details li").allTextContents();
    expect(history.join("\n")).toContain(MANAGER.name);
    expect(history.join("\n")).toContain("Đã gọi điện xin lỗi người dân");

    await page.getByLabel("Trạng thái", { exact: true }).selectOption("new");
    await expect.poll(() => page.locator("hl-complaint").count()).toBe(7);
  });

  test("gives the embed snippet of the mode chosen and saves allowed origins", async () => {
    await page.getByRole("link", { name: "Nhúng khảo sát" }).click();
    await page.locator("hl-embed-page").getByRole("radio", { name: /^Máy tại quầy/ }).check();
    await expect.poll(() => page.locator("hl-embed-page [data-snippet]").textContent()).toBe(
      `<script src="${baseUrl}/widget.js" defer></script>\n<hailong-survey unit="03388" lang="vi" mode="kiosk"></hailong-survey>`,
    );
    const origins = page.getByLabel("Mỗi dòng một địa chỉ", { exact: false });
    const saved = page.locator("form", { has: origins }).getByRole("status");
    await origins.fill("https://doanket.laichau.gov.vn\nnot a site");
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => saved.textContent()).toContain("Địa chỉ không hợp lệ: not a site.");

    await origins.fill("https://doanket.laichau.gov.vn");
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => saved.textContent()).toBe("Đã lưu.");
    await page.reload();
    await expect.poll(() => page.getByLabel("Mỗi dòng một địa chỉ", { exact: false }).inputValue()).toBe("https://doanket.laichau.gov.vn");
  });

  test("switches to English, numbers included", async () => {
    await page.getByRole("link", { name: "Tổng quan" }).click();
    await page.getByRole("button", { name: "Switch to English" }).click();
    await expect.poll(() => page.locator("hl-headline h2").textContent()).toBe("Satisfied");
    await expect.poll(() => headline().textContent()).toBe("83.3%");
    await page.getByRole("button", { name: "Chuyển sang tiếng Việt" }).click();
    await expect.poll(() => headline().textContent()).toBe(`83,3${NBSP}%`);
  });

  test("logs out", async () => {
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Đăng nhập" }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByRole("button", { name: "Đăng nhập" }).count()).toBe(1);
  });
});
