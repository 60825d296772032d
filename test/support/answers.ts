/**
 * Citizens' answers for the browser tests, sent the way the widget sends them: the unit's
 * published survey, then POST /api/v1/responses.
 */

export interface Answer {
  /** The quick overall level: 3 Rất hài lòng, 2 Hài lòng, 1 Không hài lòng. */
  overall: 1 | 2 | 3;
  /** Answers to the survey's 5-level statements by statement id, e.g. { e3_polite: 4 }. */
  statements?: Record<string, number>;
  reason?: string;
  comment?: string;
}

/**
 * Submits each answer set for a unit, throwing on the first one the API refuses. `headers`
 * may name the sender's address (cf-connecting-ip), which the ballot-stuffing checks watch.
 */
export async function submitAnswers(baseUrl: string, unit: string, answers: Answer[], headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/units/${unit}/survey`);
  if (!res.ok) throw new Error(`survey of ${unit}: ${res.status} ${await res.text()}`);
  const { survey, version } = (await res.json()) as { survey: string; version: number };
  for (const { overall, statements, ...texts } of answers) {
    const sent = await fetch(`${baseUrl}/api/v1/responses`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ id: crypto.randomUUID(), unit, survey, version, answers: { overall, ...statements }, channel: "web", lang: "vi", ...texts }),
    });
    if (sent.status !== 201) throw new Error(`answer for ${unit}: ${sent.status} ${await sent.text()}`);
  }
}

/** `total` answers of which `satisfied` are level 2 or 3 and the rest level 1. */
export function answersWith(total: number, satisfied: number, extra: (i: number) => Partial<Answer> = () => ({})): Answer[] {
  return Array.from({ length: total }, (_, i) => ({ overall: i < satisfied ? ((i % 2) + 2) as 2 | 3 : 1, ...extra(i) }));
}
