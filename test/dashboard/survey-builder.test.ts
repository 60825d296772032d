/**
 * The "Khảo sát" page as a ward's manager uses it: an own survey built from a SIPAS statement
 * and two own statements in two steps, reordered, tried in the preview (the real widget,
 * nothing stored), published, chosen for the ward; then the widget on a portal at the ward
 * shows it and its answer is stored against the new version. The page, preview included,
 * passes axe-core.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { violations } from "../support/axe.ts";
import { launchBrowser } from "../support/browser.ts";
import { d1Rows, shardOfUnit } from "../support/d1.ts";
import { startHostPage, type HostPage } from "../support/host-page.ts";
import { embedHtml, thanks } from "../widget/helpers.ts";
import { logIn } from "../support/dashboard-login.ts";

const baseUrl = inject("baseUrl");
const WARD = "19774"; // Phường Kim Long, Huế
const SURVEY = `u${WARD}_1`;
const MANAGER = { email: "quanly.kimlong@example.vn", name: "Trần Thị Mai", password: "mat-khau-thu-nghiem", role: "manager" as const, unit: WARD };
const OWN_UNIFORM = "Công chức mặc đồng phục, đeo thẻ công chức";
const OWN_CLEAN = "Nơi làm thủ tục sạch sẽ, thoáng mát";
const POLITE = "Công chức có thái độ giao tiếp lịch sự";

let browser: Browser;
let host: HostPage;
let page: Page;

beforeAll(async () => {
  await storeAccount(MANAGER, { remote: false, persistTo: inject("persistTo") });
  [browser, host] = await Promise.all([launchBrowser(), startHostPage()]);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", reducedMotion: "reduce" })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

const stored = () =>
  d1Rows<{ survey: string; version: number; answers: string }>(inject("persistTo"), shardOfUnit(WARD), `SELECT survey, version, answers FROM responses WHERE unit = '${WARD}'`);

/** Answers every question of the survey the widget shows: the overall one, each statement, then sends. */

async function answerAll(widget: Locator, statements: string[][]) {
  await widget.getByRole("radio", { name: "Rất hài lòng", exact: true }).check();
  await widget.getByRole("button", { name: /^Trả lời thêm/ }).click();
  for (const step of statements) {
    for (const text of step) await widget.getByRole("group", { name: text }).getByRole("radio", { name: "Hài lòng", exact: true }).check();
    await widget.getByRole("button", { name: "Tiếp tục" }).click();
  }
  await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
}

test("a manager builds, previews, publishes and chooses an own survey; the ward's widget shows it and takes an answer", async () => {
  await logIn(page, MANAGER);
  await page.getByRole("link", { name: "Khảo sát", exact: true }).click();
  expect(new URL(page.url()).searchParams.get("view")).toBe("surveys");
  await expect.poll(() => page.locator("hl-surveys-page [data-field=uses]").textContent()).toContain("quick");

  const builder = page.locator("hl-survey-builder");
  await builder.getByLabel("Tên khảo sát (tiếng Việt)").fill("Khảo sát văn hóa công sở");
  // Step 3, SIPAS's officials: a bank statement, then an own one moved above it.
  const officials = builder.locator('fieldset[data-element="3"]');
  await officials.getByLabel("Tiêu chí trong ngân hàng SIPAS").selectOption({ label: POLITE });
  await officials.getByRole("button", { name: "Thêm tiêu chí SIPAS" }).click();
  await officials.getByRole("button", { name: "Thêm tiêu chí riêng" }).click();
  await officials.getByLabel("Tiêu chí (tiếng Việt)").fill(OWN_UNIFORM);
  await officials.locator('li[data-statement="new"]').getByRole("button", { name: "Lên" }).click();
  expect(await officials.locator("li").evaluateAll((items) => items.map((li) => li.getAttribute("data-statement")))).toEqual(["new", "e3_polite"]);
  // A step of the ward's own, with a statement in both languages.
  await builder.getByRole("button", { name: "Thêm bước riêng" }).click();
  const own = builder.locator('fieldset[data-element="6"]');
  await own.getByLabel("Tên bước (tiếng Việt)").fill("Văn hóa công sở");
  await own.getByRole("button", { name: "Thêm tiêu chí riêng" }).click();
  await own.getByLabel("Tiêu chí (tiếng Việt)").fill(OWN_CLEAN);
  await own.getByLabel("Tiêu chí (tiếng Anh, không bắt buộc)").fill("The office is clean and airy");
  await builder.getByLabel("Mã hồ sơ").uncheck();
  await builder.getByLabel("Công chức đã phục vụ").uncheck();

  // The preview is the real widget with the draft: answered there, nothing is stored.
  await builder.getByRole("button", { name: "Xem trước" }).click();
  const preview = builder.locator("hailong-survey");
  await preview.getByText("Khảo sát văn hóa công sở").waitFor();
  await answerAll(preview, [[OWN_UNIFORM, POLITE], [OWN_CLEAN]]);
  await thanks(preview).waitFor();
  expect(stored()).toEqual([]);

  await builder.getByRole("button", { name: "Phát hành phiên bản mới" }).click();
  await expect.poll(() => builder.locator("div.note[role=status]").textContent()).toContain(`Đã phát hành ${SURVEY}, phiên bản 1.`);

  const page_ = page.locator("hl-surveys-page");
  await page_.getByLabel("Chọn khảo sát").selectOption(SURVEY);
  await page_.getByRole("button", { name: "Áp dụng" }).click();
  await expect.poll(() => page_.locator("[data-field=uses]").textContent()).toContain(`${SURVEY}, phiên bản 1) · do đơn vị chọn`);

  // The ward's portal: the widget shows the published version and its answer is stored.
  const portal = await (await browser.newContext({ reducedMotion: "reduce" })).newPage();
  await portal.goto(host.page("/kim-long", embedHtml({ unit: WARD })));
  const widget = portal.locator("hailong-survey");
  await widget.getByText("Khảo sát văn hóa công sở").waitFor();
  await answerAll(widget, [[OWN_UNIFORM, POLITE], [OWN_CLEAN]]);
  await thanks(widget).waitFor();
  await expect.poll(() => stored().length).toBe(1);
  const [row, ...more] = stored();
  expect(more).toEqual([]);
  expect(row).toMatchObject({ survey: SURVEY, version: 1 });
  expect(JSON.parse(row!.answers)).toEqual({ overall: 3, [`${SURVEY}_1`]: 4, e3_polite: 4, [`${SURVEY}_2`]: 4 });
  await portal.context().close();
});

test("the page and the preview of the published survey pass axe-core", async () => {
  // axe is injected as a script, which the dashboard's CSP rightly forbids.
  const checked = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", reducedMotion: "reduce", bypassCSP: true })).newPage();
  await logIn(checked, MANAGER);
  await checked.locator("hl-headline").first().waitFor({ state: "attached" });
  await checked.goto(`${baseUrl}/dashboard/?view=surveys&unit=${WARD}`);
  const builder = checked.locator("hl-survey-builder");
  expect(await builder.getByLabel("Khảo sát", { exact: true }).inputValue()).toBe(SURVEY);
  await builder.getByRole("button", { name: "Xem trước" }).click();
  await builder.locator("hailong-survey").getByText("Khảo sát văn hóa công sở").waitFor();
  expect(await violations(checked)).toEqual([]);
  await checked.context().close();
});
