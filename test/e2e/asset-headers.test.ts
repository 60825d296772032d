/**
 * The static assets' headers as the worker serves them: the widget script loads on any site,
 * the dashboard runs under a strict CSP and cannot be framed.
 */
import { describe, expect, inject, test } from "vitest";

const baseUrl = inject("baseUrl");

describe("asset headers", () => {
  test("widget.js may be loaded by any site", async () => {
    const res = await fetch(`${baseUrl}/widget.js`, { headers: { origin: "https://phuong.example.gov.vn" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  });

  test("the widget's chunks may be imported by any site (a cross-origin module needs CORS)", async () => {
    for (const path of ["/widget-turnstile.js", "/widget-en.js"]) {
      const res = await fetch(`${baseUrl}${path}`, { headers: { origin: "https://phuong.example.gov.vn" } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/javascript/);
      expect(res.headers.get("access-control-allow-origin"), path).toBe("*");
    }
  });

  test("the dashboard allows only its own origin and no framing", async () => {
    for (const path of ["/dashboard/", "/dashboard/main.js"]) {
      const res = await fetch(`${baseUrl}${path}`);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });
});
