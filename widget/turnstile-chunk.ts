/**
 * /widget-turnstile.js, an ES module that turnstile-token.ts imports on demand: adds
 * Turnstile's script to the page (the URL the survey gives, once), then renders one
 * explicit check per token, in the widget's shadow root, visible only if the citizen
 * must interact with it.
 */
import type { Check } from "./turnstile-token.ts";

interface Turnstile {
  render(container: HTMLElement, options: object): string | undefined;
  execute(widget: string): void;
  remove(widget: string): void;
}

declare global {
  interface Window {
    turnstile?: Turnstile;
  }
}

/** A check that has neither answered nor failed by then has failed: the answer waits. */
const GIVE_UP_MS = 120_000;

const scripts = new Map<string, Promise<Turnstile>>();

/** Turnstile's API, its script added to the page the first time (or the page's own copy). */
export function prepare({ script }: Check): Promise<Turnstile> {
  let api = scripts.get(script);
  if (!api) {
    api = new Promise((resolve, reject) => {
      if (window.turnstile) return resolve(window.turnstile);
      const tag = document.createElement("script");
      tag.src = script;
      tag.async = true;
      tag.onload = () => (window.turnstile ? resolve(window.turnstile) : reject(new Error(`${script} defined no turnstile`)));
      tag.onerror = () => {
        tag.remove();
        reject(new Error(`${script} did not load`));
      };
      document.head.append(tag);
    });
    // Tried again next time: the network may be back.
    api.catch(() => scripts.delete(script));
    scripts.set(script, api);
  }
  return api;
}

/** A fresh token from a new check, rendered in the first container there is and removed once it answers. */
export async function token(check: Check, slots: Iterable<() => Element | null>): Promise<string> {
  const turnstile = await prepare(check);
  const slot = [...slots].map((find) => find()).find(Boolean);
  if (!slot) throw new Error("Turnstile: no widget on the page to render in");
  const box = slot.appendChild(document.createElement("div"));
  let widget: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await new Promise<string>((resolve, reject) => {
      const fail = (why: string) => reject(new Error(`Turnstile: ${why}`));
      timer = setTimeout(() => fail("no answer"), GIVE_UP_MS);
      widget = turnstile.render(box, {
        sitekey: check.siteKey,
        // Run on execute() below, not on render; shown only if the citizen must click.
        execution: "execute",
        appearance: "interaction-only",
        callback: resolve,
        // Returning true tells Turnstile the error is handled (it throws otherwise).
        "error-callback": (code: string) => (fail(code), true),
        "timeout-callback": () => fail("timed out"),
      });
      if (widget) turnstile.execute(widget);
      else fail("not rendered");
    });
  } finally {
    clearTimeout(timer);
    if (widget) turnstile.remove(widget);
    box.remove();
  }
}
