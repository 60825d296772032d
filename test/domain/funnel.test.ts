import { describe, expect, it } from "vitest";
import { funnelLimits } from "../../worker/domain/funnel-limits.ts";
import { funnel, overdispersion, shrinkage, winsorise } from "../../worker/domain/funnel.ts";

/*
 * A worked example, computed by hand from the formulas of Spiegelhalter, "Funnel plots for
 * comparing institutional performance" (Statistics in Medicine 24, 2005: limits
 * p0 ± z·√(p0(1−p0)/n)) and "Handling over-dispersion of performance indicators" (Quality and
 * Safety in Health Care 14, 2005), with the steps of NHS England's SHMI specification:
 * z-scores winsorised at 10 % each tail, φ̂ = mean z², τ̂² = (k·φ̂ − (k−1)) / (Σw − Σw²/Σw).
 *
 * p0 = 0.8, so s² = p0(1−p0)/n = 0.16/n and w = 1/s² = 6.25·n. The n are chosen so that s is
 * round: n = 64 → s = 0.05, 100 → 0.04, 256 → 0.025, 400 → 0.02, 1600 → 0.01.
 *
 *   unit    n     y   share      z = (share − 0.8)/s
 *   a      64    48   0.75       −0.05/0.05  = −1
 *   b      64    56   0.875      0.075/0.05  =  1.5
 *   c      64    52   0.8125     0.0125/0.05 =  0.25
 *   d     100    72   0.72       −0.08/0.04  = −2
 *   e     100    86   0.86       0.06/0.04   =  1.5
 *   f     100    80   0.8        0           =  0
 *   g     256   192   0.75       −0.05/0.025 = −2
 *   h     256   212   0.828125   0.028125/0.025 = 1.125
 *   i     400   300   0.75       −0.05/0.02  = −2.5
 *   j     400   344   0.86       0.06/0.02   =  3
 *   k    1600  1120   0.7        −0.1/0.01   = −10
 *   l    1600  1440   0.9        0.1/0.01    =  10
 *
 * Winsorising: k = 12 units, q = ⌊0.1 · 12⌋ = 1 at each tail. Sorted, the z are −10, −2.5,
 * −2, −2, −1, 0, 0.25, 1.125, 1.5, 1.5, 3, 10: the lowest (−10, unit k) becomes the second
 * lowest, −2.5; the highest (10, unit l) the second highest, 3.
 *
 * Σ z² (winsorised) = 1 + 2.25 + 0.0625 + 4 + 2.25 + 0 + 4 + 1.265625 + 6.25 + 9 + 6.25 + 9
 *                   = 45.328125, so k·φ̂ = 45.328125 and φ̂ = 3.77734375.
 * k·φ̂ = 45.33 > k − 1 = 11: more spread than chance allows.
 *
 * Σn = 3·64 + 3·100 + 2·256 + 2·400 + 2·1600 = 5004, so Σw = 6.25 · 5004 = 31275.
 * Σn² = 3·4096 + 3·10000 + 2·65536 + 2·160000 + 2·2560000 = 5613360, so
 * Σw² = 6.25² · 5613360 = 219271875 and Σw²/Σw = 219271875/31275 = 7011.091127...
 * τ̂² = (45.328125 − 11) / (31275 − 7011.091127) = 34.328125 / 24263.908873 = 0.00141478...
 *
 * Limits at n = 1600: √(0.16/1600 + τ̂²) = √0.00151478 = 0.0389202; 95 %: 0.8 ± 1.959964 ·
 * 0.0389202 = [0.723718, 0.876282]; 99.8 %: 0.8 ± 3.090232 · 0.0389202 = [0.679728, 0.920272].
 * So k (0.7) is below and l (0.9) above at 95 %, both within the 99.8 % limits.
 * At n = 100: √(0.0016 + τ̂²) = 0.0549070; 95 %: [0.692384, 0.907616]: d (0.72, z = −2) is
 * within once overdispersion is allowed for, though outside the plain binomial 95 % limits
 * (0.8 − 1.959964 · 0.04 = 0.721601).
 */
const P0 = 0.8;
const UNITS = [
  ["a", 64, 48],
  ["b", 64, 56],
  ["c", 64, 52],
  ["d", 100, 72],
  ["e", 100, 86],
  ["f", 100, 80],
  ["g", 256, 192],
  ["h", 256, 212],
  ["i", 400, 300],
  ["j", 400, 344],
  ["k", 1600, 1120],
  ["l", 1600, 1440],
] as const;
const samples = UNITS.map(([, n, satisfied]) => ({ n, satisfied }));

describe("funnel limits and overdispersion, against the worked example", () => {
  it("winsorises the lowest and highest 10 % of z-scores to the next ones in", () => {
    expect(winsorise([-1, 1.5, 0.25, -2, 1.5, 0, -2, 1.125, -2.5, 3, -10, 10])).toEqual([-1, 1.5, 0.25, -2, 1.5, 0, -2, 1.125, -2.5, 3, -2.5, 3]);
    // Fewer than ten scores: 10 % of them is no score at all.
    expect(winsorise([-9, 0, 9])).toEqual([-9, 0, 9]);
  });

  it("estimates τ̂² = 34.328125 / 24263.908873", () => {
    expect(overdispersion(P0, samples)).toBeCloseTo(34.328125 / 24263.908873, 9);
  });

  it("widens the limits by τ̂², labels by the 95 % limits, and keeps the outliers from widening them", () => {
    const { p0, tau2, units } = funnel(P0, UNITS.map(([code, n, satisfied]) => ({ code, n, satisfied })));
    expect(p0).toBe(P0);
    expect(tau2).toBeCloseTo(0.00141478, 8);
    const byCode = Object.fromEntries(units.map((u) => [u.code, u]));
    expect(byCode.k).toMatchObject({ n: 1600, share: 0.7, label: "below" });
    expect(byCode.k!.lower95).toBeCloseTo(0.723718, 6);
    expect(byCode.k!.upper95).toBeCloseTo(0.876282, 6);
    expect(byCode.k!.lower998).toBeCloseTo(0.679728, 6);
    expect(byCode.k!.upper998).toBeCloseTo(0.920272, 6);
    expect(byCode.l).toMatchObject({ share: 0.9, label: "above" });
    expect(byCode.d!.lower95).toBeCloseTo(0.692384, 6);
    expect(byCode.d!.upper95).toBeCloseTo(0.907616, 6);
    expect(byCode.d!.label).toBe("within");
    expect(units.filter((u) => u.label !== "within").map((u) => u.code)).toEqual(["k", "l"]);
  });

  it("adds nothing when the units vary no more than chance allows", () => {
    // z = 0.5, −0.5 and 0 at n = 100: k·φ̂ = 0.5 ≤ k − 1 = 2.
    expect(overdispersion(P0, [{ n: 100, satisfied: 82 }, { n: 100, satisfied: 78 }, { n: 100, satisfied: 80 }])).toBe(0);
    // Plain binomial limits then: 0.8 ± 1.959964 · 0.04.
    const { lower, upper } = funnelLimits(P0, 100, 0, 1.959964);
    expect(lower).toBeCloseTo(0.72160144, 8);
    expect(upper).toBeCloseTo(0.87839856, 8);
  });

  it("clips the limits to [0, 1]", () => {
    // p0 = 0.97, n = 30: 0.97 + 3.090232 · √(0.0291/30) = 1.0662 → 1.
    expect(funnelLimits(0.97, 30, 0, 3.090232)).toEqual({ lower: expect.closeTo(0.8738, 4), upper: 1 });
    expect(funnelLimits(0.02, 30, 0, 3.090232).lower).toBe(0);
  });

  it("gives a unit not shown its code and n only, and leaves it out of τ̂²", () => {
    const withHidden = funnel(P0, [...UNITS.map(([code, n, satisfied]) => ({ code, n, satisfied })), { code: "m", n: 12, satisfied: null }]);
    expect(withHidden.units.at(-1)).toEqual({ code: "m", n: 12 });
    expect(withHidden.tau2).toBeCloseTo(overdispersion(P0, samples), 12);
    // Without the parent's figure there is no centre: every unit is code and n.
    expect(funnel(null, [{ code: "a", n: 12, satisfied: null }])).toEqual({ p0: null, tau2: null, units: [{ code: "a", n: 12 }] });
  });
});

describe("empirical-Bayes shrinkage", () => {
  /*
   * Four units of 100 answers, 90, 70, 80 and 60 satisfied: m = 0.75;
   * s² = (0.15² + 0.05² + 0.05² + 0.15²)/3 = 0.05/3 = 0.0166667; binomial noise
   * m(1−m)/n = 0.1875/100 = 0.001875; between = 0.0147917; α + β = 0.1875/0.0147917 − 1 =
   * 11.676056, α = 0.75 · 11.676056 = 8.757042. The 90 of 100 shrinks to
   * (90 + 8.757042)/(100 + 11.676056) = 0.884317.
   */
  it("pulls each share towards the units' mean by a beta prior fitted by the method of moments", () => {
    const units = [90, 70, 80, 60].map((satisfied) => ({ n: 100, satisfied }));
    const shrunk = shrinkage(units);
    expect(units.map(shrunk).map((s) => Number(s.toFixed(6)))).toEqual([0.884317, 0.705228, 0.794772, 0.615683]);
  });

  it("moves a small unit further than a large one with the same share", () => {
    const units = [
      { n: 30, satisfied: 27 },
      { n: 3000, satisfied: 2700 },
      { n: 100, satisfied: 60 },
      { n: 100, satisfied: 80 },
    ];
    const shrunk = shrinkage(units);
    expect(0.9 - shrunk(units[0]!)).toBeGreaterThan(0.9 - shrunk(units[1]!));
  });

  it("gives every unit the mean when the shares vary no more than chance allows", () => {
    const units = [{ n: 100, satisfied: 81 }, { n: 100, satisfied: 79 }];
    expect(units.map(shrinkage(units))).toEqual([0.8, 0.8]);
  });
});
