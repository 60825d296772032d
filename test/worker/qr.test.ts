import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { addUnits } from "../../worker/db/units.ts";
import { QUIET_ZONE, qrSvg } from "../../worker/domain/qr.ts";
import { api, BASE, closeUnit, store } from "./helpers.ts";

/*
 * The QR code a poster prints, as any site may load it: an SVG for a unit whose hosted page
 * takes answers, none for a unit that is unknown, closed or serves no citizens. That the code
 * reads back to the page's address is checked where there are pixels to read, in Chromium
 * (test/dashboard/poster.test.ts).
 */

const DESK = "00190-tn";

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe("GET /api/v1/units/:code/qr.svg", () => {
  it("draws a desk's code as a crisp, scalable SVG with a quiet zone, without a session, loadable by any site", async () => {
    await addUnits(store(), [{ code: DESK, name: "Bộ phận một cửa", kind: "desk", parent: "00190" }]);
    const res = await api(`/units/${DESK}/qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    expect(res.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const svg = await res.text();
    expect(svg).toMatch(/^<\?xml version="1\.0" encoding="UTF-8" \?><svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('shape-rendering="crispedges"');
    // The view box starts a quiet zone before the code and is square; the margin is painted white.
    const [x, y, width, height] = /viewBox="([^"]+)"/.exec(svg)![1]!.split(" ").map(Number) as [number, number, number, number];
    expect([x, y]).toEqual([-QUIET_ZONE, -QUIET_ZONE]);
    expect(width).toBe(height);
    expect(svg).toContain(`<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="white">`);
    // Version 3 (29 modules) is the smallest that holds the address at level M, quiet zone aside.
    expect(width - 2 * QUIET_ZONE).toBeGreaterThanOrEqual(29);
  });

  it("encodes the hosted page's address on the request's own host", async () => {
    expect(await (await api(`/units/${DESK}/qr.svg`)).text()).toBe(qrSvg(`${BASE}/s/${DESK}`));
    const elsewhere = await exports.default.fetch(new Request(`https://khac.example/api/v1/units/${DESK}/qr.svg`));
    expect(await elsewhere.text()).toBe(qrSvg(`https://khac.example/s/${DESK}`));
  });

  it("revalidates with an ETag (304)", async () => {
    const first = await api("/units/00190/qr.svg");
    const again = await api("/units/00190/qr.svg", { headers: { "if-none-match": first.headers.get("etag")! } });
    expect(again.status).toBe(304);
  });

  it.each([
    ["an unknown unit", "99999", 404, "unknown_unit"],
    ["a province, which serves no citizens itself", "01", 400, "invalid"],
  ])("refuses %s", async (_what, code, status, error) => {
    const res = await api(`/units/${code}/qr.svg`);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await errorCode(res)).toBe(error);
  });

  it("refuses a closed desk with the survey page's own 404, in both languages", async () => {
    await addUnits(store(), [{ code: "00190-cu", name: "Bộ phận cũ", kind: "desk", parent: "00190" }]);
    expect((await api("/units/00190-cu/qr.svg")).status).toBe(200);
    await closeUnit("00190-cu", "2026-11-30");
    const res = await api("/units/00190-cu/qr.svg");
    expect(res.status).toBe(404);
    const { error } = (await res.json()) as { error: { code: string; message: string; messageVi: string } };
    expect(error.code).toBe("unit_closed");
    expect(error.message).toContain("no longer takes ratings");
    expect(error.messageVi).toContain("đã ngừng nhận đánh giá");
  });
});
