import { z } from "zod";
import { errorBodySchema } from "./middleware/errors/index.ts";

/*
 * The OpenAPI 3.1 document is assembled from the same zod schemas that validate requests
 * and type responses: each route module describes its own paths with the helpers below.
 */

type Schema = z.ZodType;

/** An OpenAPI media-type object for a JSON body. */
export function json(schema: Schema, description: string) {
  return { description, content: { "application/json": { schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) } } };
}

const ERROR_MEANINGS: Record<number, string> = {
  400: "Invalid input; `fields` names each problem. Nothing was stored.",
  401: "Not logged in, or the session has expired.",
  403: "Not allowed: the origin, the account's scope, or a failed check.",
  404: "Unknown unit or survey.",
  409: "Conflicts with the current state.",
  413: "Body over the size limit.",
  415: "Body is not application/json.",
  422: "Well-formed but cannot be processed (e.g. an id reused for another answer set).",
  429: "Rate limited; see Retry-After.",
  503: "Temporarily unavailable; nothing was stored; see Retry-After.",
};

/** The error responses an operation may give, all shaped as ErrorBody. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [String(s), json(errorBodySchema, ERROR_MEANINGS[s] ?? "Error")]));
}

/** Query or path parameters from a zod object schema. */
export function parameters(where: "query" | "path", schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: where,
    required: where === "path" || !(field as Schema).safeParse(undefined).success,
    schema: z.toJSONSchema(field as Schema, { io: "input", unrepresentable: "any" }),
  }));
}

/** The whole document, from the paths each route module describes. */
export function openApiDocument(paths: Record<string, object>) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Hài Lòng API",
      version: "1.0.0",
      description:
        "Citizen-satisfaction surveys for Viet Nam's communes and wards. Public endpoints serve the embeddable widget; the rest need a dashboard session.",
    },
    servers: [{ url: "/api/v1" }],
    paths,
  };
}
