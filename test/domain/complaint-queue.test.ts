import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FEEDBACK_STATUSES, isOverdue, lowerMedian, needsNote } from "../../worker/domain/feedback.ts";
import { foldVietnamese, searchQuery } from "../../worker/domain/search.ts";
import { vnDay } from "../../worker/domain/vn-time.ts";

describe("folding Vietnamese text for search", () => {
  it("drops diacritics and case, and reads đ as d", () => {
    expect(foldVietnamese("Phủ Lý")).toBe("phu ly");
    expect(foldVietnamese("đất đai")).toBe("dat dai");
    expect(foldVietnamese("ĐƯỜNG Ứng Hòa")).toBe("duong ung hoa");
    expect(foldVietnamese("Chờ quá lâu")).toBe("cho qua lau");
  });

  it("folds precomposed and decomposed letters alike", () => {
    const composed = "Thủ tục hành chính";
    expect(foldVietnamese(composed.normalize("NFD"))).toBe(foldVietnamese(composed.normalize("NFC")));
  });
});

describe("the search query", () => {
  it("asks for every word as the start of a word, folded", () => {
    expect(searchQuery("Phủ Lý")).toBe('"phu"* "ly"*');
    expect(searchQuery("  dat   DAI ")).toBe('"dat"* "dai"*');
  });

  it("reads nothing the user types as query syntax", () => {
    expect(searchQuery('chờ" OR lâu* NEAR(a b) -x')).toBe('"cho"* "or"* "lau"* "near"* "a"* "b"* "x"*');
    expect(searchQuery("hồ sơ: 12/2026")).toBe('"ho"* "so"* "12"* "2026"*');
  });

  it("is null when the text holds no word", () => {
    expect(searchQuery("")).toBeNull();
    expect(searchQuery(' "*()-: ')).toBeNull();
  });
});

describe("overdue", () => {
  it("starts the Viet Nam day after the due day", () => {
    expect(isOverdue("2026-03-16", "new", "2026-03-16")).toBe(false);
    expect(isOverdue("2026-03-16", "new", "2026-03-17")).toBe(true);
    expect(isOverdue("2026-03-16", "in_progress", "2026-04-01")).toBe(true);
  });

  it("turns at midnight in Ha Noi, 17:00 UTC", () => {
    expect(isOverdue("2026-03-16", "new", vnDay(new Date("2026-03-16T16:59:59.999Z")))).toBe(false);
    expect(isOverdue("2026-03-16", "new", vnDay(new Date("2026-03-16T17:00:00.000Z")))).toBe(true);
  });

  it("never holds for a resolved complaint or for feedback, which has no due day", () => {
    expect(isOverdue("2026-03-16", "resolved", "2026-12-31")).toBe(false);
    expect(isOverdue(null, "new", "2026-12-31")).toBe(false);
  });
});

describe("when a change needs a note", () => {
  it("closing and reopening do, other moves do not", () => {
    const needing = FEEDBACK_STATUSES.flatMap((before) => FEEDBACK_STATUSES.filter((after) => needsNote(before, after)).map((after) => `${before}→${after}`));
    expect(needing.sort()).toEqual(["in_progress→resolved", "new→resolved", "resolved→in_progress", "resolved→new"]);
  });
});

describe("the lower median", () => {
  const counts = (values: number[]) => values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<number, number>());

  it("is null for no values", () => {
    expect(lowerMedian(new Map())).toBeNull();
    expect(lowerMedian(new Map([[4, 0]]))).toBeNull();
  });

  it("takes the lower of the two middle values of an even count", () => {
    expect(lowerMedian(counts([7]))).toBe(7);
    expect(lowerMedian(counts([10, 1]))).toBe(1);
    expect(lowerMedian(counts([3, 10, 1, 3]))).toBe(3);
    expect(lowerMedian(counts([1, 2, 3]))).toBe(2);
    expect(lowerMedian(new Map([[48, 3], [2, 3]]))).toBe(2);
  });

  it("is the value at place ⌈n/2⌉ of the sorted values", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 60 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        expect(lowerMedian(counts(values))).toBe(sorted[Math.ceil(sorted.length / 2) - 1]);
      }),
    );
  });
});
