import type { Tracer } from "@opentelemetry/api";
import type { MetadataBearer } from "@smithy/types";
import pLimit, { type LimitFunction } from "p-limit";
import { awsError, type ErrorCode } from "../graph/errors.js";
import type { Logger } from "../observability/logger.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import { type AwsCallEnd, startAwsCallSpan } from "../observability/tracing.js";
import type { AwsClients } from "./clients.js";
import { type AwsCallDescription, SERVICE_NAMES, type ServiceId } from "./services.js";

export type { AwsCallDescription, ServiceId };

/** One AWS call as the debug extension reports it. */
export interface AwsCallRecord extends AwsCallDescription {
  outcome: "ok" | ErrorCode;
  attempts: number;
  durationMs: number;
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
    private readonly telemetry: { logger?: Logger; tracer?: Tracer } = {},
  ) {}

  async call<Output extends MetadataBearer>(
    description: AwsCallDescription,
    send: (clients: AwsClients) => Promise<Output>,
    log?: AwsCallRecord[],
  ): Promise<Output> {
    const started = performance.now();
    const { service, operation } = description;
    const span = this.telemetry.tracer && startAwsCallSpan(this.telemetry.tracer, description);
    const finish = (outcome: AwsCallRecord["outcome"], attempts: number, end: AwsCallEnd) => {
      span?.end(end);
      const durationMs = performance.now() - started;
      this.metrics.awsCalls.inc({ service, operation, outcome });
      this.metrics.awsAttempts.inc({ service, operation }, attempts);
      this.metrics.awsCallDuration.observe({ service, operation }, durationMs / 1000);
      log?.push({ ...description, outcome, attempts, durationMs: Math.round(durationMs) });
    };
    try {
      const output = await this.limit(service)(() => send(this.clients));
      const attempts = output.$metadata?.attempts ?? 1;
      const { requestId, httpStatusCode } = output.$metadata ?? {};
      finish("ok", attempts, { outcome: "ok", attempts, requestId, httpStatusCode });
      return output;
    } catch (error) {
      const mapped = awsError(error, description);
      const code = mapped.extensions.code as ErrorCode;
      const { attempts = 1, requestId, httpStatusCode } = mapped.extensions as Partial<AwsCallEnd>;
      finish(code, attempts, { outcome: code, attempts, requestId, httpStatusCode });
      // What the client sees is deliberately short; the operator gets the cause.
      if (code === "INTERNAL" || code === "UPSTREAM_UNAVAILABLE") {
        this.telemetry.logger?.error(
          { ...description, code, attempts, requestId, err: error },
          `${SERVICE_NAMES[service]} ${operation} failed`,
        );
      }
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
  call<Output extends MetadataBearer>(
    description: AwsCallDescription,
    send: (clients: AwsClients) => Promise<Output>,
  ): Promise<Output>;
}

export function requestCaller(gate: AwsCallGate, log?: AwsCallRecord[]): AwsCaller {
  return { call: (description, send) => gate.call(description, send, log) };
}
