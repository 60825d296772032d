import { describe, expect, it } from "vitest";
import { addUnits } from "../../worker/db/units.ts";
import type { PublicSurvey } from "../../worker/domain/survey.ts";
import { api, catalog, forgetContexts, store, WARD } from "./helpers.ts";

describe("GET /api/v1/units/:code/survey", () => {
  it("gives the national default (quick) to a unit that chose nothing", async () => {
    const res = await api(`/units/${WARD}/survey`);
    expect(res.status).toBe(200);
    const survey = (await res.json()) as PublicSurvey;
    expect(survey).toMatchObject({ survey: "quick", version: 1, unit: { code: WARD, name: "Phường Ba Đình" }, steps: [], turnstile: null });
    expect(survey.title.vi).toBe("Đánh giá nhanh");
    expect(survey.ask).toEqual({ caseCode: false, official: false, comment: true });
  });

  it("inherits a province's choice and lists the unit's officials", async () => {
    await catalog().prepare("INSERT INTO unit_settings (unit, survey) VALUES ('37', 'sipas')").run();
    forgetContexts();
    await addUnits(store(), [
      { code: "14329-tn", name: "Bộ phận một cửa", kind: "desk", parent: "14329" },
      { code: "14329-tn-hoa", name: "Lê Thị Hoa", kind: "official", parent: "14329-tn" },
    ]);
    const survey = (await (await api("/units/14329/survey")).json()) as PublicSurvey;
    expect(survey.survey).toBe("sipas");
    expect(survey.steps.map((s) => s.element)).toEqual([1, 2, 3, 4, 5]);
    expect(survey.steps[2]?.statements.map((s) => s.text.vi)).toContain("Công chức có thái độ giao tiếp lịch sự");
    expect(survey.officials).toEqual([{ code: "14329-tn-hoa", name: "Lê Thị Hoa" }]);
    // A unit of another province keeps the national default.
    expect(((await (await api("/units/18859/survey")).json()) as PublicSurvey).survey).toBe("quick");
  });

  it("serves another published survey on request", async () => {
    const survey = (await (await api(`/units/${WARD}/survey?survey=sipas`)).json()) as PublicSurvey;
    expect(survey.survey).toBe("sipas");
  });

  it("revalidates with an ETag (304)", async () => {
    const first = await api(`/units/${WARD}/survey`);
    const tag = first.headers.get("etag");
    expect(tag).toBeTruthy();
    expect(first.headers.get("cache-control")).toMatch(/max-age/);
    const again = await api(`/units/${WARD}/survey`, { headers: { "if-none-match": tag! } });
    expect(again.status).toBe(304);
  });

  it.each([
    ["an unknown unit", "/units/99999/survey", 404, "unknown_unit"],
    ["an unknown survey", `/units/${WARD}/survey?survey=nope`, 404, "unknown_survey"],
    ["an unknown parameter", `/units/${WARD}/survey?lang=en`, 400, "invalid"],
  ])("answers %s with %i", async (_what, path, status, code) => {
    const res = await api(path);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it("refuses an origin the unit has not allowed (403), readable by that page", async () => {
    const res = await api(`/units/${WARD}/survey`, { headers: { origin: "https://not-a-ward.example" } });
    expect(res.status).toBe(403);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://not-a-ward.example");
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("describes the public endpoints from the validating schemas", async () => {
    const doc = (await (await api("/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { additionalProperties?: boolean; required?: string[] } }> }; responses: Record<string, unknown> }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    const post = doc.paths["/responses"]?.post;
    const schema = post?.requestBody?.content["application/json"]?.schema;
    expect(schema?.additionalProperties).toBe(false);
    expect(schema?.required).toEqual(expect.arrayContaining(["id", "unit", "survey", "version", "answers", "channel", "lang"]));
    expect(Object.keys(post?.responses ?? {})).toEqual(expect.arrayContaining(["201", "200", "202", "400", "403", "404", "413", "415", "422", "429", "503"]));
    expect(doc.paths["/units/{code}/survey"]?.get).toBeDefined();
  });
});
