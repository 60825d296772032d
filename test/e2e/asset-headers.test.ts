/**
 * The static assets' headers as the worker serves them (dist/public/_headers, from
 * scripts/build.ts): the widget script and its chunks load on any site, the dashboard runs
 * under a strict CSP, neither it nor the demo can be framed, every response is nosniff, and
 * HSTS is sent everywhere but on loopback.
 */
import { request } from "node:http";
import { describe, expect, inject, test } from "vitest";
import { WIDGET_CHUNKS } from "../../scripts/build.ts";

const baseUrl = inject("baseUrl");
const PORTAL = "https://phuong.example.gov.vn";
const WIDGET_FILES = ["/widget.js", ...Object.keys(WIDGET_CHUNKS).map((name) => `/${name}`)];
const PAGES = ["/dashboard/", "/dashboard/main.js", "/demo/", "/demo/kiosk"];

/**
 * A GET to the running server as if it were at `host` (production's name, not loopback).
 * fetch() cannot set Host, so this goes through node:http.
 */
function getAs(host: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, headers: { host } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers }));
    })
      .on("error", reject)
      .end();
  });
}

describe("asset headers", () => {
  test("the widget script and every chunk load on any site (a cross-origin module needs CORS)", async () => {
    for (const path of WIDGET_FILES) {
      const res = await fetch(`${baseUrl}${path}`, { headers: { origin: PORTAL } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toMatch(/javascript/);
      expect(res.headers.get("access-control-allow-origin"), path).toBe("*");
      expect(res.headers.get("cross-origin-resource-policy"), path).toBe("cross-origin");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      // Nothing that would keep another site from loading it.
      expect(res.headers.get("x-frame-options"), path).toBeNull();
      expect(res.headers.get("content-security-policy"), path).toBeNull();
      expect(res.headers.get("cross-origin-embedder-policy"), path).toBeNull();
    }
  });

  test("the dashboard allows only its own origin and no framing", async () => {
    for (const path of ["/dashboard/", "/dashboard/main.js"]) {
      const res = await fetch(`${baseUrl}${path}`);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(res.headers.get("cross-origin-resource-policy"), path).toBe("same-origin");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });

  test("the demo pages cannot be framed either, and keep their own meta CSP", async () => {
    for (const path of ["/demo/", "/demo/kiosk", "/demo/demo.css"]) {
      const res = await fetch(`${baseUrl}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-security-policy"), path).toBe("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      if (path.endsWith(".css")) continue;
      expect(await res.text(), path).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; connect-src 'self'" />`);
    }
  });

  test("a path that is no asset reaches the worker, whose 404 is nosniff and private", async () => {
    const res = await fetch(`${baseUrl}/demo/no-such-page.html`);
    expect(res.status).toBe(404);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  test("HSTS for a production host, never on loopback (it would pin localhost to https)", async () => {
    for (const path of [...WIDGET_FILES, ...PAGES, "/api/v1/openapi.json"]) {
      const local = await fetch(`${baseUrl}${path}`);
      expect(local.status, path).toBe(200);
      expect(local.headers.get("strict-transport-security"), path).toBeNull();
      const remote = await getAs("hailong.example", path);
      expect(remote.status, path).toBe(200);
      expect(remote.headers["strict-transport-security"], path).toBe("max-age=31536000; includeSubDomains");
      expect(remote.headers["x-content-type-options"], path).toBe("nosniff");
    }
    const localhost = await getAs(`localhost:${new URL(baseUrl).port}`, "/dashboard/");
    expect(localhost.status).toBe(200);
    expect(localhost.headers["strict-transport-security"]).toBeUndefined();
  });
});
