import type { PublicSurvey } from "../worker/domain/survey.ts";
import type { ErrorBody } from "../worker/middleware/errors/index.ts";

/** A refusal as the API explains it, in English and Vietnamese. */
export type Problem = ErrorBody["error"];

/** The explanation in an error response, or one made from its status when it has none. */
export async function problemOf(res: Response): Promise<Problem> {
  try {
    const { error } = (await res.json()) as ErrorBody;
    if (error.code) return error;
  } catch {
    // not the API's JSON (a proxy's error page, say)
  }
  return { code: `http_${res.status}`, message: `HTTP error ${res.status}`, messageVi: `Lỗi HTTP ${res.status}` };
}

/** A status worth trying again later: the request may succeed as it is. */
export const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

/** The survey a unit shows, or why not: a problem the API explained, or null when offline. */
export async function fetchSurvey(api: string, unit: string, survey?: string): Promise<PublicSurvey | Problem | null> {
  const query = survey ? `?survey=${encodeURIComponent(survey)}` : "";
  try {
    const res = await fetch(`${api}/api/v1/units/${encodeURIComponent(unit)}/survey${query}`);
    if (res.ok) return (await res.json()) as PublicSurvey;
    return retryable(res.status) ? null : await problemOf(res);
  } catch {
    return null;
  }
}
