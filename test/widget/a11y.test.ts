/**
 * Accessibility: axe-core finds no violation (WCAG 2.2 AA rules) in any state of any mode,
 * in light and dark colour schemes, and every target is at least 44 px high.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { violations } from "../support/axe.ts";
import { embedHtml, widgetFixture } from "./helpers.ts";

const fx = widgetFixture();

/** Heights of every radio's label and every button in view, under 44 px. */
async function smallTargets(widget: Locator): Promise<string[]> {
  const targets = widget.locator("label.opt:visible, button:visible");
  const boxes = await targets.evaluateAll((els) => els.map((e) => [e.textContent?.trim(), e.getBoundingClientRect().height] as const));
  return boxes.filter(([, h]) => h < 44).map(([name, h]) => `${name}: ${h}px`);
}

async function check(page: Page, widget: Locator) {
  expect(await violations(page)).toEqual([]);
  expect(await smallTargets(widget)).toEqual([]);
}

for (const colorScheme of ["light", "dark"] as const) {
  describe(`${colorScheme} scheme`, () => {
    test("every step of the SIPAS survey, an error, and thanks", async () => {
      const { page, widget } = await fx.open(fx.host.page(`/a11y-sipas-${colorScheme}`, embedHtml({ unit: "13456", survey: "sipas" })), { colorScheme });
      await widget.getByRole("radio").first().waitFor();
      await check(page, widget);
      await widget.getByRole("button", { name: "Gửi đánh giá" }).click(); // no answer yet: an error
      await widget.getByText("Vui lòng chọn một mức đánh giá.").waitFor();
      await check(page, widget);
      await widget.getByRole("radio", { name: "Không hài lòng" }).check(); // the reason box
      await widget.getByRole("textbox", { name: /Lý do không hài lòng/ }).fill("Chờ lâu"); // so thanks shows a receipt
      await check(page, widget);
      await widget.getByRole("button", { name: /^Trả lời thêm/ }).click();
      for (let step = 1; step <= 6; step++) {
        if (step > 1) await widget.getByRole("button", { name: "Tiếp tục" }).click();
        await widget.getByText(`Phần thêm ${step}/6`).waitFor();
        if (step < 6) await widget.getByRole("radio").first().check(); // the last step has no scale
        await check(page, widget);
      }
      await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
      await widget.getByRole("heading", { name: "Cảm ơn Ông/Bà đã đánh giá!" }).waitFor();
      await widget.getByText("Mã tra cứu phản ánh").waitFor();
      await check(page, widget);
    });

    test("button mode, closed and open; kiosk mode; the hosted page's mode; a unit that does not exist", async () => {
      const button = await fx.open(fx.host.page(`/a11y-button-${colorScheme}`, embedHtml({ unit: "13474", mode: "button" })), { colorScheme });
      await check(button.page, button.widget);
      await button.widget.getByRole("button", { name: "Đánh giá sự hài lòng" }).click();
      await button.widget.getByRole("radio").first().waitFor();
      await check(button.page, button.widget);

      const kiosk = await fx.open(fx.host.page(`/a11y-kiosk-${colorScheme}`, embedHtml({ unit: "13474", mode: "kiosk", lang: "en" })), { colorScheme });
      await kiosk.widget.getByRole("radio").first().waitFor();
      await check(kiosk.page, kiosk.widget);

      const hosted = await fx.open(fx.host.page(`/a11y-page-${colorScheme}`, embedHtml({ unit: "13474", mode: "page" })), { colorScheme });
      await hosted.widget.getByRole("radio").first().waitFor();
      await check(hosted.page, hosted.widget);

      const unknown = await fx.open(fx.host.page(`/a11y-unknown-${colorScheme}`, embedHtml({ unit: "99999" })), { colorScheme });
      await unknown.widget.getByText("Xin lỗi").waitFor();
      await check(unknown.page, unknown.widget);
    });
  });
}

test("usable at 320 px wide and at 200% zoom (a 1280 px window): nothing scrolls sideways", async () => {
  for (const width of [320, 640]) {
    const { page, widget } = await fx.open(fx.host.page(`/narrow-${width}`, embedHtml({ unit: "13483", survey: "sipas" })), { viewport: { width, height: 640 } });
    await widget.getByRole("radio", { name: "Hài lòng", exact: true }).check();
    await widget.getByRole("button", { name: /^Trả lời thêm/ }).click();
    await widget.getByText("Phần thêm 1/6").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
  }
});
