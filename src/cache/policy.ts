import {
  type GetImageResponse,
  type GetWorkflowStepExecutionResponse,
  ImageScanStatus,
  ImageStatus,
  type ListImagePackagesResponse,
  type ListWorkflowStepExecutionsResponse,
  WorkflowStepExecutionStatus as Status,
} from "@aws-sdk/client-imagebuilder";
import type { AwsCallDescription } from "../aws/services.js";

/** How long answers may be kept: final data long, changing data short. */
export interface CacheTtls {
  longMs: number;
  shortMs: number;
}

// Image Builder's terminal step states; PENDING and RUNNING still change.
const FINISHED_STEP = new Set<string>([
  Status.COMPLETED,
  Status.SKIPPED,
  Status.FAILED,
  Status.CANCELLED,
]);

// Image Builder's final image states: nothing changes a build in them by itself.
const FINISHED_IMAGE = new Set<string>([
  ImageStatus.AVAILABLE,
  ImageStatus.FAILED,
  ImageStatus.CANCELLED,
  ImageStatus.DEPRECATED,
  ImageStatus.DELETED,
  ImageStatus.DISABLED,
]);

const SCAN_RUNNING = new Set<string>([
  ImageScanStatus.PENDING,
  ImageScanStatus.SCANNING,
  ImageScanStatus.COLLECTING,
]);

function stepFinished(step: { status?: string; rollbackStatus?: string }): boolean {
  return FINISHED_STEP.has(step.status ?? "") && step.rollbackStatus !== "RUNNING";
}

/**
 * How long the answer of one AWS call stays true, judged by the state it shows, not by its type.
 * A response is kept as long as the shortest of its calls allows. Operations without a rule here
 * (new ones included) count as changing data.
 */
export function callTtlMs(operation: string, output: unknown, ttls: CacheTtls): number {
  switch (operation) {
    case "ListImagePackages": {
      // Systems Manager Inventory records the packages once, when the build collects them; a
      // build whose list is still empty may be in progress.
      const { imagePackageList } = output as ListImagePackagesResponse;
      return imagePackageList?.length ? ttls.longMs : ttls.shortMs;
    }
    case "ListWorkflowStepExecutions": {
      // Final only when the whole list was read (no token) and every step has finished: a
      // running execution still adds and updates steps.
      const { steps, nextToken } = output as ListWorkflowStepExecutionsResponse;
      const finished = !nextToken && (steps ?? []).every(stepFinished);
      return finished ? ttls.longMs : ttls.shortMs;
    }
    case "GetWorkflowStepExecution": {
      return stepFinished(output as GetWorkflowStepExecutionResponse) ? ttls.longMs : ttls.shortMs;
    }
    case "GetImage": {
      // A build that ended keeps what it produced and was made with; a scan in progress or a
      // build still running changes. (Lifecycle policies deprecate or delete builds on a
      // schedule of days, well beyond the long TTL's scale.)
      const { image } = output as GetImageResponse;
      const scanning = SCAN_RUNNING.has(image?.scanState?.status ?? "");
      return FINISHED_IMAGE.has(image?.state?.status ?? "") && !scanning
        ? ttls.longMs
        : ttls.shortMs;
    }
    case "StartImagePipelineExecution":
    case "CancelImageCreation":
      return 0;
    default:
      // Image set versions, AppStream images and anything else: they change without notice.
      return ttls.shortMs;
  }
}

const NEUTRAL = Symbol("cacheNeutral");

/**
 * Marks an AWS call as read only for facts that never change, so its answer does not shorten the
 * response's TTL: e.g. a pipeline's build list read only to find the build before a given one.
 * The call is marked, not its answer: identical calls in flight share one answer, and another
 * request may read the same page for what does change.
 */
export function cacheNeutral<Call extends AwsCallDescription>(call: Call): Call {
  Object.defineProperty(call, NEUTRAL, { value: true });
  return call;
}

export function isCacheNeutral(call: AwsCallDescription): boolean {
  return NEUTRAL in call;
}

/** The TTL one request's answer may be cached for: the shortest its AWS calls allowed. */
export class ResponseTtl {
  private ms: number;

  constructor(private readonly ttls: CacheTtls) {
    // A response that needed no AWS call depends on its arguments alone.
    this.ms = ttls.longMs;
  }

  observe(operation: string, output: unknown): void {
    this.ms = Math.min(this.ms, callTtlMs(operation, output, this.ttls));
  }

  get milliseconds(): number {
    return this.ms;
  }
}
