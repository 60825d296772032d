/**
 * The hosted survey page's own script (worker/pages/hosted-page.ts serves the page): it runs
 * just before the widget's, which the page also carries inline. It hands the widget the survey
 * the HTML carries, switches the page between Vietnamese and English, and looks receipts up
 * ("Tra cứu phản ánh"; `?tra-cuu=<code>` opens the form with that code looked up), except on
 * a desk's kiosk (`?kiosk`).
 */
import type { PublicSurvey } from "../../worker/domain/survey.ts";
import type { Lang } from "../../worker/domain/text.ts";
import { lookUp, showLookup, type Lookup } from "./lookup.ts";
import { PAGE_STRINGS, type PageStrings } from "./strings.ts";

/** The texts an element can name in its data-text attribute. */
type TextKey = { [K in keyof PageStrings]: PageStrings[K] extends string ? K : never }[keyof PageStrings];

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

const widget = $<HTMLElement & { preloaded?: PublicSurvey }>("hailong-survey");
const survey = JSON.parse(widget.dataset.preloaded!) as PublicSurvey;
// Set before widget.js defines the element, which then shows this survey without fetching it.
widget.preloaded = survey;
// Where a browser cannot adopt constructed stylesheets, the widget adds a <style>, which needs the nonce.
(globalThis as { litNonce?: string }).litNonce = (document.currentScript as HTMLScriptElement).nonce;

const switcher = $<HTMLButtonElement>("#switch-lang");
const lookup = $<HTMLDetailsElement>("#tra-cuu");
const input = $<HTMLInputElement>("#receipt");
const result = $("#receipt-result");
let lang: Lang = document.documentElement.lang === "en" ? "en" : "vi";
let found: Lookup | undefined;

/** Every text of the page's own in its language. */
function show() {
  const t = PAGE_STRINGS[lang];
  document.documentElement.lang = lang;
  document.title = `${t.title} – ${survey.unit.name}`;
  for (const el of document.querySelectorAll<HTMLElement>("[data-text]")) el.textContent = t[el.dataset.text as TextKey];
  switcher.textContent = t.otherLanguage;
  switcher.lang = lang === "vi" ? "en" : "vi";
  if (found) showLookup(result, found, lang, t);
}

switcher.addEventListener("click", () => {
  lang = lang === "vi" ? "en" : "vi";
  widget.setAttribute("lang", lang);
  // A reload keeps the language.
  const url = new URL(location.href);
  if (lang === "en") url.searchParams.set("lang", "en");
  else url.searchParams.delete("lang");
  history.replaceState(null, "", url);
  show();
});

async function look(code: string) {
  result.replaceChildren(PAGE_STRINGS[lang].lookingUp);
  found = await lookUp(code);
  show();
}

$("#tra-cuu form").addEventListener("submit", (e) => {
  e.preventDefault();
  void look(input.value);
});

// A desk's shared tablet looks nothing up: the next citizen would read the answer.
if (widget.getAttribute("mode") === "kiosk") lookup.remove();
show();
const asked = new URLSearchParams(location.search).get("tra-cuu");
if (asked && lookup.isConnected) {
  lookup.open = true;
  input.value = asked;
  lookup.scrollIntoView();
  void look(asked);
}
