import { beforeAll, describe, expect, it } from "vitest";
import { loginAs, type Client } from "./accounts.ts";
import { api } from "./helpers.ts";

const UNIT = "00070"; // Phường Hoàn Kiếm, Hà Nội

let manager: Client;
beforeAll(async () => {
  manager = await loginAs("manager", "01");
});

describe("allowed origins", () => {
  it("replaces a unit's own list, normalized and without duplicates, and the widget's survey then accepts it", async () => {
    const put = await manager.send("PUT", `/units/${UNIT}/origins`, {
      origins: ["https://HoanKiem.HaNoi.gov.vn/", "http://localhost:8080", "https://hoankiem.hanoi.gov.vn"],
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ origins: ["http://localhost:8080", "https://hoankiem.hanoi.gov.vn"], inherited: [] });
    const survey = await api(`/units/${UNIT}/survey`, { headers: { origin: "https://hoankiem.hanoi.gov.vn" } });
    expect(survey.status).toBe(200);
  });

  it("shows what a unit inherits from its ancestors", async () => {
    await manager.send("PUT", "/units/01/origins", { origins: ["https://hanoi.gov.vn"] });
    const res = await manager.get(`/units/${UNIT}/origins`);
    expect(await res.json()).toEqual({ origins: ["http://localhost:8080", "https://hoankiem.hanoi.gov.vn"], inherited: ["https://hanoi.gov.vn"] });
  });

  it("refuses anything that is not a bare origin, naming each, and changes nothing", async () => {
    const before = await (await manager.get(`/units/${UNIT}/origins`)).json();
    for (const origins of [["hoankiem.hanoi.gov.vn"], ["https://a.vn/path"], ["ftp://a.vn"], ["https://user:pw@a.vn"], ["https://a.vn?x=1"], [42], "https://a.vn"]) {
      const res = await manager.send("PUT", `/units/${UNIT}/origins`, { origins });
      expect(res.status, JSON.stringify(origins)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "invalid", fields: expect.any(Object) } });
    }
    const many = await manager.send("PUT", `/units/${UNIT}/origins`, { origins: Array.from({ length: 51 }, (_, i) => `https://w${i}.vn`) });
    expect(many.status).toBe(400);
    const named = await manager.send("PUT", `/units/${UNIT}/origins`, { origins: ["https://ok.vn", "bad"] });
    expect(await named.json()).toMatchObject({ error: { fields: { "origins.1": expect.stringContaining("https://") } } });
    expect(await (await manager.get(`/units/${UNIT}/origins`)).json()).toEqual(before);
  });

  it("clears a list with an empty one", async () => {
    const res = await manager.send("PUT", `/units/${UNIT}/origins`, { origins: [] });
    expect(await res.json()).toEqual({ origins: [], inherited: ["https://hanoi.gov.vn"] });
  });
});
