/** Colours shared by the charts and the page styles (contrast checked against white). */
export const PALETTE = {
  line: "#0b5394",
  band: "rgba(11, 83, 148, 0.16)",
  interval: "rgba(11, 83, 148, 0.35)",
  reference: "#b45309",
  limit: "#64748b",
  grid: "#e2e8f0",
  /** Levels from best to worst: 3 or 5 colours are taken from the ends inwards. */
  levels5: ["#166534", "#4d9b5c", "#94a3b8", "#dc6b3f", "#b91c1c"],
  levels3: ["#166534", "#4d9b5c", "#b91c1c"],
} as const;

/** A funnel plot's points by where they lie: above the limits green, below red, within the line's blue. */
export const FUNNEL_COLOURS = { within: PALETTE.line, above: PALETTE.levels5[0], below: PALETTE.levels5[4] } as const;
