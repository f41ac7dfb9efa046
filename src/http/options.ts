import type { Cache } from "@graphql-yoga/plugin-response-cache";
import { type Config, ConfigError } from "../config.js";
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
  /** Serve GET /metrics beside the GraphQL endpoint; false when METRICS_PORT gives it its own. */
  metricsEndpoint: boolean;
  /** Largest request body read (MAX_REQUEST_BODY_BYTES). */
  maxBodyBytes: number;
  /** Most operations in one batched request; 0: no batching (BATCH_LIMIT). */
  batchLimit: number;
  /** Where whole responses are cached (RESPONSE_CACHE); absent: not cached. */
  responseCache?: Cache;
}

export const DEFAULT_HTTP_OPTIONS: HttpOptions = {
  corsOrigins: "any",
  schema: "subgraph",
  metricsEndpoint: true,
  maxBodyBytes: 1_048_576,
  batchLimit: 10,
};

/** Reads CORS_ORIGINS and the PERSISTED_OPERATIONS manifest; problems are ConfigErrors. */
export async function httpOptionsFromConfig(config: Config): Promise<HttpOptions> {
  const cors = parseCorsOrigins(
    config.CORS_ORIGINS ?? (config.GATEWAY_BACKEND === "emulator" ? "*" : "none"),
  );
  // loadConfig has checked CORS_ORIGINS; a Config built by hand may still carry a bad one.
  if ("problems" in cors) {
    throw new ConfigError(cors.problems.map((problem) => `CORS_ORIGINS: ${problem}`));
  }
  const corsOrigins = cors.origins;
  // Manifest documents are validated once, against the schema that will serve them.
  const servedSchema = config.GATEWAY_SCHEMA === "plain" ? plainSchema : subgraphSchema;
  const persistedOperations = config.PERSISTED_OPERATIONS
    ? await loadPersistedOperations(config.PERSISTED_OPERATIONS, servedSchema)
    : undefined;
  return {
    corsOrigins,
    persistedOperations,
    schema: config.GATEWAY_SCHEMA,
    metricsEndpoint: config.METRICS_PORT === undefined,
    maxBodyBytes: config.MAX_REQUEST_BODY_BYTES,
    batchLimit: config.BATCH_LIMIT,
  };
}
