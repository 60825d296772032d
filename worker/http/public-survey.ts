import type { Context } from "hono";
import { unitContext } from "../db/contexts.ts";
import { officialsUnder } from "../db/surveys.ts";
import { publicSurvey, type PublicSurvey } from "../domain/survey.ts";
import type { AppEnv } from "../env.ts";
import { usableContext } from "./public-unit.ts";

/**
 * The survey a unit shows its citizens, as GET /units/:code/survey returns it and the hosted
 * page carries it, or the ApiError that ends the request (see usableContext).
 */
export async function publicSurveyOf(c: Context<AppEnv>, q: { unit: string; survey?: string | undefined }, origin: string | undefined): Promise<PublicSurvey> {
  const [found, officials] = await Promise.all([
    unitContext(c.var.store, { ...q, ...(origin && { origin }) }),
    officialsUnder(c.var.store, q.unit),
  ]);
  const context = usableContext(found, q, origin);
  return publicSurvey(context.survey, { code: context.code, name: context.name }, officials,
    context.turnstileSiteKey ? { siteKey: context.turnstileSiteKey, script: c.env.TURNSTILE_SCRIPT_URL } : null,
  );
}
