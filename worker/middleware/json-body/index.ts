import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { validator } from "hono/validator";
import type { z } from "zod";
import type { FieldErrors } from "../../domain/submission.ts";
import type { Lang, Localized } from "../../domain/text.ts";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../errors/index.ts";

/**
 * Admits only JSON bodies of at most `maxBytes`: 415 for another content type (Hono's json
 * validator would otherwise see `{}`), 413 for a larger body, measured on the bytes that
 * actually arrive, whatever Content-Length claims.
 */
export function requireJson(maxBytes: number) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new ApiError(415, "unsupported_media_type", {
        en: "Send the body as JSON with the header Content-Type: application/json.",
        vi: "Dữ liệu phải ở dạng JSON, với tiêu đề Content-Type: application/json.",
      });
    }
    const declared = Number(c.req.header("content-length") ?? 0);
    const tooLarge = new ApiError(413, "payload_too_large", {
      en: `The body is larger than ${maxBytes / 1024} KB; send less text.`,
      vi: `Dữ liệu vượt quá ${maxBytes / 1024} KB; hãy gửi ít nội dung hơn.`,
    });
    if (declared > maxBytes) throw tooLarge;
    const bytes = await c.req.arrayBuffer();
    if (bytes.byteLength > maxBytes) throw tooLarge;
    await next();
  });
}

/** Zod's issues as field path → message; unknown keys each get their own entry. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const at = issue.path.join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[at ? `${at}.${key}` : key] = "unknown field";
    } else {
      fields[at || "body"] ??= issue.message;
    }
  }
  return fields;
}

/** Fields as people call them, by name or by the name before the first dot ("answers"). */
export type FieldLabels = Record<string, Localized>;

/**
 * The 400 for input that does not match its schema. Its message names the fields as people
 * call them, since the widget shows it to citizens; `fields` says what is wrong with each.
 */
export function invalid(fields: FieldErrors, labels: FieldLabels = {}): ApiError {
  const named = (lang: Lang) =>
    [...new Set(Object.keys(fields).map((f) => (labels[f] ?? labels[f.split(".")[0]!])?.[lang] ?? f))].join(", ");
  return new ApiError(400, "invalid", { en: `Please check: ${named("en")}.`, vi: `Vui lòng kiểm tra lại: ${named("vi")}.` }, fields);
}

/**
 * A validating middleware as Hono's typed client should see it: callers send the schema's
 * input (e.g. a cursor string, a parameter with a default left out), handlers read its
 * output through `c.req.valid(target)`. Hono's validator() would type both with the output.
 */
type Validated<Target extends "json" | "query", S extends z.ZodType> = MiddlewareHandler<
  AppEnv,
  string,
  { in: { [K in Target]: z.input<S> }; out: { [K in Target]: z.output<S> } }
>;

/**
 * Paths of keys that JavaScript treats as the object's prototype. JSON.parse keeps them as
 * plain keys, but zod drops them silently, so an answer set with "__proto__" would be stored
 * as if the key had not been sent: refuse it instead.
 */
function prototypeKeys(value: unknown, at: string[] = []): string[] {
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "__proto__" ? [[...at, key].join(".")] : prototypeKeys(inner, [...at, key]),
  );
}

function validated<Target extends "json" | "query", S extends z.ZodType>(target: Target, schema: S, labels?: FieldLabels): Validated<Target, S> {
  const middleware = validator(target, (value) => {
    const reserved = prototypeKeys(value);
    if (reserved.length > 0) throw invalid(Object.fromEntries(reserved.map((path) => [path, "a reserved name, not a field"])), labels);
    const parsed = schema.safeParse(value, { error: (issue) => (issue.input === undefined ? "required" : undefined) });
    if (!parsed.success) throw invalid(fieldErrors(parsed.error), labels);
    return parsed.data;
  });
  return middleware as unknown as Validated<Target, S>;
}

/**
 * Validates the JSON body with a zod schema; a body that does not match gets a 400 naming
 * each field (one that is not JSON at all, Hono's 400, is shaped by the error handler).
 */
export function jsonBody<S extends z.ZodType>(schema: S, labels?: FieldLabels): Validated<"json", S> {
  return validated("json", schema, labels);
}

/** Validates the query string with a zod schema, like jsonBody. */
export function query<S extends z.ZodType>(schema: S): Validated<"query", S> {
  return validated("query", schema);
}
