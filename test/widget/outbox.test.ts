/**
 * Offline-first delivery: every answer set waits in the outbox until the API acknowledges
 * it, retried with backoff, on `online` and on the next page load, and never counted twice.
 * Checked against the server's own count.
 */
import type { Page, Route } from "playwright-core";
import { describe, expect, test } from "vitest";
import type { Submission } from "../../worker/domain/submission.ts";
import type { PublicSurvey } from "../../worker/domain/survey.ts";
import { answerQuick, baseUrl, embedHtml, queued, storedFor, storedWhen, thanks, widgetFixture } from "./helpers.ts";

const fx = widgetFixture();
const RESPONSES = "**/api/v1/responses";
const PLAIN = "<!doctype html><title>Tin tức</title><p>Tin tức</p>";
const emptied = (page: Page) => page.waitForFunction(() => localStorage.getItem("hailong-outbox") === "[]", null, { timeout: 30_000 });

/** An outbox item as an earlier visit left it: a quick answer for `unit`, due now. */
async function earlierItem(unit: string, body: Partial<Submission> = {}) {
  const { survey, version } = (await (await fetch(`${baseUrl}/api/v1/units/${unit}/survey`)).json()) as PublicSurvey;
  const answer: Submission = { id: crypto.randomUUID(), unit, survey, version, answers: { overall: 2 }, channel: "web", lang: "vi", ...body };
  return { url: `${baseUrl}/api/v1/responses`, body: answer, tries: 1, due: 0 };
}

/** Leaves these items in the portal's outbox, from a page of it without the widget. */
async function leaveInOutbox(items: unknown[]) {
  const opened = await fx.open(fx.host.page("/plain", PLAIN));
  await opened.page.evaluate((list) => localStorage.setItem("hailong-outbox", JSON.stringify(list)), items);
  return opened;
}

/** The answer sets the page posts, as sent. */
function posted(page: Page): Submission[] {
  const bodies: Submission[] = [];
  page.on("request", (r) => r.method() === "POST" && r.url().endsWith("/api/v1/responses") && bodies.push(r.postDataJSON() as Submission));
  return bodies;
}

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
  const item = await earlierItem(unit);
  const { page } = await leaveInOutbox([item]);
  expect(storedFor(unit)).toEqual([]);

  await page.goto(fx.host.page("/with-widget", embedHtml({ unit })));
  await emptied(page);
  expect(storedFor(unit).map((r) => r.id)).toEqual([item.body.id]);
});

test("the time of the answer is sent, the same with every retry", async () => {
  const unit = "13489";
  const { page, widget } = await fx.open(fx.host.page("/answered-at", embedHtml({ unit })));
  const bodies = posted(page);
  let posts = 0;
  await page.route(RESPONSES, (route) => (posts++ === 0 ? route.abort("internetdisconnected") : route.continue()));
  const pressed = Date.now();
  await answerQuick(widget);
  await emptied(page);

  expect(bodies).toHaveLength(2);
  const [first, retry] = bodies.map((b) => b.answeredAt);
  expect(retry).toBe(first);
  expect(Date.parse(first!)).toBeGreaterThanOrEqual(pressed);
  expect(Date.parse(first!)).toBeLessThan(pressed + 5_000);
  expect(storedFor(unit).map((r) => r.answered_at)).toEqual([new Date(first!).toISOString()]);
});

test("phone numbers in the reason are masked while the answer waits in the portal's storage", async () => {
  const unit = "13495";
  const { page, widget } = await fx.open(fx.host.page("/masked", embedHtml({ unit })));
  await widget.getByRole("radio").first().waitFor();
  await page.context().setOffline(true);
  await widget.getByRole("radio", { name: "Không hài lòng" }).check();
  await widget.getByRole("textbox", { name: /Lý do không hài lòng/ }).fill("Chờ lâu, gọi 0912 345 678");
  await widget.getByRole("button", { name: "Trả lời thêm 1 câu (không bắt buộc)" }).click();
  await widget.getByRole("textbox", { name: /Góp ý thêm/ }).fill("CCCD 001 203 004 005");
  await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
  await widget.getByText("Chưa có mạng: đánh giá đã lưu trên máy").waitFor();

  const stored = await page.evaluate(() => localStorage.getItem("hailong-outbox") ?? "");
  // The stored item also holds an id and a timestamp, whose digits are not the citizen's.
  expect(stored.replace(/\s/g, "")).not.toMatch(/0912345678|001203004005/);
  const [item] = JSON.parse(stored) as { body: Submission }[];
  expect(item!.body).toMatchObject({ reason: "Chờ lâu, gọi •••• ••• •••", comment: "CCCD ••• ••• ••• •••" });
  expect(`${item!.body.reason}${item!.body.comment}`).not.toMatch(/\d/);

  await page.context().setOffline(false);
  await emptied(page);
  expect(storedFor(unit)).toMatchObject([{ reason: "Chờ lâu, gọi •••• ••• •••", comment: "CCCD ••• ••• ••• •••" }]);
});

test("an answer older than 14 days is dropped with a warning naming it; a younger one is delivered", async () => {
  const unit = "13501";
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  const old = await earlierItem(unit, { answeredAt: daysAgo(15) });
  const young = await earlierItem(unit, { answeredAt: daysAgo(13) });
  const { page } = await leaveInOutbox([old, young]);
  const warnings: string[] = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  const bodies = posted(page);

  await page.goto(fx.host.page("/old-answers", embedHtml({ unit })));
  await emptied(page);
  expect(warnings.filter((w) => w.includes(old.body.id))).toHaveLength(1);
  expect(bodies.map((b) => b.id)).toEqual([young.body.id]);
  expect(storedFor(unit).map((r) => r.id)).toEqual([young.body.id]);
});

test("as the page goes away, only answers that are due and not already on their way are sent", async () => {
  const unit = "13504";
  const later = { ...(await earlierItem(unit)), due: Date.now() + 3_600_000 }; // backing off (Retry-After)
  const { page, widget } = await leaveInOutbox([later]);
  await page.goto(fx.host.page("/going-away", embedHtml({ unit })));
  // The citizen's answer is on its way (the server has not answered yet) as the page goes.
  let held = 0;
  await page.route(RESPONSES, (route) => (held++ === 0 ? undefined : route.continue()));
  await answerQuick(widget);
  await expect.poll(() => held).toBe(1);
  await page.goto(fx.host.page("/elsewhere", PLAIN)); // pagehide

  await page.waitForTimeout(1_000);
  expect(storedFor(unit)).toEqual([]);
  expect(await queued(page)).toHaveLength(2); // both still wait, for a later visit
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
    await widget.getByRole("button", { name: /^Trả lời thêm/ }).click();
    for (let step = 1; step < 6; step++) await widget.getByRole("button", { name: "Tiếp tục" }).click();
    await widget.getByRole("textbox", { name: /Mã hồ sơ/ }).fill("HL 2026#1");
    await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
    await widget.getByRole("status").getByText("Đánh giá chưa được gửi: Vui lòng kiểm tra lại: Mã hồ sơ.").waitFor();
    expect(await thanks(widget).count()).toBe(0);
    expect(await queued(page)).toEqual([]);

    await widget.getByRole("textbox", { name: /Mã hồ sơ/ }).fill("HL-2026-1");
    await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
    await thanks(widget).waitFor();
    expect((await storedWhen(unit, 1)).map((r) => r.case_code)).toEqual(["HL-2026-1"]);
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

describe("storage that fails: answers wait in memory for the visit and are delivered once", () => {
  test("localStorage full: an answer queued before and the new one survive failed writes", async () => {
    const unit = "13531";
    const earlier = await earlierItem(unit);
    const { page } = await leaveInOutbox([earlier]);
    // Other scripts of the portal fill the storage: every write that grows it fails.
    await page.evaluate(() => {
      for (let size = 1 << 20; size >= 1; size >>= 1) {
        try {
          for (let i = 0; ; i++) localStorage.setItem(`filler-${size}-${i}`, "x".repeat(size));
        } catch {
          // this size no longer fits: try a smaller one
        }
      }
    });
    const bodies = posted(page);
    await page.route(RESPONSES, (route) => route.abort("internetdisconnected"));
    const widget = page.locator("hailong-survey");
    await page.goto(fx.host.page("/full", embedHtml({ unit })));
    await answerQuick(widget);
    await widget.getByText("Chưa có mạng: đánh giá đã lưu trên máy").waitFor();
    await expect.poll(() => new Set(bodies.map((b) => b.id)).size).toBe(2); // both tried, both failed

    await page.unroute(RESPONSES);
    await page.evaluate(() => dispatchEvent(new Event("online")));
    await expect.poll(() => storedFor(unit).length, { timeout: 30_000 }).toBe(2);
    const ids = new Set(bodies.map((b) => b.id));
    expect(ids.has(earlier.body.id)).toBe(true);
    expect(storedFor(unit).map((r) => r.id).sort()).toEqual([...ids].sort());
  });

  const broken: Record<string, () => void> = {
    "localStorage throwing on every access": () =>
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      }),
    "localStorage absent": () => Object.defineProperty(window, "localStorage", { value: undefined }),
  };
  for (const [name, breakStorage] of Object.entries(broken)) {
    test(name, async () => {
      const unit = name.includes("absent") ? "13540" : "13558";
      const { page } = await fx.open("about:blank");
      await page.addInitScript(breakStorage);
      await page.goto(fx.host.page("/plain", PLAIN));
      const access = () => {
        try {
          return typeof localStorage;
        } catch {
          return "throws";
        }
      };
      expect(await page.evaluate(access)).toBe(name.includes("absent") ? "undefined" : "throws");
      const bodies = posted(page);
      let posts = 0;
      await page.route(RESPONSES, (route) => (posts++ === 0 ? route.abort("internetdisconnected") : route.continue()));
      const widget = page.locator("hailong-survey");
      await page.goto(fx.host.page(`/storage-${unit}`, embedHtml({ unit })));
      await answerQuick(widget);
      await widget.getByText("Chưa có mạng: đánh giá đã lưu trên máy").waitFor();

      await expect.poll(() => storedFor(unit).length, { timeout: 30_000 }).toBe(1); // retried after its backoff
      expect(storedFor(unit).map((r) => r.id)).toEqual([bodies[0]!.id]);
      await widget.getByText("Chưa có mạng").waitFor({ state: "detached" });
    });
  }
});
