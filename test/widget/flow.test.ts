/**
 * The survey as a citizen meets it on a 360 px phone: the overall question is enough to send,
 * the rest is an invitation; the progress says what is left; errors go once fixed; Enter
 * never skips a statement unseen; Tab follows the screen; a reload keeps the answers; a text
 * gets a receipt to follow it by; the hosted page's mode, a preloaded survey, and a site the
 * unit has not allowed.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { describe, expect, inject, test } from "vitest";
import { RECEIPT_PATTERN } from "../../worker/domain/receipt.ts";
import { d1Rows, shardOfUnit } from "../support/d1.ts";
import { baseUrl, embedHtml, queued, storedWhen, thanks, widgetFixture } from "./helpers.ts";

const fx = widgetFixture();
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** The element that has focus, inside the widget's shadow root: its tag and its label or text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? `${el.tagName.toLowerCase()}:${(el as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? el.textContent?.trim()}` : "";
  });

/** The question whose option has focus. */
const focusedGroup = (page: Page) =>
  page.evaluate(() => document.querySelector("hailong-survey")!.shadowRoot!.activeElement?.closest("fieldset")?.querySelector("legend")?.textContent);

const receiptOf = (unit: string) =>
  d1Rows<{ receipt: string | null }>(inject("persistTo"), shardOfUnit(unit), `SELECT receipt FROM responses WHERE unit = '${unit}'`).map((r) => r.receipt);

describe("the overall question is enough", () => {
  test("SIPAS answered with the overall question alone in two taps, stored and counted as such", async () => {
    const unit = "13609";
    const { widget, errors } = await fx.open(fx.host.page("/two-taps", embedHtml({ unit, survey: "sipas" })), PHONE);
    await widget.getByRole("radio", { name: "Hài lòng", exact: true }).tap();
    await widget.getByRole("button", { name: "Gửi đánh giá" }).tap();
    await thanks(widget).waitFor();
    expect(await widget.getByText("Mã tra cứu phản ánh").count()).toBe(0); // no text, nothing to follow

    const [row, ...more] = await storedWhen(unit, 1);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ status: "accepted", channel: "web" });
    expect(JSON.parse(row!.answers)).toEqual({ overall: 2 });
    // Counted like any answer: in the unit's figures, as one "Hài lòng" to the overall question.
    const counted = d1Rows(inject("persistTo"), shardOfUnit(unit), `SELECT item, n, c2 FROM rollups WHERE unit = '${unit}'`);
    expect(counted).toEqual([{ item: "overall", n: 1, c2: 1 }]);
    expect(errors).toEqual([]);
  });

  test("the progress says what is left, the statements are an offer, and no title says SIPAS", async () => {
    const unit = "13627";
    const { widget } = await fx.open(fx.host.page("/progress", embedHtml({ unit, survey: "sipas" })), PHONE);
    await widget.getByText("Chỉ cần chọn một mức rồi bấm Gửi đánh giá.").waitFor();
    expect(await widget.getByRole("heading", { level: 2 }).textContent()).toBe("Đánh giá mức độ hài lòng");
    expect(await widget.getByRole("region").getAttribute("aria-label")).toBe("Đánh giá mức độ hài lòng");
    expect(await widget.getByText(/Bước|SIPAS/).count()).toBe(0);

    // Twelve statements, the case code and a comment: all of it optional, and said so.
    await widget.getByRole("radio", { name: "Rất hài lòng" }).check();
    await widget.getByRole("button", { name: "Trả lời thêm 14 câu (không bắt buộc)" }).click();
    await widget.getByText("Phần thêm 1/6, không bắt buộc: có thể gửi ngay").waitFor();
    await widget.getByRole("group", { name: "Nơi ngồi chờ có đủ chỗ ngồi" }).getByRole("radio", { name: "Bình thường" }).check();
    await widget.getByRole("button", { name: "Gửi đánh giá" }).click(); // sent from the middle
    await thanks(widget).waitFor();
    expect(JSON.parse((await storedWhen(unit, 1))[0]!.answers)).toEqual({ overall: 3, e1_seating: 3 });
  });
});

test("the error goes as soon as a level is chosen", async () => {
  const { widget } = await fx.open(fx.host.page("/error-clears", embedHtml({ unit: "13669" })), PHONE);
  await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
  const error = widget.getByText("Vui lòng chọn một mức đánh giá.");
  await error.waitFor();
  await widget.getByRole("radio", { name: "Không hài lòng" }).check();
  await error.waitFor({ state: "detached" });
});

test("Enter on an option moves to the step's next unanswered statement, and on only when none is left", async () => {
  const { page, widget } = await fx.open(fx.host.page("/enter", embedHtml({ unit: "13684", survey: "sipas" })), PHONE);
  await widget.getByRole("radio", { name: "Hài lòng", exact: true }).check();
  await widget.getByRole("button", { name: /^Trả lời thêm/ }).click();
  await widget.getByText("Phần thêm 1/6").waitFor();

  await page.keyboard.press("Tab"); // the first statement's options
  await page.keyboard.press("Space");
  await page.keyboard.press("Enter");
  expect(await widget.getByText("Phần thêm 1/6").isVisible()).toBe(true);
  expect(await focused(page)).toBe("input:Rất hài lòng");
  expect(await focusedGroup(page)).toBe("Trang thiết bị phục vụ người dân đầy đủ, dễ sử dụng");

  await page.keyboard.press("ArrowDown"); // chooses "Hài lòng" for the second statement
  await page.keyboard.press("Enter");
  await widget.getByText("Phần thêm 2/6").waitFor();
  await widget.getByRole("button", { name: "Quay lại" }).click();
  expect(await widget.getByRole("radio", { checked: true }).count()).toBe(2);
});

test("Tab follows the screen's order, wrapped buttons included", async () => {
  const { page, widget } = await fx.open(fx.host.page("/tab-order", embedHtml({ unit: "13693", survey: "sipas" })), PHONE);
  /** Each element Tab reaches in the widget, with its box, from the top of the step on. */
  const tabbed = async () => {
    await widget.locator("#start").focus();
    const seen: { name: string; top: number; bottom: number; left: number; right: number }[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      const at = await page.evaluate(() => {
        const el = document.querySelector("hailong-survey")!.shadowRoot!.activeElement as HTMLElement | null;
        if (!el) return null;
        // In the page's coordinates: each Tab may scroll.
        const { top, bottom, left, right } = (el.closest("label") ?? el).getBoundingClientRect();
        return { name: el.textContent?.trim() || el.tagName, top: top + scrollY, bottom: bottom + scrollY, left, right };
      });
      if (!at) break;
      seen.push(at);
    }
    return seen;
  };
  const inReadingOrder = (seen: Awaited<ReturnType<typeof tabbed>>) =>
    seen.every((b, i) => {
      const a = seen[i - 1];
      return !a || b.top >= a.bottom - 1 || (b.top < a.bottom && b.left >= a.right - 1);
    });

  await widget.getByRole("radio", { name: "Không hài lòng" }).check();
  const first = await tabbed();
  expect(first.map((b) => b.name)).toEqual(["INPUT", "TEXTAREA", "Trả lời thêm 14 câu (không bắt buộc)", "Gửi đánh giá"]);
  expect(inReadingOrder(first)).toBe(true);

  await widget.getByRole("button", { name: /^Trả lời thêm/ }).click();
  const step = await tabbed();
  expect(step.slice(-3).map((b) => b.name)).toEqual(["Quay lại", "Tiếp tục", "Gửi đánh giá"]);
  expect(inReadingOrder(step)).toBe(true);
});

test("a reload keeps what was answered, with its text masked, until it is sent", async () => {
  const unit = "13699";
  const { page, widget } = await fx.open(fx.host.page("/reload", embedHtml({ unit, survey: "sipas" })), PHONE);
  await widget.getByRole("radio", { name: "Không hài lòng" }).check();
  await widget.getByRole("textbox", { name: /Lý do không hài lòng/ }).fill("Chờ lâu, gọi 0912 345 678");
  await widget.getByRole("button", { name: /^Trả lời thêm/ }).click();
  await widget.getByRole("group", { name: "Nơi ngồi chờ có đủ chỗ ngồi" }).getByRole("radio", { name: "Bình thường" }).check();

  await page.reload();
  await widget.getByText("Phần thêm 1/6").waitFor();
  expect(await widget.getByRole("group", { name: "Nơi ngồi chờ có đủ chỗ ngồi" }).getByRole("radio", { name: "Bình thường" }).isChecked()).toBe(true);
  await widget.getByRole("button", { name: "Quay lại" }).click();
  expect(await widget.getByRole("radio", { name: "Không hài lòng" }).isChecked()).toBe(true);
  expect(await widget.getByRole("textbox", { name: /Lý do không hài lòng/ }).inputValue()).toBe("Chờ lâu, gọi •••• ••• •••");
  expect(await page.evaluate(() => Object.values(sessionStorage).join(" "))).not.toMatch(/0912/);

  await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
  await thanks(widget).waitFor();
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
  await page.reload();
  await widget.getByText("Chỉ cần chọn một mức rồi bấm Gửi đánh giá.").waitFor();
  expect(await widget.getByRole("radio", { checked: true }).count()).toBe(0);
  expect(JSON.parse((await storedWhen(unit, 1))[0]!.answers)).toEqual({ overall: 1, e1_seating: 3 });
});

test("a kiosk keeps nothing over a reload: its next citizen must not find the last one's answers", async () => {
  const { page, widget } = await fx.open(fx.host.page("/kiosk-reload", embedHtml({ unit: "13699", mode: "kiosk" })));
  await widget.getByRole("radio", { name: "Không hài lòng" }).check();
  await widget.getByRole("textbox", { name: /Lý do không hài lòng/ }).fill("Chờ lâu");
  await page.reload();
  await widget.getByRole("radio").first().waitFor();
  expect(await widget.getByRole("radio", { checked: true }).count()).toBe(0);
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
});

test("the case code says where to find it", async () => {
  const { widget } = await fx.open(fx.host.page("/case-code", embedHtml({ unit: "13708", survey: "sipas" })), PHONE);
  await widget.getByRole("button", { name: /^Trả lời thêm/ }).click();
  for (let step = 1; step < 6; step++) await widget.getByRole("button", { name: "Tiếp tục" }).click();
  await widget.getByRole("textbox", { name: "Mã hồ sơ (không bắt buộc) In trên giấy biên nhận hồ sơ." }).waitFor();
});

describe("receipts", () => {
  test("a reason gets a receipt code and the address to follow it, stored with the answer", async () => {
    const unit = "13741";
    const { page, widget } = await fx.open(fx.host.page("/receipt", embedHtml({ unit })), { ...PHONE, viewport: { width: 320, height: 640 } });
    await widget.getByRole("radio", { name: "Không hài lòng" }).check();
    await widget.getByRole("textbox", { name: /Lý do không hài lòng/ }).fill("Phải chờ quá lâu");
    await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
    await thanks(widget).waitFor();

    const code = (await widget.locator(".thanks strong").textContent())!;
    expect(code).toMatch(RECEIPT_PATTERN);
    await widget.getByText(`Mã tra cứu phản ánh: ${code}`).waitFor();
    const follow = `${baseUrl}/s/${unit}?tra-cuu=${code}`;
    const link = widget.getByRole("link", { name: follow.replace("http://", "") });
    expect(await link.getAttribute("href")).toBe(follow);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
    await expect.poll(() => receiptOf(unit)).toEqual([code]);
  });

  test("queued offline, the answer shows its receipt at once, and is delivered with that very code", async () => {
    const unit = "13750";
    const { page, widget } = await fx.open(fx.host.page("/receipt-offline", embedHtml({ unit })), PHONE);
    await widget.getByRole("radio").first().waitFor();
    await page.context().setOffline(true);
    await widget.getByRole("radio", { name: "Rất hài lòng" }).check();
    await widget.getByRole("button", { name: /^Trả lời thêm/ }).click();
    await widget.getByRole("textbox", { name: /Góp ý thêm/ }).fill("Cán bộ rất nhiệt tình");
    await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
    await widget.getByText("Chưa có mạng").waitFor();

    const code = (await widget.locator(".thanks strong").textContent())!;
    expect(code).toMatch(RECEIPT_PATTERN);
    const [item] = (await queued(page)) as unknown as { body: { receipt: string } }[];
    expect(item!.body.receipt).toBe(code);

    await page.context().setOffline(false);
    await page.waitForFunction(() => localStorage.getItem("hailong-outbox") === "[]", null, { timeout: 30_000 });
    expect(receiptOf(unit)).toEqual([code]);
  });
});

test('mode="page" fills the screen and answers through the channel "qr"', async () => {
  const unit = "13753";
  const { page, widget } = await fx.open(fx.host.page("/hosted", embedHtml({ unit, mode: "page" })), PHONE);
  await widget.getByRole("radio").first().waitFor();
  const card = await widget.getByRole("region").boundingBox();
  expect(card?.width).toBe(await page.evaluate(() => document.querySelector("main")!.clientWidth));
  expect(card?.height).toBeGreaterThanOrEqual(740);
  await widget.getByRole("radio", { name: "Rất hài lòng" }).check();
  await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
  await thanks(widget).waitFor();
  expect((await storedWhen(unit, 1)).map((r) => r.channel)).toEqual(["qr"]);
});

test("a preloaded survey, set before the widget is defined, is shown without fetching it", async () => {
  const unit = "13777";
  const survey = await (await fetch(`${baseUrl}/api/v1/units/${unit}/survey?survey=sipas`)).json();
  const preload = `<script>document.querySelector("hailong-survey").preloaded = ${JSON.stringify(survey)};</script>`;
  const { page, widget } = await fx.open("about:blank", PHONE);
  const fetched: string[] = [];
  page.on("request", (r) => r.url().includes("/survey") && fetched.push(r.url()));
  const html = embedHtml({ unit, survey: "sipas" }).replace("</main>", `</main>${preload}`);
  await page.goto(fx.host.page("/preloaded", html));
  await widget.getByRole("button", { name: "Trả lời thêm 14 câu (không bắt buộc)" }).waitFor();
  await widget.getByRole("radio", { name: "Rất hài lòng" }).check();
  await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
  await thanks(widget).waitFor();
  expect(fetched).toEqual([]);
  await storedWhen(unit, 1);

  // Another unit's survey is not taken for this one's.
  await page.goto(fx.host.page("/preloaded-other", html.replace(`unit="${unit}"`, 'unit="13786"')));
  await widget.getByRole("radio").first().waitFor();
  expect(fetched).toEqual([`${baseUrl}/api/v1/units/13786/survey?survey=sipas`]);
});

test("on a site the unit has not allowed, the editor is told which site and where to allow it, in the console in both languages", async () => {
  // A loopback address Chromium lets reach the worker, but not one of the names the worker
  // allows every page on while it runs locally: so it is refused, as a portal on the web would be.
  const portal = createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(embedHtml({ unit: "13795" })));
  await new Promise<void>((resolve) => portal.listen(0, "127.0.0.2", resolve));
  const origin = `http://127.0.0.2:${(portal.address() as AddressInfo).port}`;
  try {
    const { widget, errors } = await fx.open(`${origin}/gioi-thieu`, PHONE);
    await widget.getByText("Xin lỗi, phiếu đánh giá chưa hiển thị được trên trang này.").waitFor();
    await widget
      .getByText(`Dành cho quản trị trang web: Trang ${origin} chưa được phép nhúng khảo sát của đơn vị 13795. Đề nghị quản trị đơn vị thêm trang này trong mục Nhúng của trang quản trị.`)
      .waitFor();
    const logged = errors.find((e) => e.startsWith('<hailong-survey unit="13795">'));
    expect(logged).toContain(`${origin} is not an allowed site for unit 13795. Ask the unit's manager to add it under Embed in the dashboard.`);
    expect(logged).toContain(`Trang ${origin} chưa được phép nhúng khảo sát của đơn vị 13795.`);
  } finally {
    await new Promise((resolve) => portal.close(resolve));
  }
});
