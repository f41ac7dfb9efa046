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
  /** What the gateway's own role needs to reach other accounts (`AWS_ACCOUNTS`) through roles. */
  accounts: "deploy/iam/accounts-policy.json",
} as const;

/** Operations that reach other accounts: granted by the accounts policy. */
const ACCOUNT_OPERATIONS: ReadonlySet<string> = new Set(["AssumeRole"]);

/**
 * Actions AWS allows every identity whatever its policies say, so no policy grants them:
 * STS GetCallerIdentity "requires no permissions" (its API reference).
 */
export const ACTIONS_NEEDING_NO_PERMISSION: ReadonlySet<string> = new Set([
  "sts:GetCallerIdentity",
]);

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
  if (MUTATING_OPERATIONS.has(call.operation)) return POLICY_FILES.mutations;
  if (ACCOUNT_OPERATIONS.has(call.operation)) return POLICY_FILES.accounts;
  return POLICY_FILES.reader;
}
