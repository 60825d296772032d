/**
 * The complaints queue as a commune's CCHC officer works it: counts that match the API and
 * filter the list, feedback on its own tab, a search that ignores diacritics, every filter in
 * the URL; no closing without a note; several items moved at once; an item assigned to
 * oneself under "Việc của tôi"; and a viewer who never sees the official a citizen named.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { apiSessionOf, type ApiSession } from "../support/api-session.ts";
import { violations } from "../support/axe.ts";
import { launchBrowser } from "../support/browser.ts";
import { logIn } from "../support/dashboard-login.ts";

const baseUrl = inject("baseUrl");
const UNIT = "06046"; // Xã Tràng Định, Lạng Sơn
const MANAGER = { email: "quanly.trangdinh@example.vn", name: "Nông Văn Hải", password: "mat-khau-thu-nghiem", role: "manager" as const, unit: UNIT };
const VIEWER = { email: "xem.trangdinh@example.vn", name: "Hà Thị Lan", password: "mat-khau-thu-nghiem", role: "viewer" as const, unit: UNIT };
const WAITING = "Phải chờ rất lâu mới được tiếp nhận hồ sơ";
const GUIDANCE = "Cán bộ không hướng dẫn kê khai";
const PAPERS = "Thủ tục nhiều giấy tờ";
const RUDE = "Công chức nói chuyện thiếu lịch sự";
const PRAISE = "Cán bộ nhiệt tình, cảm ơn xã";

let manager: ApiSession;
let browser: Browser;
let page: Page;

async function json<T>(res: Response, status = 200): Promise<T> {
  if (res.status !== status) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A desk with one official, and a survey of the commune's own that asks which official served. */
async function officialAndSurvey(): Promise<string> {
  const desk = await json<{ code: string }>(await manager.send("POST", `/units/${UNIT}/desks`, { name: "Bộ phận tiếp nhận và trả kết quả" }), 201);
  const official = await json<{ code: string }>(await manager.send("POST", `/units/${desk.code}/officials`, { name: "Lương Văn Tùng" }), 201);
  const draft = { title: { vi: "Khảo sát tại quầy" }, elements: [], statements: [], askCaseCode: false, askOfficial: true, askComment: true };
  const { survey } = await json<{ survey: { id: string } }>(await manager.send("POST", `/units/${UNIT}/surveys`, draft), 201);
  await json(await manager.send("PUT", `/units/${UNIT}/survey-choice`, { survey: survey.id }));
  return official.code;
}

/** Sends answers as the widget does, in order, so the oldest is the first sent. */
async function answer(items: { overall: 1 | 2 | 3; reason?: string; comment?: string; official?: string }[]): Promise<void> {
  const { survey, version } = await json<{ survey: string; version: number }>(await fetch(`${baseUrl}/api/v1/units/${UNIT}/survey`));
  for (const { overall, ...rest } of items) {
    const body = { id: crypto.randomUUID(), unit: UNIT, survey, version, answers: { overall }, channel: "web", lang: "vi", ...rest };
    await json(await fetch(`${baseUrl}/api/v1/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), 201);
  }
}

beforeAll(async () => {
  manager = await apiSessionOf(MANAGER);
  await storeAccount(VIEWER, { remote: false, persistTo: inject("persistTo") });
  const official = await officialAndSurvey();
  await answer([
    { overall: 1, reason: WAITING },
    { overall: 1, reason: GUIDANCE },
    { overall: 3, comment: PRAISE },
    { overall: 1, reason: PAPERS },
    { overall: 1, reason: RUDE, official },
  ]);
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" })).newPage();
});

afterAll(async () => {
  await browser?.close();
});

const cards = () => page.locator("hl-complaint");
const card = (text: string) => cards().filter({ hasText: text });
const reasons = () => cards().locator("[data-field=reason], [data-field=comment]").allTextContents();
const param = (key: string) => new URL(page.url()).searchParams.get(key);
const countOf = (status: string) => page.locator(`hl-queue-counts [data-count=${status}] strong`).textContent();
const total = () => page.locator("[data-field=total]").textContent();

describe("the complaints queue", () => {
  test("opens on the open complaints, oldest first, with counts that match the API and filter the list", async () => {
    await logIn(page, MANAGER);
    await page.getByRole("link", { name: "Phản ánh" }).first().click();
    await expect.poll(reasons).toEqual([WAITING, GUIDANCE, PAPERS, RUDE]);
    expect(await total()).toBe("4 phản ánh");
    expect(await page.getByRole("link", { name: "Phản ánh", exact: true }).last().getAttribute("aria-current")).toBe("page");

    const query = new URLSearchParams({ unit: UNIT, from: param("from")!, to: param("to")!, kind: "complaint" });
    const { counts, measures } = await json<{ counts: Record<string, number>; measures: { received: number; open: number } }>(
      await manager.send("GET", `/feedback/summary?${query}`),
    );
    expect(counts).toMatchObject({ new: 4, in_progress: 0, overdue: 0, resolved: 0 });
    for (const status of ["new", "in_progress", "overdue", "resolved"]) expect(await countOf(status)).toBe(String(counts[status]));
    expect(await page.locator("[data-measure=open]").textContent()).toBe(`${measures.open} / ${measures.received} phản ánh nhận trong kỳ`);

    const fresh = page.getByRole("button", { name: /^Mới/ });
    await fresh.click();
    await expect.poll(() => param("status")).toBe("new");
    expect(await fresh.getAttribute("aria-pressed")).toBe("true");
    expect(await page.getByLabel("Trạng thái", { exact: true }).inputValue()).toBe("new");
    await page.getByLabel("Trạng thái", { exact: true }).selectOption("open");
    await expect.poll(() => param("status")).toBeNull();
  });

  test("feedback has a tab of its own; the search ignores diacritics; the URL alone reproduces the view", async () => {
    await page.getByRole("link", { name: "Góp ý", exact: true }).click();
    await expect.poll(reasons).toEqual([PRAISE]);
    expect(param("kind")).toBe("feedback");
    expect(await total()).toBe("1 góp ý");

    await page.getByRole("link", { name: "Phản ánh", exact: true }).last().click();
    await expect.poll(() => total()).toBe("4 phản ánh");
    await page.getByLabel("Tìm trong nội dung, ghi chú").fill("cho lau");
    await page.getByLabel("Tìm trong nội dung, ghi chú").press("Enter");
    await expect.poll(reasons).toEqual([WAITING]);
    expect(param("q")).toBe("cho lau");
    expect(await total()).toBe("1 phản ánh");
    const shared = page.url();

    // The exports carry the list's filter, and hold what it shows.
    const csvLink = new URL((await page.locator("[data-export=complaints-csv]").getAttribute("href"))!, baseUrl);
    expect(Object.fromEntries(csvLink.searchParams)).toEqual({ unit: UNIT, from: param("from"), to: param("to"), kind: "complaint", status: "open", q: "cho lau" });
    expect(new URL((await page.locator("[data-export=complaints-xlsx]").getAttribute("href"))!, baseUrl).search).toBe(csvLink.search);
    const csv = await (await manager.send("GET", `${csvLink.pathname.replace("/api/v1", "")}${csvLink.search}`)).text();
    expect(csv).toContain(WAITING);
    expect(csv).not.toContain(GUIDANCE);

    await page.getByLabel("Thứ tự").selectOption("newest");
    await expect.poll(() => param("sort")).toBe("newest");
    await page.goBack();
    await expect.poll(() => param("sort")).toBeNull();

    const other = await page.context().newPage();
    await other.goto(shared);
    await expect.poll(() => other.locator("hl-complaint [data-field=reason]").allTextContents()).toEqual([WAITING]);
    await other.close();
    await page.getByLabel("Tìm trong nội dung, ghi chú").fill("");
    await page.getByRole("button", { name: "Tìm", exact: true }).click();
    await expect.poll(() => total()).toBe("4 phản ánh");
  });

  test("refuses to close a complaint without a note, in words, and closes it with one", async () => {
    const item = card(GUIDANCE);
    expect(await item.locator("[data-field=official]").count()).toBe(0);
    expect(await card(RUDE).locator("[data-field=official]").textContent()).toBe("Lương Văn Tùng");
    await item.getByLabel("Chuyển trạng thái").selectOption("resolved");
    await expect.poll(() => item.locator("[data-field=note-needed]").textContent()).toBe("Đóng hoặc mở lại phản ánh phải ghi rõ đã làm gì.");
    await item.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => item.getByRole("status").textContent()).toContain("đóng hoặc mở lại một phản ánh cần có ghi chú");
    expect(await item.locator("[data-field=status]").textContent()).toBe("Mới");

    await item.getByLabel("Chuyển trạng thái").selectOption("resolved");
    await item.getByLabel("Ghi chú xử lý").fill("Đã hướng dẫn lại người dân qua điện thoại");
    await item.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => item.locator("[data-field=status]").textContent()).toBe("Đã xử lý");
    await expect.poll(() => countOf("resolved")).toBe("1");
    expect(await countOf("new")).toBe("3");
  });

  test("moves two selected complaints at once with one note; the list and the counts follow", async () => {
    await card(WAITING).getByRole("checkbox", { name: "Chọn" }).check();
    await card(PAPERS).getByRole("checkbox", { name: "Chọn" }).check();
    await expect.poll(() => page.locator("hl-queue-bulk h2").textContent()).toBe("Chuyển 2 mục đã chọn");
    await page.getByLabel("Chuyển sang").selectOption("in_progress");
    await page.locator("hl-queue-bulk").getByLabel("Ghi chú xử lý").fill("Đã chuyển bộ phận một cửa xem xét");
    await page.getByRole("button", { name: "Chuyển các mục đã chọn" }).click();
    await expect.poll(() => page.locator("hl-queue-bulk [role=status]").textContent()).toBe("Đã chuyển 2 mục.");
    await expect.poll(() => countOf("in_progress")).toBe("2");
    await expect.poll(reasons).toEqual([WAITING, PAPERS, RUDE]);
    expect(await card(WAITING).locator("[data-field=status]").textContent()).toBe("Đang xử lý");
    expect(await card(PAPERS).locator("[data-field=status]").textContent()).toBe("Đang xử lý");
  });

  test("a complaint assigned to oneself is under “Việc của tôi”", async () => {
    const item = card(RUDE);
    await item.getByLabel("Giao cho").selectOption({ label: `${MANAGER.name} · Xã Tràng Định` });
    await item.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => item.locator("[data-field=assignee]").textContent()).toBe(MANAGER.name);
    await page.getByRole("link", { name: "Việc của tôi" }).click();
    await expect.poll(() => param("assignee")).toBe("me");
    await expect.poll(reasons).toEqual([RUDE]);
  });

  test("a viewer has no official filter and sees no item naming an official", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    const viewer = await context.newPage();
    await logIn(viewer, VIEWER);
    await viewer.getByRole("link", { name: "Phản ánh" }).first().click();
    await expect.poll(() => viewer.locator("hl-complaint [data-field=reason]").allTextContents()).toEqual([WAITING, PAPERS]);
    expect(await viewer.getByLabel("Công chức được nêu").count()).toBe(0);
    expect(await viewer.locator("hl-complaint [data-field=official]").count()).toBe(0);
    expect(await viewer.getByRole("link", { name: "Việc của tôi" }).count()).toBe(0);
    expect(await viewer.locator("hl-queue-counts [data-count=in_progress] strong").textContent()).toBe("2");
    await context.close();
  });

  test("a manager's queue, with its selection, assignment and bulk forms, has nothing axe finds", async () => {
    // The dashboard's CSP would refuse axe's injected script (as in a11y.test.ts).
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", reducedMotion: "reduce", bypassCSP: true });
    const checked = await context.newPage();
    await logIn(checked, MANAGER);
    await checked.getByRole("link", { name: "Phản ánh" }).first().click();
    await checked.locator("hl-complaint").getByLabel("Giao cho").first().waitFor();
    expect(await violations(checked)).toEqual([]);
    await context.close();
  });
});
