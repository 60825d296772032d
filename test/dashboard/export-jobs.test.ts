/**
 * The answers export of a scope too large for one download, as the dashboard shows it: the
 * job's progress, asked again every few seconds, then the link to its file. The worker's side
 * (the queue, R2, the same bytes as the streamed export) is tested in
 * test/worker/export-jobs.test.ts; here the browser server would need 800,000 answers to
 * start a real job, so the API's answers about the job are played to the page in order.
 */
import type { Browser, Page, Route } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { launchBrowser } from "../support/browser.ts";
import { logIn } from "../support/dashboard-login.ts";

const baseUrl = inject("baseUrl");
const VIEWER = { email: "xem.dienbien@example.vn", name: "Quàng Văn Minh", password: "mat-khau-thu-nghiem", role: "viewer" as const, unit: "11" };
const ID = "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  await storeAccount(VIEWER, { remote: false, persistTo: inject("persistTo") });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" })).newPage();
});

afterAll(async () => {
  await browser?.close();
});

const json = (route: Route, status: number, body: unknown) => route.fulfill({ status, contentType: "application/json", body: JSON.stringify(body) });

test("a large answers export shows its progress, then the link to its file", async () => {
  const asked: string[] = [];
  // What the API says of the job each time it is asked: still queued, half done, ready.
  const progress = [
    { id: ID, status: "queued", rows: 0, total: 1500 },
    { id: ID, status: "running", rows: 700, total: 1500 },
    { id: ID, status: "ready", rows: 1500, total: 1500, url: `/api/v1/exports/${ID}/answers.csv` },
  ];
  await page.route(`${baseUrl}/api/v1/exports`, async (route) => {
    asked.push(`${route.request().method()} ${route.request().postData()}`);
    await json(route, 202, { id: ID, status: "queued", rows: 0, total: 1500 });
  });
  await page.route(`${baseUrl}/api/v1/exports/${ID}`, (route) => json(route, 200, progress.length > 1 ? progress.shift() : progress[0]));

  await logIn(page, VIEWER);
  await page.locator("[data-export=responses]").click();

  const job = page.locator("hl-export-job");
  await expect.poll(() => job.getByRole("status").textContent()).toBe("Đang chuẩn bị tệp trong nền…");
  expect(asked).toEqual([expect.stringMatching(/^POST \{"unit":"11","from":"\d{4}-\d{2}-\d{2}","to":"\d{4}-\d{2}-\d{2}"\}$/)]);
  await expect.poll(() => job.locator("[data-field=export-progress]").textContent()).toBe("700 / 1.500 phiếu");
  expect(await job.locator("progress").getAttribute("value")).toBe("700");

  await expect.poll(() => job.getByRole("status").textContent()).toBe("Tệp đã sẵn sàng.");
  const link = job.locator("[data-export=responses-file]");
  expect(await link.textContent()).toContain("Tải tệp (1.500 phiếu)");
  // The file itself is the worker's (a download Playwright fulfils is cancelled by Chromium).
  expect(await link.getAttribute("href")).toBe(`/api/v1/exports/${ID}/answers.csv`);
  expect(await link.getAttribute("download")).toBe("");
});
