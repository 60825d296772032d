import { describe, expect, it } from "vitest";
import { elementFigure, elementFigures } from "../../worker/domain/elements.ts";
import { figure, NO_COUNTS } from "../../worker/domain/stats.ts";
import { SIPAS } from "../../worker/domain/templates.ts";

/** Counts of n answers, `happy` of them at level 5 and the rest at level 2. */
const counts = (n: number, happy: number) => ({ ...NO_COUNTS, n, c5: happy, c2: n - happy, sum: 5 * happy + 2 * (n - happy) });

describe("SIPAS element figures", () => {
  it("pool the statements' answers for the share, but count respondents for n and the interval", () => {
    // 40 citizens each answered the three statements of element 3.
    const rows = [
      { item: "e3_polite", ...counts(40, 36) },
      { item: "e3_guidance", ...counts(40, 30) },
      { item: "e3_compliance", ...counts(40, 24) },
    ];
    const [element] = elementFigures(rows, [SIPAS], 30);
    expect(element?.element).toBe(3);
    expect(element?.n).toBe(40);
    expect(element?.share).toBeCloseTo(90 / 120, 10);
    // As wide as one statement with the same share from 40 answers, not from 120.
    const asOneStatement = figure(counts(40, 30), 5, 30);
    expect(element?.lower).toBeCloseTo(asOneStatement.lower!, 10);
    expect(element?.upper).toBeCloseTo(asOneStatement.upper!, 10);
    expect(element?.statements.map((s) => s.n)).toEqual([40, 40, 40]);
  });

  it("suppress an element whose respondents are below the minimum, however many answers", () => {
    expect(elementFigure(counts(75, 60), 25, 30)).toEqual({ n: 25, satisfied: null, share: null, lower: null, upper: null, mean: null });
  });
});
