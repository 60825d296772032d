/**
 * Cloudflare Turnstile for the units that require it, against the local stand-in that the
 * test worker is configured with (test/support/turnstile-stand-in.ts): loaded on the first
 * interaction only, a fresh token for every attempt, nothing from a third party elsewhere.
 */
import type { Page } from "playwright-core";
import { expect, inject, test } from "vitest";
import type { Submission } from "../../worker/domain/submission.ts";
import { CATALOG, d1Run } from "../support/d1.ts";
import type { TurnstileLog } from "../support/turnstile-stand-in.ts";
import { answerQuick, baseUrl, embedHtml, queued, storedWhen, thanks, widgetFixture } from "./helpers.ts";

const fx = widgetFixture();
const standIn = inject("turnstileOrigin");
const RESPONSES = "**/api/v1/responses";

/** Makes a unit require Turnstile; before a page loads its survey, which is cached for 5 minutes. */
function requireTurnstile(unit: string) {
  d1Run(
    inject("persistTo"),
    CATALOG,
    `INSERT INTO unit_settings (unit, turnstile_site_key) VALUES ('${unit}', 'test-site-key')
     ON CONFLICT (unit) DO UPDATE SET turnstile_site_key = excluded.turnstile_site_key`,
  );
}

/** Whether the stand-in's siteverify accepted this token. */
async function verified(token: string | undefined): Promise<boolean> {
  const log = (await (await fetch(`${standIn}/log`)).json()) as TurnstileLog;
  return log.verified.some((v) => v.token === token && v.success);
}

/** Every URL the page requests, and the Turnstile token of every answer set it posts. */
function watch(page: Page) {
  const urls: string[] = [];
  const tokens: (string | undefined)[] = [];
  page.on("request", (r) => {
    urls.push(r.url());
    if (r.method() === "POST" && r.url().endsWith("/api/v1/responses")) tokens.push((r.postDataJSON() as Submission).turnstile);
  });
  return { urls, tokens, fromStandIn: () => urls.filter((u) => u.startsWith(standIn)) };
}

const emptied = (page: Page) => page.waitForFunction(() => localStorage.getItem("hailong-outbox") === "[]", null, { timeout: 30_000 });

test("a unit that requires Turnstile loads it on the first interaction; the answer carries a verified token", async () => {
  const unit = "13573";
  requireTurnstile(unit);
  const { page, widget } = await fx.open("about:blank");
  const seen = watch(page);
  await page.goto(fx.host.page("/turnstile", embedHtml({ unit })));
  await widget.getByRole("radio").first().waitFor();
  await page.waitForLoadState("networkidle");
  expect(seen.fromStandIn()).toEqual([]);
  expect(seen.urls.filter((u) => u.includes("widget-turnstile.js"))).toEqual([]);

  await widget.getByRole("radio", { name: "Rất hài lòng", exact: true }).check(); // the first interaction
  await expect.poll(() => seen.fromStandIn()).toEqual([`${standIn}/api.js?render=explicit`]);
  await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
  await thanks(widget).waitFor();
  await widget.getByText("Chưa có mạng").waitFor({ state: "detached" });

  await storedWhen(unit, 1);
  expect(seen.tokens).toHaveLength(1);
  expect(await verified(seen.tokens[0])).toBe(true);
  // The check rendered inside the widget's shadow root.
  expect(await page.evaluate(() => (window as unknown as { turnstile: { renderedIn: string[] } }).turnstile.renderedIn)).toEqual(["hailong-survey"]);
});

test("a unit without Turnstile requests nothing but the portal's and the widget's own origin", async () => {
  const unit = "13579";
  const { page, widget } = await fx.open("about:blank");
  const seen = watch(page);
  await page.goto(fx.host.page("/no-turnstile", embedHtml({ unit })));
  await answerQuick(widget);
  await thanks(widget).waitFor();
  await page.waitForLoadState("networkidle");

  await storedWhen(unit, 1);
  expect([...new Set(seen.urls.map((u) => new URL(u).origin))].sort()).toEqual([baseUrl, fx.host.origin].sort());
  expect(seen.urls.filter((u) => u.includes("widget-turnstile.js"))).toEqual([]);
});

test("offline, no token can be had: the answer waits, then goes with a token when the network is back", async () => {
  const unit = "13591";
  requireTurnstile(unit);
  const { page, widget } = await fx.open(fx.host.page("/turnstile-offline", embedHtml({ unit })));
  const seen = watch(page);
  await widget.getByRole("radio").first().waitFor();
  await page.context().setOffline(true); // before Turnstile could load
  await answerQuick(widget);
  await widget.getByText("Chưa có mạng: đánh giá đã lưu trên máy").waitFor();
  expect(await queued(page)).toHaveLength(1);
  expect(seen.tokens).toEqual([]); // nothing sent without a token

  await page.context().setOffline(false);
  await emptied(page);
  await storedWhen(unit, 1);
  expect(seen.tokens).toHaveLength(1);
  expect(await verified(seen.tokens[0])).toBe(true);
});

test("an answer queued for a Turnstile unit is delivered on a later visit, with a fresh token", async () => {
  const unit = "13594";
  requireTurnstile(unit);
  const url = fx.host.page("/turnstile-later", embedHtml({ unit }));
  const { page, widget } = await fx.open(url);
  const seen = watch(page);
  await page.route(RESPONSES, (route) => route.abort("internetdisconnected"));
  await answerQuick(widget);
  await widget.getByText("Chưa có mạng: đánh giá đã lưu trên máy").waitFor();
  const lost = [...seen.tokens];
  expect(lost.length).toBeGreaterThan(0);

  await page.unroute(RESPONSES);
  await page.goto("about:blank");
  await page.goto(url);
  await emptied(page);
  await storedWhen(unit, 1);
  const delivered = seen.tokens.at(-1);
  expect(lost).not.toContain(delivered);
  expect(new Set(seen.tokens).size).toBe(seen.tokens.length); // never the same token twice
  expect(await verified(delivered)).toBe(true);
});
