import type { CallCap } from "../aws/calls.js";
import type { CostEstimate } from "./estimate.js";
import type { CostLimits } from "./limits.js";

/** What the operations already admitted to an HTTP request were estimated to cost. */
export interface Spent {
  awsCalls: number;
  resultNodes: number;
  /** How many operations of the request were admitted. */
  operations: number;
}

/**
 * What one HTTP request may spend, shared by every operation it carries: a batch of ten
 * operations gets one MAX_AWS_CALLS_PER_REQUEST and one MAX_RESULT_NODES, not ten. Operations
 * are admitted as they start, each against what the earlier ones left; the calls made while they
 * run count against the same cap.
 */
export class RequestAllowance implements CallCap {
  readonly maxCalls: number;
  callsMade = 0;
  /** Operations run in this request (a batch runs several). */
  operations = 0;
  private readonly admitted: Spent = { awsCalls: 0, resultNodes: 0, operations: 0 };

  constructor(readonly limits: Pick<CostLimits, "maxAwsCallsPerRequest" | "maxResultNodes">) {
    this.maxCalls = limits.maxAwsCallsPerRequest;
  }

  /** What the operations admitted so far take of the limits. */
  get spent(): Readonly<Spent> {
    return this.admitted;
  }

  /**
   * Admits an operation whose estimate fits in what is left, and takes it from the allowance;
   * one that does not fit takes nothing, so a smaller one after it may still run.
   */
  admit(estimate: CostEstimate): boolean {
    const fits =
      this.admitted.awsCalls + estimate.awsCalls <= this.limits.maxAwsCallsPerRequest &&
      this.admitted.resultNodes + estimate.resultNodes <= this.limits.maxResultNodes;
    if (!fits) return false;
    this.admitted.awsCalls += estimate.awsCalls;
    this.admitted.resultNodes += estimate.resultNodes;
    this.admitted.operations++;
    return true;
  }
}

const allowances = new WeakMap<Request, RequestAllowance>();

/**
 * The allowance of the HTTP request `request` for one more of its operations: the operations of
 * a batch share one.
 */
export function joinAllowance(
  request: Request | undefined,
  limits: Pick<CostLimits, "maxAwsCallsPerRequest" | "maxResultNodes">,
): RequestAllowance {
  let allowance = request && allowances.get(request);
  if (!allowance) {
    allowance = new RequestAllowance(limits);
    if (request) allowances.set(request, allowance);
  }
  allowance.operations++;
  return allowance;
}
