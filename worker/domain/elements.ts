import { z } from "zod";
import { addCounts, figure, figureSchema, NO_COUNTS, type Counts } from "./stats.ts";
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
  const elements = new Map<number, { name: { vi: string; en: string }; total: Counts; statements: ElementFigures["statements"] }>();
  for (const row of counts) {
    const statement = known.get(row.item);
    if (!statement) continue;
    const { id, name } = statement.element;
    const entry = elements.get(id) ?? { name, total: NO_COUNTS, statements: [] };
    entry.total = addCounts(entry.total, row);
    entry.statements.push({ id: row.item, text: statement.text, ...figure(row, 5, minSample) });
    elements.set(id, entry);
  }
  return [...elements]
    .sort(([a], [b]) => a - b)
    .map(([element, { name, total, statements }]) => ({ element, name, ...figure(total, 5, minSample), statements }));
}
