// AWS STS (awsQuery): AssumeRole and GetCallerIdentity. Requests are `POST /` with a
// form-encoded body naming the operation in `Action`; answers are XML. AssumeRole hands out
// temporary credentials that act as the role's account; a role the fixture does not list, or an
// external id other than the one the role requires, is refused with AccessDenied (403).

import type { AssumeRoleResponse, GetCallerIdentityResponse } from "@aws-sdk/client-sts";
import { EXTERNAL_ID, ROLE_SESSION_NAME } from "./constraints.js";
import type { DatesAs } from "./fixture.js";
import {
  type CommonErrors,
  type IncomingRequest,
  type Input,
  type Operation,
  ServiceError,
  type ServiceModule,
} from "./protocol.js";
import { Violations } from "./validation.js";

const VALIDATION = { name: "ValidationError", status: 400 };
const ACCESS_DENIED = { name: "AccessDenied", status: 403 };

const COMMON_ERRORS: CommonErrors = {
  accessDenied: ACCESS_DENIED,
  throttling: { name: "Throttling", status: 400 },
  serverFaults: [
    { name: "InternalFailure", status: 500 },
    { name: "ServiceUnavailable", status: 503 },
  ],
  internal: { name: "InternalFailure", status: 500 },
  unknownOperation: { name: "InvalidAction", status: 400 },
  invalidInput: { name: "ValidationError", status: 400 },
};

/** A form member that must be text of `min`..`max` characters matching `pattern`. */
function text(
  input: Input,
  member: string,
  rules: { required?: boolean; min: number; max: number; pattern?: RegExp },
  v: Violations,
): string | undefined {
  const value = input[member];
  if (value === undefined) {
    if (rules.required) v.add(member, value, "Member must not be null");
    return undefined;
  }
  if (typeof value !== "string") {
    v.add(member, value, "Member must be a string");
    return undefined;
  }
  if (value.length < rules.min || value.length > rules.max) {
    v.add(member, value, `Member must have length between ${rules.min} and ${rules.max}`);
    return undefined;
  }
  if (rules.pattern && !rules.pattern.test(value)) {
    v.add(member, value, `Member must satisfy regular expression pattern: ${rules.pattern.source}`);
    return undefined;
  }
  return value;
}

/** The form members, DurationSeconds as a number when it is one (otherwise it fails validation). */
function decodeForm(request: IncomingRequest): Input {
  const input: Input = Object.fromEntries(new URLSearchParams(request.body));
  const duration = input.DurationSeconds;
  if (typeof duration === "string" && /^\d+$/.test(duration))
    input.DurationSeconds = Number(duration);
  return input;
}

/** The default and limits of AssumeRole's DurationSeconds. */
const DURATION = { min: 900, max: 43_200, default: 3_600 };

const assumeRole: Operation = {
  name: "AssumeRole",
  decode: decodeForm,
  handle(members, context): DatesAs<AssumeRoleResponse, string> {
    const input = members as Input;
    const v = new Violations();
    const roleArn = text(input, "RoleArn", { required: true, min: 20, max: 2048 }, v);
    const sessionName = text(
      input,
      "RoleSessionName",
      { required: true, min: 2, max: 64, pattern: ROLE_SESSION_NAME },
      v,
    );
    const externalId = text(input, "ExternalId", { min: 2, max: 1224, pattern: EXTERNAL_ID }, v);
    const duration = input.DurationSeconds;
    if (
      duration !== undefined &&
      !(
        Number.isInteger(duration) &&
        Number(duration) >= DURATION.min &&
        Number(duration) <= DURATION.max
      )
    ) {
      v.add(
        "DurationSeconds",
        duration,
        `Member must be a whole number between ${DURATION.min} and ${DURATION.max}`,
      );
    }
    v.throwIfAny(VALIDATION);
    if (roleArn === undefined || sessionName === undefined) throw new Error("validated above");

    const role = context.accounts.role(roleArn);
    const refused = `User: ${context.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;
    if (role === undefined) throw new ServiceError(ACCESS_DENIED, refused);
    if (role.externalId !== undefined && role.externalId !== externalId) {
      const why = externalId === undefined ? "no external id was given" : "the external id differs";
      throw new ServiceError(
        ACCESS_DENIED,
        `${refused} (the role requires an external id; ${why})`,
      );
    }
    return context.accounts.issue(
      roleArn,
      sessionName,
      typeof duration === "number" ? duration : DURATION.default,
    );
  },
};

const getCallerIdentity: Operation = {
  name: "GetCallerIdentity",
  decode: decodeForm,
  handle(_input, context): GetCallerIdentityResponse {
    const { userId, accountId, arn } = context.caller;
    return { UserId: userId, Account: accountId, Arn: arn };
  },
};

const OPERATIONS: ReadonlyMap<string, Operation> = new Map([
  ["AssumeRole", assumeRole],
  ["GetCallerIdentity", getCallerIdentity],
]);

export const stsService: ServiceModule = {
  service: "sts",
  operations: [...OPERATIONS.values()],
  protocol: "awsQuery",
  signingName: "sts",
  errors: COMMON_ERRORS,
  match(request) {
    const contentType = request.headers["content-type"];
    if (
      request.headers["x-amz-target"] !== undefined ||
      typeof contentType !== "string" ||
      !contentType.startsWith("application/x-www-form-urlencoded")
    ) {
      return undefined;
    }
    const action = new URLSearchParams(request.body).get("Action") ?? "";
    const operation = OPERATIONS.get(action);
    if (operation === undefined || request.method !== "POST" || request.path !== "/") {
      return { unknownOperation: action || `${request.method} ${request.path}` };
    }
    return operation;
  },
};
