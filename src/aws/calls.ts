import type { HttpHandlerOptions, MetadataBearer } from "@smithy/types";
import pLimit, { type LimitFunction } from "p-limit";
import { awsError, type ErrorCode, gatewayError } from "../graph/errors.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import type { AwsClients } from "./clients.js";
import { RequestAborted, untilAborted } from "./deadline.js";
import { type AwsCallDescription, SERVICE_NAMES, type ServiceId } from "./services.js";

export type { AwsCallDescription, ServiceId };

/** How a call reaches `client.send(command, options)`: with its request's abort signal. */
export type AwsSend<Output> = (clients: AwsClients, options: HttpHandlerOptions) => Promise<Output>;

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
  ) {}

  async call<Output extends MetadataBearer>(
    description: AwsCallDescription,
    send: AwsSend<Output>,
    log?: AwsCallRecord[],
    signal?: AbortSignal,
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
      const output = await this.limit(service)(() => {
        // A call queued behind the concurrency limit is dropped once its request is gone.
        signal?.throwIfAborted();
        return untilAborted(send(this.clients, { abortSignal: signal }), signal);
      });
      finish("ok", output.$metadata?.attempts ?? 1);
      return output;
    } catch (error) {
      const mapped =
        signal?.aborted && signal.reason instanceof RequestAborted
          ? abortedCallError(signal.reason, description)
          : awsError(error, description);
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

/** What a request's loaders call AWS through: the shared gate plus this request's call log. */
export interface AwsCaller {
  call<Output extends MetadataBearer>(
    description: AwsCallDescription,
    send: AwsSend<Output>,
  ): Promise<Output>;
}

/** The calls of one request: logged when it asked, and abandoned when `signal` fires. */
export function requestCaller(
  gate: AwsCallGate,
  log?: AwsCallRecord[],
  signal?: AbortSignal,
): AwsCaller {
  return { call: (description, send) => gate.call(description, send, log, signal) };
}

function abortedCallError(reason: RequestAborted, call: AwsCallDescription) {
  const where = `${SERVICE_NAMES[call.service]} ${call.operation} (${call.region})`;
  const extensions = { service: call.service, operation: call.operation, region: call.region };
  return reason.why === "deadline"
    ? gatewayError(
        "UPSTREAM_TIMEOUT",
        `${where} had not answered when the request reached its time limit (REQUEST_TIMEOUT_MS, ${reason.timeoutMs} ms); the call was abandoned. The rest of the response is complete; retry this part later.`,
        { ...extensions, timeoutMs: reason.timeoutMs },
      )
    : gatewayError(
        "CANCELLED",
        `${where} was abandoned because the client closed the request.`,
        extensions,
      );
}
