import { z } from "zod";

/** The most origins one unit may list. */
export const MAX_ORIGINS = 50;

/**
 * A web origin as a ward's web editor may type it ("https://ubnd.example.vn", a trailing
 * slash and capitals allowed), kept in the browser's own form: scheme, host and port only.
 */
export const webOrigin = z
  .string()
  .trim()
  .transform((text, ctx) => {
    let url: URL | undefined;
    try {
      url = new URL(text);
    } catch {
      // reported below
    }
    const bare = url && /^https?:$/.test(url.protocol) && !url.username && !url.password && url.pathname === "/" && !url.search && !url.hash;
    if (!url || !bare || /\/.+/.test(text.replace(/^https?:\/\//i, ""))) {
      ctx.addIssue({ code: "custom", message: "an origin such as https://ubnd.example.vn (scheme and host, no path)" });
      return z.NEVER;
    }
    return url.origin;
  });

/** The body of `PUT /units/:code/origins`: the unit's own list, duplicates dropped. */
export const originListSchema = z.strictObject({
  origins: z
    .array(webOrigin)
    .max(MAX_ORIGINS, `at most ${MAX_ORIGINS} origins`)
    .transform((list) => [...new Set(list)].sort()),
});
