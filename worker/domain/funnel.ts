import { z } from "zod";
import { binomialVariance, FUNNEL_LABELS, funnelLimits, Z998, type FunnelLabel } from "./funnel-limits.ts";
import { Z95 } from "./wilson.ts";

/*
 * Funnel plots: a fair comparison of units of very different sizes. Each unit's share is
 * plotted against its n, with control limits around the parent's share p0 that narrow as n
 * grows (Spiegelhalter, "Funnel plots for comparing institutional performance", Statistics in
 * Medicine 2005), widened by the between-unit variance τ² when the units vary more than
 * chance allows (Spiegelhalter, "Handling over-dispersion of performance indicators", Quality
 * and Safety in Health Care 2005, as NHS England's SHMI applies it).
 */

/** The share of z-scores winsorised at each tail before overdispersion is estimated. */
const WINSORISED = 0.1;

/** A unit whose figure is shown: its answers and how many of them were satisfied. */
export interface FunnelSample {
  n: number;
  satisfied: number;
}

/**
 * z-scores winsorised at 10 % each tail: with q = ⌊0.1·k⌋ of the k scores, the q lowest are
 * set to the (q+1)-th lowest and the q highest to the (q+1)-th highest, so outliers keep
 * their place but not their weight.
 */
export function winsorise(z: number[]): number[] {
  const q = Math.floor(WINSORISED * z.length);
  if (q === 0) return z;
  const sorted = [...z].sort((a, b) => a - b);
  const low = sorted[q]!;
  const high = sorted[sorted.length - 1 - q]!;
  return z.map((v) => Math.min(high, Math.max(low, v)));
}

/**
 * The additive between-unit variance τ̂² (SHMI's random-effects method): z_i = (y_i − p0)/s_i
 * with s_i² = p0(1−p0)/n_i, winsorised; φ̂ = (1/k)·Σ z_i²; if k·φ̂ > k − 1 the units vary more
 * than chance allows and τ̂² = (k·φ̂ − (k − 1)) / (Σ w_i − Σ w_i²/Σ w_i) with w_i = 1/s_i²;
 * else 0. Also 0 with fewer than two units, or when p0 is 0 or 1 (no variance to compare).
 */
export function overdispersion(p0: number, units: FunnelSample[]): number {
  const k = units.length;
  if (k < 2 || p0 <= 0 || p0 >= 1) return 0;
  const variances = units.map((u) => binomialVariance(p0, u.n));
  const z = winsorise(units.map((u, i) => (u.satisfied / u.n - p0) / Math.sqrt(variances[i]!)));
  const kPhi = z.reduce((sum, v) => sum + v * v, 0);
  if (kPhi <= k - 1) return 0;
  const weights = variances.map((v) => 1 / v);
  const sumW = weights.reduce((a, b) => a + b, 0);
  const sumW2 = weights.reduce((a, w) => a + w * w, 0);
  return (kPhi - (k - 1)) / (sumW - sumW2 / sumW);
}

/**
 * Empirical-Bayes (beta-binomial) shrinkage, for ranking: a beta prior fitted by the method of
 * moments to the k units' shares p_i, less the binomial noise they carry: m = mean of p_i,
 * s² = Σ(p_i − m)²/(k − 1), between = s² − (1/k)·Σ m(1−m)/n_i. Then α + β = m(1−m)/between − 1,
 * α = m(α + β), and each unit's posterior mean is (y + α)/(n + α + β): small units move most
 * towards m. When the shares vary no more than chance allows (between ≤ 0) every unit gets m;
 * with one unit, or no usable prior, its own share.
 */
export function shrinkage(units: FunnelSample[]): (unit: FunnelSample) => number {
  const own = (u: FunnelSample) => u.satisfied / u.n;
  const k = units.length;
  if (k < 2) return own;
  const shares = units.map(own);
  const m = shares.reduce((a, b) => a + b, 0) / k;
  const s2 = shares.reduce((sum, p) => sum + (p - m) ** 2, 0) / (k - 1);
  const noise = units.reduce((sum, u) => sum + binomialVariance(m, u.n), 0) / k;
  const between = s2 - noise;
  if (between <= 0) return () => m;
  const strength = (m * (1 - m)) / between - 1;
  if (strength <= 0) return own;
  return (u) => (u.satisfied + m * strength) / (u.n + strength);
}

export const funnelUnitSchema = z.object({
  code: z.string(),
  n: z.int(),
  share: z.number().optional(),
  lower95: z.number().optional(),
  upper95: z.number().optional(),
  lower998: z.number().optional(),
  upper998: z.number().optional(),
  label: z
    .enum(FUNNEL_LABELS)
    .optional()
    .describe("Outside the 95 % limits (after overdispersion) is above or below, as SHMI bands \"higher\" or \"lower than expected\"; else within"),
  shrunk: z.number().optional().describe("Empirical-Bayes (beta-binomial) estimate of the share, to rank by; show it with the raw share's Wilson interval"),
});
export type FunnelUnit = z.infer<typeof funnelUnitSchema>;

export const funnelSchema = z.object({
  p0: z.number().nullable().describe("The parent's own share, the funnel's centre; null when it is below the minimum sample"),
  tau2: z.number().nullable().describe("Between-unit variance τ̂² added to every unit's binomial variance (0 when the units vary no more than chance)"),
  units: z.array(funnelUnitSchema),
});
export type Funnel = z.infer<typeof funnelSchema>;

/**
 * The funnel of a parent's children (`satisfied` null for a child whose figure is not shown):
 * each shown child with its share, 95 % and 99.8 % limits
 * at its n, its label and its shrunk estimate; a child not shown (below the minimum sample or
 * hidden to protect another) with code and n only, and left out of τ̂² and the prior, so that
 * nothing of its figure can be read from the funnel. A child is labelled by the 95 % limits
 * after overdispersion, as SHMI bands trusts: above or below them is "above" or "below", else
 * "within"; the 99.8 % limits are drawn for the eye.
 */
export function funnel(p0: number | null, children: { code: string; n: number; satisfied: number | null }[]): Funnel {
  const shown = children.flatMap(({ n, satisfied }) => (satisfied === null ? [] : [{ n, satisfied }]));
  if (p0 === null) return { p0: null, tau2: null, units: children.map(({ code, n }) => ({ code, n })) };
  const tau2 = overdispersion(p0, shown);
  const shrunk = shrinkage(shown);
  const units = children.map(({ code, n, satisfied }): FunnelUnit => {
    if (satisfied === null) return { code, n };
    const share = satisfied / n;
    const at95 = funnelLimits(p0, n, tau2, Z95);
    const at998 = funnelLimits(p0, n, tau2, Z998);
    const label: FunnelLabel = share > at95.upper ? "above" : share < at95.lower ? "below" : "within";
    return { code, n, share, lower95: at95.lower, upper95: at95.upper, lower998: at998.lower, upper998: at998.upper, label, shrunk: shrunk({ n, satisfied }) };
  });
  return { p0, tau2, units };
}
