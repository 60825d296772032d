/**
 * The unit page for the monthly meeting, in the browser: a commune's trend beside its
 * province's line (only for an account that may see the province), one switch that puts the
 * share axes at 0–100 %, the SIPAS chart without the 3-level overall question on its axis,
 * and the comparison's change against the previous period, sorted and exported.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { addDays } from "../../worker/domain/period.ts";
import { vnDay } from "../../worker/domain/vn-time.ts";
import { logIn } from "../support/dashboard-login.ts";
import { launchBrowser } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
const NBSP = "\u00a0";
const DAY_MS = 86_400_000;
// Quảng Trị ("44"): three communes, 40 answers each today and, for two of them, 40 answers ten
// days ago (the previous week). Đồng Sơn 34/40 now (the SIPAS survey, polite officials 30 of
// 40 at level 4 or 5) against 24/40 then; Minh Hóa 20/40 against 36/40; Dân Hóa 36/40, nothing then.
const PROVINCE = "44";
const DONG_SON = "18871";
const MINH_HOA = "18901";
const DAN_HOA = "18904";
const PROVINCE_VIEWER = { email: "xem.quangtri@example.vn", name: "Phan Văn Hải", password: "mat-khau-cua-hai", role: "viewer" as const, unit: PROVINCE };
const COMMUNE_VIEWER = { email: "xem.dongson@example.vn", name: "Lê Thị Hoa", password: "mat-khau-cua-hoa", role: "viewer" as const, unit: DONG_SON };
const PARENT_LINE = "Tỉnh Quảng Trị (đơn vị cấp trên)";

// Pinned, so that a day turning during the run moves nothing: the last seven days, the week before them.
const today = vnDay(new Date());
const from = addDays(today, -6);
const view = (v: string, unit: string) => `${baseUrl}/dashboard/?view=${v}&unit=${unit}&from=${from}&to=${today}&bucket=day`;

/** `total` answer sets at a unit, `satisfied` of them level 2 or 3, sent as the widget sends them from its own address. */
async function submit(unit: string, total: number, satisfied: number, options: { daysAgo?: number; survey?: string; statements?: (i: number) => Record<string, number> } = {}) {
  const { survey, version } = (await (await fetch(`${baseUrl}/api/v1/units/${unit}/survey${options.survey ? `?survey=${options.survey}` : ""}`)).json()) as { survey: string; version: number };
  const answeredAt = options.daysAgo ? { answeredAt: new Date(Date.now() - options.daysAgo * DAY_MS).toISOString() } : {};
  for (let i = 0; i < total; i++) {
    const overall = i < satisfied ? 2 + (i % 2) : 1;
    const res = await fetch(`${baseUrl}/api/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": `192.0.2.${unit.slice(-2)}` },
      body: JSON.stringify({ id: crypto.randomUUID(), unit, survey, version, answers: { overall, ...options.statements?.(i) }, channel: "web", lang: "vi", ...answeredAt }),
    });
    if (res.status !== 201) throw new Error(`answer for ${unit}: ${res.status} ${await res.text()}`);
  }
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  await storeAccount(PROVINCE_VIEWER, { remote: false, persistTo: inject("persistTo") });
  await storeAccount(COMMUNE_VIEWER, { remote: false, persistTo: inject("persistTo") });
  await submit(DONG_SON, 40, 34, { survey: "sipas", statements: (i) => ({ e3_polite: i < 30 ? 4 + (i % 2) : 3 }) });
  await submit(DONG_SON, 40, 24, { daysAgo: 10 });
  await submit(MINH_HOA, 40, 20);
  await submit(MINH_HOA, 40, 36, { daysAgo: 10 });
  await submit(DAN_HOA, 40, 36);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
  await logIn(page, PROVINCE_VIEWER);
  await page.locator("hl-headline [data-figure=share]").waitFor();
});

afterAll(async () => {
  await browser?.close();
});

/** What a panel's Chart.js instance draws: each dataset's label and values, and the share axis' range. */
function drawn(target: Page, panel: string, axis: "x" | "y" = "y") {
  return target.locator(`${panel} hl-chart`).evaluate((el, axis) => {
    const chart = (el as unknown as { chart?: { data: { datasets: { label: string; data: unknown[] }[] }; scales: Record<string, { min: number; max: number }> } }).chart;
    return chart ? { datasets: chart.data.datasets.map((d) => ({ label: d.label, data: d.data })), min: chart.scales[axis]!.min, max: chart.scales[axis]!.max } : null;
  }, axis);
}

/** A figure from the API as the page's own session reads it. */
async function api<T>(target: Page, path: string, query: Record<string, string>): Promise<T> {
  const res = await target.request.get(`${baseUrl}/api/v1/${path}?${new URLSearchParams(query)}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as T;
}

const trendRows = (target: Page) => target.locator("hl-trend-panel tbody tr");
const legend = (target: Page, panel: string) => target.locator(`${panel} .legend li`).allTextContents();
const percent = (share: number) => `${(share * 100).toFixed(1).replace(".", ",")}${NBSP}%`;

describe("the unit page's charts", () => {
  test("a commune's trend shows its province's share as a line named in the legend and as a column", async () => {
    await page.goto(view("unit", DONG_SON));
    await expect.poll(() => trendRows(page).count()).toBe(7);
    expect(await legend(page, "hl-trend-panel")).toContain(PARENT_LINE);
    expect(await page.locator("hl-trend-panel thead th").allTextContents()).toContain(PARENT_LINE);

    const province = await api<{ points: { share: number | null }[] }>(page, "stats/trend", { unit: PROVINCE, from, to: today, bucket: "day", item: "overall" });
    const share = province.points.at(-1)!.share!;
    expect(await trendRows(page).last().locator("td").last().textContent()).toBe(percent(share));
    await expect.poll(async () => (await drawn(page, "hl-trend-panel"))?.datasets.find((d) => d.label === PARENT_LINE)?.data).toEqual([null, null, null, null, null, null, share * 100]);
  });

  test("a commune's own account sees no province line, asks nothing of it and shows no error", async () => {
    const own = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    const asked: string[] = [];
    own.on("request", (request) => asked.push(request.url()));
    await logIn(own, COMMUNE_VIEWER);
    await own.goto(view("unit", DONG_SON));
    await expect.poll(() => trendRows(own).count()).toBe(7);
    await expect.poll(async () => (await drawn(own, "hl-trend-panel"))?.datasets.length).toBe(4);
    expect(await legend(own, "hl-trend-panel")).not.toContain(PARENT_LINE);
    expect(await own.locator("hl-trend-panel thead th").allTextContents()).not.toContain(PARENT_LINE);
    expect(await own.locator("hl-unit-view .card[role=alert]").count()).toBe(0);
    expect(asked.filter((url) => url.includes("/stats/trend") && new URL(url).searchParams.get("unit") === PROVINCE)).toEqual([]);
    await own.close();
  });

  test("the shared axis puts the trend at 0–100 %, stays on after a reload, and off fits the figures again", async () => {
    await page.goto(view("unit", DONG_SON));
    const toggle = page.locator("hl-unit-view").getByLabel("Trục 0–100 %");
    const range = async () => {
      const chart = await drawn(page, "hl-trend-panel");
      return chart && [chart.min, chart.max];
    };
    // Fitted: the lowest interval bound of Đồng Sơn's 34 of 40 and its province is above 50 %.
    await expect.poll(range).toEqual([expect.any(Number), 100]);
    const fitted = (await range())![0]!;
    expect(fitted).toBeGreaterThan(0);
    expect(await toggle.isChecked()).toBe(false);

    await toggle.check();
    await expect.poll(range).toEqual([0, 100]);
    await page.reload();
    await expect.poll(range).toEqual([0, 100]);
    expect(await page.locator("hl-unit-view").getByLabel("Trục 0–100 %").isChecked()).toBe(true);

    await page.locator("hl-unit-view").getByLabel("Trục 0–100 %").uncheck();
    await expect.poll(range).toEqual([fitted, 100]);
  });

  test("the SIPAS chart draws the elements only; the overall rating is a line of its own saying why", async () => {
    await page.goto(view("unit", DONG_SON));
    await expect.poll(async () => (await drawn(page, "hl-elements-panel", "x"))?.datasets.map((d) => d.label)).toEqual(["Tỷ lệ hài lòng", "Khoảng tin cậy 95 %"]);
    // One row: element 3, polite officials 30 of 40 at level 4 or 5.
    expect((await drawn(page, "hl-elements-panel", "x"))!.datasets[0]!.data).toEqual([75]);
    expect(await legend(page, "hl-elements-panel")).toEqual(["Tỷ lệ hài lòng", "Khoảng tin cậy 95 %"]);
    expect(await page.locator("hl-elements-panel [data-field=overall]").textContent()).toBe(`Đánh giá chung (câu hỏi 3 mức) trong kỳ: ${percent(34 / 40)} hài lòng.`);
    expect(await page.locator("hl-elements-panel .note").allTextContents()).toContainEqual(expect.stringContaining("3 mức"));
  });
});
