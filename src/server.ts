import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { useGatewayResponseCache } from "./cache/plugin.js";
import { createContext, type GatewayContext, type GatewayServices } from "./context.js";
import { maskUnexpectedError } from "./graph/errors.js";
import { plainSchema, subgraphSchema } from "./graph/schema.js";
import { corsOptions, varyOnOrigin } from "./http/cors.js";
import { graphiqlOptions, renderOfflineGraphiQL } from "./http/graphiql.js";
import { DEFAULT_HTTP_OPTIONS, type HttpOptions } from "./http/options.js";
import {
  PERSISTED_OPERATION_PARAMS,
  persistedOperationsOnly,
} from "./http/persisted-operations.js";
import { useAwsCallsExtension, useMetricsEndpoint } from "./observability/plugins.js";

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
      // Before the response cache: it puts the manifest's document into the request, which the
      // cache key is made from.
      ...(persisted ? [persistedOperationsOnly(persisted)] : []),
      // Before the debug extension, so what the cache keeps never carries one request's debug data.
      ...(http.responseCache
        ? useGatewayResponseCache({
            cache: http.responseCache,
            metrics: services.metrics,
            debug: services.debugCalls,
          })
        : []),
      useAwsCallsExtension(),
      varyOnOrigin(),
    ],
    extraParamNames: persisted ? PERSISTED_OPERATION_PARAMS : undefined,
    cors: corsOptions(http.corsOrigins),
    graphqlEndpoint: "/graphql",
    landingPage: false,
    // GraphiQL sends documents of its own (introspection too), which the allow-list refuses.
    graphiql: persisted ? false : graphiqlOptions,
    renderGraphiQL: renderOfflineGraphiQL,
    // GraphQLErrors (every error the gateway means to show) pass through; anything else is
    // reported as "Unexpected error." without its stack.
    maskedErrors: { maskError: maskUnexpectedError, isDev: false },
  });
}
