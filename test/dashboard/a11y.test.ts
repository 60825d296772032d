/**
 * Accessibility of the dashboard: axe-core finds no WCAG 2.2 AA violation on the login page
 * or on any page of a scope with figures, complaints and suppressed units.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { violations } from "../support/axe.ts";
import { answersWith, submitAnswers } from "../support/answers.ts";
import { launchBrowser } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
// Tuyên Quang ("08"): one ward with enough answers and complaints, one with too few.
const VIEWER = { email: "xem.tuyenquang@example.vn", name: "Hoàng Văn Nam", password: "mat-khau-cua-nam", role: "viewer" as const, unit: "08" };

let browser: Browser;
let page: Page;

beforeAll(async () => {
  await storeAccount(VIEWER, { remote: false, persistTo: inject("persistTo") });
  await submitAnswers(baseUrl, "00691", answersWith(40, 31, (i) => (i >= 31 ? { reason: "Chờ lâu quá" } : {})));
  await submitAnswers(baseUrl, "00694", answersWith(5, 4));
  browser = await launchBrowser();
  // The dashboard's CSP would refuse axe's injected script; the pages themselves run under it
  // in dashboard.test.ts.
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", reducedMotion: "reduce", bypassCSP: true });
});

afterAll(async () => {
  await browser?.close();
});

describe("dashboard accessibility", () => {
  test("the login page", async () => {
    await page.goto(`${baseUrl}/dashboard/`);
    await page.getByLabel("Email").waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByLabel("Email").fill(VIEWER.email);
    await page.getByLabel("Mật khẩu").fill(VIEWER.password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.locator("hl-headline [data-figure=share]").waitFor();
  });

  for (const [view, unit, ready] of [
    ["overview", "08", "hl-compare-panel tbody tr"],
    ["unit", "00691", "hl-trend-panel tbody tr"],
    ["complaints", "08", "hl-complaint"],
    ["embed", "00691", "hl-embed-page pre"],
  ] as const) {
    test(`the ${view} page`, async () => {
      await page.goto(`${baseUrl}/dashboard/?view=${view}&unit=${unit}`);
      await page.locator(ready).first().waitFor({ state: "attached" });
      expect(await violations(page)).toEqual([]);
    });
  }
});
