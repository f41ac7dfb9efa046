import type { GraphQLError } from "graphql";
import { createAppStreamLoaders } from "./appstream/loaders.js";
import type { Authenticator } from "./auth/authentication.js";
import type { Caller } from "./auth/scopes.js";
import type { LoaderMode } from "./aws/call-loader.js";
import {
  type AwsCaller,
  type AwsCallGate,
  type AwsCallRecord,
  type RequestAwsCaller,
  requestCaller,
} from "./aws/calls.js";
import type { AwsClients } from "./aws/clients.js";
import { RequestDeadline } from "./aws/deadline.js";
import { type CacheTtls, isCacheNeutral, ResponseTtl } from "./cache/policy.js";
import type { CostLimits } from "./cost/limits.js";
import { joinAllowance, type RequestAllowance } from "./cost/request-allowance.js";
import type { PagingLimits } from "./graph/connections.js";
import type { CursorCodec } from "./graph/cursor.js";
import type { AutomaticPersistedQueries } from "./http/automatic-persisted-queries.js";
import type { ClientAddresses } from "./http/client-address.js";
import type { OpenSubscriptions } from "./http/open-subscriptions.js";
import type { PollingLimits } from "./image-builder/build-progress.js";
import type { BuildProgressFleet } from "./image-builder/build-progress-fleet.js";
import { createImageBuilderLoaders } from "./image-builder/loaders.js";
import { createMedicalImagingLoaders } from "./medical-imaging/loaders.js";
import type { Logger } from "./observability/logger.js";
import type { GatewayMetrics } from "./observability/metrics.js";
import type { Readiness } from "./observability/readiness.js";
import type { Tracing } from "./observability/tracing.js";

/** What lives as long as the process: SDK clients, the call gate, cursor keys, limits. */
export interface GatewayServices {
  /** Who may call: token verification, or none (and the scope names tokens must carry). */
  auth: Authenticator;
  /** Who sent a request: the peer, or the client a trusted proxy names (TRUSTED_PROXIES). */
  clientAddresses: ClientAddresses;
  clients: AwsClients;
  gate: AwsCallGate;
  metrics: GatewayMetrics;
  cursors: CursorCodec;
  paging: PagingLimits;
  costLimits: CostLimits;
  /** REQUEST_TIMEOUT_MS: how long one GraphQL request may wait on AWS. */
  requestTimeoutMs: number;
  /** Whether `x-gateway-debug: calls` may list a request's AWS calls in its response. */
  debugCalls: boolean;
  loaderMode: LoaderMode;
  logger: Logger;
  /** What `/ready` reports; draining once shutdown has begun. */
  readiness: Readiness;
  /** Present when tracing is on. */
  tracing?: Tracing;
  /** Documents registered by automatic persisted queries, over HTTP and graphql-ws alike. */
  automaticPersistedQueries: AutomaticPersistedQueries;
  /** Every subscription being served, limited per caller and ended on shutdown. */
  openSubscriptions: OpenSubscriptions;
  /** How subscriptions poll a build's progress. */
  buildProgressPolling: PollingLimits;
  /** With Redis: one poll loop per build for the whole fleet, its events shared through Redis. */
  buildProgressFleet?: BuildProgressFleet;
  /** How long answers may be cached, by the state they show (used with RESPONSE_CACHE on). */
  cacheTtls: CacheTtls;
  /** AWS_IGNORE_ACCESS_DENIED: merged lists leave access-denied partitions out silently. */
  ignoreAccessDenied: boolean;
}

/** Per-request loaders, so identical AWS calls within one GraphQL request run once. */
export interface RequestLoaders {
  imageBuilder: ReturnType<typeof createImageBuilderLoaders>;
  medicalImaging: ReturnType<typeof createMedicalImagingLoaders>;
  appStream: ReturnType<typeof createAppStreamLoaders>;
}

export interface GatewayContext extends GatewayServices {
  /** Who sent this request and what it may do; scope-auth checks fields against it. */
  caller: Caller;
  aws: RequestAwsCaller;
  /** AWS calls the operation was estimated to cost before it ran (set by the cost plugin). */
  estimatedAwsCalls?: number;
  /** What its HTTP request may still spend, shared with the other operations of a batch. */
  allowance: RequestAllowance;
  loaders: RequestLoaders;
  /** This request's AWS calls, for its log line (and its response, when it asked for them). */
  awsCalls: AwsCallRecord[];
  /** Whether the response lists `awsCalls` in its extensions (`x-gateway-debug: calls`). */
  showAwsCalls: boolean;
  /** Fires when the request runs out of time or its client leaves; aborts its AWS calls. */
  deadline: RequestDeadline;
  /** How long this request's answer may be cached: the shortest any of its AWS calls allows. */
  responseTtl: ResponseTtl;
  /**
   * Errors of the (account, region) partitions merged lists left out; the response carries them
   * beside the data (see usePartitionErrors).
   */
  partitionErrors: GraphQLError[];
}

export const DEBUG_HEADER = "x-gateway-debug";

export function createContext(services: GatewayServices, request?: Request): GatewayContext {
  const showAwsCalls = Boolean(
    services.debugCalls && request?.headers.get(DEBUG_HEADER)?.split(",").includes("calls"),
  );
  const awsCalls: AwsCallRecord[] = [];
  const caller = services.auth.callerOf(request);
  const deadline = new RequestDeadline(services.requestTimeoutMs, request?.signal);
  const responseTtl = new ResponseTtl(services.cacheTtls);
  const allowance = joinAllowance(request, services.costLimits);
  const aws = observedBy(
    requestCaller(services.gate, awsCalls, allowance, {
      callerId: caller.id,
      signal: deadline.signal,
    }),
    responseTtl,
  );
  return {
    ...services,
    caller,
    allowance,
    aws,
    awsCalls,
    showAwsCalls,
    deadline,
    responseTtl,
    partitionErrors: [],
    loaders: createRequestLoaders(aws, services.loaderMode, services.paging.maxPagesPerWalk),
  };
}

/** Fresh loaders: one set per request, and per event of a subscription, so nothing goes stale. */
export function createRequestLoaders(
  aws: AwsCaller,
  mode: LoaderMode,
  maxPagesPerWalk: number,
): RequestLoaders {
  return {
    imageBuilder: createImageBuilderLoaders(aws, mode),
    medicalImaging: createMedicalImagingLoaders(aws, mode),
    appStream: createAppStreamLoaders(aws, mode, maxPagesPerWalk),
  };
}

/** Every answer AWS gives this request also tells the response cache how long it stays true. */
function observedBy(caller: RequestAwsCaller, ttl: ResponseTtl): RequestAwsCaller {
  return {
    get callsMade() {
      return caller.callsMade;
    },
    call: async (description, input, send) => {
      const output = await caller.call(description, input, send);
      if (!isCacheNeutral(description)) ttl.observe(description.operation, output);
      return output;
    },
  };
}
