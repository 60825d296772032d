import { z } from "zod";
import type { FieldErrors } from "./submission.ts";
import { slug, type SurveyDefinition } from "./survey.ts";
import { QUICK, SIPAS } from "./templates.ts";

/*
 * What a manager's survey builder sends to publish a version: a definition in which English
 * is optional and statements may come without an id. A statement of the SIPAS bank keeps
 * the bank's id, element and wording; an own statement kept from an earlier version keeps
 * its id (the client sends it); a new one gets an id this survey never used. So rollups,
 * keyed by statement id, continue a statement's trend across versions.
 */

const draftText = z.strictObject({
  vi: z.string().trim().min(1, "Vietnamese text is required").max(300),
  en: z.string().trim().max(300).optional().describe("Optional: without it the English widget shows the Vietnamese"),
});

/** A statement as the builder sends it: a bank or kept id, or new text. */
export const draftStatementSchema = z.strictObject({
  id: slug.optional().describe("A SIPAS bank id, or the id of this survey's statement kept from an earlier version; none for a new one"),
  element: z.int().min(1).describe("The step (element) it is asked in"),
  text: draftText.optional().describe("Required for own statements; a bank statement keeps the bank's wording"),
});

/** A survey version as the builder sends it. */
export const surveyDraftSchema = z.strictObject({
  title: draftText,
  overall: draftText.optional().describe("The 3-level question; the national wording without it"),
  reasonPrompt: draftText.optional().describe("Asked on “Không hài lòng”; the national wording without it"),
  elements: z.array(z.strictObject({ id: z.int().min(1), name: draftText })).max(10).describe("The steps, in the order asked"),
  statements: z.array(draftStatementSchema).max(40).describe("In the order asked within each step"),
  askCaseCode: z.boolean(),
  askOfficial: z.boolean(),
  askComment: z.boolean(),
});
export type SurveyDraft = z.infer<typeof surveyDraftSchema>;
export type DraftStatement = z.infer<typeof draftStatementSchema>;

/** The SIPAS statement bank, with each statement's element, for builders to pick from. */
export const STATEMENT_BANK = SIPAS.statements.map((s) => ({ ...s, elementName: SIPAS.elements.find((e) => e.id === s.element)!.name }));
export const bankStatementSchema = z.object({
  id: z.string(),
  element: z.int(),
  elementName: z.object({ vi: z.string(), en: z.string() }),
  text: z.object({ vi: z.string(), en: z.string() }),
});

const bank = new Map(SIPAS.statements.map((s) => [s.id, s]));

const localized = (t: { vi: string; en?: string | undefined }) => ({ vi: t.vi, en: t.en || t.vi });

/** The number of an own statement id of a survey ("u00004_1_3" → 3), or null for another id. */
function ownNumber(surveyId: string, id: string): number | null {
  const match = id.startsWith(`${surveyId}_`) ? /^(\d+)$/.exec(id.slice(surveyId.length + 1)) : null;
  return match ? Number(match[1]) : null;
}

/**
 * The definition a draft publishes as the next version of survey `surveyId`, whose earlier
 * versions are `earlier` (none for a new survey), or the statements' fields that stop it. The
 * definition is still to be checked whole by surveyDefinitionSchema (steps, duplicates).
 */
export function definitionFromDraft(draft: SurveyDraft, surveyId: string, earlier: SurveyDefinition[]): { definition: SurveyDefinition } | { fields: FieldErrors } {
  const fields: FieldErrors = {};
  const kept = new Set(earlier.flatMap((d) => d.statements.map((s) => s.id)).filter((id) => !bank.has(id)));
  let next = Math.max(0, ...[...kept].map((id) => ownNumber(surveyId, id) ?? 0));
  const statements = draft.statements.map((s, i) => {
    const at = `statements.${i}`;
    const banked = s.id ? bank.get(s.id) : undefined;
    if (banked) {
      if (s.element !== banked.element) fields[`${at}.element`] = `a SIPAS statement stays in its element (${banked.element})`;
      if (s.text && (s.text.vi !== banked.text.vi || (s.text.en && s.text.en !== banked.text.en))) {
        fields[`${at}.text`] = "a SIPAS statement keeps the bank's wording; add your own statement instead";
      }
      return banked;
    }
    if (s.id && !kept.has(s.id)) fields[`${at}.id`] = "not a statement of the SIPAS bank or of an earlier version of this survey";
    if (!s.text) fields[`${at}.text`] = "required";
    return { id: s.id ?? `${surveyId}_${++next}`, element: s.element, text: localized(s.text ?? { vi: "" }) };
  });
  if (Object.keys(fields).length > 0) return { fields };
  const definition: SurveyDefinition = {
    title: localized(draft.title),
    overall: draft.overall ? localized(draft.overall) : QUICK.overall,
    reasonPrompt: draft.reasonPrompt ? localized(draft.reasonPrompt) : QUICK.reasonPrompt,
    elements: draft.elements.map((e) => ({ id: e.id, name: localized(e.name) })),
    statements,
    askCaseCode: draft.askCaseCode,
    askOfficial: draft.askOfficial,
    askComment: draft.askComment,
  };
  return { definition };
}

/** An own survey's id, readable and new: "u", the unit's code, and the next number among the unit's surveys (`u00004_2`). */
export function newSurveyId(unit: string, owned: string[]): string {
  const prefix = `u${unit.toLowerCase().replace(/[^a-z0-9]/g, "_")}_`;
  const numbers = owned.flatMap((id) => (id.startsWith(prefix) && /^\d+$/.test(id.slice(prefix.length)) ? [Number(id.slice(prefix.length))] : []));
  return `${prefix}${Math.max(0, ...numbers) + 1}`;
}
