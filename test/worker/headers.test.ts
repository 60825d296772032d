/**
 * Security headers of the worker's responses, route group by route group: the public
 * endpoints stay embeddable by any site, everything else is private (never stored, never
 * framed, readable only by its own origin). The static assets' headers are checked against
 * the running server in test/e2e/asset-headers.test.ts.
 */
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loginAs } from "./accounts.ts";
import { answerSet, api, BASE, postResponse, WARD } from "./helpers.ts";

const PORTAL = "https://phuong.example.gov.vn";
const HSTS = /^max-age=(\d+); includeSubDomains$/;

/** What every response of the worker carries, wherever it runs but on loopback. */
function expectEverywhere(res: Response, what: string) {
  expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
  const hsts = res.headers.get("strict-transport-security") ?? "";
  expect(hsts, what).toMatch(HSTS);
  expect(Number(HSTS.exec(hsts)?.[1]), what).toBeGreaterThanOrEqual(365 * 24 * 3600);
  expect(res.headers.get("referrer-policy"), what).toBe("no-referrer");
  expect(res.headers.get("x-powered-by"), what).toBeNull();
}

/** A public endpoint: other sites fetch it, so nothing may keep them from reading it. */
function expectEmbeddable(res: Response, what: string) {
  expectEverywhere(res, what);
  expect(res.headers.get("x-frame-options"), what).toBeNull();
  expect(res.headers.get("cross-origin-resource-policy"), what).toBe("cross-origin");
  expect(res.headers.get("cache-control") ?? "", what).not.toContain("no-store");
}

/** A private response: never stored, never framed, not for other origins. */
function expectPrivate(res: Response, what: string) {
  expectEverywhere(res, what);
  expect(res.headers.get("cache-control"), what).toBe("no-store");
  expect(res.headers.get("x-frame-options"), what).toBe("DENY");
  expect(res.headers.get("content-security-policy"), what).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(res.headers.get("cross-origin-resource-policy"), what).toBe("same-origin");
  expect(res.headers.get("access-control-allow-origin"), what).toBeNull();
}

describe("the public endpoints stay embeddable", () => {
  it("GET /units/:code/survey, cacheable, readable from a ward portal", async () => {
    const res = await api(`/units/${WARD}/survey`, { headers: { origin: BASE } });
    expect(res.status).toBe(200);
    expectEmbeddable(res, "survey");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(res.headers.get("etag")).toBeTruthy();
  });

  it("the survey's errors too (a widget must read its 403 or 404)", async () => {
    const unknown = await api("/units/99999/survey", { headers: { origin: PORTAL } });
    expect(unknown.status).toBe(404);
    expectEmbeddable(unknown, "unknown unit");
    const refused = await api(`/units/${WARD}/survey`, { headers: { origin: PORTAL } });
    expect(refused.status).toBe(403);
    expectEmbeddable(refused, "origin not allowed");
    expect(refused.headers.get("access-control-allow-origin")).toBe(PORTAL);
  });

  it("POST /responses, its preflight and its errors", async () => {
    const stored = await postResponse(answerSet());
    expect(stored.status).toBe(201);
    expectEmbeddable(stored, "stored");
    const invalid = await postResponse({ id: "not-a-uuid" });
    expect(invalid.status).toBe(400);
    expectEmbeddable(invalid, "invalid");
    const preflight = await api("/responses", {
      method: "OPTIONS",
      headers: { origin: PORTAL, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(preflight.status).toBe(204);
    expectEmbeddable(preflight, "preflight");
  });

  it("POST /devices/enrol", async () => {
    const res = await api("/devices/enrol", { method: "POST", headers: { "content-type": "application/json", origin: PORTAL }, body: JSON.stringify({ code: "x" }) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expectEmbeddable(res, "enrol");
  });

  it("GET /openapi.json", async () => {
    const res = await api("/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expectEmbeddable(res, "openapi");
  });
});

describe("everything else is private", () => {
  it("a logged-in account's data", async () => {
    const client = await loginAs("viewer", "01");
    for (const path of ["/auth/me", "/units?parent=01", "/units/01", "/units/01/origins"]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      expectPrivate(res, path);
    }
  });

  it("the login, its errors, and a 401", async () => {
    const wrong = await api("/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE },
      body: JSON.stringify({ email: "nobody@example.vn", password: "not-the-password" }),
    });
    expect(wrong.status).toBe(401);
    expectPrivate(wrong, "failed login");
    const anonymous = await api("/auth/me");
    expect(anonymous.status).toBe(401);
    expectPrivate(anonymous, "401");
  });

  it("a 404, under /api/v1 or anywhere else the worker answers", async () => {
    const missing = await api("/no-such-endpoint");
    expect(missing.status).toBe(404);
    expectPrivate(missing, "/api/v1/no-such-endpoint");
    const elsewhere = await exports.default.fetch(new Request(`${BASE}/no-such-asset.html`));
    expect(elsewhere.status).toBe(404);
    expectPrivate(elsewhere, "/no-such-asset.html");
  });
});

describe("on loopback", () => {
  it("no HSTS, which would pin localhost to https in a developer's browser; the rest as anywhere", async () => {
    for (const origin of ["http://127.0.0.1:8787", "http://localhost:8787"]) {
      const open = await exports.default.fetch(new Request(`${origin}/api/v1/openapi.json`));
      const closed = await exports.default.fetch(new Request(`${origin}/api/v1/auth/me`));
      expect(open.status).toBe(200);
      expect(closed.status).toBe(401);
      for (const res of [open, closed]) {
        expect(res.headers.get("strict-transport-security"), origin).toBeNull();
        expect(res.headers.get("x-content-type-options"), origin).toBe("nosniff");
      }
      expect(open.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
      expect(closed.headers.get("cache-control")).toBe("no-store");
    }
  });
});
