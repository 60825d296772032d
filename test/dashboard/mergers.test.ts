/**
 * The "Sáp nhập" page as a new province admin uses it: two wards with answers merged into a
 * new one; the continuing ward's trend then counts both wards' answers before the day, in
 * periods marked and with both named. The page passes axe-core.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { violations } from "../support/axe.ts";
import { launchBrowser } from "../support/browser.ts";
import { logIn } from "../support/dashboard-login.ts";

const baseUrl = inject("baseUrl");
const PROVINCE = "92"; // Thành phố Cần Thơ
const A = { code: "31120", name: "Phường Cái Khế", answers: 20 };
const B = { code: "31135", name: "Phường Ninh Kiều", answers: 15 };
const ADMIN = { email: "quantri.cantho@example.vn", name: "Lâm Thị Thu", password: "mat-khau-thu-nghiem", role: "admin" as const, unit: PROVINCE };
const DAY_MS = 24 * 3600_000;
/** A Viet Nam day `days` days ago. */
const vnDaysAgo = (days: number) => new Date(Date.now() + 7 * 3600_000 - days * DAY_MS).toISOString().slice(0, 10);
const MERGER_DAY = vnDaysAgo(2);

let browser: Browser;
let page: Page;

/** Answers a ward's quick survey `count` times, as answered five days ago (a kiosk's outbox sent late). */
async function answersFiveDaysAgo(unit: string, count: number): Promise<void> {
  const { survey, version } = (await (await fetch(`${baseUrl}/api/v1/units/${unit}/survey`)).json()) as { survey: string; version: number };
  const answeredAt = new Date(Date.now() - 5 * DAY_MS).toISOString();
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${baseUrl}/api/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: crypto.randomUUID(), unit, survey, version, answers: { overall: (i % 3) + 1 }, channel: "web", lang: "vi", answeredAt }),
    });
    if (res.status !== 201) throw new Error(`answer for ${unit}: ${res.status} ${await res.text()}`);
  }
}

beforeAll(async () => {
  await storeAccount(ADMIN, { remote: false, persistTo: inject("persistTo") });
  await answersFiveDaysAgo(A.code, A.answers);
  await answersFiveDaysAgo(B.code, B.answers);
  browser = await launchBrowser();
  // Without the page's CSP, so that axe-core can be injected.
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", reducedMotion: "reduce", bypassCSP: true })).newPage();
});

afterAll(async () => {
  await browser?.close();
});

test("an admin merges two wards into a new one, whose trend then includes both, marked", async () => {
  await logIn(page, ADMIN);
  await page.getByRole("link", { name: "Sáp nhập" }).click();
  const form = page.locator("hl-mergers-page form");
  await form.getByLabel(`${A.name} (${A.code})`).check();
  await form.getByLabel(`${B.name} (${B.code})`).check();
  await form.getByLabel("Tên đơn vị mới").fill("Phường Ninh Kiều mới");
  await form.getByLabel("Loại đơn vị mới").selectOption("phuong");
  await form.getByLabel("Ngày có hiệu lực").fill(MERGER_DAY);
  expect(await violations(page)).toEqual([]);
  await form.getByRole("button", { name: "Ghi nhận sáp nhập" }).click();

  const status = page.locator("hl-mergers-page [role=status]");
  await expect.poll(() => status.textContent()).toBe(`Đã ghi nhận: ${A.name}, ${B.name} sáp nhập vào Phường Ninh Kiều mới (${PROVINCE}-sn).`);
  // The merged wards are no longer offered.
  expect(await form.getByLabel(`${A.name} (${A.code})`).count()).toBe(0);

  await page.getByRole("link", { name: `Xem xu hướng của Phường Ninh Kiều mới (${PROVINCE}-sn)` }).click();
  expect(new URL(page.url()).searchParams.get("unit")).toBe(`${PROVINCE}-sn`);
  const trend = page.locator("hl-trend-panel");
  const note = trend.locator("[data-field=predecessors]");
  await note.waitFor();
  expect(await note.textContent()).toContain(`${A.name} (${A.code}), ${B.name} (${B.code})`);

  // The chart's axis marks the same periods.
  const labels = await trend.locator("hl-chart").evaluate((chart) => (chart as unknown as { config: { data: { labels: string[][] } } }).config.data.labels.map((l) => l[0]));
  expect(labels.some((label) => label?.endsWith(" ⁺"))).toBe(true);

  // The period holding the answers, marked, with both wards named and all their answers counted.
  await trend.getByText("Bảng số liệu").click();
  const marked = trend.locator("tbody tr", { hasText: "⁺" }).filter({ hasText: String(A.answers + B.answers) });
  expect(await marked.count()).toBe(1);
  expect(await marked.locator("td").last().textContent()).toBe(`${A.name}, ${B.name}`);

  // The city's comparison lists the new ward with both inside it, each a link to its own figures.
  await page.goto(`${baseUrl}/dashboard/?view=overview&unit=${PROVINCE}`);
  const merged = page.locator("hl-compare-panel [data-field=predecessors]");
  await merged.waitFor();
  expect(await merged.textContent()).toContain("Phường Ninh Kiều mới gồm cả số liệu của các đơn vị đã sáp nhập");
  await merged.getByRole("link", { name: `Xem ${A.name}` }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("unit")).toBe(A.code);
  // The merged ward stays readable on its own: its own answers, no one else's.
  await page.locator("hl-trend-panel").getByText("Bảng số liệu").click();
  // The n column by its header: the parent's share may follow it.
  const nColumn = (await page.locator("hl-trend-panel thead th").allTextContents()).map((h) => h.trim()).indexOf("Số lượt (n)");
  expect(nColumn).toBeGreaterThan(0);
  const counts = await page.locator("hl-trend-panel tbody tr").evaluateAll((rows, i) => rows.map((row) => row.children[i]?.textContent?.trim()), nColumn);
  expect(counts.filter((n) => n !== "0")).toEqual([String(A.answers)]);
  expect(await page.locator("hl-trend-panel [data-field=predecessors]").count()).toBe(0);
});
