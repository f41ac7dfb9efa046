// AWS STS (awsQuery): AssumeRole and GetCallerIdentity. Requests are `POST /` with a
// form-encoded body naming the operation in `Action`; answers are XML. AssumeRole hands out
// temporary credentials that act as the role's account; a role the fixture does not list, or an
// external id other than the one the role requires, is refused with AccessDenied (403). Members
// are read by the generated STS model and checked against it like every other service's.

import type {
  AssumeRoleRequest,
  AssumeRoleResponse,
  GetCallerIdentityResponse,
} from "@aws-sdk/client-sts";
import { stsModel } from "../aws/generated/sts.js";
import type { DatesAs } from "./fixture.js";
import {
  type CommonErrors,
  decodeQueryForm,
  type Operation,
  ServiceError,
  type ServiceModule,
} from "./protocol.js";

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
  // STS answers every member the model refuses with the common ValidationError.
  invalidInput: { name: "ValidationError", status: 400 },
};

/** AWS's documented default session length; the model gives only the limits. */
const DEFAULT_DURATION_SECONDS = 3_600;

const assumeRole: Operation<AssumeRoleRequest> = {
  name: "AssumeRole",
  decode: (request) => decodeQueryForm(stsModel, "AssumeRole", request.body),
  handle(input, context): DatesAs<AssumeRoleResponse, string> {
    const {
      RoleArn: roleArn,
      RoleSessionName: sessionName,
      ExternalId: externalId,
      DurationSeconds: duration,
    } = input;
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
    return context.accounts.issue(roleArn, sessionName, duration ?? DEFAULT_DURATION_SECONDS);
  },
};

const getCallerIdentity: Operation = {
  name: "GetCallerIdentity",
  decode: (request) => decodeQueryForm(stsModel, "GetCallerIdentity", request.body),
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
  model: stsModel,
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
