/**
 * From the builder's steps to a published definition and back: statements keep their ids
 * across versions, new ones get ids their survey never used, and the draft token carries a
 * draft intact.
 */
import { describe, expect, it } from "vitest";
import { builtFrom, draftOf, moved, newBuilt, nextElement } from "../../dashboard/state/survey-steps.ts";
import { decodeDraft, encodeDraft } from "../../worker/domain/draft-token.ts";
import { definitionFromDraft, newSurveyId, STATEMENT_BANK } from "../../worker/domain/survey-draft.ts";
import { surveyDefinitionSchema, type SurveyDefinition } from "../../worker/domain/survey.ts";
import { SIPAS } from "../../worker/domain/templates.ts";

const bankIds = new Set(STATEMENT_BANK.map((s) => s.id));

function published(draft: ReturnType<typeof draftOf>, id: string, earlier: SurveyDefinition[] = []): SurveyDefinition {
  const made = definitionFromDraft(draft, id, earlier);
  if ("fields" in made) throw new Error(JSON.stringify(made.fields));
  return surveyDefinitionSchema.parse(made.definition);
}

describe("the survey builder's draft", () => {
  it("publishes, is built on again, and keeps every id; a new statement gets the next one", () => {
    const built = newBuilt(SIPAS);
    built.title = { vi: "Khảo sát riêng", en: "" };
    built.steps[2]!.statements = [
      { id: "e3_polite", bank: true, text: { vi: "", en: "" } },
      { bank: false, text: { vi: "Công chức đeo thẻ", en: "" } },
    ];
    built.steps.push({ element: nextElement(built.steps), name: { vi: "Văn hóa công sở", en: "Office culture" }, statements: [{ bank: false, text: { vi: "Sạch sẽ", en: "Clean" } }] });
    const v1 = published(draftOf(built), "u00004_1");
    expect(v1.statements.map((s) => [s.id, s.element])).toEqual([["e3_polite", 3], ["u00004_1_1", 3], ["u00004_1_2", 6]]);
    expect(v1.statements[0]!.text).toEqual(SIPAS.statements.find((s) => s.id === "e3_polite")!.text);
    expect(v1.elements.at(-1)).toEqual({ id: 6, name: { vi: "Văn hóa công sở", en: "Office culture" } });

    const again = builtFrom(v1, bankIds);
    // English that only repeats the Vietnamese goes back as none.
    expect(draftOf(again).statements[1]).toEqual({ id: "u00004_1_1", element: 3, text: { vi: "Công chức đeo thẻ" } });
    again.steps[2]!.statements = moved(again.steps[2]!.statements, 1, -1).slice(0, 1);
    again.steps[2]!.statements.push({ bank: false, text: { vi: "Mới", en: "" } });
    const v2 = published(draftOf(again), "u00004_1", [v1]);
    expect(v2.statements.map((s) => s.id)).toEqual(["u00004_1_1", "u00004_1_3", "u00004_1_2"]);
  });

  it("makes readable survey ids that follow the unit's own", () => {
    expect(newSurveyId("00004", [])).toBe("u00004_1");
    expect(newSurveyId("14329-tn", ["u14329_tn_1", "u14329_tn_4", "quick"])).toBe("u14329_tn_5");
  });

  it("travels in a URL path and comes back as it was", async () => {
    const preview = { survey: "u00004_1", draft: draftOf(newBuilt(SIPAS)) };
    const token = await encodeDraft(preview);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeDraft(token)).toEqual(preview);
    expect(await decodeDraft("not+a/token")).toBeNull();
    expect(await decodeDraft("bm90IGRlZmxhdGVk")).toBeNull();
  });
});
