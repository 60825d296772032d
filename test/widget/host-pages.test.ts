/**
 * The portals the widget must survive: a strict Content-Security-Policy, hostile global CSS,
 * and the script pasted twice. Each page comes from another local origin than the API.
 */
import { expect, test } from "vitest";
import { answerQuick, baseUrl, embedHtml, storedWhen, thanks, widgetFixture } from "./helpers.ts";

const fx = widgetFixture();

test("works under CSP default-src 'self'; script-src HOST; connect-src HOST", async () => {
  const unit = "13420";
  const csp = `default-src 'self'; script-src ${baseUrl}; connect-src ${baseUrl}`;
  const url = fx.host.page("/csp", embedHtml({ unit }), { "Content-Security-Policy": csp });
  const { page, widget, errors, blocked } = await fx.open(url);
  await widget.getByRole("radio").first().waitFor();
  // Styled through adopted stylesheets, which style-src does not block.
  const background = await page.evaluate(() => getComputedStyle(document.querySelector("hailong-survey")!.shadowRoot!.querySelector("button.primary")!).backgroundColor);
  expect(background).toBe("rgb(163, 27, 27)");
  await answerQuick(widget);
  await thanks(widget).waitFor();
  await storedWhen(unit, 1);
  expect(blocked).toEqual([]);
  expect(errors).toEqual([]);

  // The check sees a violation when there is one: an inline style, which this CSP blocks.
  await page.evaluate(() => document.head.insertAdjacentHTML("beforeend", "<style>p {}</style>"));
  await expect.poll(() => blocked).toEqual(["style-src-elem blocked inline"]);
});

test("works under hostile global CSS", async () => {
  const unit = "13435";
  const hostile = `<style>* { all: revert; font-size: 30px } html { font-size: 62.5% } button { display: none }
    label, input { visibility: hidden } dialog, fieldset { border: 9px dashed red }</style>`;
  const { page, widget, errors } = await fx.open(fx.host.page("/hostile", embedHtml({ unit }, { head: hostile })));
  await widget.getByRole("radio").first().waitFor();
  const look = await page.evaluate(() => {
    const root = document.querySelector("hailong-survey")!.shadowRoot!;
    const css = (s: string) => getComputedStyle(root.querySelector(s)!);
    return { font: css(".root").fontSize, next: css("button.primary").display, border: css("fieldset").borderTopWidth };
  });
  expect(look).toEqual({ font: "18px", next: "block", border: "0px" });
  await answerQuick(widget);
  await thanks(widget).waitFor();
  await storedWhen(unit, 1);
  expect(errors).toEqual([]);
});

test("the script loaded twice is harmless: one element definition, one delivery", async () => {
  const unit = "13444";
  const twice = `<script src="${baseUrl}/widget.js"></script><script src="${baseUrl}/widget.js?again"></script>`;
  const { page, widget, errors } = await fx.open(fx.host.page("/twice", embedHtml({ unit }, { script: twice })));
  let posts = 0;
  page.on("request", (r) => r.method() === "POST" && posts++);
  await answerQuick(widget);
  await thanks(widget).waitFor();
  expect(await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.includes("/widget.js")).length)).toBe(2);
  expect(await widget.locator(".card").count()).toBe(1);
  expect(posts).toBe(1);
  await storedWhen(unit, 1);
  expect(errors).toEqual([]);
});
