import type { Cache } from "@graphql-yoga/plugin-response-cache";
import type { Config } from "../config.js";
import { plainSchema, subgraphSchema } from "../graph/schema.js";
import { type CorsOrigins, parseCorsOrigins } from "./cors.js";
import { loadPersistedOperations, type PersistedOperations } from "./persisted-operations.js";

/** How the gateway meets browsers and other HTTP clients, beyond GraphQL itself. */
export interface HttpOptions {
  /** Origins browsers may call the gateway from (CORS_ORIGINS). */
  corsOrigins: CorsOrigins;
  /** When set, the only operations that run (PERSISTED_OPERATIONS); GraphiQL is off then. */
  persistedOperations?: PersistedOperations;
  /** Serve the Federation subgraph schema (the default) or the plain API (GATEWAY_SCHEMA). */
  schema: "subgraph" | "plain";
  /** Where whole responses are cached (RESPONSE_CACHE); absent: not cached. */
  responseCache?: Cache;
}

export const DEFAULT_HTTP_OPTIONS: HttpOptions = { corsOrigins: "any", schema: "subgraph" };

/** Reads CORS_ORIGINS and the PERSISTED_OPERATIONS manifest; problems are ConfigErrors. */
export async function httpOptionsFromConfig(config: Config): Promise<HttpOptions> {
  const corsOrigins = parseCorsOrigins(
    config.CORS_ORIGINS ?? (config.GATEWAY_BACKEND === "emulator" ? "*" : "none"),
  );
  // Manifest documents are validated once, against the schema that will serve them.
  const servedSchema = config.GATEWAY_SCHEMA === "plain" ? plainSchema : subgraphSchema;
  const persistedOperations = config.PERSISTED_OPERATIONS
    ? await loadPersistedOperations(config.PERSISTED_OPERATIONS, servedSchema)
    : undefined;
  return { corsOrigins, persistedOperations, schema: config.GATEWAY_SCHEMA };
}
