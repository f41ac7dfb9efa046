import type { Tracer } from "@opentelemetry/api";
import type { HttpHandlerOptions, MetadataBearer } from "@smithy/types";
import pLimit, { type LimitFunction } from "p-limit";
import type { CallerBudgets } from "../auth/budgets.js";
import { awsError, type ErrorCode, gatewayError } from "../graph/errors.js";
import type { Logger } from "../observability/logger.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import { type AwsCallEnd, startAwsCallSpan } from "../observability/tracing.js";
import type { AwsCallRate } from "./call-rate.js";
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

/** Who a call is made for: the request's call log, its caller, and its abort signal. */
export interface CallRequest {
  log?: AwsCallRecord[];
  /** Whose per-minute budget the call spends. */
  callerId?: string;
  /** Fires when the request runs out of time or its client leaves. */
  signal?: AbortSignal;
}

export interface AwsCallGateOptions {
  /** Each caller's budget of calls per minute; absent, callers are not limited. */
  budgets?: CallerBudgets;
  /** Calls per second per service and region (AWS_CALLS_PER_SECOND); absent, no rate. */
  rate?: AwsCallRate;
  logger?: Logger;
  /** Set when tracing is on: every call gets a span. */
  tracer?: Tracer;
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
    private readonly options: AwsCallGateOptions = {},
  ) {}

  async call<Output extends MetadataBearer>(
    description: AwsCallDescription,
    send: AwsSend<Output>,
    request: CallRequest = {},
  ): Promise<Output> {
    const { log, callerId, signal } = request;
    // Over budget, the call is never made.
    if (callerId !== undefined) await this.options.budgets?.spend(callerId);
    const started = performance.now();
    const { service, operation } = description;
    const span = this.options.tracer && startAwsCallSpan(this.options.tracer, description);
    const finish = (outcome: AwsCallRecord["outcome"], attempts: number, end: AwsCallEnd) => {
      span?.end(end);
      const durationMs = performance.now() - started;
      this.metrics.awsCalls.inc({ service, operation, outcome });
      this.metrics.awsAttempts.inc({ service, operation }, attempts);
      this.metrics.awsCallDuration.observe({ service, operation }, durationMs / 1000);
      log?.push({ ...description, outcome, attempts, durationMs: Math.round(durationMs) });
    };
    let waitingForRate = this.options.rate;
    try {
      // Waiting for the rate holds no concurrency slot, so other services' calls go on.
      await this.options.rate?.take(`${service}:${description.region}`, signal);
      waitingForRate = undefined;
      const output = await this.limit(service)(() => {
        // A call queued behind the concurrency limit is dropped once its request is gone.
        signal?.throwIfAborted();
        return untilAborted(send(this.clients, { abortSignal: signal }), signal);
      });
      const attempts = output.$metadata?.attempts ?? 1;
      const { requestId, httpStatusCode } = output.$metadata ?? {};
      finish("ok", attempts, { outcome: "ok", attempts, requestId, httpStatusCode });
      return output;
    } catch (error) {
      const mapped =
        signal?.aborted && signal.reason instanceof RequestAborted
          ? abortedCallError(signal.reason, description, waitingForRate)
          : awsError(error, description);
      const code = mapped.extensions.code as ErrorCode;
      const { attempts = 1, requestId, httpStatusCode } = mapped.extensions as Partial<AwsCallEnd>;
      finish(code, attempts, { outcome: code, attempts, requestId, httpStatusCode });
      // What the client sees is deliberately short; the operator gets the cause.
      if (code === "INTERNAL" || code === "UPSTREAM_UNAVAILABLE") {
        this.options.logger?.error(
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

/** What a request's loaders call AWS through: the shared gate, this request's call log and caller. */
export interface AwsCaller {
  call<Output extends MetadataBearer>(
    description: AwsCallDescription,
    send: AwsSend<Output>,
  ): Promise<Output>;
}

/** A request's caller, which also counts the calls it let through. */
export interface RequestAwsCaller extends AwsCaller {
  readonly callsMade: number;
}

/**
 * The AWS calls an HTTP request may make, counted over every operation it carries (a batch runs
 * several, each with its own caller).
 */
export interface CallCap {
  readonly maxCalls: number;
  callsMade: number;
  /** Operations that share the cap; more than one for a batch. */
  readonly operations: number;
}

/** A cap for one caller alone. */
export const callCap = (maxCalls: number): CallCap => ({ maxCalls, callsMade: 0, operations: 1 });

/**
 * The caller of one operation, the only way loaders reach the gate. It refuses regions requests
 * may not call, whichever way the region arrived (argument, ARN, global ID, federation reference).
 * Past the cap of its HTTP request (an estimate cannot foresee every AWS answer: extra pages,
 * batches halved around a missing key) every further call fails with AWS_CALL_LIMIT_REACHED, so
 * the fields that need it error and what was already fetched is still returned.
 */
export function requestCaller(
  gate: AwsCallGate,
  log?: AwsCallRecord[],
  cap: CallCap = callCap(Number.POSITIVE_INFINITY),
  request: Omit<CallRequest, "log"> = {},
): RequestAwsCaller {
  let made = 0;
  return {
    get callsMade() {
      return made;
    },
    async call(description, send) {
      // Before any client is built or hostname resolved.
      gate.clients.regions.check(description.service, description.region);
      if (cap.callsMade >= cap.maxCalls) {
        const who =
          cap.operations > 1
            ? `The ${cap.operations} operations of this batch together reached their request's limit`
            : "This request reached its limit";
        throw gatewayError(
          "AWS_CALL_LIMIT_REACHED",
          `${who} of ${cap.maxCalls} AWS calls (MAX_AWS_CALLS_PER_REQUEST), so ${SERVICE_NAMES[description.service]} ${description.operation} was not called. Ask for fewer items or look-ups, or split the query${cap.operations > 1 ? " over several requests" : ""}.`,
          { limit: cap.maxCalls, service: description.service, operation: description.operation },
        );
      }
      cap.callsMade++;
      made++;
      return gate.call(description, send, { ...request, log });
    },
  };
}

function abortedCallError(
  reason: RequestAborted,
  call: AwsCallDescription,
  waitingForRate?: AwsCallRate,
) {
  const where = `${SERVICE_NAMES[call.service]} ${call.operation} (${call.region})`;
  const extensions = { service: call.service, operation: call.operation, region: call.region };
  const what = waitingForRate
    ? `${where} was still waiting for its turn under AWS_CALLS_PER_SECOND (${waitingForRate.callsPerSecond} per second), unsent,`
    : `${where} had not answered`;
  return reason.why === "deadline"
    ? gatewayError(
        "UPSTREAM_TIMEOUT",
        `${what} when the request reached its time limit (REQUEST_TIMEOUT_MS, ${reason.timeoutMs} ms); the call was abandoned. The rest of the response is complete; retry this part later.`,
        { ...extensions, timeoutMs: reason.timeoutMs },
      )
    : gatewayError(
        "CANCELLED",
        `${where} was abandoned because the client closed the request.`,
        extensions,
      );
}
