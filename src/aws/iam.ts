import type { AwsCallDescription, ServiceId } from "./services.js";

/**
 * The IAM policy documents that grant the gateway's AWS identity what it calls, by what they
 * are for. test/unit/iam-policies.test.ts keeps them equal to the operations the code sends.
 */
export const POLICY_FILES = {
  /** Every operation a query, a subscription or a readiness check makes. */
  reader: "deploy/iam/reader-policy.json",
  /** What the mutations add on top of the reader policy. */
  mutations: "deploy/iam/mutations-policy.json",
} as const;

/** Operations that change something in AWS: granted by the mutations policy, not the reader's. */
export const MUTATING_OPERATIONS: ReadonlySet<string> = new Set([
  "StartImagePipelineExecution",
  "CancelImageCreation",
]);

/** The prefix of each service's IAM actions (its signing name). */
const IAM_PREFIXES: Record<ServiceId, string> = {
  imagebuilder: "imagebuilder",
  "medical-imaging": "medical-imaging",
  appstream: "appstream",
};

/** The IAM action that allows one call, such as `imagebuilder:ListImagePackages`. */
export function iamAction(call: Pick<AwsCallDescription, "service" | "operation">): string {
  return `${IAM_PREFIXES[call.service]}:${call.operation}`;
}

/** The policy document of the repository that grants the action of one call. */
export function policyFileFor(call: Pick<AwsCallDescription, "operation">): string {
  return MUTATING_OPERATIONS.has(call.operation) ? POLICY_FILES.mutations : POLICY_FILES.reader;
}
