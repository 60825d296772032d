import { mayListChild, type Role } from "./access.ts";
import type { UnitKind } from "./units.ts";

/*
 * Disclosure control for figures shown side by side. A figure below the minimum sample is
 * shown as n only ("chưa đủ mẫu"), but next to its parent and its siblings it could still be
 * read by subtraction: the province's satisfied answers minus those of the communes shown
 * leave exactly the one commune marked "chưa đủ mẫu". Statistical offices' answer is
 * complementary suppression: hide enough other figures that what is left over is itself at
 * least the minimum sample.
 */

/** A child of the figure shown above it, as a comparison would list it. */
export interface ChildSample {
  code: string;
  n: number;
  /** Whether its figure is shown (it has the minimum sample and the account may see it). */
  shown: boolean;
}

/**
 * The children whose figures must be hidden too. When any child has answers but fewer than
 * the minimum, the parent's answers not covered by the children shown must number at least
 * the minimum; until they do, the shown child with the fewest answers is hidden as well.
 * (A child hidden for other reasons, such as an official a viewer may not see, counts as not
 * shown.) Empty when nothing can be derived.
 */
export function complementarySuppression(parentN: number, children: ChildSample[], minSample: number): Set<string> {
  const hidden = new Set<string>();
  if (!children.some((c) => c.n > 0 && c.n < minSample)) return hidden;
  const shown = children.filter((c) => c.shown).sort((a, b) => a.n - b.n || (a.code < b.code ? -1 : 1));
  let uncovered = parentN - shown.reduce((sum, c) => sum + c.n, 0);
  for (const child of shown) {
    if (uncovered <= 0 || uncovered >= minSample) break;
    hidden.add(child.code);
    uncovered += child.n;
  }
  return hidden;
}

/**
 * The children listed beside their parent for a role (an official only for accounts that may
 * see officials, from the minimum sample up), and those of them whose figures are hidden to
 * protect another's (complementarySuppression): one rule for every comparison, on the
 * dashboard, in the reports and on the published page.
 */
export function listedChildren<C extends { code: string; kind: UnitKind; n: number }>(
  parentN: number,
  children: C[],
  role: Role,
  minSample: number,
): { listed: C[]; hidden: Set<string> } {
  const listed = children.filter((child) => mayListChild(child, role, minSample));
  const samples = children.map((child) => ({ code: child.code, n: child.n, shown: listed.includes(child) && child.n >= minSample }));
  return { listed, hidden: complementarySuppression(parentN, samples, minSample) };
}
