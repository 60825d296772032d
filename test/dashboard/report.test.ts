/**
 * The printed report ("Báo cáo") for the monthly meeting, in the browser: a province's unit,
 * period and printing day, then each section's table with the API's own numbers (the trend's
 * n, the comparison, Decision 766's numerators and denominators, the SIPAS view, the
 * complaints' handling); printed, the dashboard's header, tabs, pickers and buttons stay off
 * the paper, and the PDF is A4, a few pages long.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { apiSessionOf } from "../support/api-session.ts";
import { violations } from "../support/axe.ts";
import { answersWith, submitAnswers } from "../support/answers.ts";
import { launchBrowser } from "../support/browser.ts";
import { logIn } from "../support/dashboard-login.ts";
import { pdfPages } from "../support/pdf.ts";
import { vnDay } from "../../worker/domain/vn-time.ts";

const baseUrl = inject("baseUrl");
const NBSP = "\u00a0";
// Cao Bằng ("04"), 56 communes, answers today at three of them. Phường Thục Phán 34 of 40
// satisfied on the SIPAS survey (polite officials 30 of 40 at level 4 or 5), its 6 unsatisfied
// answers each a complaint; Phường Nùng Trí Cao 24 of 36, 4 complaints; Phường Tân Giang 6
// answers, too few, so Nùng Trí Cao is hidden beside the province's figure too.
const PROVINCE = "04";
const THUC_PHAN = "01273";
const NUNG_TRI_CAO = "01279";
const TAN_GIANG = "01288";
const MANAGER = { email: "quanly.caobang@example.vn", name: "Nông Thị Hạnh", password: "mat-khau-thu-nghiem", role: "manager" as const, unit: PROVINCE };
const REASON = "Cán bộ hẹn trả kết quả nhưng không đúng hẹn";

let browser: Browser;
let page: Page;
/** The report's view as the nav link opened it: its query pins the period for the API's figures. */
let query: { unit: string; from: string; to: string };

beforeAll(async () => {
  const manager = await apiSessionOf(MANAGER);
  expect((await manager.send("PUT", `/units/${THUC_PHAN}/survey-choice`, { survey: "sipas" })).status).toBe(200);
  // A reason makes an unsatisfied answer a complaint.
  const complaintsFrom = (from: number) => (i: number) => (i >= from ? { reason: REASON } : {});
  const polite = (i: number) => ({ e3_polite: i < 30 ? 4 + (i % 2) : 3 });
  await submitAnswers(baseUrl, THUC_PHAN, answersWith(40, 34, (i) => ({ statements: polite(i), ...complaintsFrom(34)(i) })), { "cf-connecting-ip": "192.0.2.73" });
  await submitAnswers(baseUrl, NUNG_TRI_CAO, answersWith(36, 24, complaintsFrom(32)), { "cf-connecting-ip": "192.0.2.79" });
  await submitAnswers(baseUrl, TAN_GIANG, answersWith(6, 5), { "cf-connecting-ip": "192.0.2.88" });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
  await logIn(page, MANAGER);
});

afterAll(async () => {
  await browser?.close();
});

const report = () => page.locator("hl-report-page");
const vnDate = (day: string) => day.split("-").reverse().join("/");
const count = (n: number) => new Intl.NumberFormat("vi-VN").format(n);
const percent = (share: number) => `${(share * 100).toFixed(1).replace(".", ",")}${NBSP}%`;

/** A figure from the API as the page's own session reads it. */
async function api<T>(path: string, extra: Record<string, string> = {}): Promise<T> {
  const res = await page.request.get(`${baseUrl}/api/v1/${path}?${new URLSearchParams({ ...query, ...extra })}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as T;
}

/** Each row of a table in the report as the texts of its cells, the row's heading first. */
function rows(table: string): Promise<string[][]> {
  return report()
    .locator(`${table} tbody tr`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent!.trim())));
}

interface Ratio {
  numerator: number | null;
  denominator: number;
  share: number | null;
}

describe("the report", () => {
  test("opens from its tab on the scope's unit, its parent, the period and the day it is printed", async () => {
    await page.getByRole("link", { name: "Báo cáo" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("view")).toBe("report");
    const params = new URL(page.url()).searchParams;
    query = { unit: params.get("unit")!, from: params.get("from")!, to: params.get("to")! };
    expect(query.unit).toBe(PROVINCE);
    await report().locator("[data-section=measures]").waitFor();
    const title = report().locator("header.title");
    expect(await title.locator("h1").textContent()).toBe("Báo cáo mức độ hài lòng");
    expect(await title.locator(".brand").textContent()).toBe("Hài Lòng");
    expect(await title.locator("[data-field=unit]").textContent()).toBe("Tỉnh Cao Bằng (04)");
    const { path } = (await (await page.request.get(`${baseUrl}/api/v1/units/${PROVINCE}`)).json()) as { path: { name: string }[] };
    expect(await title.locator("[data-field=parent]").textContent()).toBe(path.at(-1)!.name);
    expect(await title.locator("[data-field=period]").textContent()).toBe(`${vnDate(query.from)} – ${vnDate(query.to)} (số liệu theo tháng)`);
    expect(await title.locator("[data-field=printed]").textContent()).toBe(`In ngày ${vnDate(vnDay(new Date()))}`);
  });

  test("the trend and the comparison show the API's figures, each period with its n", async () => {
    const trend = await api<{ points: { n: number; share: number | null }[] }>("stats/trend", { bucket: "month", item: "overall" });
    const trendRows = await rows("hl-trend-panel");
    expect(trendRows).toHaveLength(trend.points.length);
    expect(trendRows.map((row) => row[3])).toEqual(trend.points.map((p) => count(p.n)));
    expect(trendRows.at(-1)!.slice(1, 2)).toEqual([percent(63 / 82)]);
    expect(trend.points.at(-1)!.n).toBe(82);

    const compare = await api<{ children: { unit: { name: string }; n: number }[] }>("stats/compare", { item: "overall" });
    const compared = await rows("hl-compare-panel");
    expect(compared).toHaveLength(compare.children.length);
    expect(compared.find((row) => row[0] === "Phường Thục Phán")!.slice(1, 4)).toEqual([percent(34 / 40), expect.stringMatching(/–/), "40"]);
    expect(compared.find((row) => row[0] === "Phường Nùng Trí Cao")!.slice(1, 4)).toEqual(["ẩn", "ẩn", "36"]);
    expect(compared.find((row) => row[0] === "Phường Tân Giang")!.slice(1, 4)).toEqual(["chưa đủ mẫu", "chưa đủ mẫu", "6"]);
    expect(await rows("hl-funnel-panel")).toEqual([["Phường Thục Phán", "40", percent(34 / 40), expect.any(String), expect.any(String), expect.any(String)]]);
  });

  test("Decision 766's ratios show each numerator and denominator the API gives, for every unit", async () => {
    const { units } = await api<{ units: ({ name: string } & Record<"onTime" | "notUnsatisfiedOrLate" | "satisfiedSets", Ratio>)[] }>("reports/766");
    const shown = await rows("[data-section='766']");
    // A count of ratings withheld: "ẩn" when hidden to protect another unit's, "chưa đủ mẫu" below the minimum.
    const counted = (r: Ratio) => (r.numerator !== null ? count(r.numerator) : r.denominator >= 30 ? "ẩn" : "chưa đủ mẫu");
    const cells = (r: Ratio) => [`${counted(r)} / ${count(r.denominator)}`, r.share === null ? "chưa đủ mẫu" : percent(r.share)];
    expect(shown).toEqual(units.map((u) => [u.name, ...cells(u.onTime), ...cells(u.notUnsatisfiedOrLate), ...cells(u.satisfiedSets)]));
    expect(shown[0]![0]).toBe("Tỉnh Cao Bằng");
    // The province: 10 complaints, each still within its deadline; 82 answer sets, 63 satisfied.
    expect(shown[0]!.slice(1)).toEqual(["0 / 10", "chưa đủ mẫu", "10 / 10", "chưa đủ mẫu", "63 / 82", percent(63 / 82)]);
    // As the comparison shows them: Nùng Trí Cao hidden to protect Tân Giang, below the minimum.
    const satisfiedSets = (name: string) => shown.find((row) => row[0] === name)!.slice(5);
    expect(satisfiedSets("Phường Nùng Trí Cao")).toEqual(["ẩn / 36", "chưa đủ mẫu"]);
    expect(satisfiedSets("Phường Tân Giang")).toEqual(["chưa đủ mẫu / 6", "chưa đủ mẫu"]);
  });

  test("the SIPAS view shows each unit's overall rating and its elements as the API gives them", async () => {
    const { units } = await api<{ units: { name: string; overall: { n: number; share: number | null }; elements: { name: { vi: string }; n: number; share: number | null }[] }[] }>("reports/sipas");
    const shown = await rows("[data-section=sipas]");
    // Only the units whose answers used SIPAS statements: the province and Thục Phán; the others' overall rating is the comparison's.
    const asked = units.filter((u) => u.elements.length > 0);
    expect(asked.map((u) => u.name)).toEqual(["Tỉnh Cao Bằng", "Phường Thục Phán"]);
    expect(shown.map((row) => row[0])).toEqual(asked.flatMap((u) => [`${u.name} — đánh giá chung (3 mức)`, ...u.elements.map((e) => `— ${e.name.vi}`)]));
    expect(await report().locator("[data-section=sipas] [data-field=not-asked]").textContent()).toBe(
      `${units.length - 2} đơn vị không có câu trả lời SIPAS trong kỳ: đánh giá chung của các đơn vị này ở bảng so sánh phía trên.`,
    );
    const thucPhan = shown.findIndex((row) => row[0] === "Phường Thục Phán — đánh giá chung (3 mức)");
    expect(shown[thucPhan]!.slice(1)).toEqual([percent(34 / 40), expect.stringMatching(/–/), "40"]);
    const element = units.find((u) => u.name === "Phường Thục Phán")!.elements[0]!;
    expect(shown[thucPhan + 1]).toEqual([`— ${element.name.vi}`, percent(30 / 40), expect.stringMatching(/–/), "40"]);
    // The scope's own elements, with their statements, in the elements panel.
    expect((await rows("hl-elements-panel")).map((row) => row[0])).toEqual([element.name.vi, "— Công chức có thái độ giao tiếp lịch sự"]);
  });

  test("the complaints' handling shows the queue's measures for the scope and period", async () => {
    const { measures } = await api<{ measures: { received: number; open: number; overdue: number } }>("feedback/summary");
    expect(measures.received).toBe(10);
    const shown = await rows("[data-section=measures]");
    expect(shown.find((row) => row[0] === "Còn mở")![1]).toBe(`${measures.open} / ${measures.received} phản ánh nhận trong kỳ`);
    expect(shown.find((row) => row[0] === "Quá hạn")![1]).toBe(`${measures.overdue} / ${measures.received} phản ánh nhận trong kỳ`);
  });

  test("offers the official forms as workbooks and prints with the browser's own dialog", async () => {
    const links = report().locator(".actions a[download]");
    expect(await links.allTextContents()).toEqual([expect.stringContaining("Quyết định 766 (XLSX)"), expect.stringContaining("SIPAS (XLSX)")]);
    const hrefs = (await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))).map((href) => new URL(href));
    expect(hrefs.map((url) => url.pathname)).toEqual(["/api/v1/reports/766.xlsx", "/api/v1/reports/sipas.xlsx"]);
    expect(Object.fromEntries(hrefs[0]!.searchParams)).toEqual(query);
    const download = await page.request.get(hrefs[0]!.href);
    expect(download.status()).toBe(200);

    await page.evaluate(() => {
      window.print = () => document.body.setAttribute("data-printed", "yes");
    });
    await report().getByRole("button", { name: "In báo cáo" }).click();
    expect(await page.locator("body").getAttribute("data-printed")).toBe("yes");
  });

  test("axe finds nothing to fix on the report", async () => {
    // The dashboard's CSP would refuse axe's injected script; the report runs under it above.
    const checked = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", bypassCSP: true });
    await logIn(checked, MANAGER);
    await checked.getByRole("link", { name: "Báo cáo" }).click();
    await checked.locator("hl-report-page [data-section=measures]").waitFor();
    expect(await violations(checked)).toEqual([]);
    await checked.close();
  });

  test("printed, only the report shows, its charts at the page's width, on a few A4 pages", async () => {
    // Every chart drawn first, so that the PDF has them.
    await expect.poll(() => report().locator("hl-chart").evaluateAll((charts) => charts.length > 0 && charts.every((c) => "chart" in c && c.chart))).toBe(true);
    await page.emulateMedia({ media: "print" });
    try {
      expect(await page.getByRole("navigation", { name: "Trang" }).isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: "Đăng xuất" }).isVisible()).toBe(false);
      expect(await page.locator("hl-period-picker").isVisible()).toBe(false);
      expect(await report().getByRole("button", { name: "In báo cáo" }).isVisible()).toBe(false);
      // No button or download link on paper, the panels' own included.
      expect(await report().locator("a[download], button:not(.sort)").evaluateAll((controls) => controls.filter((c) => c.checkVisibility()).length)).toBe(0);
      expect(await report().locator("header.title [data-field=unit]").isVisible()).toBe(true);
      // Every table shows without being opened.
      expect(await report().locator("table").evaluateAll((tables) => tables.every((t) => t.checkVisibility()))).toBe(true);
      // The sheet is as wide as an A4 page inside its 15 mm margins: 180 mm at 96 px an inch.
      const printable = (180 / 25.4) * 96;
      const sheet = (await report().locator(".sheet").boundingBox())!;
      expect(sheet.width).toBeCloseTo(printable, 0);
      const canvases = await report().locator("canvas").evaluateAll((list) => list.map((c) => c.getBoundingClientRect().width));
      expect(canvases.length).toBeGreaterThan(0);
      for (const width of canvases) expect(width).toBeLessThanOrEqual(sheet.width);
      // No table wider than its frame: a column past the page's edge would be cut off the paper.
      const overflowing = await report().locator(".table-wrap").evaluateAll((wraps) => wraps.filter((w) => w.scrollWidth > w.clientWidth + 1).map((w) => w.getAttribute("aria-label")));
      expect(overflowing).toEqual([]);
    } finally {
      await page.emulateMedia({ media: null });
    }

    for (const pdf of [await page.pdf({ format: "A4" }), await page.pdf({ preferCSSPageSize: true })]) {
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const pages = pdfPages(pdf);
      expect(pages.length).toBeGreaterThanOrEqual(1);
      expect(pages.length).toBeLessThanOrEqual(6);
      for (const { width, height } of pages) {
        expect(width).toBeCloseTo(210, 0);
        expect(height).toBeCloseTo(297, 0);
      }
    }
  });
});
