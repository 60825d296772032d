/**
 * "Công khai kết quả" on a unit's page: a manager publishes the unit's results and its public
 * page opens for anyone, then withdraws them and the page answers 404; a viewer reads the state
 * and the link but has no button.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { violations } from "../support/axe.ts";
import { launchBrowser } from "../support/browser.ts";
import { logIn } from "../support/dashboard-login.ts";

const baseUrl = inject("baseUrl");
const UNIT = "14797";
const UNIT_NAME = "Phường Hạc Thành";
const MANAGER = { email: "quanly.hacthanh@example.vn", name: "Lê Văn Hùng", password: "mat-khau-cua-hung", role: "manager" as const, unit: UNIT };
const VIEWER = { email: "xem.hacthanh@example.vn", name: "Nguyễn Thị Lan", password: "mat-khau-cua-lan", role: "viewer" as const, unit: UNIT };
const PUBLIC_PAGE = `${baseUrl}/cong-khai/${UNIT}`;

let browser: Browser;
let manager: { context: BrowserContext; page: Page };

/** A signed-in browser context on the unit's page, its publication card shown (CSP bypassed for axe's script). */
async function onUnitPage(account: typeof MANAGER | typeof VIEWER) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", bypassCSP: true });
  const page = await context.newPage();
  await logIn(page, account);
  await page.locator("hl-headline").waitFor();
  await page.goto(`${baseUrl}/dashboard/?view=unit&unit=${UNIT}`);
  await state(page).waitFor();
  return { context, page };
}

const state = (page: Page) => page.locator("hl-publication-panel [data-field=publication-state]");
const link = (page: Page) => page.locator("hl-publication-panel [data-field=public-link]");
const panelButtons = (page: Page) => page.locator("hl-publication-panel button");
/** The public page as a citizen's first visit gets it, no browser cache in between. */
const publicPage = () => fetch(PUBLIC_PAGE, { headers: { "Cache-Control": "no-cache" } });

beforeAll(async () => {
  await storeAccount(MANAGER, { remote: false, persistTo: inject("persistTo") });
  await storeAccount(VIEWER, { remote: false, persistTo: inject("persistTo") });
  browser = await launchBrowser();
  manager = await onUnitPage(MANAGER);
});

afterAll(async () => {
  await browser?.close();
});

describe("publishing a unit's results", () => {
  test("a manager publishes: the card says since when, and its link opens the public page in a new tab", async () => {
    const { context, page } = manager;
    await expect.poll(() => state(page).textContent()).toContain("Chưa công khai");
    expect(await link(page).count()).toBe(0);
    expect((await publicPage()).status).toBe(404);
    expect(await page.locator("hl-publication-panel p.note").first().textContent()).toContain("có thể còn hiển thị đến một giờ");

    await page.getByRole("button", { name: "Công khai", exact: true }).click();
    await expect.poll(() => state(page).textContent()).toMatch(/^Đang công khai từ .*\d/);
    expect(await link(page).getAttribute("target")).toBe("_blank");
    expect(await link(page).textContent()).toBe(PUBLIC_PAGE);

    const [tab] = await Promise.all([context.waitForEvent("page"), link(page).click()]);
    await expect.poll(() => tab.locator("h1").textContent()).toContain(UNIT_NAME);
    expect(tab.url()).toBe(PUBLIC_PAGE);
    const res = await publicPage();
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(UNIT_NAME);
    await tab.close();

    expect(await violations(page)).toEqual([]);
  });

  test("a viewer sees that the results are published and the link, with no button", async () => {
    const viewer = await onUnitPage(VIEWER);
    await expect.poll(() => state(viewer.page).textContent()).toContain("Đang công khai từ");
    expect(await link(viewer.page).getAttribute("href")).toBe(PUBLIC_PAGE);
    expect(await panelButtons(viewer.page).count()).toBe(0);
    await viewer.context.close();
  });

  test("the manager withdraws them: the link goes and the public page answers 404", async () => {
    const { page } = manager;
    await page.getByRole("button", { name: "Thôi công khai" }).click();
    await expect.poll(() => state(page).textContent()).toContain("Chưa công khai");
    expect(await link(page).count()).toBe(0);
    expect((await publicPage()).status).toBe(404);
    expect(await page.getByRole("button", { name: "Công khai", exact: true }).isEnabled()).toBe(true);
  });
});
