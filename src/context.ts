import { createAppStreamLoaders } from "./appstream/loaders.js";
import type { LoaderMode } from "./aws/call-loader.js";
import {
  type AwsCaller,
  type AwsCallGate,
  type AwsCallRecord,
  requestCaller,
} from "./aws/calls.js";
import type { AwsClients } from "./aws/clients.js";
import type { PagingLimits } from "./graph/connections.js";
import type { CursorCodec } from "./graph/cursor.js";
import type { PollingLimits } from "./image-builder/build-progress.js";
import { createImageBuilderLoaders } from "./image-builder/loaders.js";
import { createMedicalImagingLoaders } from "./medical-imaging/loaders.js";
import type { GatewayMetrics } from "./observability/metrics.js";

/** What lives as long as the process: SDK clients, the call gate, cursor keys, limits. */
export interface GatewayServices {
  clients: AwsClients;
  gate: AwsCallGate;
  metrics: GatewayMetrics;
  cursors: CursorCodec;
  paging: PagingLimits;
  /** Whether `x-gateway-debug: calls` may list a request's AWS calls in its response. */
  debugCalls: boolean;
  loaderMode: LoaderMode;
  /** How subscriptions poll a build's progress. */
  buildProgressPolling: PollingLimits;
}

/** Per-request loaders, so identical AWS calls within one GraphQL request run once. */
export interface RequestLoaders {
  imageBuilder: ReturnType<typeof createImageBuilderLoaders>;
  medicalImaging: ReturnType<typeof createMedicalImagingLoaders>;
  appStream: ReturnType<typeof createAppStreamLoaders>;
}

export interface GatewayContext extends GatewayServices {
  aws: AwsCaller;
  loaders: RequestLoaders;
  /** This request's AWS calls, kept when the request asked for them. */
  awsCalls?: AwsCallRecord[];
}

export const DEBUG_HEADER = "x-gateway-debug";

export function createContext(services: GatewayServices, request?: Request): GatewayContext {
  const wantsCalls =
    services.debugCalls && request?.headers.get(DEBUG_HEADER)?.split(",").includes("calls");
  const awsCalls: AwsCallRecord[] | undefined = wantsCalls ? [] : undefined;
  const aws = requestCaller(services.gate, awsCalls);
  return { ...services, aws, awsCalls, loaders: createRequestLoaders(aws, services.loaderMode) };
}

/** Fresh loaders: one set per request, and per event of a subscription, so nothing goes stale. */
export function createRequestLoaders(aws: AwsCaller, mode: LoaderMode): RequestLoaders {
  return {
    imageBuilder: createImageBuilderLoaders(aws, mode),
    medicalImaging: createMedicalImagingLoaders(aws, mode),
    appStream: createAppStreamLoaders(aws, mode),
  };
}
