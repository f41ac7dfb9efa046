import type { MetadataBearer } from "@smithy/types";
import pLimit, { type LimitFunction } from "p-limit";
import type { CallerBudgets } from "../auth/budgets.js";
import { awsError, type ErrorCode } from "../graph/errors.js";
import type { GatewayMetrics } from "../observability/metrics.js";
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
 * process (so one large query cannot trigger throttling on its own), each caller's budget of
 * calls per minute, metrics, and the error mapping. Loaders decide which calls to make; this
 * decides how.
 */
export class AwsCallGate {
  private readonly limits = new Map<ServiceId, LimitFunction>();

  constructor(
    readonly clients: AwsClients,
    private readonly maxConcurrency: number,
    private readonly metrics: GatewayMetrics,
    private readonly budgets?: CallerBudgets,
  ) {}

  async call<Output extends MetadataBearer>(
    description: AwsCallDescription,
    send: (clients: AwsClients) => Promise<Output>,
    log?: AwsCallRecord[],
    callerId?: string,
  ): Promise<Output> {
    // Over budget, the call is never made.
    if (callerId !== undefined) await this.budgets?.spend(callerId);
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
      const mapped = awsError(error, description);
      const code = mapped.extensions.code as ErrorCode;
      finish(code, Number(mapped.extensions.attempts ?? 1));
      // What the client sees is deliberately short; the operator gets the cause.
      if (code === "INTERNAL" || code === "UPSTREAM_UNAVAILABLE") {
        console.error(
          `${SERVICE_NAMES[service]} ${operation} (${description.region}) failed:`,
          error instanceof Error ? `${error.name}: ${error.message}` : error,
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

/** What a request's loaders call AWS through: the shared gate, this request's call log and caller. */
export interface AwsCaller {
  call<Output extends MetadataBearer>(
    description: AwsCallDescription,
    send: (clients: AwsClients) => Promise<Output>,
  ): Promise<Output>;
}

export function requestCaller(
  gate: AwsCallGate,
  log?: AwsCallRecord[],
  callerId?: string,
): AwsCaller {
  return { call: (description, send) => gate.call(description, send, log, callerId) };
}
