import { describe, expect, it } from "vitest";
import { loginAs } from "./accounts.ts";
import { api } from "./helpers.ts";

describe("the unit tree", () => {
  it("shows a unit with its path from the country and its children", async () => {
    const viewer = await loginAs("viewer", "37");
    const res = await viewer.get("/units/37");
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.unit).toEqual({ code: "37", name: "Tỉnh Ninh Bình", kind: "province", parent: "VN" });
    expect(body.path).toEqual([{ code: "VN", name: "Việt Nam", kind: "country", parent: null }]);
    expect(body.children.length).toBeGreaterThan(50);
    expect(body.children[0]).toEqual({ code: "13285", name: "Phường Phủ Lý", kind: "phuong", parent: "37" });
    const leaf = (await (await viewer.get("/units/13285")).json()) as any;
    expect(leaf.path.map((u: { code: string }) => u.code)).toEqual(["VN", "37"]);
    expect(leaf.children).toEqual([]);
    expect((await viewer.get("/units/99999")).status).toBe(404);
  });

  it("lists the children of the account's unit, or of a parent, and searches its subtree", async () => {
    const national = await loginAs("admin", "VN");
    const provinces = (await (await national.get("/units")).json()) as { units: { kind: string }[] };
    expect(provinces.units).toHaveLength(34);
    expect(provinces.units.every((u) => u.kind === "province")).toBe(true);
    const found = (await (await national.get(`/units?q=${encodeURIComponent("phu ly")}`)).json()) as { units: { code: string; name: string }[] };
    expect(found.units[0]).toMatchObject({ code: "13285", name: "Phường Phủ Lý" });
    const byCode = (await (await national.get("/units?q=13285")).json()) as { units: { code: string }[] };
    expect(byCode.units[0]?.code).toBe("13285");
    const many = (await (await national.get("/units?q=xa")).json()) as { units: unknown[] };
    expect(many.units).toHaveLength(20);
    const inHanoi = (await (await national.get(`/units?q=${encodeURIComponent("phu ly")}&parent=01`)).json()) as { units: unknown[] };
    expect(inHanoi.units).toEqual([]);
  });

  it("is described in the OpenAPI document with every private path", async () => {
    const doc = (await (await api("/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const [path, method] of [
      ["/auth/login", "post"], ["/auth/logout", "post"], ["/auth/me", "get"],
      ["/stats/trend", "get"], ["/stats/compare", "get"], ["/stats/distribution", "get"], ["/stats/elements", "get"],
      ["/units", "get"], ["/units/{code}", "get"], ["/units/{code}/origins", "get"], ["/units/{code}/origins", "put"],
      ["/feedback", "get"], ["/feedback/{id}", "patch"], ["/exports/responses.csv", "get"], ["/exports/trend.csv", "get"],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });
});
