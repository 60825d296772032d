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

  it("names each match's province, and a desk's or official's commune, from the account's scope down", async () => {
    const admin = await loginAs("admin", "VN");
    const created = async (res: Response) => {
      expect(res.status, await res.clone().text()).toBe(201);
      return ((await res.json()) as { code: string }).code;
    };
    const desk = await created(await admin.send("POST", "/units/13285/desks", { name: "Bộ phận một cửa Tra Cứu Nơi" }));
    const official = await created(await admin.send("POST", `/units/${desk}/officials`, { name: "Trần Thị Tra Cứu Nơi" }));
    const centre = await created(await admin.send("POST", "/units/37/desks", { name: "Trung tâm phục vụ hành chính công Tra Cứu Nơi" }));
    const NINH_BINH = { code: "37", name: "Tỉnh Ninh Bình" };
    const PHU_LY = { code: "13285", name: "Phường Phủ Lý" };
    const search = async (client: typeof admin, q: string) => ((await (await client.get(`/units?q=${encodeURIComponent(q)}`)).json()) as { units: unknown[] }).units;

    expect((await search(admin, "phu ly"))[0]).toEqual({ code: "13285", name: "Phường Phủ Lý", kind: "phuong", parent: "37", province: NINH_BINH });
    expect((await search(admin, "37"))[0]).toEqual({ code: "37", name: "Tỉnh Ninh Bình", kind: "province", parent: "VN", province: null });
    expect((await search(admin, "VN"))[0]).toMatchObject({ code: "VN", province: null });
    expect(await search(admin, "tra cuu noi")).toEqual([
      { code: desk, name: "Bộ phận một cửa Tra Cứu Nơi", kind: "desk", parent: "13285", province: NINH_BINH, commune: PHU_LY },
      { code: official, name: "Trần Thị Tra Cứu Nơi", kind: "official", parent: desk, province: NINH_BINH, commune: PHU_LY },
      { code: centre, name: "Trung tâm phục vụ hành chính công Tra Cứu Nơi", kind: "desk", parent: "37", province: NINH_BINH, commune: null },
    ]);
    // A ward's account knows its province and its own commune, though both lie above or at its scope's root.
    const ward = await loginAs("manager", "13285");
    expect(await search(ward, "tra cuu noi")).toEqual([
      expect.objectContaining({ code: desk, province: NINH_BINH, commune: PHU_LY }),
      expect.objectContaining({ code: official, province: NINH_BINH, commune: PHU_LY }),
    ]);
  });

  it("puts the matches inside near first among equally good ones, and ignores a near outside the scope", async () => {
    // Five communes are called Xã Bình An: in Tuyên Quang, Ninh Bình, Gia Lai, Đồng Nai and An Giang.
    const national = await loginAs("viewer", "VN");
    const binhAn = async (client: typeof national, near?: string) => {
      const res = await client.get(`/units?q=${encodeURIComponent("xã bình an")}${near ? `&near=${near}` : ""}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { units: { code: string; province: { name: string } }[] }).units.slice(0, 5);
    };
    const codes = async (client: typeof national, near?: string) => (await binhAn(client, near)).map((u) => u.code);
    expect(await codes(national)).toEqual(["02296", "13540", "21829", "26389", "30898"]);
    expect((await binhAn(national, "75")).map((u) => u.province.name)).toEqual(["Tỉnh Đồng Nai", "Tỉnh Tuyên Quang", "Tỉnh Ninh Bình", "Tỉnh Gia Lai", "Tỉnh An Giang"]);
    expect(await codes(national, "30898")).toEqual(["30898", "02296", "13540", "21829", "26389"]);
    // A better match stays first: the exact code before every name.
    expect(((await (await national.get("/units?q=13540&near=75")).json()) as { units: { code: string }[] }).units[0]?.code).toBe("13540");
    expect(await codes(national, "99999")).toEqual(["02296", "13540", "21829", "26389", "30898"]);
    expect((await national.get("/units?q=binh&near=not-a-code!")).status).toBe(400);

    const ninhBinh = await loginAs("viewer", "37");
    const inScope = await codes(ninhBinh);
    expect(inScope[0]).toBe("13540");
    expect(await codes(ninhBinh, "75")).toEqual(inScope);
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
    const search = JSON.stringify(doc.paths["/units"]!.get);
    expect(search).toContain('"name":"near"');
    expect(search).toContain('"province"');
    expect(search).toContain('"commune"');
  });
});
