import type { Tracer } from "@opentelemetry/api";
import type { HttpHandlerOptions, MetadataBearer } from "@smithy/types";
import { GraphQLError } from "graphql";
import pLimit, { type LimitFunction } from "p-limit";
import stringify from "safe-stable-stringify";
import type { CallerBudgets } from "../auth/budgets.js";
import { awsError, awsErrorCode, type ErrorCode, gatewayError } from "../graph/errors.js";
import type { Logger } from "../observability/logger.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import { type AwsCallEnd, startAwsCallSpan } from "../observability/tracing.js";
import type { StsCallObserver } from "./accounts.js";
import type { AwsCallRate } from "./call-rate.js";
import type { AwsClients } from "./clients.js";
import { CallCoalescer, type Joined, type SharedWork } from "./coalesce.js";
import { RequestAborted, untilAborted } from "./deadline.js";
import {
  type AwsCallDescription,
  type CredentialCallDescription,
  SERVICE_NAMES,
  type ServiceId,
} from "./services.js";

export type { AwsCallDescription, ServiceId };

/**
 * How a call reaches `client.send(command, options)`: with its input (which identical calls are
 * recognised by) and the abort signal of whoever still waits for it.
 */
export type AwsSend<Input, Output> = (
  clients: AwsClients,
  input: Input,
  options: HttpHandlerOptions,
) => Promise<Output>;

/** One AWS call as the debug extension reports it. */
export interface AwsCallRecord extends AwsCallDescription {
  outcome: "ok" | ErrorCode;
  attempts: number;
  durationMs: number;
  /** Answered by an identical call another request already had in flight: AWS was not called. */
  shared?: true;
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
  /** Whether identical reads in flight at once are made once (AWS_COALESCE_CALLS); default on. */
  coalesce?: boolean;
  logger?: Logger;
  /** Set when tracing is on: every call gets a span. */
  tracer?: Tracer;
}

/** Operations that only read, by AWS's naming: the only ones identical calls may share. */
const READ_OPERATION = /^(Get|List|Describe|Search|BatchGet)[A-Z]/;

/** A call sent to AWS, which every request waiting for it shares. */
interface SentCall<Output> extends SharedWork<Output> {
  /** Still waiting for its turn under AWS_CALLS_PER_SECOND, unsent. */
  waitingForRate: boolean;
}

/**
 * The one door every AWS call goes through: a per-service concurrency limit shared by the whole
 * process (so one large query cannot trigger throttling on its own), each caller's budget of
 * calls per minute, the AWS call rate, metrics, and the error mapping. Identical reads in flight
 * at the same moment (operation, input, region and account) are sent once and shared by every
 * request waiting for them, whoever sent those requests: AWS's answer does not depend on the
 * GraphQL caller, whose scopes are checked before any call. Writes are never shared. Loaders
 * decide which calls to make; this decides how.
 *
 * A shared answer is the same object for every request: nothing may modify an AWS output.
 */
export class AwsCallGate {
  private readonly limits = new Map<ServiceId, LimitFunction>();
  private readonly coalescer = new CallCoalescer();
  private readonly coalesce: boolean;

  constructor(
    readonly clients: AwsClients,
    private readonly maxConcurrency: number,
    private readonly metrics: GatewayMetrics,
    private readonly options: AwsCallGateOptions = {},
  ) {
    this.coalesce = options.coalesce ?? true;
  }

  /** Distinct AWS calls in flight that requests can share right now. */
  get sharableCallsInFlight(): number {
    return this.coalescer.size;
  }

  async call<Input extends object, Output extends MetadataBearer>(
    description: AwsCallDescription,
    input: Input,
    send: AwsSend<Input, Output>,
    request: CallRequest = {},
  ): Promise<Output> {
    const { log, callerId, signal } = request;
    const started = performance.now();
    // Over budget, the call is never made. A request spends its budget whether or not its call
    // is shared: what a caller may ask for does not depend on who else is asking.
    if (callerId !== undefined) await this.options.budgets?.spend(callerId);
    const { service, operation } = description;
    let joined: Joined<SentCall<Output>> | undefined;
    const record = (outcome: AwsCallRecord["outcome"], attempts: number) => {
      const durationMs = Math.round(performance.now() - started);
      log?.push(
        joined?.shared
          ? { ...description, outcome, attempts, durationMs, shared: true }
          : { ...description, outcome, attempts, durationMs },
      );
    };
    try {
      signal?.throwIfAborted();
      joined = this.coalescer.join(
        this.sharingKey(description, input),
        (sharedSignal): SentCall<Output> => this.send(description, input, send, sharedSignal),
        signal,
      );
      if (joined.shared) this.metrics.awsCallsCoalesced.inc({ service, operation });
      const output = await joined.result;
      record("ok", output.$metadata?.attempts ?? 1);
      return output;
    } catch (error) {
      // Leaving early is this request's own outcome; a shared call goes on for the others.
      const mapped =
        signal?.aborted && signal.reason instanceof RequestAborted
          ? abortedCallError(
              signal.reason,
              description,
              (joined?.work.waitingForRate ?? true) ? this.options.rate : undefined,
            )
          : awsError(error, description);
      const { attempts = 1 } = mapped.extensions as Partial<AwsCallEnd>;
      record(mapped.extensions.code as ErrorCode, attempts);
      // Each response gets an error object of its own.
      throw joined?.shared
        ? new GraphQLError(mapped.message, { extensions: { ...mapped.extensions } })
        : mapped;
    }
  }

  /** Identical reads share one key; writes and calls with coalescing off get none. */
  private sharingKey(description: AwsCallDescription, input: object): string | undefined {
    if (!this.coalesce || !READ_OPERATION.test(description.operation)) return undefined;
    const { service, operation, region, account } = description;
    const identity = this.clients.credentialsKey(account);
    return `${identity}\0${service}\0${region}\0${operation}\0${stringify(input)}`;
  }

  /** Sends one call to AWS for whoever waits for it; `signal` fires when nobody does any more. */
  private send<Input extends object, Output extends MetadataBearer>(
    description: AwsCallDescription,
    input: Input,
    send: AwsSend<Input, Output>,
    signal: AbortSignal,
  ): SentCall<Output> {
    const { rate } = this.options;
    const sent = { waitingForRate: rate !== undefined };
    const result = (async () => {
      const finish = this.started(description);
      const { service } = description;
      try {
        // Waiting for the rate holds no concurrency slot, so other services' calls go on.
        if (rate) await rate.take(`${service}:${description.region}`, signal);
        sent.waitingForRate = false;
        const output = await this.limit(service)(() => {
          // A call queued behind the concurrency limit is dropped once nobody waits for it.
          signal.throwIfAborted();
          return untilAborted(send(this.clients, input, { abortSignal: signal }), signal);
        });
        const attempts = output.$metadata?.attempts ?? 1;
        const { requestId, httpStatusCode } = output.$metadata ?? {};
        finish({ outcome: "ok", attempts, requestId, httpStatusCode });
        return output;
      } catch (error) {
        const mapped =
          signal.aborted && signal.reason instanceof RequestAborted
            ? abortedCallError(signal.reason, description, sent.waitingForRate ? rate : undefined)
            : awsError(error, description);
        const code = mapped.extensions.code as ErrorCode;
        const {
          attempts = 1,
          requestId,
          httpStatusCode,
        } = mapped.extensions as Partial<AwsCallEnd>;
        finish({ outcome: code, attempts, requestId, httpStatusCode }, error);
        throw mapped;
      }
    })();
    return Object.assign(sent, { result });
  }

  /**
   * Counts, traces and logs the STS calls behind the accounts' credentials (AssumeRole when an
   * account's role credentials near expiry, GetCallerIdentity once) like every other call, under
   * service `sts`. They do not pass call(): one credential refresh serves every request of its
   * account until the credentials near expiry, so charging it to whichever request happened to
   * need it first (its caller's budget, its MAX_AWS_CALLS_PER_REQUEST, its debug log) would make
   * what a request may do depend on timing, and that request leaving must not cancel it for the
   * others. Its span still joins the trace of the request that needed it (the active context).
   */
  readonly observeStsCall: StsCallObserver = (call) => {
    const finish = this.started(call);
    return (end) => {
      if ("output" in end) {
        const { attempts = 1, requestId, httpStatusCode } = end.output.$metadata ?? {};
        finish({ outcome: "ok", attempts, requestId, httpStatusCode });
        return;
      }
      const {
        attempts = 1,
        requestId,
        httpStatusCode,
      } = (end.error as Partial<MetadataBearer> | undefined)?.$metadata ?? {};
      const outcome = awsErrorCode(end.error);
      finish({ outcome, attempts, requestId, httpStatusCode }, end.error);
    };
  };

  /**
   * Starts timing (and tracing) a call sent to AWS; what it returns records how the call ended:
   * metrics, span, and a log line for the failures the operator must look into.
   */
  private started(call: AwsCallDescription | CredentialCallDescription) {
    const begun = performance.now();
    const { service, operation } = call;
    const span = this.options.tracer && startAwsCallSpan(this.options.tracer, call);
    return (end: AwsCallEnd, error?: unknown) => {
      span?.end(end);
      const { outcome, attempts, requestId } = end;
      this.metrics.awsCalls.inc({ service, operation, outcome });
      this.metrics.awsAttempts.inc({ service, operation }, attempts);
      this.metrics.awsCallDuration.observe(
        { service, operation },
        (performance.now() - begun) / 1000,
      );
      // What the client sees is deliberately short; the operator gets the cause.
      if (outcome === "INTERNAL" || outcome === "UPSTREAM_UNAVAILABLE") {
        const name = service === "sts" ? "AWS STS" : SERVICE_NAMES[service];
        this.options.logger?.error(
          { ...call, code: outcome, attempts, requestId, err: error },
          `${name} ${operation} failed`,
        );
      }
    };
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
  call<Input extends object, Output extends MetadataBearer>(
    description: AwsCallDescription,
    input: Input,
    send: AwsSend<Input, Output>,
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
    async call(description, input, send) {
      // Before any client is built or hostname resolved.
      gate.clients.regions.check(description.service, description.region);
      const account = description.account;
      if (account !== undefined && !gate.clients.hasAccount(account)) {
        throw gatewayError(
          "BAD_USER_INPUT",
          `No account named ${account} is configured (AWS_ACCOUNTS), so ${SERVICE_NAMES[description.service]} ${description.operation} was not called.`,
          { account },
        );
      }
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
      // Shared or not, each call counts against the request's own cap: what a request may do
      // does not depend on what other requests happen to be asking at the same moment.
      cap.callsMade++;
      made++;
      return gate.call(description, input, send, { ...request, log });
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
