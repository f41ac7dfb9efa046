import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { createContext, type GatewayContext, type GatewayServices } from "./context.js";
import { maskUnexpectedError } from "./graph/errors.js";
import { plainSchema, subgraphSchema } from "./graph/schema.js";
import { automaticPersistedQueries } from "./http/automatic-persisted-queries.js";
import { limitBatches } from "./http/batching.js";
import { corsOptions, varyOnOrigin } from "./http/cors.js";
import { explainGraphiQLOff, serveGraphiQL } from "./http/graphiql.js";
import { DEFAULT_HTTP_OPTIONS, type HttpOptions } from "./http/options.js";
import {
  PERSISTED_OPERATION_PARAMS,
  persistedOperationsOnly,
} from "./http/persisted-operations.js";
import { useAwsCallsExtension, useMetricsEndpoint } from "./observability/plugins.js";

const GRAPHQL_ENDPOINT = "/graphql";

export type Gateway = YogaServerInstance<Record<string, unknown>, GatewayContext>;

/** The GraphQL gateway as a fetch-style handler; `main.ts` (or a test) decides where it listens. */
export function createGateway(
  services: GatewayServices,
  http: HttpOptions = DEFAULT_HTTP_OPTIONS,
): Gateway {
  const persisted = http.persistedOperations;
  return createYoga<Record<string, unknown>, GatewayContext>({
    schema: http.schema === "plain" ? plainSchema : subgraphSchema,
    context: ({ request }) => createContext(services, request),
    plugins: [
      useMetricsEndpoint(services.metrics),
      useAwsCallsExtension(),
      varyOnOrigin(),
      // GraphiQL sends documents of its own (introspection too), which the allow-list refuses.
      persisted ? explainGraphiQLOff(GRAPHQL_ENDPOINT) : serveGraphiQL(GRAPHQL_ENDPOINT),
      limitBatches(http.batchLimit),
      // With an allow-list, clients may not register documents of their own.
      persisted ? persistedOperationsOnly(persisted) : automaticPersistedQueries(http.apqCacheSize),
    ],
    batching: http.batchLimit > 0 ? { limit: http.batchLimit } : false,
    extraParamNames: persisted ? PERSISTED_OPERATION_PARAMS : undefined,
    cors: corsOptions(http.corsOrigins),
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    landingPage: false,
    // Served by serveGraphiQL instead: compressed, with an ETag.
    graphiql: false,
    // GraphQLErrors (every error the gateway means to show) pass through; anything else is
    // reported as "Unexpected error." without its stack.
    maskedErrors: { maskError: maskUnexpectedError, isDev: false },
  });
}
