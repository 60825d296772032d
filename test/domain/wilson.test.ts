import { describe, expect, it } from "vitest";
import { wilson } from "../../worker/domain/wilson.ts";

describe("wilson", () => {
  it("gives [0.490, 0.943] for 8 of 10", () => {
    const { share, lower, upper } = wilson(8, 10);
    expect(share).toBe(0.8);
    expect(lower).toBeCloseTo(0.4902, 4);
    expect(upper).toBeCloseTo(0.9433, 4);
  });

  it("stays inside [0, 1] at the extremes and narrows as n grows", () => {
    expect(wilson(0, 5).lower).toBe(0);
    expect(wilson(5, 5).upper).toBe(1);
    const small = wilson(30, 40);
    const large = wilson(3000, 4000);
    expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
  });

  it("refuses n = 0 rather than inventing a share", () => {
    expect(() => wilson(0, 0)).toThrow(RangeError);
  });
});
