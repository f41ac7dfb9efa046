import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { useAuthentication } from "./auth/authentication.js";
import { useRequestDeadline } from "./aws/deadline.js";
import { useGatewayResponseCache } from "./cache/plugin.js";
import { createContext, type GatewayContext, type GatewayServices } from "./context.js";
import { documentLimitsPlugin } from "./cost/limits.js";
import { useCostEstimate } from "./cost/plugin.js";
import { maskUnexpectedError } from "./graph/errors.js";
import { usePartitionErrors } from "./graph/merged-connections.js";
import { plainSchema, subgraphSchema } from "./graph/schema.js";
import { limitBatches, refuseBatchedSubscriptions } from "./http/batching.js";
import { corsOptions, varyOnOrigin } from "./http/cors.js";
import { usePreflightRequired } from "./http/csrf.js";
import { explainGraphiQLOff, redirectRootToEndpoint, serveGraphiQL } from "./http/graphiql.js";
import { DEFAULT_HTTP_OPTIONS, type HttpOptions } from "./http/options.js";
import {
  PERSISTED_OPERATION_PARAMS,
  persistedOperationsOnly,
} from "./http/persisted-operations.js";
import { useBoundedParsing, useStrictRequestParsing } from "./http/request-parsing.js";
import { answerUnknownPaths } from "./http/unknown-paths.js";
import { yogaLogger } from "./observability/logger.js";
import {
  closeConnectionsWhileDraining,
  useAwsCallsExtension,
  useHealthEndpoints,
  useMetricsEndpoint,
} from "./observability/plugins.js";
import { useRequestLog } from "./observability/request-log.js";

export const GRAPHQL_ENDPOINT = "/graphql";

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
      useRequestLog(services.logger, services.clientAddresses),
      // Early, so the probes answer before anything that might refuse a request (auth, limits).
      useHealthEndpoints(services.readiness),
      redirectRootToEndpoint(GRAPHQL_ENDPOINT),
      ...(http.metricsEndpoint ? [useMetricsEndpoint(services.metrics)] : []),
      answerUnknownPaths(GRAPHQL_ENDPOINT),
      closeConnectionsWhileDraining(services.readiness),
      // Both run before a request is parsed: a forged or unauthenticated one runs nothing.
      usePreflightRequired(),
      useAuthentication(services.auth, services.clientAddresses),
      useStrictRequestParsing({
        maxBodyBytes: http.maxBodyBytes,
        extraParamNames: persisted ? PERSISTED_OPERATION_PARAMS : [],
      }),
      useBoundedParsing(),
      ...(services.tracing ? [services.tracing.plugin] : []),
      // GraphiQL sends documents of its own (introspection too), which the allow-list refuses.
      persisted ? explainGraphiQLOff(GRAPHQL_ENDPOINT) : serveGraphiQL(GRAPHQL_ENDPOINT),
      limitBatches(http.batchLimit),
      // Before the response cache: it puts the document (the manifest's, or the one registered
      // under a hash) into the request, which the cache key is made from. With an allow-list,
      // clients may not register documents of their own.
      persisted ? persistedOperationsOnly(persisted) : services.automaticPersistedQueries.plugin(),
      // Before the response cache, whose result hook runs after this one's: an answer that left
      // an account or region out carries its error, so it is not cached as complete.
      usePartitionErrors(),
      // Before the debug extension, so what the cache keeps never carries one request's debug data.
      ...(http.responseCache
        ? useGatewayResponseCache({
            cache: http.responseCache,
            metrics: services.metrics,
            debug: services.debugCalls,
          })
        : []),
      useAwsCallsExtension(),
      useRequestDeadline(),
      // After the deadline's hook, which ends the deadline of every subscription.
      refuseBatchedSubscriptions(),
      varyOnOrigin(),
      documentLimitsPlugin(services.costLimits),
      useCostEstimate(),
      services.openSubscriptions.plugin(),
    ],
    batching: http.batchLimit > 0 ? { limit: http.batchLimit } : false,
    extraParamNames: persisted ? PERSISTED_OPERATION_PARAMS : undefined,
    cors: corsOptions(http.corsOrigins),
    logging: yogaLogger(services.logger),
    // useStrictRequestParsing reads every body the gateway accepts and enforces
    // MAX_REQUEST_BODY_BYTES itself; yoga's own limit would pipe each body through another stream.
    maxRequestBodySize: false,
    // No field takes a file, so multipart bodies are refused like any other unread content type.
    multipart: false,
    // yoga's own check answers any URL that ends in its path with an empty 200; /health is ours.
    healthCheckEndpoint: "/.yoga/health",
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    landingPage: false,
    // Served by serveGraphiQL instead: compressed, with an ETag.
    graphiql: false,
    // GraphQLErrors (every error the gateway means to show) pass through; anything else is
    // reported as "Unexpected error." without its stack.
    maskedErrors: { maskError: maskUnexpectedError, isDev: false },
  });
}
