/**
 * The hosted survey page /s/<code>, as a citizen opens it from the QR code at the counter: on
 * a 360 px phone over Chromium's "Slow 3G" (2 s of latency a request, some 50 KB/s), in one
 * request, under its strict CSP; answers stored with channel "qr" at the desk or official;
 * `?ma=` and `?lang=en`; the receipt's lookup; and a clear page for a unit with no survey.
 */
import { request } from "node:http";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { apiSessionOf, type ApiSession } from "../support/api-session.ts";
import { violations } from "../support/axe.ts";
import { CATALOG, d1Run } from "../support/d1.ts";
import { storedFor, widgetFixture } from "../widget/helpers.ts";

const baseUrl = inject("baseUrl");
const fx = widgetFixture();
const COMMUNE = "18073"; // Phường Thành Sen, Hà Tĩnh
const PHONE = { viewport: { width: 360, height: 740 }, locale: "vi-VN" };
const RECEIPT = /[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}/;

let manager: ApiSession;
let desk: string;
let official: string;

async function added(session: ApiSession, path: string, name: string): Promise<string> {
  const res = await session.send("POST", path, { name });
  expect(res.status).toBe(201);
  return ((await res.json()) as { code: string }).code;
}

beforeAll(async () => {
  manager = await apiSessionOf({ email: "quanly.thanhsen@example.vn", name: "Trần Văn Bình", password: "mat-khau-thu-nghiem", role: "manager", unit: COMMUNE });
  desk = await added(manager, `/units/${COMMUNE}/desks`, "Bộ phận tiếp nhận và trả kết quả");
  official = await added(manager, `/units/${desk}/officials`, "Nguyễn Thị Lan");
});

/**
 * Opens `path` of the worker on a phone over Slow 3G (DevTools' preset, set through CDP before
 * the navigation). `requests` lists every URL the page asked for.
 */
async function openOnSlow3G(path: string) {
  const opened = await fx.open("about:blank", PHONE);
  const cdp = await opened.page.context().newCDPSession(opened.page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 });
  const requests: string[] = [];
  opened.page.on("request", (r) => requests.push(r.url()));
  const response = (await opened.page.goto(`${baseUrl}${path}`))!;
  return { ...opened, response, requests };
}

/**
 * A request to the running worker as if it were at `host` (a production name, not loopback,
 * where every loopback origin is allowed); fetch() cannot set Host, node:http can.
 */
function requestAs(host: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    request({ hostname, port, path, method: init.method ?? "GET", headers: { host, ...init.headers } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers }));
    })
      .on("error", reject)
      .end(init.body);
  });
}

/** The receipt section's status region, once it says something. */
const lookupResult = (page: Page) => page.locator("#receipt-result");

describe("the hosted survey page", () => {
  test("a citizen answers an official's page on a slow phone, gets a receipt, and follows it to the unit's reply", async () => {
    const { page, widget, response, requests, errors, blocked } = await openOnSlow3G(`/s/${official}`);
    expect(response.status()).toBe(200);
    await widget.getByRole("radio", { name: "Không hài lòng", exact: true }).check();
    // One request: the survey came with the page, and so did the widget.
    expect(requests).toEqual([`${baseUrl}/s/${official}`]);

    await widget.getByRole("textbox").fill("Phải chờ hơn một tiếng mới được tiếp nhận");
    await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
    await widget.getByRole("heading", { name: "Cảm ơn Ông/Bà đã đánh giá!" }).waitFor();
    const code = RECEIPT.exec((await widget.locator(".thanks").textContent()) ?? "")?.[0];
    expect(code).toBeDefined();
    await expect.poll(() => storedFor(official).length).toBe(1);
    const [stored] = storedFor(official);
    expect(stored).toMatchObject({ channel: "qr", lang: "vi", reason: "Phải chờ hơn một tiếng mới được tiếp nhận" });

    // The address the thanks screen gives opens the lookup with the code looked up.
    await widget.getByRole("link", { name: `/s/${official}?tra-cuu=${code}` }).click();
    await page.waitForURL(`${baseUrl}/s/${official}?tra-cuu=${code}`);
    await expect.poll(() => lookupResult(page).textContent()).toContain("Mới");
    expect(await page.locator("#tra-cuu").getAttribute("open")).toBe("");
    const facts = await lookupResult(page).textContent();
    expect(facts).toContain(code);
    expect(facts).toContain("Thời gian theo giờ Việt Nam.");
    expect(facts).not.toContain("Phải chờ");

    const reply = "Phường đã bố trí thêm một cán bộ tiếp nhận buổi sáng.";
    expect((await manager.send("PATCH", `/feedback/${stored!.id}`, { status: "resolved", note: "Đã bố trí thêm cán bộ buổi sáng", reply })).status).toBe(200);
    await page.getByRole("button", { name: "Tra cứu", exact: true }).click();
    await expect.poll(() => lookupResult(page).textContent()).toContain("Đã xử lý");
    expect(await lookupResult(page).locator(".reply").textContent()).toBe(reply);
    expect(await page.getByRole("heading", { name: "Trả lời của đơn vị" }).count()).toBe(1);

    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  });

  test("a desk's page answers for the desk, with the case code ?ma= filled in", async () => {
    expect((await manager.send("PUT", `/units/${COMMUNE}/survey-choice`, { survey: "sipas" })).status).toBe(200);
    const caseCode = "H42.18-261202-0042";
    const { widget, errors, blocked } = await openOnSlow3G(`/s/${desk}?ma=${encodeURIComponent(caseCode)}`);
    await widget.getByRole("radio", { name: "Rất hài lòng", exact: true }).first().check();
    await widget.getByRole("button", { name: /^Trả lời thêm/ }).click();
    const caseField = widget.getByRole("textbox", { name: /Mã hồ sơ/ });
    while (!(await caseField.count())) await widget.getByRole("button", { name: "Tiếp tục" }).click();
    expect(await caseField.inputValue()).toBe(caseCode);
    await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
    await expect.poll(() => storedFor(desk).length).toBe(1);
    expect(storedFor(desk)[0]).toMatchObject({ channel: "qr", case_code: caseCode });
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  });

  test("?lang=en starts in English, in the one response, and the switch goes back to Vietnamese for the page and the survey", async () => {
    const { page, widget, errors, blocked, requests } = await openOnSlow3G(`/s/${COMMUNE}?lang=en`);
    await widget.getByRole("button", { name: "Send", exact: true }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("summary").textContent()).toBe("Follow up your feedback");
    const toVietnamese = page.getByRole("button", { name: "Tiếng Việt" });
    expect(await toVietnamese.getAttribute("lang")).toBe("vi");

    await toVietnamese.click();
    await widget.getByRole("button", { name: "Gửi đánh giá" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("vi");
    expect(await page.locator("summary").textContent()).toBe("Tra cứu phản ánh");
    expect(new URL(page.url()).searchParams.has("lang")).toBe(false);
    expect(await page.title()).toBe("Đánh giá sự hài lòng – Phường Thành Sen");

    await page.getByRole("button", { name: "English" }).click();
    await widget.getByRole("button", { name: "Send", exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get("lang")).toBe("en");
    // The page carries the widget's English texts: no widget-en.js, no second round trip.
    expect(requests).toEqual([`${baseUrl}/s/${COMMUNE}?lang=en`]);
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  });

  test("a code that is no receipt is explained without asking the server", async () => {
    const { page, requests } = await openOnSlow3G(`/s/${COMMUNE}`);
    await page.locator("summary").click();
    await page.getByRole("textbox", { name: "Mã tra cứu phản ánh" }).fill("K0QM1-XPZ2D");
    await page.getByRole("button", { name: "Tra cứu", exact: true }).click();
    await expect.poll(() => lookupResult(page).textContent()).toContain("không có chữ O, I và số 0, 1");
    expect(requests.filter((url) => url.includes("/receipts/"))).toEqual([]);

    await page.getByRole("textbox", { name: "Mã tra cứu phản ánh" }).fill("k7qm4 xpz2d");
    await page.getByRole("button", { name: "Tra cứu", exact: true }).click();
    await expect.poll(() => lookupResult(page).textContent()).toContain("Không có phản ánh nào mang mã tra cứu K7QM4-XPZ2D");
  });

  test("a unit that requires Turnstile gets its check under the page's CSP, and the answer is counted", async () => {
    const unit = "18118"; // Phường Nam Hồng Lĩnh, Hà Tĩnh
    d1Run(inject("persistTo"), CATALOG, `INSERT INTO unit_settings (unit, turnstile_site_key) VALUES ('${unit}', 'test-site-key')`);
    const { widget, errors, blocked } = await fx.open(`${baseUrl}/s/${unit}`, PHONE);
    await widget.getByRole("radio", { name: "Rất hài lòng", exact: true }).check();
    await widget.getByRole("button", { name: "Gửi đánh giá" }).click();
    await expect.poll(() => storedFor(unit).map((r) => r.status)).toEqual(["accepted"]);
    const csp = (await fetch(`${baseUrl}/s/${unit}`)).headers.get("content-security-policy");
    expect(csp).toContain(`frame-src ${inject("turnstileOrigin")}`);
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  });

  test("axe finds nothing to fix on the page, with a lookup's answer shown", async () => {
    // axe goes into the page as a script of its own, which the page's CSP rightly refuses.
    const { page, widget } = await fx.open(`${baseUrl}/s/${COMMUNE}?tra-cuu=K7QM4-XPZ2D`, { ...PHONE, bypassCSP: true });
    await widget.getByRole("radio").first().waitFor();
    await expect.poll(() => lookupResult(page).textContent()).toContain("K7QM4-XPZ2D");
    expect(await violations(page)).toEqual([]);
  });

  test("the page runs under a strict CSP with a nonce of its own for each response", async () => {
    const [first, second] = await Promise.all([fetch(`${baseUrl}/s/${COMMUNE}`), fetch(`${baseUrl}/s/${COMMUNE}`)]);
    const csp = first.headers.get("content-security-policy")!;
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'nonce-${nonce}'`);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe");
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(first.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await first.text();
    // Every script and style is inline and carries the nonce; the survey data is no script.
    expect(html.match(/<script[^>]*>/g)).toEqual([`<script nonce="${nonce}">`, `<script nonce="${nonce}">`]);
    expect(html.match(/<style[^>]*>/g)).toEqual([`<style nonce="${nonce}">`]);
    expect(html).not.toMatch(/\ssrc=|<link rel="stylesheet"/);
  });

  test("every other response at a page's address or below it has security headers too", async () => {
    for (const [method, path] of [["POST", `/s/${COMMUNE}`], ["GET", `/s/${COMMUNE}/extra`], ["GET", "/s/"]] as const) {
      const res = await fetch(`${baseUrl}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get("content-security-policy"), `${method} ${path}`).toMatch(/^default-src 'none'/);
      expect(res.headers.get("x-frame-options"), `${method} ${path}`).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), `${method} ${path}`).toBe("nosniff");
    }
  });

  test("what ?ma= carries is shown as text, never as markup", async () => {
    const forged = '"><script>alert(1)</script>';
    const html = await (await fetch(`${baseUrl}/s/${COMMUNE}?ma=${encodeURIComponent(forged)}`)).text();
    expect(html).toContain('case-code="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).not.toContain(forged);
  });

  test("answers from the page's own origin are accepted for a unit that allows no other, away from loopback too", async () => {
    const unit = "18100"; // Phường Trần Phú, Hà Tĩnh: no allowed origins of its own
    const { survey, version } = (await (await fetch(`${baseUrl}/api/v1/units/${unit}/survey`)).json()) as { survey: string; version: number };
    const answerFrom = (origin: string) =>
      requestAs("hailong.example.vn", "/api/v1/responses", {
        method: "POST",
        headers: { origin, "content-type": "application/json" },
        body: JSON.stringify({ id: crypto.randomUUID(), unit, survey, version, answers: { overall: 3 }, channel: "qr", lang: "vi" }),
      });
    expect((await answerFrom("http://hailong.example.vn")).status).toBe(201);
    expect((await answerFrom("http://phuong.example.vn")).status).toBe(403);
    const page = await requestAs("hailong.example.vn", `/s/${unit}`);
    expect(page.status).toBe(200);
    expect(page.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  });
});

describe("a unit with no survey to show", () => {
  test.each([
    ["an unknown code", "/s/99999", 404, 'Không có đơn vị mã "99999"'],
    ["a province", "/s/42", 404, "không trực tiếp phục vụ người dân"],
  ])("%s gets a page that says so", async (_, path, status, message) => {
    const { page, response } = await openOnSlow3G(path);
    expect(response.status()).toBe(status);
    expect(await page.getByRole("heading", { name: "Không mở được phiếu đánh giá" }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: "This survey cannot be opened" }).count()).toBe(1);
    expect(await page.locator("main").textContent()).toContain(message);
  });

  test("a closed desk's page says it takes no more ratings, with 410 Gone", async () => {
    const closed = await added(manager, `/units/${COMMUNE}/desks`, "Bộ phận một cửa cũ");
    expect((await manager.send("POST", `/units/${closed}/close`, {})).status).toBe(200);
    const { page, response, blocked } = await openOnSlow3G(`/s/${closed}?lang=en`);
    expect(response.status()).toBe(410);
    expect(response.headers()["content-security-policy"]).toContain("default-src 'none'");
    const text = await page.locator("main").textContent();
    expect(text).toContain("đã ngừng nhận đánh giá từ ngày");
    expect(text).toContain("no longer takes ratings");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("script").count()).toBe(0);
    expect(blocked).toEqual([]);
  });
});
