/**
 * The widget's chunks: ES modules beside /widget.js, imported when a widget needs one
 * (scripts/build.ts builds them and gives them the CORS headers a cross-origin import needs).
 */
let origin = location.origin;
const modules = new Map<string, Promise<unknown>>();
let failures = 0;

/** Where the chunks are: the embed script's origin (set by index.ts). */
export function chunksFrom(scriptOrigin: string) {
  origin = scriptOrigin;
}

/** A chunk's module, fetched once; after a failure, again next time (the network may be back). */
export function chunk<T>(name: string): Promise<T> {
  let module = modules.get(name);
  if (!module) {
    // Some browsers (Chromium 153, for one) remember a failed import for good: retry under another URL.
    module = import(`${origin}/${name}${failures ? `?retry=${failures}` : ""}`);
    module.catch(() => {
      failures++;
      modules.delete(name);
    });
    modules.set(name, module);
  }
  return module as Promise<T>;
}
