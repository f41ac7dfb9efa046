import type { MetadataBearer } from "@smithy/types";
import { GraphQLError } from "graphql";
import { iamAction, policyFileFor } from "../aws/iam.js";
import { type AwsCallDescription, SERVICE_NAMES } from "../aws/services.js";

/** The stable `extensions.code` values clients can switch on. */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "RATE_LIMITED"
  | "CSRF_PREFLIGHT_REQUIRED"
  | "STALE_CURSOR"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "THROTTLED"
  | "CONFLICT"
  | "UPSTREAM_UNAVAILABLE"
  | "UPSTREAM_TIMEOUT"
  | "UPSTREAM_PAGING"
  | "UNKNOWN_ENUM_VALUE"
  | "AWS_CREDENTIALS"
  | "CANCELLED"
  | "INTERNAL"
  // Cost limits: the document's shape, its fragments' fan-out, its estimated result and AWS
  // calls, the calls it made.
  | "QUERY_LIMIT_EXCEEDED"
  | "QUERY_TOO_COMPLEX"
  | "RESULT_TOO_LARGE"
  | "COST_ESTIMATED_TOO_EXPENSIVE"
  | "AWS_CALL_LIMIT_REACHED"
  // Live operations: too many open at once for one caller, or the instance is going away.
  | "SUBSCRIPTION_LIMIT_REACHED"
  | "SHUTTING_DOWN";

/** Error names per code, across the three services' documented and common errors. */
const CODE_BY_AWS_ERROR: Record<string, ErrorCode> = {
  InvalidRequestException: "BAD_USER_INPUT",
  ClientException: "BAD_USER_INPUT",
  ValidationException: "BAD_USER_INPUT",
  ValidationError: "BAD_USER_INPUT",
  InvalidParameterCombinationException: "BAD_USER_INPUT",
  InvalidPaginationTokenException: "STALE_CURSOR",
  ResourceNotFoundException: "NOT_FOUND",
  ForbiddenException: "FORBIDDEN",
  AccessDeniedException: "FORBIDDEN",
  NotAuthorized: "FORBIDDEN",
  CredentialsProviderError: "AWS_CREDENTIALS",
  AssumeRoleFailed: "AWS_CREDENTIALS",
  TokenProviderError: "AWS_CREDENTIALS",
  ProviderError: "AWS_CREDENTIALS",
  UnrecognizedClientException: "AWS_CREDENTIALS",
  InvalidClientTokenId: "AWS_CREDENTIALS",
  InvalidAccessKeyId: "AWS_CREDENTIALS",
  InvalidSignatureException: "AWS_CREDENTIALS",
  SignatureDoesNotMatch: "AWS_CREDENTIALS",
  IncompleteSignature: "AWS_CREDENTIALS",
  IncompleteSignatureException: "AWS_CREDENTIALS",
  MissingAuthenticationToken: "AWS_CREDENTIALS",
  MissingAuthenticationTokenException: "AWS_CREDENTIALS",
  ExpiredToken: "AWS_CREDENTIALS",
  ExpiredTokenException: "AWS_CREDENTIALS",
  AuthFailure: "AWS_CREDENTIALS",
  CallRateLimitExceededException: "THROTTLED",
  ThrottlingException: "THROTTLED",
  Throttling: "THROTTLED",
  TooManyRequestsException: "THROTTLED",
  IdempotentParameterMismatchException: "CONFLICT",
  ResourceInUseException: "CONFLICT",
  ConflictException: "CONFLICT",
  ServiceException: "UPSTREAM_UNAVAILABLE",
  ServiceUnavailableException: "UPSTREAM_UNAVAILABLE",
  ServiceUnavailable: "UPSTREAM_UNAVAILABLE",
  InternalServerException: "UPSTREAM_UNAVAILABLE",
  InternalFailure: "UPSTREAM_UNAVAILABLE",
  TimeoutError: "UPSTREAM_TIMEOUT",
  RequestTimeout: "UPSTREAM_TIMEOUT",
  RequestTimeoutException: "UPSTREAM_TIMEOUT",
};

/** Where the SDK looks for credentials, in order, for messages that say what to fix. */
export const CREDENTIAL_CHAIN =
  "environment variables (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), SSO, the shared config and credentials files (profile AWS_PROFILE, else default), credential_process, web identity (AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN), and the ECS container or EC2 instance metadata endpoints";

/** What to tell an operator whose gateway found no AWS credentials (never a secret). */
export function missingCredentialsText(errorName: string): string {
  return `The gateway could not get AWS credentials (${errorName}). The SDK's default provider chain tried ${CREDENTIAL_CHAIN}. Give the gateway's process credentials through one of them.`;
}

/** Node socket errors: the service could not be reached at all. */
const NETWORK_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);

/** What SDK errors carry besides name and message: the response metadata, a socket code. */
type SdkError = Error & Partial<MetadataBearer> & { code?: string };

export function gatewayError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/**
 * Turns an error thrown by an SDK call into a GraphQL error a person can act on, keeping the AWS
 * error name and request id for support cases. Stack traces never leave the gateway.
 */
export function awsError(error: unknown, call: AwsCallDescription): GraphQLError {
  const service = SERVICE_NAMES[call.service];
  if (error instanceof GraphQLError) return error;
  if (!(error instanceof Error)) {
    return gatewayError("INTERNAL", `${service} ${call.operation} failed unexpectedly.`);
  }
  const sdkError: SdkError = error;
  const awsErrorName = error.name;
  const status = sdkError.$metadata?.httpStatusCode;
  const attempts = sdkError.$metadata?.attempts;
  const code = classify(sdkError);
  const extensions = {
    awsErrorName,
    requestId: sdkError.$metadata?.requestId,
    httpStatusCode: status,
    attempts,
    service: call.service,
    operation: call.operation,
    region: call.region,
  };
  const where = `${service} ${call.operation} (${call.region})`;
  const detail = error.message && error.message !== "UnknownError" ? `: ${error.message}` : "";
  switch (code) {
    case "THROTTLED":
      return gatewayError(
        code,
        `AWS is throttling ${where} for this account${attemptsNote(attempts)}; wait a moment and retry.`,
        extensions,
      );
    case "UPSTREAM_UNAVAILABLE":
      return gatewayError(
        code,
        `${where} is unavailable right now (${awsErrorName}${attemptsNote(attempts)})${detail}; retry later.`,
        extensions,
      );
    case "UPSTREAM_TIMEOUT":
      return gatewayError(
        code,
        `${where} did not answer in time (AWS_CALL_TIMEOUT_MS per attempt${attemptsNote(attempts)}); retry later.`,
        extensions,
      );
    case "AWS_CREDENTIALS":
      return gatewayError(
        code,
        awsErrorName === "AssumeRoleFailed"
          ? `${where} was not called: ${error.message}. Check the account's roleArn and externalId in AWS_ACCOUNTS and the role's trust policy (docs/accounts.md).`
          : /ProviderError$/.test(awsErrorName)
            ? `${where} was not called: ${missingCredentialsText(awsErrorName)}`
            : `AWS rejected the gateway's credentials for ${where} (${awsErrorName}): they are unknown, expired, or the request was signed with a wrong clock or secret. Renew the credentials the gateway's process gets from the default provider chain (${CREDENTIAL_CHAIN}).`,
        extensions,
      );
    case "FORBIDDEN": {
      const action = iamAction(call);
      return gatewayError(
        code,
        `The gateway's AWS identity is not allowed to call ${where}${detail}. Its IAM policy needs the action ${action}: attach ${policyFileFor(call)} (from the gateway's repository) to the gateway's role.`,
        { ...extensions, iamAction: action },
      );
    }
    case "STALE_CURSOR":
      return gatewayError(
        code,
        `${where} no longer accepts the page token behind this cursor${detail}. Restart paging from the first page (omit "after").`,
        extensions,
      );
    case "INTERNAL":
      return gatewayError(code, `${where} failed (${awsErrorName}).`, extensions);
    default:
      return gatewayError(code, `${where} rejected the request${detail}`, extensions);
  }
}

/** The code an AWS call that failed with `error` is counted under (the metrics' outcome). */
export function awsErrorCode(error: unknown): ErrorCode {
  return error instanceof Error ? classify(error) : "INTERNAL";
}

function classify(error: SdkError): ErrorCode {
  const byName = CODE_BY_AWS_ERROR[error.name];
  if (byName) return byName;
  if (error.code && NETWORK_ERROR_CODES.has(error.code)) return "UPSTREAM_UNAVAILABLE";
  const status = error.$metadata?.httpStatusCode;
  if (status === 429) return "THROTTLED";
  if (status === 404) return "NOT_FOUND";
  if (status === 403) return "FORBIDDEN";
  if (status === 409) return "CONFLICT";
  if (status !== undefined && status >= 500) return "UPSTREAM_UNAVAILABLE";
  if (status !== undefined && status >= 400) return "BAD_USER_INPUT";
  return "INTERNAL";
}

function attemptsNote(attempts: number | undefined): string {
  return attempts && attempts > 1 ? ` after ${attempts} attempts` : "";
}

interface ValidationIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** Argument validation failures, one message naming each argument and the form it must take. */
export function invalidArgumentsError(issues: readonly ValidationIssue[]): GraphQLError {
  const problems = issues.map((issue) => {
    const path = (issue.path ?? [])
      .map((segment) => String(typeof segment === "object" ? segment.key : segment))
      .join(".");
    return { argument: path || undefined, message: issue.message };
  });
  const text = problems
    .map((problem) =>
      problem.argument ? `${problem.argument}: ${problem.message}` : problem.message,
    )
    .join("; ");
  return gatewayError("BAD_USER_INPUT", `Invalid argument ${text}`, { problems });
}

export function isNotFound(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions.code === "NOT_FOUND";
}

/** The result of `work`, or null when AWS says the resource does not exist. */
export async function nullIfNotFound<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * The last word on every error in a response (yoga's `maskError`). Errors the gateway raised on
 * purpose pass; a GraphQLError some library raised without a code is about the request, so it
 * gets BAD_USER_INPUT; anything else is a fault of ours, answered as INTERNAL without its message
 * or stack (yoga's logger, which is ours, records the cause).
 */
export function maskUnexpectedError(error: unknown, message: string): Error {
  if (error instanceof GraphQLError) {
    const cause = error.originalError;
    if (!cause || cause instanceof GraphQLError) {
      if (error.extensions.code === "OPERATION_RESOLUTION_FAILURE")
        return operationNameError(error);
      if (error.extensions.code) return error;
      return new GraphQLError(error.message, {
        nodes: error.nodes,
        path: error.path,
        extensions: { ...error.extensions, code: "BAD_USER_INPUT" },
      });
    }
    return new GraphQLError(message, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: "INTERNAL" },
    });
  }
  return gatewayError("INTERNAL", message);
}

/** The executor could not pick the operation: the `operationName` parameter is what is wrong. */
function operationNameError(error: GraphQLError): GraphQLError {
  const noOperation = error.message.startsWith("Must provide an operation");
  return new GraphQLError(
    noOperation
      ? "The document holds no operation to run; it needs a query or a mutation."
      : 'The "operationName" parameter must name one operation of the document; it is required when the document holds several operations.',
    { extensions: { ...error.extensions, code: "BAD_REQUEST", http: { status: 400 } } },
  );
}
