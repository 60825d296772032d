/**
 * Cloudflare Turnstile for the units that require it, through the chunk /widget-turnstile.js,
 * fetched only once such a unit needs it: other units load nothing more, and nothing from a
 * third party.
 */
import type { PublicSurvey } from "../worker/domain/survey.ts";
import { chunk } from "./chunks.ts";

/** A unit's Turnstile check, as its survey gives it. */
export type Check = NonNullable<PublicSurvey["turnstile"]>;

/** Where a check may render: a container in each connected widget's shadow root. */
export const slots = new Set<() => Element | null>();

const load = () => chunk<typeof import("./turnstile-chunk.ts")>("widget-turnstile.js");

/** Starts loading the check's scripts, so that the token comes quickly when it is needed. */
export function prepare(check: Check) {
  load()
    .then((c) => c.prepare(check))
    .catch(() => {});
}

/**
 * A fresh single-use token for the check, or undefined when none can be had now (offline,
 * blocked, refused, no widget on the page): the caller keeps the answer and tries again later.
 */
export function freshToken(check: Check): Promise<string | undefined> {
  return load()
    .then((c) => c.token(check, slots))
    .catch(() => undefined);
}
