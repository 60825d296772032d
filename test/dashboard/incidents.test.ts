/**
 * The "Bất thường" page as a ward manager uses it: a burst of top ratings is held out of the
 * figures, the overview says how many answers it leaves out, and releasing the incident with
 * a note moves the figures by exactly its answers.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { answersWith, submitAnswers } from "../support/answers.ts";
import { launchBrowser } from "../support/browser.ts";
import { logIn } from "../support/dashboard-login.ts";

const baseUrl = inject("baseUrl");
const UNIT = "02680"; // Xã Hợp Thành, Lào Cai
const MANAGER = { email: "quanly.hopthanh@example.vn", name: "Lù Văn Páo", password: "mat-khau-thu-nghiem", role: "manager" as const, unit: UNIT };

let browser: Browser;
let page: Page;

beforeAll(async () => {
  await storeAccount(MANAGER, { remote: false, persistTo: inject("persistTo") });
  // 40 ordinary answers (30 satisfied) from several addresses, then 40 top ratings from one.
  for (let i = 0; i < 4; i++) await submitAnswers(baseUrl, UNIT, answersWith(10, 8 - (i % 2)), { "cf-connecting-ip": `198.51.100.${i + 1}` });
  await submitAnswers(baseUrl, UNIT, answersWith(40, 40, () => ({ overall: 3 })), { "cf-connecting-ip": "203.0.113.99" });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" })).newPage();
});

afterAll(async () => {
  await browser?.close();
});

test("an incident is listed, excluded from the figures, and released with a note", async () => {
  await logIn(page, MANAGER);
  const n = page.locator("hl-headline [data-figure=n]");
  await expect.poll(() => n.textContent()).toContain("40");
  await expect.poll(() => page.locator("[data-field=excluded]").textContent()).toContain("40 câu trả lời đáng ngờ");

  await page.getByRole("link", { name: "Xem các trường hợp bất thường" }).click();
  const card = page.locator("hl-incident").first();
  await expect.poll(() => card.locator("[data-field=answers]").textContent()).toBe("40");
  expect(await card.locator("[data-field=signals]").textContent()).toContain("Lặp lại y hệt");
  expect(await card.locator("[data-field=status]").textContent()).toBe("Chờ xem xét");

  await card.getByLabel("Quyết định").selectOption("released");
  await card.getByLabel("Lý do (bắt buộc)").fill("Ngày hội dịch vụ công: đông người thật");
  await card.getByRole("button", { name: "Lưu" }).click();
  await expect.poll(() => card.locator("[data-field=status]").textContent()).toBe("Đã cho tính");
  expect(await card.locator("ol").textContent()).toContain("Ngày hội dịch vụ công: đông người thật");

  await page.getByRole("link", { name: "Tổng quan" }).click();
  await expect.poll(() => n.textContent()).toContain("80");
  expect(await page.locator("[data-field=excluded]").count()).toBe(0);
});
