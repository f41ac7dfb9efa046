import { createAppStreamLoaders } from "./appstream/loaders.js";
import type { LoaderMode } from "./aws/call-loader.js";
import {
  type AwsCaller,
  type AwsCallGate,
  type AwsCallRecord,
  requestCaller,
} from "./aws/calls.js";
import type { AwsClients } from "./aws/clients.js";
import { type CacheTtls, ResponseTtl } from "./cache/policy.js";
import type { PagingLimits } from "./graph/connections.js";
import type { CursorCodec } from "./graph/cursor.js";
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
  /** How long answers may be cached, by the state they show (used with RESPONSE_CACHE on). */
  cacheTtls: CacheTtls;
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
  /** How long this request's answer may be cached: the shortest any of its AWS calls allows. */
  responseTtl: ResponseTtl;
}

export const DEBUG_HEADER = "x-gateway-debug";

export function createContext(services: GatewayServices, request?: Request): GatewayContext {
  const wantsCalls =
    services.debugCalls && request?.headers.get(DEBUG_HEADER)?.split(",").includes("calls");
  const awsCalls: AwsCallRecord[] | undefined = wantsCalls ? [] : undefined;
  const responseTtl = new ResponseTtl(services.cacheTtls);
  const aws = observedBy(requestCaller(services.gate, awsCalls), responseTtl);
  return {
    ...services,
    aws,
    awsCalls,
    responseTtl,
    loaders: {
      imageBuilder: createImageBuilderLoaders(aws, services.loaderMode),
      medicalImaging: createMedicalImagingLoaders(aws, services.loaderMode),
      appStream: createAppStreamLoaders(aws, services.loaderMode),
    },
  };
}

/** Every answer AWS gives this request also tells the response cache how long it stays true. */
function observedBy(caller: AwsCaller, ttl: ResponseTtl): AwsCaller {
  return {
    call: async (description, send) => {
      const output = await caller.call(description, send);
      ttl.observe(description.operation, output);
      return output;
    },
  };
}
