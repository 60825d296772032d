import { MAX_CASE_CODE } from "../domain/case-code.ts";
import type { PublicSurvey } from "../domain/survey.ts";
import type { Lang } from "../domain/text.ts";

/*
 * The hosted pages' HTML: templates that scripts/build.ts writes into dist/public/s/ with
 * their style and scripts inlined, and whose {{slots}} the worker fills in for each request.
 * /s/* reaches the worker first (wrangler.toml), so a template is never served as it is.
 */

/** The templates there are: the survey page, and the page for a unit that has none to show. */
export type TemplateName = "page" | "unavailable";

/** Where the build puts a template, and where the worker reads it through the assets binding. */
export const templatePath = (name: TemplateName) => `s/${name}.html`;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** A template with every {{slot}} replaced by its value, escaped for HTML text and attributes alike. */
export function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, slot: string) => {
    const value = slots[slot];
    if (value === undefined) throw new Error(`template slot {{${slot}}} has no value`);
    return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
  });
}

/** What the survey page's slots hold for one request (the build measures the page with them too). */
export function pageSlots(survey: PublicSurvey, q: { lang: Lang; caseCode: string; kiosk: boolean }, nonce: string): Record<string, string> {
  return {
    nonce,
    lang: q.lang,
    // A desk's tablet shows the page as a kiosk (enrolled, starting over for the next citizen).
    mode: q.kiosk ? "kiosk" : "page",
    name: survey.unit.name,
    unit: survey.unit.code,
    caseCode: q.caseCode.slice(0, MAX_CASE_CODE),
    // In an attribute, so that one escaping serves every slot; the page's script parses it.
    survey: JSON.stringify(survey),
  };
}

/** Each isolate reads a template once: they change only with a deployment. */
const loaded = new Map<TemplateName, Promise<string>>();

/** A template's text, from the static assets. */
export function template(assets: Fetcher, name: TemplateName): Promise<string> {
  let text = loaded.get(name);
  if (!text) {
    text = assets.fetch(`https://assets.invalid/${templatePath(name)}`).then((res) => {
      if (!res.ok) throw new Error(`the hosted page template ${templatePath(name)} is missing (${res.status}): run npm run build`);
      return res.text();
    });
    // A failed read is tried again by the next request.
    text.catch(() => loaded.delete(name));
    loaded.set(name, text);
  }
  return text;
}
