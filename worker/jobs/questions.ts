import { OVERALL, SCALES, scaleOf } from "../domain/scales.ts";
import type { SurveyDefinition } from "../domain/survey.ts";

/*
 * What an item code means to a reader of an export: the question's Vietnamese text, and
 * each level's label.
 */

/** The Vietnamese label of an item's level ("Hài lòng"), or null for a level its scale lacks. */
export function levelLabel(item: string, level: number | null | undefined): string | null {
  return SCALES[scaleOf(item)].find((l) => l.level === level)?.label.vi ?? null;
}

/** Each item's Vietnamese text, as the newest of the definitions (newest first) that asks it words it. */
export function questionTexts(definitions: SurveyDefinition[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const def of definitions) {
    if (!texts.has(OVERALL)) texts.set(OVERALL, def.overall.vi);
    for (const statement of def.statements) if (!texts.has(statement.id)) texts.set(statement.id, statement.text.vi);
  }
  return texts;
}

/** A column header naming an item by its code and text: "overall — Ông/Bà có hài lòng …". */
export const questionHeader = (item: string, text: string | null | undefined) => (text ? `${item} — ${text}` : item);
