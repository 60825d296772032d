/**
 * The API reference at /api/docs/ as the worker serves it: a static page that renders
 * /api/v1/openapi.json with Swagger UI from this host alone, under a CSP of its own origin.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { storeAccount } from "../../scripts/admin-create.ts";
import { launchBrowser } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
const VIEWER = { email: "xem.api@example.vn", name: "Trần Văn Bình", password: "mat-khau-thu-nghiem", role: "viewer" as const, unit: "14" };

let browser: Browser;
let page: Page;
/** Every URL the page asked for, and every console error (a CSP violation is one). */
const requested: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on("request", (req) => requested.push(req.url()));
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
});

describe("API reference", () => {
  test("is a static page of this origin only, framed by nobody", async () => {
    const res = await fetch(`${baseUrl}/api/docs/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(res.headers.get("content-security-policy")).toBe(
      "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
    );
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).not.toMatch(/<script>|<script [^>]*src="(https?:)?\/\//);
  });

  test("renders every operation of the document, asking no other origin for anything", async () => {
    await page.goto(`${baseUrl}/api/docs/`);
    const submit = page.locator(".opblock", { hasText: "Submit one citizen's answer set" });
    await submit.waitFor();
    expect(await submit.locator(".opblock-summary-path").textContent()).toBe("/responses");

    const doc = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as { paths: Record<string, object> };
    const operations = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
    expect(await page.locator(".opblock").count()).toBe(operations);
    // The session cookie is described, so the page offers to use it.
    await expect.poll(() => page.getByRole("button", { name: /authorize/i }).count()).toBeGreaterThan(0);

    // The operation opens on its request body's schema.
    await submit.locator(".opblock-summary-control").click();
    await submit.locator(".opblock-body").getByText("answeredAt").first().waitFor();

    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !url.startsWith(`${baseUrl}/`) && !url.startsWith("data:"))).toEqual([]);
    expect(requested).toContain(`${baseUrl}/api/v1/openapi.json`);
    expect(consoleErrors).toEqual([]);
  });

  test("tries an operation with the session of a login from this browser", async () => {
    await storeAccount(VIEWER, { remote: false, persistTo: inject("persistTo") });
    const login = await page.request.post(`${baseUrl}/api/v1/auth/login`, { headers: { origin: baseUrl }, data: { email: VIEWER.email, password: VIEWER.password } });
    expect(login.status()).toBe(200);

    const me = page.locator(".opblock", { hasText: "The logged-in account" });
    await me.locator(".opblock-summary-control").click();
    await me.getByRole("button", { name: "Try it out" }).click();
    await me.getByRole("button", { name: "Execute" }).click();
    const answer = me.locator(".responses-wrapper .live-responses-table .response");
    await expect.poll(() => answer.locator(".response-col_status").first().textContent()).toContain("200");
    expect(await answer.locator(".response-col_description").first().textContent()).toContain(VIEWER.email);
    expect(consoleErrors).toEqual([]);
  });
});
