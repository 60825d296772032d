import { describe, expect, it } from "vitest";
import { complementarySuppression, type ChildSample } from "../../worker/domain/suppression.ts";

const MIN = 30;
const child = (code: string, n: number, shown = n >= MIN): ChildSample => ({ code, n, shown });

describe("complementary suppression", () => {
  it("hides the smallest shown child when subtraction would reveal one below the minimum", () => {
    // A province of 90 answers: 48 + 36 shown leave the 6 of the third commune exactly.
    expect(complementarySuppression(90, [child("a", 48), child("b", 36), child("c", 6)], MIN)).toEqual(new Set(["b"]));
  });

  it("hides as many as it takes, the smallest first", () => {
    expect(complementarySuppression(130, [child("a", 50), child("b", 40), child("c", 35), child("d", 5)], MIN)).toEqual(new Set(["c"]));
    // Two hidden children of 31 and 32 answers together cover the 1 below the minimum.
    expect(complementarySuppression(164, [child("a", 100), child("b", 31), child("c", 32), child("d", 1)], MIN)).toEqual(new Set(["b"]));
  });

  it("hides nothing more when the rest already holds the minimum", () => {
    // 40 answers at the province's own desk, plus the 6: 46 unaccounted for.
    expect(complementarySuppression(130, [child("a", 48), child("b", 36), child("c", 6)], MIN)).toEqual(new Set());
  });

  it("hides nothing when no child is below the minimum, or none has answers", () => {
    expect(complementarySuppression(84, [child("a", 48), child("b", 36)], MIN)).toEqual(new Set());
    expect(complementarySuppression(84, [child("a", 48), child("b", 36), child("c", 0)], MIN)).toEqual(new Set());
  });

  it("counts a child the account may not see as not shown", () => {
    // An official with 40 answers unseen by a viewer already covers the one with 3.
    expect(complementarySuppression(100, [child("a", 57), child("b", 40, false), child("c", 3)], MIN)).toEqual(new Set());
  });

  it("may have to hide every shown child", () => {
    // A desk of 40 answers: one official with 31 and one with 9.
    expect(complementarySuppression(40, [child("a", 31), child("c", 9)], MIN)).toEqual(new Set(["a"]));
  });
});
