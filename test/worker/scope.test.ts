import { beforeAll, describe, expect, it } from "vitest";
import { loginAs, type Client } from "./accounts.ts";
import { answerSet, api, BASE, postResponse } from "./helpers.ts";

const OWN = "00004"; // Phường Ba Đình, Hà Nội
const OTHER = "00008"; // Phường Ngọc Hà, Hà Nội: a sibling commune

/** Posts a comment to a unit; its id is then a feedback item of that unit. */
async function commentAt(unit: string): Promise<string> {
  const body = answerSet({ unit, comment: "Cán bộ hướng dẫn nhiệt tình" });
  expect((await postResponse(body)).status).toBe(201);
  return body.id;
}

/** Every private endpoint, pointed at a unit (and a feedback item of that unit). */
const ENDPOINTS: { name: string; method: string; path: (unit: string, item: string) => string; body?: unknown }[] = [
  { name: "trend", method: "GET", path: (u) => `/stats/trend?unit=${u}` },
  { name: "compare", method: "GET", path: (u) => `/stats/compare?unit=${u}` },
  { name: "distribution", method: "GET", path: (u) => `/stats/distribution?unit=${u}` },
  { name: "elements", method: "GET", path: (u) => `/stats/elements?unit=${u}` },
  { name: "children", method: "GET", path: (u) => `/units?parent=${u}` },
  { name: "search", method: "GET", path: (u) => `/units?q=a&parent=${u}` },
  { name: "unit", method: "GET", path: (u) => `/units/${u}` },
  { name: "origins", method: "GET", path: (u) => `/units/${u}/origins` },
  { name: "set origins", method: "PUT", path: (u) => `/units/${u}/origins`, body: { origins: ["https://ubnd.example.vn"] } },
  { name: "feedback", method: "GET", path: (u) => `/feedback?unit=${u}` },
  { name: "feedback status", method: "PATCH", path: (_, item) => `/feedback/${item}`, body: { status: "in_progress", note: "Đang xác minh" } },
  { name: "answers export", method: "GET", path: (u) => `/exports/responses.csv?unit=${u}` },
  { name: "trend export", method: "GET", path: (u) => `/exports/trend.csv?unit=${u}` },
  { name: "compare export", method: "GET", path: (u) => `/exports/compare.csv?unit=${u}` },
  { name: "compare workbook", method: "GET", path: (u) => `/exports/compare.xlsx?unit=${u}` },
];

const call = (client: Client, e: (typeof ENDPOINTS)[number], unit: string, item: string) =>
  e.method === "GET" ? client.get(e.path(unit, item)) : client.send(e.method, e.path(unit, item), e.body);

let viewer: Client;
let manager: Client;
const items: Record<string, string> = {};

beforeAll(async () => {
  viewer = await loginAs("viewer", OWN);
  manager = await loginAs("manager", OWN);
  items[OWN] = await commentAt(OWN);
  items[OTHER] = await commentAt(OTHER);
});

describe("a commune's accounts stay within their commune", () => {
  it.each(ENDPOINTS)("$name: refused for another commune, allowed for its own", async (e) => {
    // Reads as the viewer; changes as the manager, who may change things at home.
    const client = e.method === "GET" ? viewer : manager;
    const refused = await call(client, e, OTHER, items[OTHER]!);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "out_of_scope", message: expect.any(String), messageVi: expect.any(String) } });
    expect((await call(client, e, OWN, items[OWN]!)).status).toBe(200);
  });

  it.each(ENDPOINTS)("$name: refused for the province above", async (e) => {
    if (e.name === "feedback status") return; // a feedback item belongs to a commune, covered above
    const client = e.method === "GET" ? viewer : manager;
    expect((await call(client, e, "01", items[OTHER]!)).status).toBe(403);
  });

  it.each(ENDPOINTS)("$name: 401 without a session", async (e) => {
    const res = await api(e.path(OWN, items[OWN]!), {
      method: e.method,
      headers: { origin: BASE, "content-type": "application/json" },
      ...(e.body !== undefined && { body: JSON.stringify(e.body) }),
    });
    expect(res.status).toBe(401);
  });

  it("finds by search only units within the account's subtree", async () => {
    const res = await viewer.get(`/units?q=${encodeURIComponent("Ngọc Hà")}`);
    expect(await res.json()).toEqual({ units: [] });
    const national = await loginAs("viewer", "VN");
    const found = (await (await national.get(`/units?q=${encodeURIComponent("ngoc ha")}`)).json()) as { units: { code: string }[] };
    expect(found.units.map((u) => u.code)).toContain(OTHER);
  });

  it("lists only the account's own feedback when no unit is named", async () => {
    const { items: listed } = (await (await viewer.get("/feedback")).json()) as { items: { id: string }[] };
    expect(listed.map((i) => i.id)).toEqual([items[OWN]]);
  });
});

describe("roles", () => {
  it("a viewer reads but may not change anything, even at home", async () => {
    for (const e of ENDPOINTS.filter((e) => e.method !== "GET")) {
      const res = await viewer.send(e.method, e.path(OWN, items[OWN]!), e.body);
      expect(res.status, e.name).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "read_only" } });
    }
  });

  it("an admin of the country reaches every commune", async () => {
    const admin = await loginAs("admin", "VN");
    for (const e of ENDPOINTS) expect((await call(admin, e, OTHER, items[OTHER]!)).status, e.name).toBe(200);
  });

  it("a cross-origin change is refused even with a valid session (CSRF)", async () => {
    const res = await api(`/feedback/${items[OWN]}`, {
      method: "PATCH",
      headers: { cookie: manager.cookie, origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ status: "resolved", note: "" }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "cross_origin" } });
    const siteOnly = await api(`/units/${OWN}/origins`, {
      method: "PUT",
      headers: { cookie: manager.cookie, "sec-fetch-site": "cross-site", "content-type": "application/json" },
      body: JSON.stringify({ origins: [] }),
    });
    expect(siteOnly.status).toBe(403);
  });
});
