import { z } from "zod";
import { XLSX_TYPE } from "./jobs/xlsx.ts";
import { errorBodySchema } from "./middleware/errors/index.ts";
import { SESSION_COOKIE } from "./middleware/session/index.ts";

/*
 * The OpenAPI 3.1 document is assembled from the same zod schemas that validate requests
 * and type responses: each route module describes its own paths with the helpers below.
 */

type Schema = z.ZodType;

/** An OpenAPI media-type object for a JSON body. */
export function json(schema: Schema, description: string) {
  return { description, content: { "application/json": { schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) } } };
}

/** A CSV file's response. */
export const csvFile = (description: string) => ({ description, content: { "text/csv": { schema: { type: "string" } } } });

/** An Excel workbook's response. */
export const xlsxFile = (description: string) => ({ description, content: { [XLSX_TYPE]: { schema: { type: "string", format: "binary" } } } });

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

/** An operation as a route module describes it; what it leaves out, the document fills in. */
interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  [field: string]: unknown;
}

/** A path and its operations by method, as a route module describes them. */
export type PathDocs = Record<string, Record<string, Operation>>;

/**
 * How callers prove who they are. A kiosk's token is no scheme here: it travels in the body
 * of POST /responses (`device`), and OpenAPI's schemes name a header, a query parameter or a
 * cookie.
 */
const SECURITY_SCHEMES = {
  session: {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description:
      "The dashboard's session. POST /auth/login sets it; send it back with each request, over https (or to a loopback host). A change (any method but GET) is refused from another site's page: send the API's own origin as `Origin`, or no `Origin` at all as a script does.",
  },
};

const SESSION = [{ session: [] }];

/** `/units/:code/survey` as OpenAPI writes it: `/units/{code}/survey`. */
const openApiPath = (honoPath: string) => honoPath.replace(/:(\w+)/g, "{$1}");

/** A stable id from the method and the path: `get /units/{code}/origins` → `getUnitsByCodeOrigins`. */
export function operationIdOf(method: string, path: string): string {
  const words = path.split("/").flatMap((segment) => {
    const param = /^\{(\w+)\}$/.exec(segment)?.[1];
    return param ? ["by", param] : segment.split(/[^A-Za-z0-9]+/);
  });
  return method + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}

/**
 * The whole document, from the paths each route module describes. Every operation gets, unless
 * it says otherwise, an id from its method and path, the first segment of its path as its tag
 * (the reference groups by tag), and the security requirement of its group: none for
 * `sessionless` endpoints (as the routes write their paths), the session cookie for every other
 * one, so that a new route is described right without its author thinking of it.
 */
export function openApiDocument(routeDocs: PathDocs, { sessionless }: { sessionless: string[] }) {
  const open = new Set(sessionless.map(openApiPath));
  const ids = new Set<string>();
  const paths = Object.fromEntries(
    Object.entries(routeDocs).map(([path, methods]) => [
      path,
      Object.fromEntries(
        Object.entries(methods).map(([method, op]) => {
          const operationId = op.operationId ?? operationIdOf(method, path);
          if (ids.has(operationId)) throw new Error(`OpenAPI: two operations with the id ${operationId}; give ${method} ${path} its own operationId`);
          ids.add(operationId);
          return [method, { operationId, tags: [path.split("/")[1]], security: open.has(path) ? [] : SESSION, ...op }];
        }),
      ),
    ]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Hài Lòng API",
      version: "1.0.0",
      description:
        "Citizen-satisfaction surveys for Viet Nam's communes and wards. Public endpoints serve the embeddable widget and kiosks; the rest need a dashboard session (the `session` cookie, see POST /auth/login). An enrolled kiosk sends its token (POST /devices/enrol) as `device` in each answer set it submits.",
    },
    servers: [{ url: "/api/v1" }],
    paths,
    components: { securitySchemes: SECURITY_SCHEMES },
  };
}
