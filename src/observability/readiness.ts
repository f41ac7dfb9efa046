import { DescribeImagesCommand } from "@aws-sdk/client-appstream";
import { ListWorkflowStepExecutionsCommand } from "@aws-sdk/client-imagebuilder";
import { ListImageSetVersionsCommand } from "@aws-sdk/client-medical-imaging";
import type { AwsClients } from "../aws/clients.js";
import type { ServiceId } from "../aws/services.js";
import { awsError, type ErrorCode } from "../graph/errors.js";
import { capText } from "./logger.js";

/** One check of the readiness report. */
export interface CheckResult {
  ok: boolean;
  /** What is wrong, when not ok: actionable, never a secret. */
  error?: string;
  code?: string;
  checkedAt?: string;
  /** The result is a recent success reused instead of a new call (READY_CACHE_MS). */
  cached?: boolean;
}

export interface ReadinessReport {
  status: "ready" | "not ready" | "draining";
  checks: Record<string, CheckResult>;
}

/**
 * Whether the AWS credentials resolve, asking the SDK client's own provider chain. Kept small
 * and separate so a fuller credential report can take its place.
 */
export async function credentialStatus(clients: AwsClients): Promise<CheckResult> {
  try {
    await clients.appStream(clients.defaultRegion).config.credentials();
    return { ok: true };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, error: capText(message, 500) };
  }
}

// One cheap signed read per service, of an operation the gateway needs anyway (so its IAM policy
// allows it). The ids are well-formed but exist nowhere: "not found" proves the service was
// reached and accepted the signature just as well as data would.
const PROBES: Record<
  ServiceId,
  (clients: AwsClients, region: string, signal: AbortSignal) => Promise<unknown>
> = {
  imagebuilder: (clients, region, abortSignal) =>
    clients.imageBuilder(region).send(
      new ListWorkflowStepExecutionsCommand({
        workflowExecutionId: "wf-00000000-0000-0000-0000-000000000000",
        maxResults: 1,
      }),
      { abortSignal },
    ),
  "medical-imaging": (clients, region, abortSignal) =>
    clients.medicalImaging(region).send(
      new ListImageSetVersionsCommand({
        datastoreId: "0".repeat(32),
        imageSetId: "0".repeat(32),
        maxResults: 1,
      }),
      { abortSignal },
    ),
  appstream: (clients, region, abortSignal) =>
    clients.appStream(region).send(new DescribeImagesCommand({ Type: "PRIVATE", MaxResults: 1 }), {
      abortSignal,
    }),
};

const PROBE_OPERATIONS: Record<ServiceId, string> = {
  imagebuilder: "ListWorkflowStepExecutions",
  "medical-imaging": "ListImageSetVersions",
  appstream: "DescribeImages",
};

/** Answers that prove the service was reached with a signature it accepted. */
const REACHED: ReadonlySet<ErrorCode> = new Set(["NOT_FOUND", "BAD_USER_INPUT", "THROTTLED"]);

export interface ReadinessOptions {
  clients: AwsClients;
  regions: readonly string[];
  cacheMs: number;
  timeoutMs: number;
  credentials?: (clients: AwsClients) => Promise<CheckResult>;
}

/**
 * `/ready`: the configuration was valid (the process would not run otherwise), credentials
 * resolve, and each service answers a signed call in each region, or did within `cacheMs`.
 * Concurrent requests share one round of checks; while the process drains it is not ready.
 */
export class Readiness {
  private draining = false;
  private readonly recentChecks = new Map<string, { at: number; result: CheckResult }>();
  private round?: Promise<ReadinessReport>;

  constructor(private readonly options: ReadinessOptions) {}

  /** From now on /ready answers not ready, so load balancers send no more requests. */
  startDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  report(): Promise<ReadinessReport> {
    if (this.draining) return Promise.resolve({ status: "draining", checks: {} });
    this.round ??= this.check().finally(() => {
      this.round = undefined;
    });
    return this.round;
  }

  private async check(): Promise<ReadinessReport> {
    const { clients, regions } = this.options;
    const credentials = await (this.options.credentials ?? credentialStatus)(clients);
    const checks: Record<string, CheckResult> = { configuration: { ok: true }, credentials };
    const services = Object.keys(PROBES) as ServiceId[];
    const results = await Promise.all(
      services.flatMap((service) =>
        regions.map(
          async (region) => [`${service}:${region}`, await this.probe(service, region)] as const,
        ),
      ),
    );
    for (const [name, result] of results) checks[name] = result;
    const ready = Object.values(checks).every((check) => check.ok);
    return { status: ready ? "ready" : "not ready", checks };
  }

  private async probe(service: ServiceId, region: string): Promise<CheckResult> {
    const key = `${service}:${region}`;
    const now = Date.now();
    const recent = this.recentChecks.get(key);
    // Failures are kept too, for a shorter while: /ready needs no token, and polling it must not
    // add calls to an AWS that is already failing or throttling.
    const keepMs = recent?.result.ok ? this.options.cacheMs : Math.min(this.options.cacheMs, 1_000);
    if (recent && now - recent.at < keepMs) return { ...recent.result, cached: true };
    const checkedAt = new Date(now).toISOString();
    let result: CheckResult;
    try {
      await PROBES[service](
        this.options.clients,
        region,
        AbortSignal.timeout(this.options.timeoutMs),
      );
      result = { ok: true, checkedAt };
    } catch (error) {
      if (
        error instanceof Error &&
        (error.name === "AbortError" || error.name === "TimeoutError")
      ) {
        result = {
          ok: false,
          code: "UPSTREAM_UNAVAILABLE",
          error: `No answer within ${this.options.timeoutMs} ms (READY_TIMEOUT_MS).`,
          checkedAt,
        };
      } else {
        const mapped = awsError(error, { service, operation: PROBE_OPERATIONS[service], region });
        const code = String(mapped.extensions.code);
        result = REACHED.has(code as ErrorCode)
          ? { ok: true, checkedAt }
          : { ok: false, code, error: capText(mapped.message, 500), checkedAt };
      }
    }
    this.recentChecks.set(key, { at: now, result });
    return result;
  }
}
