/**
 * Offline-first delivery: every answer set waits in the outbox until the API acknowledges
 * it, retried with backoff, on `online` and on the next page load, and never counted twice.
 * Checked against the server's own count.
 */
import type { Page, Route } from "playwright-core";
import { describe, expect, test } from "vitest";
import type { Submission } from "../../worker/domain/submission.ts";
import type { PublicSurvey } from "../../worker/domain/survey.ts";
import { answerQuick, baseUrl, embedHtml, queued, storedFor, thanks, widgetFixture } from "./helpers.ts";

const fx = widgetFixture();
const RESPONSES = "**/api/v1/responses";
const emptied = (page: Page) => page.waitForFunction(() => localStorage.getItem("hailong-outbox") === "[]", null, { timeout: 30_000 });

/** An API error as the worker sends it, readable by the portal's origin. */
function apiError(route: Route, status: number, code: string, retryAfter?: number) {
  return route.fulfill({
    status,
    contentType: "application/json",
    headers: {
      "Access-Control-Allow-Origin": fx.host.origin,
      "Access-Control-Expose-Headers": "Retry-After",
      ...(retryAfter && { "Retry-After": String(retryAfter) }),
    },
    body: JSON.stringify({ error: { code, message: `test ${code}`, messageVi: `thử ${code}` } }),
  });
}

test("offline, then online: delivered exactly once", async () => {
  const unit = "13336";
  const { page, widget } = await fx.open(fx.host.page("/offline", embedHtml({ unit })));
  await widget.getByRole("radio").first().waitFor();
  await page.context().setOffline(true);
  await answerQuick(widget);
  await widget.getByText("Chưa có mạng: đánh giá đã lưu trên máy").waitFor();
  const [item] = await queued(page);
  expect(item).toBeDefined();
  expect(storedFor(unit)).toEqual([]);

  await page.context().setOffline(false);
  await emptied(page);
  await widget.getByText("Chưa có mạng").waitFor({ state: "detached" });
  expect(storedFor(unit).map((r) => r.id)).toEqual([item!.body.id]);
});

test("a lost acknowledgement is retried and still counted once", async () => {
  const unit = "13348";
  const { page, widget } = await fx.open(fx.host.page("/lost-ack", embedHtml({ unit })));
  let posts = 0;
  await page.route(RESPONSES, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    posts++;
    if (posts > 1) return route.continue();
    await route.fetch(); // the server stores it...
    await route.abort("connectionreset"); // ...but its answer never reaches the page
  });
  await answerQuick(widget);
  await emptied(page);
  expect(posts).toBe(2);
  expect(storedFor(unit)).toHaveLength(1);
});

test("a reload with a queued answer delivers it, once", async () => {
  const unit = "13363";
  const { page, widget } = await fx.open(fx.host.page("/reload", embedHtml({ unit })));
  await page.route(RESPONSES, (route) => route.abort("internetdisconnected"));
  await answerQuick(widget);
  await thanks(widget).waitFor();
  expect(await queued(page)).toHaveLength(1);
  expect(storedFor(unit)).toEqual([]);

  await page.unroute(RESPONSES);
  await page.reload(); // a keepalive request as the page goes, or the next load, delivers it
  await emptied(page);
  expect(storedFor(unit)).toHaveLength(1);
});

test("answers left in the outbox by an earlier visit are sent when a page with the widget loads", async () => {
  const unit = "13402";
  const { survey, version } = (await (await fetch(`${baseUrl}/api/v1/units/${unit}/survey`)).json()) as PublicSurvey;
  const body: Submission = { id: crypto.randomUUID(), unit, survey, version, answers: { overall: 2 }, channel: "web", lang: "vi" };
  // A page of the same portal without the widget, holding what an earlier visit queued.
  const { page } = await fx.open(fx.host.page("/plain", "<!doctype html><title>Tin tức</title><p>Tin tức</p>"));
  await page.evaluate((item) => localStorage.setItem("hailong-outbox", JSON.stringify([item])), { url: `${baseUrl}/api/v1/responses`, body, tries: 3, due: 0 });
  expect(storedFor(unit)).toEqual([]);

  await page.goto(fx.host.page("/with-widget", embedHtml({ unit })));
  await emptied(page);
  expect(storedFor(unit).map((r) => r.id)).toEqual([body.id]);
});

test("429 and 503 are retried, after the server's Retry-After", async () => {
  const unit = "13366";
  const { page, widget } = await fx.open(fx.host.page("/busy", embedHtml({ unit })));
  const statuses = [429, 503];
  let posts = 0;
  await page.route(RESPONSES, (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const status = statuses[posts++];
    return status ? apiError(route, status, status === 429 ? "rate_limited" : "unavailable", 3) : route.continue();
  });
  const sentAt = Date.now();
  await answerQuick(widget);
  await thanks(widget).waitFor();
  const [item] = (await queued(page)) as unknown as { due: number }[];
  expect(item!.due).toBeGreaterThanOrEqual(sentAt + 3_000); // waits for Retry-After, not less

  await emptied(page);
  expect(posts).toBe(3);
  expect(storedFor(unit)).toHaveLength(1);
});

describe("refusals", () => {
  test("a 400 is shown to the user and dropped; corrected, the answer goes through", async () => {
    const unit = "13384";
    const { page, widget } = await fx.open(fx.host.page("/bad-case", embedHtml({ unit, survey: "sipas" })));
    await widget.getByRole("radio", { name: "Rất hài lòng" }).check();
    for (let step = 1; step < 7; step++) await widget.getByRole("button", { name: "Tiếp tục" }).click();
    await widget.getByRole("textbox", { name: /Mã hồ sơ/ }).fill("HL 2026#1");
    await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
    await widget.getByRole("status").getByText("Đánh giá chưa được gửi: Vui lòng kiểm tra lại: Mã hồ sơ.").waitFor();
    expect(await thanks(widget).count()).toBe(0);
    expect(await queued(page)).toEqual([]);

    await widget.getByRole("textbox", { name: /Mã hồ sơ/ }).fill("HL-2026-1");
    await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
    await thanks(widget).waitFor();
    expect(storedFor(unit).map((r) => r.case_code)).toEqual(["HL-2026-1"]);
  });

  test("a refusal of an answer queued on an earlier visit is shown too", async () => {
    const url = fx.host.page("/earlier-refused", embedHtml({ unit: "13393" }));
    const { page, widget } = await fx.open(url);
    await page.route(RESPONSES, (route) => route.abort("internetdisconnected"));
    await answerQuick(widget);
    await thanks(widget).waitFor();
    await page.goto("about:blank");
    await page.unroute(RESPONSES);
    await page.route(RESPONSES, (route) => apiError(route, 403, "origin_not_allowed"));
    await page.goto(url);
    await widget.getByRole("status").getByText("Một đánh giá lưu trước đó không gửi được: thử origin_not_allowed").waitFor();
    expect(await queued(page)).toEqual([]);
  });
});
