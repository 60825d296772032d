/**
 * The "Bộ phận & cán bộ" page as a commune's manager uses it: a desk and two officials added
 * under generated codes, one renamed, and the widget at a new official's code shows the survey
 * and takes its answer; a closed official is shown as closed. The page passes axe-core.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { violations } from "../support/axe.ts";
import { launchBrowser } from "../support/browser.ts";
import { d1Rows, shardOfUnit } from "../support/d1.ts";
import { startHostPage, type HostPage } from "../support/host-page.ts";
import { answerQuick, embedHtml, thanks } from "../widget/helpers.ts";
import { logIn } from "../support/dashboard-login.ts";

const baseUrl = inject("baseUrl");
const COMMUNE = "20977"; // Xã Đức Phú, Đà Nẵng
const MANAGER = { email: "quanly.ducphu@example.vn", name: "Phan Văn Tài", password: "mat-khau-thu-nghiem", role: "manager" as const, unit: COMMUNE };

let browser: Browser;
let host: HostPage;
let page: Page;

beforeAll(async () => {
  await storeAccount(MANAGER, { remote: false, persistTo: inject("persistTo") });
  [browser, host] = await Promise.all([launchBrowser(), startHostPage()]);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

const desk = () => page.locator("hl-desks-page article.desk").first();
const official = (code: string) => desk().locator(`tr[data-code="${code}"]`);


test("a manager adds a desk and two officials; the widget at a new official's code shows the survey", async () => {
  await logIn(page, MANAGER);
  await page.getByRole("link", { name: "Bộ phận & cán bộ" }).click();
  await page.getByText("Chưa có bộ phận nào.").waitFor();
  expect(new URL(page.url()).searchParams.get("view")).toBe("desks");

  await page.getByLabel("Tên bộ phận mới").fill("Bộ phận tiếp nhận và trả kết quả xã Đức Phú");
  await page.getByRole("button", { name: "Thêm bộ phận" }).click();
  await desk().getByRole("heading", { name: "Bộ phận tiếp nhận và trả kết quả xã Đức Phú" }).waitFor();
  expect(await desk().getAttribute("data-code")).toBe(`${COMMUNE}-tn`);
  expect(await page.locator("hl-desks-page [role=status]").textContent()).toBe("Đã lưu.");

  for (const name of ["Nguyễn Thị Hạnh", "Lê Văn Quang"]) {
    await desk().getByLabel("Họ và tên công chức").fill(name);
    await desk().getByRole("button", { name: "Thêm công chức" }).click();
    await desk().getByRole("rowheader", { name }).waitFor();
  }
  expect(await desk().locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-code")))).toEqual([`${COMMUNE}-tn-cb1`, `${COMMUNE}-tn-cb2`]);

  // A rename, then the widget at the official's code: the survey, with the new name, takes an answer.
  const hanh = official(`${COMMUNE}-tn-cb1`);
  await hanh.getByText("Sửa").click();
  await hanh.getByLabel("Tên mới").fill("Nguyễn Thị Mỹ Hạnh");
  await hanh.getByRole("button", { name: "Đổi tên" }).click();
  await desk().getByRole("rowheader", { name: "Nguyễn Thị Mỹ Hạnh" }).waitFor();

  const portal = await (await browser.newContext({ reducedMotion: "reduce" })).newPage();
  await portal.goto(host.page("/official", embedHtml({ unit: `${COMMUNE}-tn-cb1` })));
  const widget = portal.locator("hailong-survey");
  await widget.getByText("Nguyễn Thị Mỹ Hạnh").waitFor();
  await answerQuick(widget);
  await thanks(widget).waitFor();
  const stored = () => d1Rows<{ unit: string }>(inject("persistTo"), shardOfUnit(COMMUNE), `SELECT unit FROM responses WHERE unit LIKE '${COMMUNE}-%'`);
  await expect.poll(stored).toEqual([{ unit: `${COMMUNE}-tn-cb1` }]);
  await portal.context().close();

  // Closing the other official: shown as closed, its change forms gone.
  const quang = official(`${COMMUNE}-tn-cb2`);
  await quang.getByText("Sửa").click();
  await quang.getByRole("button", { name: "Ngừng hoạt động" }).click();
  await expect.poll(() => quang.locator("[data-field=state]").textContent()).toMatch(/^Đã ngừng từ \d{2}\/\d{2}\/\d{4}$/);
  expect(await quang.getByText("Sửa").count()).toBe(0);
  expect(await official(`${COMMUNE}-tn-cb1`).locator("[data-field=state]").textContent()).toMatch(/^Hoạt động từ /);
});

test("the page, its change forms open, has no WCAG 2.2 AA violation", async () => {
  // The dashboard's CSP would refuse axe's injected script; the page itself ran under it above.
  const checked = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", reducedMotion: "reduce", bypassCSP: true })).newPage();
  await logIn(checked, MANAGER);
  await checked.locator("hl-headline").first().waitFor({ state: "attached" });
  await checked.goto(`${baseUrl}/dashboard/?view=desks&unit=${COMMUNE}`);
  const row = checked.locator(`hl-desks-page tr[data-code="${COMMUNE}-tn-cb1"]`);
  await row.getByText("Sửa").click();
  await row.getByLabel("Tên mới").waitFor();
  expect(await violations(checked)).toEqual([]);
});
