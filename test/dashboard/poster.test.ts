/**
 * The QR poster page as a commune's manager uses it for a desk: the code in the page reads
 * back (jsQR on its pixels) to exactly the desk's hosted survey page; the poster names the
 * desk and its ward, says what to do and prints the address under the code; printed, only the
 * poster shows, and a PDF of it is one page at the size chosen. The same page enrols a kiosk
 * for the desk, whose address then enrols the tablet. The page passes axe-core.
 */
import jsQR from "jsqr";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { violations } from "../support/axe.ts";
import { apiSessionOf } from "../support/api-session.ts";
import { launchBrowser } from "../support/browser.ts";
import { startHostPage, type HostPage } from "../support/host-page.ts";
import { embedHtml, storedFor } from "../widget/helpers.ts";
import { logIn } from "../support/dashboard-login.ts";
import { pdfPages } from "../support/pdf.ts";

const baseUrl = inject("baseUrl");
const WARD = "19753"; // Phường Phú Xuân, Huế
const DESK_NAME = "Bộ phận tiếp nhận và trả kết quả phường Phú Xuân";
const MANAGER = { email: "quanly.phuxuan@example.vn", name: "Tôn Nữ Minh Thư", password: "mat-khau-thu-nghiem", role: "manager" as const, unit: WARD };

let browser: Browser;
let host: HostPage;
let page: Page;
let desk: string;

beforeAll(async () => {
  const manager = await apiSessionOf(MANAGER);
  const added = await manager.send("POST", `/units/${WARD}/desks`, { name: DESK_NAME });
  expect(added.status).toBe(201);
  desk = ((await added.json()) as { code: string }).code;
  [browser, host] = await Promise.all([launchBrowser(), startHostPage()]);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});


const preview = () => page.locator("hl-poster-page figure.preview .poster");
const printed = () => page.locator("body > .hl-print .poster");

/** The text a QR image in the page reads back to: drawn on a canvas, its pixels given to jsQR. */
async function decoded(img: ReturnType<Page["locator"]>): Promise<string | undefined> {
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  const { width, height, pixels } = await img.evaluate((el: HTMLImageElement) => {
    const canvas = Object.assign(document.createElement("canvas"), { width: 400, height: 400 });
    const context = canvas.getContext("2d")!;
    context.drawImage(el, 0, 0, canvas.width, canvas.height);
    return { width: canvas.width, height: canvas.height, pixels: Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data) };
  });
  return jsQR(Uint8ClampedArray.from(pixels), width, height)?.data;
}

test("the desks page links to the desk's poster, whose code reads back to the desk's survey page", async () => {
  await logIn(page, MANAGER);
  await page.getByRole("link", { name: "Bộ phận & cán bộ" }).click();
  await page.getByRole("link", { name: `Áp phích QR: ${DESK_NAME}` }).click();
  expect(new URL(page.url()).searchParams.get("view")).toBe("poster");
  expect(new URL(page.url()).searchParams.get("unit")).toBe(desk);

  await preview().waitFor();
  expect(await decoded(preview().locator("img.code"))).toBe(`${baseUrl}/s/${desk}`);
  expect((await fetch(`${baseUrl}/s/${desk}`)).status).toBe(200); // the desk's survey page, which a scan opens
  const address = `${new URL(baseUrl).host}/s/${desk}`;
  expect(await preview().locator(".unit").textContent()).toBe(DESK_NAME);
  expect(await preview().locator(".within").textContent()).toBe("Phường Phú Xuân");
  expect(await preview().locator(".ask[lang=vi]").textContent()).toBe("Quét mã để đánh giá mức độ hài lòng — chỉ mất 30 giây");
  expect(await preview().locator(".address").textContent()).toBe(address);
  expect(await preview().locator("img.code").getAttribute("alt")).toBe(`Mã QR mở trang khảo sát ${address}`);

  // The download is the bare code, named after the desk.
  const download = page.getByRole("link", { name: "Tải SVG" });
  expect(await download.getAttribute("download")).toBe(`hai-long-qr-${desk}.svg`);
  expect(new URL((await download.getAttribute("href"))!, baseUrl).pathname).toBe(`/api/v1/units/${desk}/qr.svg`);
});

test("printed, only the poster shows; as a PDF, A4 and the counter card are one page each at their size", async () => {
  expect(await printed().isVisible()).toBe(false);
  await page.emulateMedia({ media: "print" });
  try {
    expect(await page.locator("hl-app").isVisible()).toBe(false);
    expect(await printed().isVisible()).toBe(true);
    expect(await printed().locator(".address").textContent()).toBe(`${new URL(baseUrl).host}/s/${desk}`);
    expect(await decoded(printed().locator("img.code"))).toBe(`${baseUrl}/s/${desk}`);
  } finally {
    await page.emulateMedia({ media: null });
  }

  const a4 = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  expect(a4).toHaveLength(1);
  expect(a4[0]!.width).toBeCloseTo(210, 0);
  expect(a4[0]!.height).toBeCloseTo(297, 0);

  await page.getByLabel("Thẻ đặt quầy (85 × 55 mm)").check();
  await page.locator("hl-poster-page .poster[data-format=card]").waitFor();
  expect(await printed().getAttribute("data-format")).toBe("card");
  const card = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  expect(card).toHaveLength(1);
  expect(card[0]!.width).toBeCloseTo(85, 0);
  expect(card[0]!.height).toBeCloseTo(55, 0);
});

test("the poster page enrols a kiosk for the desk and shows the address that enrols the tablet", async () => {
  const kioskPage = host.page("/quay-1", embedHtml({ unit: desk, mode: "kiosk" }));
  const panel = page.locator("hl-poster-page hl-kiosks-panel");
  await panel.getByLabel("Tên máy").fill("Máy tính bảng quầy 1");
  await panel.getByLabel("Địa chỉ trang kiosk").fill(kioskPage);
  await panel.getByRole("button", { name: "Tạo liên kết đăng ký" }).click();
  const link = (await panel.locator("[data-field=enrol-link]").textContent())!;
  expect(link).toMatch(new RegExp(`^${kioskPage.replace(/[.?]/g, "\\$&")}#hailong-enrol=[\\w-]{20,}$`));
  await expect.poll(() => panel.locator("[data-field=kiosk-state]").allTextContents()).toEqual(["Chờ đăng ký"]);

  // The tablet opens the address once: the kiosk is enrolled for the desk.
  const tablet = await (await browser.newContext()).newPage();
  await tablet.goto(link);
  await expect.poll(() => tablet.evaluate(() => localStorage.getItem("hailong-device"))).toMatch(/^[\w-]{40,}$/);
  await tablet.context().close();
  await page.reload();
  await expect.poll(() => panel.locator("[data-field=kiosk-state]").allTextContents()).toEqual([expect.stringMatching(/^Đã đăng ký /)]);
});

test("for a desk, the kiosk address starts as the desk's own survey page in kiosk mode, which enrols the tablet and answers as a kiosk", async () => {
  const panel = page.locator("hl-poster-page hl-kiosks-panel");
  const kioskPage = `${baseUrl}/s/${desk}?kiosk`;
  expect(await panel.getByLabel("Địa chỉ trang kiosk").inputValue()).toBe(kioskPage);
  await panel.getByLabel("Tên máy").fill("Máy tính bảng quầy 2");
  await panel.getByRole("button", { name: "Tạo liên kết đăng ký" }).click();
  const link = (await panel.locator("[data-field=enrol-link]").textContent())!;
  expect(link.startsWith(`${kioskPage}#hailong-enrol=`)).toBe(true);

  const tablet = await (await browser.newContext({ viewport: { width: 800, height: 1280 } })).newPage();
  await tablet.goto(link);
  const widget = tablet.locator("hailong-survey");
  await widget.getByText(/Đã đăng ký thiết bị “Máy tính bảng quầy 2”/).waitFor();
  // A shared tablet offers no receipt lookup, whose answer the next citizen would read.
  expect(await tablet.locator("#tra-cuu").count()).toBe(0);
  await widget.getByLabel("Rất hài lòng", { exact: true }).check();
  await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
  await widget.getByRole("button", { name: "Lượt đánh giá mới" }).waitFor();
  await tablet.context().close();
  await expect.poll(() => storedFor(desk).map((r) => r.channel)).toEqual(["kiosk"]);
});

test("the page has no WCAG 2.2 AA violation", async () => {
  // The dashboard's CSP would refuse axe's injected script; the page itself ran under it above.
  const checked = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", reducedMotion: "reduce", bypassCSP: true })).newPage();
  await logIn(checked, MANAGER);
  await checked.locator("hl-headline").first().waitFor({ state: "attached" });
  await checked.goto(`${baseUrl}/dashboard/?view=poster&unit=${WARD}`);
  await checked.locator("hl-poster-page figure.preview img.code").waitFor();
  expect(await violations(checked)).toEqual([]);
});
