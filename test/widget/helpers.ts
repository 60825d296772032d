/**
 * What the widget tests share: one Chromium per file, a ward portal on another loopback
 * origin that embeds /widget.js from the test worker, and the server's own record of what
 * arrived.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { d1Rows, shardOfUnit } from "../support/d1.ts";
import { startHostPage, type HostPage } from "../support/host-page.ts";

export const baseUrl = inject("baseUrl");

/** A portal page embedding the widget with these attributes (the script after the element). */
export function embedHtml(
  attrs: Record<string, string>,
  { head = "", before = "", script = `<script src="${baseUrl}/widget.js" defer></script>` } = {},
): string {
  const list = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join("");
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Cổng thông tin phường</title>${head}</head>
<body><main><h1>Cổng thông tin phường</h1>${before}<hailong-survey${list}></hailong-survey></main>${script}</body></html>`;
}

/** Starts a browser and a host portal for the file's tests; `open` gives a fresh page. */
export function widgetFixture() {
  let browser: Browser;
  let host: HostPage;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [browser, host] = await Promise.all([launchBrowser(), startHostPage()]);
  });
  // Each test's pages go away with it, so none keeps sending in the background.
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });
  return {
    get host() {
      return host;
    },
    /**
     * A new page (own storage) at `url`; console errors are collected in `errors`, and
     * Content-Security-Policy violations (securitypolicyviolation events) in `blocked`.
     */
    async open(url: string, options: BrowserContextOptions = {}): Promise<{ page: Page; widget: Locator; errors: string[]; blocked: string[] }> {
      const context = await browser.newContext({ reducedMotion: "reduce", ...options });
      contexts.push(context);
      const blocked: string[] = [];
      await context.exposeBinding("reportCspViolation", (_source, violation: string) => blocked.push(violation));
      await context.addInitScript(() =>
        addEventListener("securitypolicyviolation", (e) =>
          (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI}`),
        ),
      );
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(url);
      return { page, widget: page.locator("hailong-survey").first(), errors, blocked };
    },
  };
}

/** The answer sets the server stored for a unit. */
export function storedFor(unit: string) {
  return d1Rows<{
    id: string;
    channel: string;
    lang: string;
    answers: string;
    reason: string | null;
    comment: string | null;
    case_code: string | null;
    status: string;
    answered_at: string | null;
    receipt: string | null;
  }>(inject("persistTo"), shardOfUnit(unit), `SELECT id, channel, lang, answers, reason, comment, case_code, status, answered_at, receipt FROM responses WHERE unit = '${unit}'`);
}

/**
 * The answer sets stored for a unit, once there are `count`. The widget thanks the citizen
 * when the API acknowledges the answer, or when its patience runs out with the answer kept in
 * the outbox and still on its way: a test reads the store once what it expects has arrived.
 */
export async function storedWhen(unit: string, count: number) {
  await expect.poll(() => storedFor(unit).length).toBe(count);
  return storedFor(unit);
}

/** The items waiting in the page's outbox. */
export function queued(page: Page): Promise<{ body: { id: string } }[]> {
  return page.evaluate(() => JSON.parse(localStorage.getItem("hailong-outbox") ?? "[]"));
}

/** Answers a survey's overall question and sends it at once: two taps, nothing more asked. */
export async function answerQuick(widget: Locator, level = "Rất hài lòng") {
  await widget.getByRole("radio", { name: level, exact: true }).check();
  await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
}

/** The thank-you heading, once shown. */
export const thanks = (widget: Locator) => widget.getByRole("heading", { name: "Cảm ơn Ông/Bà đã đánh giá!" });
