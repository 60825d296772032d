import { createMiddleware } from "hono/factory";
import { storeFrom } from "../../db/store.ts";
import type { AppEnv } from "../../env.ts";

/** Sets `store`: the catalog and the province shards behind the worker's D1 bindings. */
export const store = createMiddleware<AppEnv>(async (c, next) => {
  c.set("store", storeFrom(c.env));
  await next();
});
