/**
 * Surveys as managers run them: own surveys built from the SIPAS bank and own statements,
 * published as immutable versions whose statements keep their ids, the unit's choice, and a
 * preview of a draft; every route refused to viewers and to other communes' managers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { statementCounts } from "../../worker/db/stats.ts";
import { encodeDraft } from "../../worker/domain/draft-token.ts";
import type { PublicSurvey } from "../../worker/domain/survey.ts";
import type { SurveyDraft } from "../../worker/domain/survey-draft.ts";
import { vnDay } from "../../worker/domain/vn-time.ts";
import { loginAs, type Client } from "./accounts.ts";
import { answerSet, api, catalog, postResponse, snapshot, store } from "./helpers.ts";

const OWN = "00004"; // Phường Ba Đình, Hà Nội
const OTHER = "00008"; // Phường Ngọc Hà, Hà Nội: a sibling commune

interface Survey {
  id: string;
  owner: { code: string };
  versions: { version: number; definition: { statements: { id: string; element: number; text: { vi: string; en: string } }[] } }[];
}
interface Surveys {
  unit: string;
  choice: { survey: string; from: { code: string } | null };
  surveys: Survey[];
}

let viewer: Client;
let manager: Client;
let otherManager: Client;
let admin: Client;

beforeAll(async () => {
  [viewer, manager, otherManager, admin] = await Promise.all([loginAs("viewer", OWN), loginAs("manager", OWN), loginAs("manager", OTHER), loginAs("admin", "VN")]);
});

/** A version with one SIPAS statement and two own ones, in the SIPAS element and a step of the unit's own. */
function draft(statements: SurveyDraft["statements"] = [
  { id: "e3_polite", element: 3 },
  { element: 3, text: { vi: "Công chức mặc đồng phục, đeo thẻ công chức" } },
  { element: 6, text: { vi: "Nơi làm thủ tục sạch sẽ, thoáng mát", en: "The office is clean and airy" } },
]): SurveyDraft {
  return {
    title: { vi: "Khảo sát văn hóa công sở" },
    elements: [
      { id: 3, name: { vi: "Công chức giải quyết công việc", en: "Officials handling the case" } },
      { id: 6, name: { vi: "Văn hóa công sở" } },
    ],
    statements,
    askCaseCode: true,
    askOfficial: false,
    askComment: true,
  };
}

async function body<T>(res: Response, status = 200): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}

/** What the routes may change: surveys, settings and the audit record in the catalog. */
const catalogState = async () =>
  JSON.stringify(await catalog().batch(["surveys", "unit_settings", "audit_log"].map((t) => catalog().prepare(`SELECT * FROM ${t} ORDER BY 1, 2`))).then((r) => r.map((x) => x.results)));

let created: Survey;

describe("the statement bank and the surveys a unit may use", () => {
  it("lists the SIPAS statements with their ids and elements, to signed-in accounts only", async () => {
    expect((await api("/statements")).status).toBe(401);
    const { statements } = await body<{ statements: { id: string; element: number; text: { vi: string } }[] }>(await viewer.get("/statements"));
    expect(statements).toHaveLength(12);
    expect(statements).toContainEqual(expect.objectContaining({ id: "e3_polite", element: 3, text: expect.objectContaining({ vi: "Công chức có thái độ giao tiếp lịch sự" }) }));
  });

  it("lists the templates and says the unit inherits the national choice", async () => {
    const list = await body<Surveys>(await viewer.get(`/units/${OWN}/surveys`));
    expect(list.surveys.map((s) => s.id).sort()).toEqual(["quick", "sipas"]);
    expect(list.choice).toEqual({ survey: "quick", from: { code: "VN", name: "Việt Nam" } });
    expect((await otherManager.get(`/units/${OWN}/surveys`)).status).toBe(403);
  });
});

describe("role and scope", () => {
  const changes = (client: Client) => [
    client.send("POST", `/units/${OWN}/surveys`, draft()),
    client.send("POST", `/units/${OWN}/surveys/quick/versions`, draft()),
    client.send("PUT", `/units/${OWN}/survey-choice`, { survey: "sipas" }),
  ];

  it.each([
    ["a viewer of the unit", () => viewer, "read_only"],
    ["a manager of another commune", () => otherManager, "out_of_scope"],
  ])("refuses every change to %s (403), changing nothing", async (_who, client, code) => {
    const before = await catalogState();
    for (const res of await Promise.all(changes(client()))) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const token = await encodeDraft({ draft: draft() });
    expect((await client().get(`/survey-previews/${token}/api/v1/units/${OWN}/survey`)).status).toBe(403);
    expect((await client().send("POST", `/survey-previews/${token}/api/v1/responses`, answerSet({ survey: "preview" }))).status).toBe(403);
    expect(await catalogState()).toBe(before);
  });

  it("refuses a change without a session (401) or from another origin (403)", async () => {
    expect((await api(`/units/${OWN}/surveys`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(draft()) })).status).toBe(401);
    const res = await api(`/units/${OWN}/survey-choice`, {
      method: "PUT",
      headers: { cookie: manager.cookie, origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ survey: "sipas" }),
    });
    expect(res.status).toBe(403);
  });

  it("refuses every change to a closed desk's survey (409 unit_closed), changing nothing", async () => {
    const desk = await body<{ code: string }>(await manager.send("POST", `/units/${OWN}/desks`, { name: "Bộ phận một cửa cũ" }), 201);
    await body(await manager.send("POST", `/units/${desk.code}/close`, {}));
    const before = await catalogState();
    const refused = [
      manager.send("POST", `/units/${desk.code}/surveys`, draft()),
      manager.send("POST", `/units/${desk.code}/surveys/quick/versions`, draft()),
      manager.send("PUT", `/units/${desk.code}/survey-choice`, { survey: "sipas" }),
    ];
    for (const res of await Promise.all(refused)) {
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unit_closed");
    }
    expect(await catalogState()).toBe(before);
  });

  it("lets managers publish only the surveys their unit owns (404 for a template or another's)", async () => {
    const res = await manager.send("POST", `/units/${OWN}/surveys/sipas/versions`, draft());
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unknown_survey");
  });
});

describe("publishing own surveys", () => {
  it("creates a survey with a readable id; bank statements keep their ids, own ones get the survey's", async () => {
    const { survey, version } = await body<{ survey: Survey; version: number }>(await manager.send("POST", `/units/${OWN}/surveys`, draft()), 201);
    created = survey;
    expect(version).toBe(1);
    expect(survey.id).toBe("u00004_1");
    expect(survey.owner.code).toBe(OWN);
    const statements = survey.versions[0]!.definition.statements;
    expect(statements.map((s) => s.id)).toEqual(["e3_polite", "u00004_1_1", "u00004_1_2"]);
    // English is optional: without it, the English widget shows the Vietnamese.
    expect(statements[1]!.text).toEqual({ vi: "Công chức mặc đồng phục, đeo thẻ công chức", en: "Công chức mặc đồng phục, đeo thẻ công chức" });
    const record = await catalog().prepare(`SELECT actor, action, unit, target, before, after FROM audit_log WHERE action = 'survey.publish' AND target = ?1`).bind(survey.id).first();
    expect(record).toMatchObject({ action: "survey.publish", unit: OWN, target: "u00004_1", before: null, after: JSON.stringify({ version: 1 }) });
    // The unit's next survey gets the next number.
    const seating = { ...draft([{ id: "e1_seating", element: 1 }]), elements: [{ id: 1, name: { vi: "Tiếp cận dịch vụ" } }] };
    const second = await body<{ survey: Survey }>(await admin.send("POST", `/units/${OWN}/surveys`, seating), 201);
    expect(second.survey.id).toBe("u00004_2");
  });

  it.each([
    ["an own statement without Vietnamese", [{ element: 3, text: { vi: " " } }], "statements.0.text.vi"],
    ["an own statement without text", [{ element: 3 }], "statements.0.text"],
    ["a SIPAS statement moved to another element", [{ id: "e3_polite", element: 6 }], "statements.0.element"],
    ["a SIPAS statement reworded", [{ id: "e3_polite", element: 3, text: { vi: "Công chức vui vẻ" } }], "statements.0.text"],
    ["an id this survey never had", [{ id: "u00008_1_1", element: 3, text: { vi: "Của phường khác" } }], "statements.0.id"],
    ["a step that does not exist", [{ element: 9, text: { vi: "Không có bước này" } }], "statements.0.element"],
  ])("refuses %s (400 naming the field), changing nothing", async (_what, statements, field) => {
    const before = await catalogState();
    const res = await manager.send("POST", `/units/${OWN}/surveys/${created.id}/versions`, draft(statements as SurveyDraft["statements"]));
    const { error } = await body<{ error: { code: string; fields: Record<string, string>; messageVi: string } }>(res, 400);
    expect(error.code).toBe("invalid");
    expect(Object.keys(error.fields)).toContain(field);
    expect(error.messageVi).toMatch(/^Vui lòng kiểm tra lại: /);
    expect(await catalogState()).toBe(before);
  });

  it("a new version keeps the ids of the statements it keeps and never reuses a dropped one's", async () => {
    const kept = draft([
      { id: "u00004_1_2", element: 6, text: { vi: "Nơi làm thủ tục sạch sẽ, thoáng mát", en: "The office is clean and airy" } },
      { element: 6, text: { vi: "Có nước uống cho người dân" } },
      { id: "e3_polite", element: 3 },
    ]);
    const { survey, version } = await body<{ survey: Survey; version: number }>(await manager.send("POST", `/units/${OWN}/surveys/${created.id}/versions`, kept), 201);
    expect(version).toBe(2);
    expect(survey.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(survey.versions[0]!.definition.statements.map((s) => s.id)).toEqual(["u00004_1_2", "u00004_1_3", "e3_polite"]);
    // Version 1 is as it was.
    expect(survey.versions[1]!.definition.statements.map((s) => s.id)).toEqual(["e3_polite", "u00004_1_1", "u00004_1_2"]);
    // A dropped statement may come back with its id.
    const back = await body<{ survey: Survey }>(
      await manager.send("POST", `/units/${OWN}/surveys/${created.id}/versions`, draft([{ id: "u00004_1_1", element: 3, text: { vi: "Công chức mặc đồng phục, đeo thẻ công chức" } }, { element: 3, text: { vi: "Mới" } }])),
      201,
    );
    expect(back.survey.versions[0]!.definition.statements.map((s) => s.id)).toEqual(["u00004_1_1", "u00004_1_4"]);
  });

  it("refuses to change a published version in the database", async () => {
    await expect(catalog().prepare(`UPDATE surveys SET definition = '{}' WHERE id = ?1 AND version = 1`).bind(created.id).run()).rejects.toThrow(/immutable/);
  });
});

describe("the unit's choice, served to the widget", () => {
  it("is refused for a survey the unit may not use (400), changing nothing", async () => {
    const other = await body<{ survey: Survey }>(await otherManager.send("POST", `/units/${OTHER}/surveys`, draft()), 201);
    const before = await catalogState();
    const { error } = await body<{ error: { fields: Record<string, string> } }>(await manager.send("PUT", `/units/${OWN}/survey-choice`, { survey: other.survey.id }), 400);
    expect(Object.keys(error.fields)).toEqual(["survey"]);
    expect(await catalogState()).toBe(before);
  });

  it("serves the chosen own survey's newest version, accepts answers to each version by its own statements", async () => {
    const chosen = await body<Surveys>(await manager.send("PUT", `/units/${OWN}/survey-choice`, { survey: created.id }));
    expect(chosen.choice).toEqual({ survey: created.id, from: expect.objectContaining({ code: OWN }) });
    const audit = await catalog().prepare(`SELECT before, after FROM audit_log WHERE action = 'survey.choose' AND unit = ?1 ORDER BY id DESC`).bind(OWN).first();
    expect(audit).toEqual({ before: JSON.stringify({ survey: null }), after: JSON.stringify({ survey: created.id }) });

    const served = await body<PublicSurvey>(await api(`/units/${OWN}/survey`));
    expect(served).toMatchObject({ survey: created.id, version: 3, ask: { caseCode: true, official: false, comment: true } });
    expect(served.steps.flatMap((s) => s.statements.map((x) => x.id))).toEqual(["u00004_1_1", "u00004_1_4"]);

    // Version 1's answers still go by version 1's definition.
    const v1 = answerSet({ survey: created.id, version: 1, answers: { overall: 3, e3_polite: 5, u00004_1_1: 4, u00004_1_2: 5 } });
    expect((await postResponse(v1)).status).toBe(201);
    const wrong = await postResponse(answerSet({ survey: created.id, version: 2, answers: { overall: 3, u00004_1_1: 4 } }));
    expect(wrong.status).toBe(400);
    expect((await postResponse(answerSet({ survey: created.id, version: 2, answers: { overall: 2, u00004_1_2: 4, u00004_1_3: 3 } }))).status).toBe(201);
    expect((await postResponse(answerSet({ survey: created.id, version: 3, answers: { overall: 3, u00004_1_1: 5, u00004_1_4: 5 } }))).status).toBe(201);

    // A statement kept across versions continues its figures: one row per id, whatever the version.
    const today = vnDay(new Date());
    const { statements } = await statementCounts(store(), OWN, { from: today, to: today });
    const n = Object.fromEntries(statements.map((s) => [s.item, s.n]));
    expect(n).toMatchObject({ u00004_1_1: 2, u00004_1_2: 2, u00004_1_3: 1, u00004_1_4: 1, e3_polite: 1 });
  });

  it("keeps the country's choice: it has nothing to inherit (400)", async () => {
    const before = await catalogState();
    const { error } = await body<{ error: { fields: Record<string, string> } }>(await admin.send("PUT", "/units/VN/survey-choice", { survey: "inherit" }), 400);
    expect(Object.keys(error.fields)).toEqual(["survey"]);
    expect(await catalogState()).toBe(before);
  });

  it("goes back to the inherited survey on \"inherit\"", async () => {
    const { choice } = await body<Surveys>(await manager.send("PUT", `/units/${OWN}/survey-choice`, { survey: "inherit" }));
    expect(choice).toEqual({ survey: "quick", from: { code: "VN", name: "Việt Nam" } });
    expect((await body<PublicSurvey>(await api(`/units/${OWN}/survey`))).survey).toBe("quick");
    // The own survey stays usable by name, with its versions.
    expect((await body<PublicSurvey>(await api(`/units/${OWN}/survey?survey=${created.id}`))).version).toBe(3);
  });
});

describe("the preview", () => {
  it("shows a draft as the widget would and checks its answers without storing them", async () => {
    const token = await encodeDraft({ survey: created.id, draft: draft([{ id: "u00004_1_1", element: 3, text: { vi: "Công chức mặc đồng phục" } }, { element: 6, text: { vi: "Câu mới" } }]) });
    const preview = await body<PublicSurvey>(await manager.get(`/survey-previews/${token}/api/v1/units/${OWN}/survey`));
    expect(preview).toMatchObject({ survey: created.id, version: 4, unit: { code: OWN }, title: { vi: "Khảo sát văn hóa công sở" } });
    expect(preview.steps.map((s) => s.statements.map((x) => [x.id, x.text.vi]))).toEqual([[["u00004_1_1", "Công chức mặc đồng phục"]], [["u00004_1_5", "Câu mới"]]]);

    const before = await snapshot();
    const answer = answerSet({ survey: created.id, version: 4, answers: { overall: 3, u00004_1_1: 5, u00004_1_5: 4 } });
    const send = (body: unknown) => manager.send("POST", `/survey-previews/${token}/api/v1/responses`, body);
    expect(await body<{ id: string; status: string }>(await send(answer))).toEqual({ id: answer.id, status: "accepted" });
    expect((await send({ ...answer, answers: { overall: 3, e1_seating: 5 } })).status).toBe(400);
    expect(await snapshot()).toBe(before);
    expect(await catalog().prepare(`SELECT count(*) AS n FROM surveys WHERE id = ?1`).bind(created.id).first("n")).toBe(3);
  });

  it("names what is wrong with a draft (400)", async () => {
    const bad = await encodeDraft({ draft: draft([{ element: 3 }]) });
    const { error } = await body<{ error: { fields: Record<string, string> } }>(await manager.get(`/survey-previews/${bad}/api/v1/units/${OWN}/survey`), 400);
    expect(Object.keys(error.fields)).toEqual(["statements.0.text"]);
    expect((await manager.get(`/survey-previews/not-a-draft/api/v1/units/${OWN}/survey`)).status).toBe(400);
  });
});
