import { z } from "zod";
import { OVERALL, SCALES } from "./scales.ts";

const localized = z.strictObject({ vi: z.string().min(1).max(300), en: z.string().min(1).max(300) });

/** A survey, statement or item id: lower-case letters, digits and underscores. */
export const slug = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "lower-case letters, digits and _, at most 40");

/** A 5-level statement, grouped under one of the survey's elements. */
export const statementSchema = z.strictObject({
  id: slug.refine((id) => id !== OVERALL, `"${OVERALL}" is the overall question`),
  element: z.int().min(1),
  text: localized,
});

/**
 * A survey definition: what one published version asks. The overall question (3 levels,
 * reason on "Không hài lòng") is always first; statements are optional and come in steps,
 * one element per step.
 */
export const surveyDefinitionSchema = z
  .strictObject({
    title: localized,
    overall: localized,
    reasonPrompt: localized,
    elements: z.array(z.strictObject({ id: z.int().min(1), name: localized })).max(10),
    statements: z.array(statementSchema).max(40),
    askCaseCode: z.boolean(),
    askOfficial: z.boolean(),
    askComment: z.boolean(),
  })
  .superRefine((def, ctx) => {
    const elements = new Set(def.elements.map((e) => e.id));
    const seen = new Set<string>();
    def.statements.forEach((s, i) => {
      if (!elements.has(s.element)) ctx.addIssue({ code: "custom", path: ["statements", i, "element"], message: "no such element" });
      if (seen.has(s.id)) ctx.addIssue({ code: "custom", path: ["statements", i, "id"], message: "duplicate statement id" });
      seen.add(s.id);
    });
  });

export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;

/** A stored, published version of a survey. */
export interface SurveyVersion {
  id: string;
  version: number;
  definition: SurveyDefinition;
}

/** An official a citizen may name, as the widget lists them. */
export const officialChoiceSchema = z.object({ code: z.string(), name: z.string() });
export type OfficialChoice = z.infer<typeof officialChoiceSchema>;

/**
 * What the widget needs to show a unit's survey: one version's wording, its statements
 * already grouped in steps (one SIPAS element a step), and what else it may ask.
 */
export const publicSurveySchema = z.object({
  survey: z.string(),
  version: z.int(),
  unit: officialChoiceSchema,
  title: localized,
  overall: localized,
  reasonPrompt: localized,
  steps: z.array(
    z.object({
      element: z.int(),
      name: localized,
      statements: z.array(z.object({ id: z.string(), text: localized })),
    }),
  ),
  ask: z.object({ caseCode: z.boolean(), official: z.boolean(), comment: z.boolean() }),
  /** The two scales' levels and labels, highest first: the widget shows these, not its own copy. */
  scales: z.object({
    3: z.array(z.object({ level: z.int(), label: localized })).readonly(),
    5: z.array(z.object({ level: z.int(), label: localized })).readonly(),
  }),
  officials: z.array(officialChoiceSchema),
  /**
   * Set when the unit requires a Cloudflare Turnstile token with each answer: the site key,
   * and the script that renders the check (Cloudflare's, unless the deployment says otherwise).
   */
  turnstile: z.object({ siteKey: z.string(), script: z.url() }).nullable(),
});
export type PublicSurvey = z.infer<typeof publicSurveySchema>;

/** The public view of a survey version for one unit. */
export function publicSurvey(
  survey: SurveyVersion,
  unit: { code: string; name: string },
  officials: OfficialChoice[],
  turnstile: PublicSurvey["turnstile"],
): PublicSurvey {
  const def = survey.definition;
  return {
    survey: survey.id,
    version: survey.version,
    unit,
    title: def.title,
    overall: def.overall,
    reasonPrompt: def.reasonPrompt,
    steps: def.elements
      .map((e) => ({
        element: e.id,
        name: e.name,
        statements: def.statements.filter((s) => s.element === e.id).map(({ id, text }) => ({ id, text })),
      }))
      .filter((step) => step.statements.length > 0),
    ask: { caseCode: def.askCaseCode, official: def.askOfficial, comment: def.askComment },
    scales: SCALES,
    officials: def.askOfficial ? officials : [],
    turnstile,
  };
}
