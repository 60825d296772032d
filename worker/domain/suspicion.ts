/*
 * When answers from one source look like ballot stuffing rather than citizens: an official
 * pressing "Rất hài lòng" forty times on the desk tablet, a script posting hundreds. A
 * source is one enrolled kiosk, or one daily client hash (an address, for a day). Its answers
 * at one unit are judged over a sliding window against what no ordinary use reaches and
 * against the unit's (or the kiosk's own) usual pace for that hour of the week.
 *
 * What ordinary use looks like, and must never be flagged: a ward office behind one address
 * sending an answer every ten seconds for a few minutes, or one a minute all day; a kiosk's
 * steady stream; a handful of answers at a unit with no history.
 */

/** The stretch of time over which a source's pace is judged. */
export const WINDOW_MS = 60 * 60_000;

/** Past weeks whose same hour gives the usual pace. */
export const BASELINE_WEEKS = 4;

/**
 * Answers within the window beyond any ordinary use from one source: one every 40 seconds
 * for a whole hour, half again as many as a ward office sending one a minute all day.
 */
export const VOLUME_FLOOR = 90;
/** ...and this many times the usual pace for that hour of the week, for units that are busy. */
export const VOLUME_FACTOR = 4;

/** One answer set repeated this often within the window... */
export const REPEAT_FLOOR = 30;
/** ...and this many times the usual pace (a busy, very satisfied unit repeats "Rất hài lòng")... */
export const REPEAT_FACTOR = 2;
/** ...making up this share of the source's answers: citizens' answers vary, a script's do not. */
export const REPEAT_SHARE = 0.9;

/** Answer sets completed faster than a person can read them, this many within the window... */
export const HURRIED_FLOOR = 10;
/** ...making up this share of the source's answers. */
export const HURRIED_SHARE = 0.5;

/** The least time a person takes per question answered, reading included. */
export const MIN_MS_PER_ITEM = 1200;

/** Below this many answers from a source within the window nothing is judged. */
export const JUDGE_FROM = Math.min(VOLUME_FLOOR, REPEAT_FLOOR, HURRIED_FLOOR);

/** Why a source's answers were flagged. */
export const SIGNALS = ["volume", "repetition", "speed"] as const;
export type Signal = (typeof SIGNALS)[number];

/** A source's answers at a unit within one window, and the pace it is judged against. */
export interface Pace {
  /** Answers from the source at the unit within the window. */
  count: number;
  /** How often its most frequent answer set occurs among them. */
  sameSet: number;
  /** How many were completed faster than a person reads (a hint the widget sends, never proof alone). */
  hurried: number;
  /** The unit's (or the kiosk's own) usual answers per window at this hour of the week. */
  usual: number;
}

/** Whether an answer set of `items` answers was completed in less time than a person needs. */
export function hurried(durationMs: number | null | undefined, items: number): boolean {
  return durationMs != null && durationMs < MIN_MS_PER_ITEM * items;
}

/** The signals a source's pace raises, none for ordinary use. */
export function signalsOf(p: Pace): Signal[] {
  const found: Signal[] = [];
  if (p.count >= Math.max(VOLUME_FLOOR, VOLUME_FACTOR * p.usual)) found.push("volume");
  if (p.sameSet >= Math.max(REPEAT_FLOOR, REPEAT_FACTOR * p.usual) && p.sameSet >= REPEAT_SHARE * p.count) found.push("repetition");
  if (p.hurried >= HURRIED_FLOOR && p.hurried >= HURRIED_SHARE * p.count) found.push("speed");
  return found;
}

/** An incident is open until a manager releases its answers (they count) or confirms it (they stay out). */
export const INCIDENT_STATUSES = ["open", "released", "confirmed"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const DECISIONS = ["released", "confirmed"] as const;
export type Decision = (typeof DECISIONS)[number];

const KIOSK = "kiosk:";

/** The source of an enrolled kiosk's answers; any other answer's source is its daily client hash. */
export function kioskSource(deviceId: string): string {
  return `${KIOSK}${deviceId}`;
}

/** The kiosk a source names, or null for an address (a daily client hash). */
export function kioskOf(source: string): string | null {
  return source.startsWith(KIOSK) ? source.slice(KIOSK.length) : null;
}
