import { z } from "zod";
import { addCounts, figure, figureSchema, NO_COUNTS, suppressed, type Counts, type Figure } from "./stats.ts";
import { wilson } from "./wilson.ts";
import type { SurveyDefinition } from "./survey.ts";

const localized = z.object({ vi: z.string(), en: z.string() });

/** The SIPAS element scores: each element's figure, with a figure per statement. */
export const elementSchema = figureSchema.extend({
  element: z.int(),
  name: localized,
  statements: z.array(figureSchema.extend({ id: z.string(), text: localized })),
});
export type ElementFigures = z.infer<typeof elementSchema>;

/**
 * Groups per-statement counts under their elements. Each statement's wording and element
 * come from the newest definition that has it (definitions newest first); statements no
 * definition knows are left out. Elements in id order, statements as counted.
 */
export function elementFigures(counts: (Counts & { item: string })[], definitions: SurveyDefinition[], minSample: number): ElementFigures[] {
  const known = new Map<string, { text: { vi: string; en: string }; element: { id: number; name: { vi: string; en: string } } }>();
  for (const def of definitions) {
    for (const s of def.statements) {
      const element = def.elements.find((e) => e.id === s.element);
      if (element && !known.has(s.id)) known.set(s.id, { text: s.text, element });
    }
  }
  const elements = new Map<number, { name: { vi: string; en: string }; total: Counts; respondents: number; statements: ElementFigures["statements"] }>();
  for (const row of counts) {
    const statement = known.get(row.item);
    if (!statement) continue;
    const { id, name } = statement.element;
    const entry = elements.get(id) ?? { name, total: NO_COUNTS, respondents: 0, statements: [] };
    entry.total = addCounts(entry.total, row);
    entry.respondents = Math.max(entry.respondents, row.n);
    entry.statements.push({ id: row.item, text: statement.text, ...figure(row, 5, minSample) });
    elements.set(id, entry);
  }
  return [...elements]
    .sort(([a], [b]) => a - b)
    .map(([element, { name, total, respondents, statements }]) => ({ element, name, ...elementFigure(total, respondents, minSample), statements }));
}

/**
 * An element's figure. Its share and mean pool the answers to its statements, but the same
 * citizen answers all of them: counting those answers as independent would claim a precision
 * the sample does not have. So n, the interval and the minimum sample count respondents (at
 * least as many as the statement answered most), and `satisfied` is the pooled share of them.
 */
export function elementFigure(pooled: Counts, respondents: number, minSample: number): Figure {
  const answers = figure(pooled, 5, 1);
  if (answers.share === null || respondents === 0 || respondents < minSample) return suppressed(respondents);
  const k = answers.share * respondents;
  return { n: respondents, satisfied: Math.round(k), ...wilson(k, respondents), mean: answers.mean };
}
