/**
 * "Cần chú ý" and the fair comparison in the browser: a commune whose weekly share fell far
 * below its own past opens the province's overview, the rule that fired in words; the
 * comparison labels it by the funnel, ranks by the shrunk estimate and sorts by any column.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { withLocalStore } from "../../scripts/local-server.ts";
import { storeResponses } from "../../worker/db/responses.ts";
import { addDays, bucketStart, daysBetween } from "../../worker/domain/period.ts";
import { bodyHash, toResponseRecord, type ResponseRecord, type Submission } from "../../worker/domain/submission.ts";
import { vnDay, vnDayStart } from "../../worker/domain/vn-time.ts";
import { violations } from "../support/axe.ts";
import { launchBrowser } from "../support/browser.ts";
import { logIn } from "../support/dashboard-login.ts";

const baseUrl = inject("baseUrl");
const NBSP = "\u00a0";
// Cà Mau ("96"): ten communes, 40 answers every week for 17 weeks, stored as answers given
// then (the API takes answers at most two weeks old). Nine answer 34 of 40 satisfied every
// week; Phường Bạc Liêu 36 of 40 for the ten oldest weeks, then 20 of 40 for the seven latest.
const PROVINCE = "96";
const VIEWER = { email: "xem.camau@example.vn", name: "Trần Thị Thu", password: "mat-khau-cua-thu", role: "viewer" as const, unit: PROVINCE };
const DROPPING = "31825"; // Phường Bạc Liêu
const STEADY = ["31834", "31840", "31843", "31849", "31858", "31864", "31867", "31876", "31882"];
const WEEKLY = 40;
const BASELINE_WEEKS = 10;
const RECENT_WEEKS = 7;

// Pinned, so that a week turning during the run moves nothing: the view's last day is today.
const today = vnDay(new Date());
const thisMonday = bucketStart(today, "week");
const mondayWeeksAgo = (weeks: number) => addDays(thisMonday, -7 * weeks);
const view = (unit: string) => `${baseUrl}/dashboard/?view=overview&unit=${unit}&from=${mondayWeeksAgo(BASELINE_WEEKS + RECENT_WEEKS)}&to=${today}&bucket=week`;

/** A week's answers at a unit, given on its Monday from 09:00 (Viet Nam), `satisfied` of them level 2 or 3. */
async function weekOfAnswers(unit: string, monday: string, satisfied: number): Promise<ResponseRecord[]> {
  const start = vnDayStart(monday).getTime() + 9 * 3_600_000;
  return Promise.all(
    Array.from({ length: WEEKLY }, async (_, i) => {
      const sub: Submission = { id: crypto.randomUUID(), unit, survey: "quick", version: 1, answers: { overall: i < satisfied ? 2 + (i % 2) : 1 }, channel: "web", lang: "vi" };
      return toResponseRecord(sub, { bodyHash: await bodyHash(sub), receivedAt: new Date(start + i * 60_000), clientHash: `seed-${unit}`, caseScope: unit, device: null });
    }),
  );
}

async function seed(): Promise<void> {
  const weeks: Promise<ResponseRecord[]>[] = [];
  for (let ago = 1; ago <= BASELINE_WEEKS + RECENT_WEEKS; ago++) {
    const recent = ago <= RECENT_WEEKS;
    weeks.push(weekOfAnswers(DROPPING, mondayWeeksAgo(ago), recent ? 20 : 36));
    for (const unit of STEADY) weeks.push(weekOfAnswers(unit, mondayWeeksAgo(ago), 34));
  }
  const records = (await Promise.all(weeks)).flat();
  await withLocalStore(inject("persistTo"), async (store) => {
    for (let i = 0; i < records.length; i += 400) await storeResponses(store, records.slice(i, i + 400));
  });
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  await storeAccount(VIEWER, { remote: false, persistTo: inject("persistTo") });
  await seed();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
  await logIn(page, VIEWER);
  await page.locator("hl-headline [data-figure=share]").waitFor();
});

afterAll(async () => {
  await browser?.close();
});

const alertRows = () => page.locator("hl-alerts-panel tbody tr");
const alertTexts = async () => Promise.all((await alertRows().all()).map((row) => row.locator("th, td").allTextContents()));
const compareRows = () => page.locator("hl-compare-panel tbody tr");
const compareNames = () => compareRows().locator("th").allTextContents();
const header = (name: string) => page.locator("hl-compare-panel thead th", { hasText: name });
/** The Viet Nam date of a day, as the dashboard writes it: "dd/mm/yyyy". */
const vnDate = (day: string) => day.split("-").reverse().join("/");

describe("who needs attention, compared fairly", () => {
  test("the overview opens with the dropping commune first under Cần chú ý, the rule in words", async () => {
    await page.goto(view(PROVINCE));
    await expect.poll(() => alertRows().count()).toBeGreaterThan(0);
    const first = await page.locator("hl-unit-view").evaluate((el) => el.shadowRoot!.querySelector(".grid > div")!.firstElementChild!.tagName);
    expect(first).toBe("HL-ALERTS-PANEL");
    expect(await page.locator("hl-alerts-panel h2").textContent()).toBe("Cần chú ý");

    // The commune: 20/40 against a baseline of 36/40, beyond 3σ from its first recent week.
    // The province: 326/400 against 342/400 each week, beyond 2σ but not 3σ. Nobody rose.
    const since = vnDate(mondayWeeksAgo(RECENT_WEEKS));
    expect(await alertTexts()).toEqual([
      ["Phường Bạc Liêu", "Giảm: 1 tuần dưới giới hạn 3σ", since, `50,0${NBSP}%`, `90,0${NBSP}%`],
      ["Tỉnh Cà Mau", "Giảm: 2 trong 3 tuần dưới 2σ", since, `81,5${NBSP}%`, `85,5${NBSP}%`],
    ]);

    await alertRows().first().getByRole("link", { name: "Xem Phường Bạc Liêu" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("unit")).toBe(DROPPING);
    await expect.poll(() => alertTexts()).toEqual([["Phường Bạc Liêu", "Giảm: 1 tuần dưới giới hạn 3σ", since, `50,0${NBSP}%`, `90,0${NBSP}%`]]);
  });

  test("the comparison labels each commune by the funnel, ranks by the shrunk estimate and sorts by any column", async () => {
    await page.goto(view(PROVINCE));
    await expect.poll(() => compareRows().count()).toBeGreaterThan(STEADY.length + 1);
    const row = (name: string) => compareRows().filter({ hasText: name }).locator("td").allTextContents();
    // p0 = 5702/6800: the steady communes' 85,0 % lies within 95 % limits at n = 680, Bạc Liêu's 73,5 % below.
    // The 17 weeks before have no answers: no change to show.
    expect(await row("Phường Bạc Liêu")).toEqual([`73,5${NBSP}%`, expect.stringMatching(/–/), "680", "—", "Thấp hơn kỳ vọng"]);
    expect(await row("Phường Vĩnh Trạch")).toEqual([`85,0${NBSP}%`, expect.stringMatching(/–/), "680", "—", "Trong giới hạn"]);
    // A commune without answers is a row with its n, not a figure.
    expect(await compareRows().nth(STEADY.length + 1).locator("td").allTextContents()).toEqual(["chưa đủ mẫu", "chưa đủ mẫu", "0", "—", ""]);

    // Ranked: the caption says by what; Bạc Liêu last of the communes with a figure.
    expect(await page.locator("hl-compare-panel caption").textContent()).toContain("Xếp theo ước lượng đã hiệu chỉnh cho cỡ mẫu (beta-nhị thức)");
    expect(await header("% hài lòng").getAttribute("aria-sort")).toBe("descending");
    expect((await compareNames())[STEADY.length]).toBe("Phường Bạc Liêu");

    await header("% hài lòng").getByRole("button").click();
    await expect.poll(() => header("% hài lòng").getAttribute("aria-sort")).toBe("ascending");
    expect((await compareNames())[0]).toBe("Phường Bạc Liêu");

    await header("Đơn vị").getByRole("button").click();
    await expect.poll(() => header("Đơn vị").getAttribute("aria-sort")).toBe("ascending");
    expect(await header("% hài lòng").getAttribute("aria-sort")).toBeNull();
    expect(await page.locator("hl-compare-panel caption").textContent()).not.toContain("Xếp theo ước lượng");
    const names = await compareNames();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "vi")));

    await header("Số lượt (n)").getByRole("button").click();
    await expect.poll(() => header("Số lượt (n)").getAttribute("aria-sort")).toBe("descending");
    const counts = await compareRows().locator("td:nth-of-type(3)").allTextContents();
    expect(counts.slice(0, STEADY.length + 1)).toEqual(Array(STEADY.length + 1).fill("680"));
    expect(counts.at(-1)).toBe("0");

    await header("So với kỳ vọng").getByRole("button").click();
    await expect.poll(() => header("So với kỳ vọng").getAttribute("aria-sort")).toBe("ascending");
    expect((await compareNames())[0]).toBe("Phường Bạc Liêu");
  });

  test("each commune's change against the previous period of the same length, in the table and its downloads", async () => {
    // The seven latest weeks (and this one, without answers so far) against as many days before.
    const from = mondayWeeksAgo(RECENT_WEEKS);
    await page.goto(`${baseUrl}/dashboard/?view=overview&unit=${PROVINCE}&from=${from}&to=${today}&bucket=week`);
    await expect.poll(() => compareRows().count()).toBeGreaterThan(STEADY.length + 1);
    const row = (name: string) => compareRows().filter({ hasText: name }).locator("td").allTextContents();
    // Bạc Liêu: 20 of 40 a week now, 36 of 40 in every earlier week; the others 34 of 40 throughout.
    expect((await row("Phường Bạc Liêu")).slice(0, 4)).toEqual([`50,0${NBSP}%`, expect.stringMatching(/–/), "280", `\u221240,0${NBSP}điểm`]);
    expect((await row("Phường Vĩnh Trạch")).slice(0, 4)).toEqual([`85,0${NBSP}%`, expect.stringMatching(/–/), "280", `±0,0${NBSP}điểm`]);
    const length = daysBetween(from, today);
    expect(await page.locator("hl-compare-panel [data-field=change]").textContent()).toContain(`${vnDate(addDays(from, -length))} – ${vnDate(addDays(from, -1))}`);

    // Sorted by the change, the drop comes first.
    await header("Thay đổi so với kỳ trước").getByRole("button").click();
    await header("Thay đổi so với kỳ trước").getByRole("button").click();
    await expect.poll(() => header("Thay đổi so với kỳ trước").getAttribute("aria-sort")).toBe("ascending");
    expect((await compareNames())[0]).toBe("Phường Bạc Liêu");

    // The downloads are the same table: the CSV in percentages, the workbook beside it.
    const csvLink = page.locator("hl-compare-panel a[data-export=compare]");
    const csv = await page.request.get(new URL((await csvLink.getAttribute("href"))!, baseUrl).toString());
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).split("\r\n");
    expect(lines[0]).toContain("Thay đổi (điểm %)");
    const baclieu = lines.find((line) => line.startsWith(`${DROPPING},`))!.split(",");
    expect(baclieu.slice(2, 5)).toEqual(["280", "140", "50.0"]);
    // The previous period holds the weeks whose Mondays fall in it: every 7th day back from `from`.
    expect(baclieu.slice(9, 12)).toEqual([String(WEEKLY * Math.floor(length / 7)), "90.0", "-40.0"]);
    const xlsx = await page.request.get(new URL((await page.locator("hl-compare-panel a[data-export=compare-xlsx]").getAttribute("href"))!, baseUrl).toString());
    expect(xlsx.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });

  test("axe finds nothing on the overview with its alerts and the sorted comparison", async () => {
    // The dashboard's CSP would refuse axe's injected script (see a11y.test.ts).
    const checked = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", reducedMotion: "reduce", bypassCSP: true });
    await logIn(checked, VIEWER);
    await checked.locator("hl-headline [data-figure=share]").waitFor();
    await checked.goto(view(PROVINCE));
    await checked.locator("hl-alerts-panel tbody tr").first().waitFor();
    await checked.locator("hl-compare-panel thead th", { hasText: "Đơn vị" }).getByRole("button").click();
    expect(await violations(checked)).toEqual([]);
    await checked.close();
  });

  test("in English, through the language switch", async () => {
    await page.goto(view(PROVINCE));
    await page.getByRole("button", { name: "Switch to English" }).click();
    await expect.poll(() => alertTexts()).toEqual([
      ["Phường Bạc Liêu", "Drop: 1 week below the 3σ limit", expect.any(String), "50.0%", "90.0%"],
      ["Tỉnh Cà Mau", "Drop: 2 of 3 weeks below 2σ", expect.any(String), "81.5%", "85.5%"],
    ]);
    expect(await compareRows().filter({ hasText: "Phường Bạc Liêu" }).locator("td").last().textContent()).toBe("Lower than expected");
    await page.getByRole("button", { name: "Chuyển sang tiếng Việt" }).click();
  });
});
