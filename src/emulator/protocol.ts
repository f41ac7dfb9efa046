// What a service module looks like to the server, and how each AWS protocol frames a response.
// restJson1 (Image Builder, HealthImaging): errors carry `x-amzn-errortype` + `{"message"}`.
// awsJson1_1 (AppStream): errors carry `{"__type", "Message"}`; the SDK reads only the body.
// awsQuery (STS): form-encoded requests, XML answers wrapped in `<Operation>Result`, errors in
// `<ErrorResponse><Error><Code>`.

import type { ServiceModel } from "../aws/model.js";
import type { Caller, EmulatorAccounts } from "./accounts.js";
import type { EmulatorState } from "./state.js";
import type { PageTokens } from "./tokens.js";
import type { ServiceName } from "./types.js";
import type { PatternExemptions } from "./validation.js";

export type Protocol = "restJson1" | "awsJson1_1" | "awsQuery";

export interface ErrorKind {
  name: string;
  status: number;
}

/** A documented AWS error; handlers throw it and the server turns it into the wire error. */
export class ServiceError extends Error {
  readonly errorName: string;
  readonly status: number;

  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.name = "ServiceError";
    this.errorName = kind.name;
    this.status = kind.status;
  }
}

/** The error each service uses for the situations every operation shares. */
export interface CommonErrors {
  accessDenied: ErrorKind;
  throttling: ErrorKind;
  /** Injected faults draw one of these (the 500 and the 503 kind, or the same one twice). */
  serverFaults: readonly [ErrorKind, ErrorKind];
  /** A genuine bug in a handler. */
  internal: ErrorKind;
  unknownOperation: ErrorKind;
  /** A request that breaks a constraint of the model. */
  invalidInput: ErrorKind;
}

export interface IncomingRequest {
  method: string;
  /** Path without the query string, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}

export interface CallContext {
  region: string;
  requestId: string;
  /** Who signed the call: the home account's base credentials, or an assumed role's. */
  caller: Caller;
  /** Every account the emulator serves (STS reads roles and issues credentials here). */
  accounts: EmulatorAccounts;
  /** The caller's account's data. */
  state: EmulatorState;
  tokens: PageTokens;
  emptyTrailingPage: boolean;
  /** How long each step of a build started by a pipeline run takes; 0 = finished at once. */
  buildStepMs: number;
}

export type Input = Record<string, unknown>;

/** The members of an SDK input type that are not optional (the SDK types them `T | undefined`). */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** An SDK input type once the model's constraints hold: its required members are present. */
export type ValidInput<T> = Omit<T, RequiredKeys<T>> & {
  [K in RequiredKeys<T>]: NonNullable<T[K]>;
};

/**
 * One AWS operation. `name` is its name in the service's model: the server checks every request
 * against that operation's input shape in the generated model before `handle` sees it, so `I` is
 * the SDK's input type of the operation.
 */
export interface Operation<I extends object = object> {
  name: string;
  /** The request members (labels, query, body). Throws ServiceError when they cannot be read. */
  decode(request: IncomingRequest): Input;
  /** Values the model's patterns refuse that this call still accepts, by member path. */
  patternExemptions?(context: CallContext): PatternExemptions;
  /** The response body, or a thrown ServiceError. */
  handle(input: ValidInput<I>, context: CallContext): object;
}

export interface ServiceModule {
  service: ServiceName;
  /**
   * The service's AWS model (generated): the constraints every request is checked against.
   * Absent for STS, whose operations check their few members themselves.
   */
  model?: ServiceModel;
  /** Every operation the emulator serves for this service. */
  operations: readonly Operation[];
  protocol: Protocol;
  /** The service name in the SigV4 credential scope. */
  signingName: string;
  errors: CommonErrors;
  /**
   * The operation a request addresses; `{ unknownOperation }` when the request is clearly meant
   * for this service but names no operation it has (e.g. an unknown `x-amz-target`); `undefined`
   * when the request is not this service's at all.
   */
  match(request: IncomingRequest): Operation | { unknownOperation: string } | undefined;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const CONTENT_TYPE: Record<Protocol, string> = {
  restJson1: "application/json",
  awsJson1_1: "application/x-amz-json-1.1",
  awsQuery: "text/xml",
};

const QUERY_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

const xmlText = (value: string) =>
  value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** Members as XML elements, nested objects as nested elements; undefined members left out. */
function xmlMembers(value: object): string {
  return Object.entries(value)
    .filter(([, member]) => member !== undefined)
    .map(([name, member]) =>
      typeof member === "object" && member !== null
        ? `<${name}>${xmlMembers(member)}</${name}>`
        : `<${name}>${xmlText(String(member))}</${name}>`,
    )
    .join("");
}

/** `operation` names the awsQuery wrapper elements; JSON protocols ignore it. */
export function successResponse(
  protocol: Protocol,
  body: object,
  operation = "",
  requestId = "",
): WireResponse {
  if (protocol === "awsQuery") {
    return {
      status: 200,
      headers: { "content-type": CONTENT_TYPE[protocol] },
      body:
        `<${operation}Response xmlns="${QUERY_NAMESPACE}"><${operation}Result>${xmlMembers(body)}</${operation}Result>` +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
    };
  }
  return {
    status: 200,
    headers: { "content-type": CONTENT_TYPE[protocol] },
    body: JSON.stringify(body),
  };
}

export function errorResponse(protocol: Protocol, error: ServiceError): WireResponse {
  if (protocol === "awsQuery") {
    const type = error.status >= 500 ? "Receiver" : "Sender";
    return {
      status: error.status,
      headers: { "content-type": CONTENT_TYPE[protocol] },
      body: `<ErrorResponse xmlns="${QUERY_NAMESPACE}"><Error><Type>${type}</Type><Code>${xmlText(error.errorName)}</Code><Message>${xmlText(error.message)}</Message></Error></ErrorResponse>`,
    };
  }
  if (protocol === "awsJson1_1") {
    return {
      status: error.status,
      headers: { "content-type": CONTENT_TYPE[protocol] },
      body: JSON.stringify({ __type: error.errorName, Message: error.message }),
    };
  }
  return {
    status: error.status,
    headers: { "content-type": CONTENT_TYPE[protocol], "x-amzn-errortype": error.errorName },
    body: JSON.stringify({ message: error.message }),
  };
}

/** Reads a JSON object body. Empty means `{}`: the members are then reported as missing. */
export function decodeJsonObject(body: string, malformed: ErrorKind): Input {
  if (body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ServiceError(malformed, `The request body is not valid JSON: ${reason}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ServiceError(malformed, "The request body must be a JSON object.");
  }
  return parsed as Input;
}

/**
 * An error the service's model declares, with the HTTP status the model gives it (400 for a
 * client error without one, as awsJson services answer). Throws for a name the model lacks.
 */
export function modelError(model: ServiceModel, name: string): ErrorKind {
  const shape = model.shapes[name];
  if (shape?.exception !== true) {
    throw new Error(`The ${model.service} model declares no error ${name}`);
  }
  return { name, status: shape.error?.httpStatusCode ?? (shape.fault ? 500 : 400) };
}
