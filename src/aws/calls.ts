import pLimit, { type LimitFunction } from "p-limit";
import { awsError, type ErrorCode } from "../graph/errors.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import type { AwsClients } from "./clients.js";

export type ServiceId = "imagebuilder" | "medical-imaging" | "appstream";

const SERVICE_NAMES: Record<ServiceId, string> = {
  imagebuilder: "EC2 Image Builder",
  "medical-imaging": "AWS HealthImaging",
  appstream: "Amazon AppStream 2.0",
};

export interface AwsCallDescription {
  service: ServiceId;
  operation: string;
  region: string;
}

/** One AWS call as the debug extension reports it. */
export interface AwsCallRecord extends AwsCallDescription {
  outcome: "ok" | ErrorCode;
  attempts: number;
  durationMs: number;
}

interface SdkOutput {
  $metadata?: { attempts?: number };
}

/**
 * The one door every AWS call goes through: a per-service concurrency limit shared by the whole
 * process (so one large query cannot trigger throttling on its own), metrics, and the error
 * mapping. Loaders decide which calls to make; this decides how.
 */
export class AwsCallGate {
  private readonly limits = new Map<ServiceId, LimitFunction>();

  constructor(
    readonly clients: AwsClients,
    private readonly maxConcurrency: number,
    private readonly metrics: GatewayMetrics,
  ) {}

  async call<Output extends SdkOutput>(
    description: AwsCallDescription,
    send: (clients: AwsClients) => Promise<Output>,
    log?: AwsCallRecord[],
  ): Promise<Output> {
    const started = performance.now();
    const { service, operation } = description;
    const finish = (outcome: AwsCallRecord["outcome"], attempts: number) => {
      const durationMs = performance.now() - started;
      this.metrics.awsCalls.inc({ service, operation, outcome });
      this.metrics.awsAttempts.inc({ service, operation }, attempts);
      this.metrics.awsCallDuration.observe({ service, operation }, durationMs / 1000);
      log?.push({ ...description, outcome, attempts, durationMs: Math.round(durationMs) });
    };
    try {
      const output = await this.limit(service)(() => send(this.clients));
      finish("ok", output.$metadata?.attempts ?? 1);
      return output;
    } catch (error) {
      const mapped = awsError(error, { ...description, service: SERVICE_NAMES[service] });
      const attempts = Number(mapped.extensions.attempts ?? 1);
      finish(mapped.extensions.code as ErrorCode, attempts);
      throw mapped;
    }
  }

  private limit(service: ServiceId): LimitFunction {
    let limit = this.limits.get(service);
    if (!limit) {
      limit = pLimit(this.maxConcurrency);
      this.limits.set(service, limit);
    }
    return limit;
  }
}

/** What a request's loaders call AWS through: the shared gate plus this request's call log. */
export interface AwsCaller {
  call<Output extends SdkOutput>(
    description: AwsCallDescription,
    send: (clients: AwsClients) => Promise<Output>,
  ): Promise<Output>;
}

export function requestCaller(gate: AwsCallGate, log?: AwsCallRecord[]): AwsCaller {
  return { call: (description, send) => gate.call(description, send, log) };
}
