/**
 * A survey being built, as the builder edits it: steps in the order asked, each with its
 * statements in order. It becomes the draft the API publishes (worker/domain/survey-draft.ts).
 */
import type { SurveyDraft } from "../../worker/domain/survey-draft.ts";
import type { SurveyDefinition } from "../../worker/domain/survey.ts";

export interface Text {
  vi: string;
  en: string;
}

/** A statement of a step: from the SIPAS bank (its wording is the bank's), or the unit's own. */
export interface StepStatement {
  /** The bank's id, or an own statement's id from an earlier version; none for a new one. */
  id?: string;
  bank: boolean;
  text: Text;
}

export interface Step {
  /** The element: 1–5 are SIPAS's, higher ones the unit's own. */
  element: number;
  name: Text;
  statements: StepStatement[];
}

export interface Built {
  title: Text;
  steps: Step[];
  askCaseCode: boolean;
  askOfficial: boolean;
  askComment: boolean;
}

/** Where to start a new survey: the steps of a template (its elements), none of its statements. */
export function newBuilt(template: SurveyDefinition): Built {
  return {
    title: { vi: "", en: "" },
    steps: template.elements.map((e) => ({ element: e.id, name: { ...e.name }, statements: [] })),
    askCaseCode: template.askCaseCode,
    askOfficial: template.askOfficial,
    askComment: template.askComment,
  };
}

/** A published version to build the next on, every statement keeping its id. */
export function builtFrom(def: SurveyDefinition, bankIds: ReadonlySet<string>): Built {
  return {
    title: { ...def.title },
    steps: def.elements.map((e) => ({
      element: e.id,
      name: { ...e.name },
      statements: def.statements.filter((s) => s.element === e.id).map((s) => ({ id: s.id, bank: bankIds.has(s.id), text: { ...s.text } })),
    })),
    askCaseCode: def.askCaseCode,
    askOfficial: def.askOfficial,
    askComment: def.askComment,
  };
}

/** The draft the API takes: English left out where it is empty or only repeats the Vietnamese. */
export function draftOf(built: Built): SurveyDraft {
  const text = (t: Text) => ({ vi: t.vi.trim(), ...(t.en.trim() && t.en.trim() !== t.vi.trim() && { en: t.en.trim() }) });
  return {
    title: text(built.title),
    elements: built.steps.map((s) => ({ id: s.element, name: text(s.name) })),
    statements: built.steps.flatMap((step) =>
      step.statements.map((s) => ({ ...(s.id && { id: s.id }), element: step.element, ...(!s.bank && { text: text(s.text) }) })),
    ),
    askCaseCode: built.askCaseCode,
    askOfficial: built.askOfficial,
    askComment: built.askComment,
  };
}

/** A copy of a list with the item at `i` moved by `by` places (kept within the list). */
export function moved<T>(list: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** The element of a new own step: after every element in use, and after SIPAS's five. */
export function nextElement(steps: readonly Step[]): number {
  return Math.max(5, ...steps.map((s) => s.element)) + 1;
}
