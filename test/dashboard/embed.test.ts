/**
 * The "Nhúng khảo sát" page as a ward's web editor uses it: the snippet follows the choices
 * (unit or desk, survey, language, mode, accent colour) to the character and is what the copy
 * button copies; the preview is the real widget in the chosen language, mode and colour, and
 * an answer tried there is checked but never stored; the page says that loopback pages are
 * allowed while the worker runs locally. The page, preview included, passes axe-core.
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { apiSessionOf } from "../support/api-session.ts";
import { violations } from "../support/axe.ts";
import { launchBrowser } from "../support/browser.ts";
import { answerQuick, storedFor, thanks } from "../widget/helpers.ts";
import { logIn } from "../support/dashboard-login.ts";

const baseUrl = inject("baseUrl");
const WARD = "20242"; // Phường Hải Châu, Đà Nẵng
const DESK = `${WARD}-tn`;
const MANAGER = { email: "quanly.haichau@example.vn", name: "Võ Thị Lan", password: "mat-khau-thu-nghiem", role: "manager" as const, unit: WARD };
const SCRIPT = `<script src="${baseUrl}/widget.js" defer></script>`;

let browser: Browser;
let page: Page;
/** Every POST the dashboard's page made, as method and path. */
const posts: string[] = [];

beforeAll(async () => {
  const session = await apiSessionOf(MANAGER);
  const desk = await session.send("POST", `/units/${WARD}/desks`, { name: "Bộ phận tiếp nhận và trả kết quả phường Hải Châu" });
  expect(desk.status).toBe(201);
  browser = await launchBrowser();
  page = await open();
  page.on("request", (r) => r.method() === "POST" && posts.push(new URL(r.url()).pathname));
});

afterAll(async () => {
  await browser?.close();
});

async function open({ bypassCSP = false } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", reducedMotion: "reduce", bypassCSP });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
  const on = await context.newPage();
  await logIn(on, MANAGER);
  await on.locator("hl-headline").first().waitFor({ state: "attached" });
  await on.goto(`${baseUrl}/dashboard/?view=embed&unit=${WARD}`);
  return on;
}

const embed = () => page.locator("hl-embed-page");
const code = () => embed().locator("[data-snippet]").textContent();
const preview = () => embed().locator(".preview hailong-survey");

/** A computed style of an element in the preview widget's shadow root. */
const styleIn = (widget: Locator, selector: string, property: string) =>
  widget.evaluate((el, [selector, property]) => getComputedStyle(el.shadowRoot!.querySelector(selector!)!).getPropertyValue(property!), [selector, property]);

test("the snippet follows every choice exactly, and the copy button copies it", async () => {
  await expect.poll(code).toBe(`${SCRIPT}\n<hailong-survey unit="${WARD}" lang="vi" mode="inline"></hailong-survey>`);

  await embed().getByLabel("Đơn vị được đánh giá").selectOption(DESK);
  await expect.poll(() => embed().getByLabel("Khảo sát", { exact: true }).isEnabled()).toBe(true);
  expect(await embed().getByLabel("Khảo sát", { exact: true }).locator("option").first().textContent()).toBe("Theo lựa chọn của đơn vị, hiện là Đánh giá nhanh (quick)");
  await embed().getByLabel("Khảo sát", { exact: true }).selectOption("sipas");
  await embed().getByRole("radio", { name: "Tiếng Anh" }).check();
  await embed().getByRole("radio", { name: /^Nút nổi/ }).check();
  expect(await code()).toBe(`${SCRIPT}\n<hailong-survey unit="${DESK}" survey="sipas" lang="en" mode="button"></hailong-survey>`);
  await preview().getByRole("button", { name: "Rate our service" }).click();
  await preview().getByText("Bộ phận tiếp nhận và trả kết quả phường Hải Châu").waitFor();
  await page.keyboard.press("Escape");

  // A pale accent gets black text on it; a dark one white.
  await embed().getByLabel("Dùng màu nhấn riêng", { exact: false }).check();
  await embed().getByLabel("Chọn màu").fill("#ffd24d");
  expect(await code()).toBe(
    `${SCRIPT}\n<style>hailong-survey { --hailong-accent: #ffd24d; --hailong-on-accent: #000; }</style>\n<hailong-survey unit="${DESK}" survey="sipas" lang="en" mode="button"></hailong-survey>`,
  );
  await embed().getByRole("radio", { name: "Tiếng Việt" }).check();
  await embed().getByRole("radio", { name: /^Máy tại quầy/ }).check();
  await embed().getByLabel("Khảo sát", { exact: true }).selectOption("");
  await embed().getByLabel("Chọn màu").fill("#0b5394");
  const kiosk = `${SCRIPT}\n<style>hailong-survey { --hailong-accent: #0b5394; --hailong-on-accent: #fff; }</style>\n<hailong-survey unit="${DESK}" lang="vi" mode="kiosk"></hailong-survey>`;
  expect(await code()).toBe(kiosk);

  await embed().getByRole("button", { name: "Sao chép" }).click();
  await embed().getByRole("button", { name: "Đã sao chép" }).waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(kiosk);

  // Back to the widget's own colours, and the ward itself.
  await embed().getByLabel("Dùng màu nhấn riêng", { exact: false }).uncheck();
  await embed().getByLabel("Đơn vị được đánh giá").selectOption(WARD);
  expect(await code()).toBe(`${SCRIPT}\n<hailong-survey unit="${WARD}" lang="vi" mode="kiosk"></hailong-survey>`);
});

test("the preview is the real widget in the chosen language, mode and colour; its answer is never stored", async () => {
  await embed().getByRole("radio", { name: /^Trong trang/ }).check();
  await embed().getByRole("radio", { name: "Tiếng Anh" }).check();
  await embed().getByLabel("Dùng màu nhấn riêng", { exact: false }).check();
  await embed().getByLabel("Chọn màu").fill("#0b5394");
  await preview().getByText("Are you satisfied with how your administrative procedure was handled today?").waitFor();
  expect(await styleIn(preview(), ".card", "border-top-color")).toBe("rgb(11, 83, 148)");
  expect(await preview().getAttribute("mode")).toBe("inline");

  await embed().getByRole("radio", { name: /^Nút nổi/ }).check();
  const launcher = preview().getByRole("button", { name: "Rate our service" });
  await launcher.waitFor();
  expect(await styleIn(preview(), ".launcher", "background-color")).toBe("rgb(11, 83, 148)");
  expect(await styleIn(preview(), ".launcher", "color")).toBe("rgb(255, 255, 255)");
  // The floating button stays within the preview, not in the dashboard's corner.
  const [box, button] = await Promise.all([embed().locator(".preview").boundingBox(), launcher.boundingBox()]);
  expect(button!.y + button!.height).toBeLessThanOrEqual(box!.y + box!.height);

  await embed().getByRole("radio", { name: /^Máy tại quầy/ }).check();
  await preview().getByText("Are you satisfied with how your administrative procedure was handled today?").waitFor();
  expect(await styleIn(preview(), ".root", "font-size")).toBe("24px");

  // Answered in Vietnamese, inline: the widget thanks, the answer went to the survey preview only.
  await embed().getByRole("radio", { name: "Tiếng Việt" }).check();
  await embed().getByRole("radio", { name: /^Trong trang/ }).check();
  await answerQuick(preview());
  await thanks(preview()).waitFor();
  expect(posts.filter((path) => path.startsWith("/api/v1/survey-previews/"))).toHaveLength(1);
  expect(posts).not.toContain("/api/v1/responses");
  expect(storedFor(WARD)).toEqual([]);
});

test("the page says loopback pages are allowed while the worker runs locally, and passes axe-core with the preview", async () => {
  expect(await embed().locator("[data-loopback]").textContent()).toBe(
    "Trang chạy trên chính máy tính (localhost, 127.0.0.1, [::1]) luôn được phép nhúng khi máy chủ Hài Lòng cũng chạy trên máy đó (thử nghiệm cục bộ), với bất kỳ cổng nào. Ngoài ra, chỉ các trang của chính máy chủ Hài Lòng và các địa chỉ dưới đây được phép.",
  );
  // axe is injected as a script, which the dashboard's CSP rightly forbids.
  const checked = await open({ bypassCSP: true });
  await checked.locator("hl-embed-page .preview hailong-survey").getByRole("radio", { name: "Rất hài lòng", exact: true }).waitFor();
  expect(await violations(checked)).toEqual([]);
  await checked.context().close();
});
