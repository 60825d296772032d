/*
 * A funnel plot's control limits and labels, free of dependencies so that the dashboard draws
 * the same curves the API labels units by (worker/domain/funnel.ts).
 */

/** The 99.9th percentile of the standard normal distribution: 99.8 % two-sided limits. */
export const Z998 = 3.090232;

/** Where a unit lies against the funnel's 95 % limits. */
export const FUNNEL_LABELS = ["within", "above", "below"] as const;
export type FunnelLabel = (typeof FUNNEL_LABELS)[number];

/** The binomial variance of a share of n answers around p0. */
export const binomialVariance = (p0: number, n: number) => (p0 * (1 - p0)) / n;

/** Control limits p0 ± z·√(p0(1−p0)/n + τ²), clipped to [0, 1]. */
export function funnelLimits(p0: number, n: number, tau2: number, z: number): { lower: number; upper: number } {
  const half = z * Math.sqrt(binomialVariance(p0, n) + tau2);
  return { lower: Math.max(0, p0 - half), upper: Math.min(1, p0 + half) };
}

/** Each label in words, as the dashboard and the exports give it (SHMI's bands). */
export const FUNNEL_LABEL_TEXT: Record<FunnelLabel, { vi: string; en: string }> = {
  within: { vi: "Trong giới hạn", en: "Within limits" },
  above: { vi: "Cao hơn kỳ vọng", en: "Higher than expected" },
  below: { vi: "Thấp hơn kỳ vọng", en: "Lower than expected" },
};
