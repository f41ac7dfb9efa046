// The emulator's HTTP server: routes each request to a service module, applies injected faults,
// checks the SigV4 credential scope, and frames the answer in the service's protocol. Nothing a
// client sends can crash it: every failure becomes an error response.

import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { listen } from "../listen.js";
import { type Caller, EmulatorAccounts } from "./accounts.js";
import { appStreamService } from "./appstream.js";
import { checkFaultOptions, drawFault, drawLatencyMs } from "./faults.js";
import { parseFixture } from "./fixture.js";
import { imageBuilderService } from "./image-builder.js";
import { medicalImagingService } from "./medical-imaging.js";
import {
  type CallContext,
  errorResponse,
  type IncomingRequest,
  type Input,
  type Operation,
  type Protocol,
  ServiceError,
  type ServiceModule,
  successResponse,
  type WireResponse,
} from "./protocol.js";
import { CallRecorder } from "./recorder.js";
import { stsService } from "./sts.js";
import type { EmulatorOptions, FaultOptions, RunningEmulator } from "./types.js";
import { checkInput, inputShapeOf, Violations } from "./validation.js";

export const SERVICES: readonly ServiceModule[] = [
  imageBuilderService,
  medicalImagingService,
  appStreamService,
  stsService,
];

// An operation the model does not have could not be validated: refuse to load at all.
for (const module of SERVICES) {
  const { model } = module;
  if (model) for (const operation of module.operations) inputShapeOf(model, operation.name);
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface CredentialScope {
  /** Who signed: an issued session's key acts as its role's account, any other as home. */
  accessKeyId: string;
  region: string;
  service: string;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20260301/us-east-1/imagebuilder/aws4_request, ...` */
export function credentialScope(authorization: string | undefined): CredentialScope | undefined {
  const match =
    /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request\b/.exec(
      authorization ?? "",
    );
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { accessKeyId: match[1], region: match[2], service: match[3] };
}

function header(request: IncomingRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

class BodyTooLarge extends Error {}

async function readBody(message: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, wire: WireResponse, requestId: string): void {
  if (response.headersSent || response.destroyed) return;
  const body = Buffer.from(wire.body);
  response.writeHead(wire.status, {
    ...wire.headers,
    "x-amzn-requestid": requestId,
    "content-length": String(body.length),
  });
  response.end(body);
}

const json = (status: number, value: unknown): WireResponse => ({
  status,
  headers: { "content-type": "application/json" },
  body: value === undefined ? "" : JSON.stringify(value),
});

/** A request no service claims: protocol guessed from `x-amz-target`. */
function unknownOperationResponse(request: IncomingRequest): {
  wire: WireResponse;
  operation: string;
} {
  const target = header(request, "x-amz-target");
  const protocol: Protocol = target === undefined ? "restJson1" : "awsJson1_1";
  const kind = { name: "UnknownOperationException", status: target === undefined ? 404 : 400 };
  const operation = target ?? `${request.method} ${request.path}`;
  const error = new ServiceError(
    kind,
    `The operation ${operation} is not supported by this emulator.`,
  );
  return { wire: errorResponse(protocol, error), operation };
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  // Fixtures built in code get the same validation as fixture files.
  const fixture = parseFixture(options.fixture);
  const faults: FaultOptions = options.faults ?? {};
  checkFaultOptions(faults);
  if (options.tokenTtlMs !== undefined && !(options.tokenTtlMs > 0)) {
    throw new Error(`tokenTtlMs must be a positive number, got ${options.tokenTtlMs}`);
  }
  if (options.sessionSeconds !== undefined && !(options.sessionSeconds > 0)) {
    throw new Error(`sessionSeconds must be a positive number, got ${options.sessionSeconds}`);
  }
  const random = options.random ?? Math.random;
  const accounts = new EmulatorAccounts(fixture, options.tokenTtlMs, options.sessionSeconds);
  if (options.maxRecordedCalls !== undefined && !(options.maxRecordedCalls >= 0)) {
    throw new Error(`maxRecordedCalls must be 0 or more, got ${options.maxRecordedCalls}`);
  }
  const recorder = new CallRecorder(options.maxRecordedCalls);
  const emptyTrailingPage = options.emptyTrailingPage ?? false;
  const logError = options.logError ?? ((message: string) => console.error(message));
  const buildStepMs = options.buildStepMs ?? 0;
  if (!(Number.isFinite(buildStepMs) && buildStepMs >= 0)) {
    throw new Error(`buildStepMs must be 0 or a positive number, got ${buildStepMs}`);
  }

  /** A thrown value as the service's error; anything unexpected is an emulator bug (logged, 500). */
  function asServiceError(error: unknown, module: ServiceModule, operation: string): ServiceError {
    if (error instanceof ServiceError) return error;
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    logError(`emulator: ${module.service} ${operation} failed: ${reason}`);
    return new ServiceError(module.errors.internal, "Internal error in the emulator.");
  }

  async function serveOperation(
    module: ServiceModule,
    operation: Operation,
    request: IncomingRequest,
    requestId: string,
    clientGone: () => boolean,
  ): Promise<WireResponse> {
    const pending = recorder.begin(module.service);
    const scope = credentialScope(header(request, "authorization"));
    const identity = accounts.callerOf(scope?.accessKeyId);
    const caller: Caller | undefined = identity === "expired" ? undefined : identity;
    // Decoded up front so even faulted calls are recorded with their input; a decoding error
    // is reported only after the faults and the authorization check, like any other input error.
    let input: Input = {};
    let decodeError: ServiceError | undefined;
    try {
      input = operation.decode(request);
    } catch (error) {
      decodeError = asServiceError(error, module, operation.name);
    }
    let wire: WireResponse;
    let errorName: string | undefined;
    try {
      const latency = drawLatencyMs(faults, random);
      if (latency > 0) await sleep(latency);
      const fault = drawFault(faults, random);
      if (fault?.kind === "throttle") {
        throw new ServiceError(module.errors.throttling, "Rate exceeded (injected throttling).");
      }
      if (fault?.kind === "server") {
        const kind = module.errors.serverFaults[fault.which];
        throw new ServiceError(
          kind,
          `The service could not process the request (injected ${kind.name}).`,
        );
      }
      if (scope === undefined || scope.service !== module.signingName) {
        const why =
          scope === undefined
            ? "The request carries no valid SigV4 Authorization header"
            : `The credential scope names service ${scope.service}, not ${module.signingName}`;
        throw new ServiceError(module.errors.accessDenied, `${why}.`);
      }
      if (caller === undefined) {
        throw new ServiceError(
          module.errors.accessDenied,
          "The security token included in the request is expired.",
        );
      }
      if (accounts.isDenied(caller.accountId, module.service, scope.region)) {
        throw new ServiceError(
          module.errors.accessDenied,
          `User: ${caller.arn} is not authorized to perform: ${module.signingName}:${operation.name} in ${scope.region} with an explicit deny in a service control policy.`,
        );
      }
      if (decodeError) throw decodeError;
      const account = accounts.account(caller.accountId);
      const context: CallContext = {
        region: scope.region,
        requestId,
        caller,
        accounts,
        state: account.state,
        tokens: account.tokens,
        emptyTrailingPage,
        buildStepMs,
      };
      // STS has no generated model: its operations check their members themselves.
      if (module.model) {
        const violations = new Violations();
        checkInput(
          module.model,
          operation.name,
          input,
          violations,
          operation.patternExemptions?.(context),
        );
        violations.throwIfAny(module.errors.invalidInput);
      }
      wire = successResponse(
        module.protocol,
        operation.handle(input, context),
        operation.name,
        requestId,
      );
    } catch (error) {
      const serviceError = asServiceError(error, module, operation.name);
      errorName = serviceError.errorName;
      wire = errorResponse(module.protocol, serviceError);
    }
    recorder.finish(pending, {
      operation: operation.name,
      region: scope?.region ?? "",
      accountId: caller?.accountId ?? "",
      ...(caller?.roleArn === undefined ? {} : { roleArn: caller.roleArn }),
      status: wire.status,
      ...(errorName === undefined ? {} : { errorName }),
      ...(clientGone() ? { aborted: true } : {}),
      input,
    });
    return wire;
  }

  /**
   * Answers a request for an operation the emulator does not have. `module` and `name` are given
   * when a service recognised the request as its own; otherwise the protocol is guessed from
   * `x-amz-target`. The call is recorded when its service is known (from the module or from the
   * credential scope).
   */
  function unknownOperation(
    request: IncomingRequest,
    claimed?: { module: ServiceModule; name: string },
  ): WireResponse {
    const scope = credentialScope(header(request, "authorization"));
    const { wire, operation } = claimed
      ? {
          wire: errorResponse(
            claimed.module.protocol,
            new ServiceError(
              claimed.module.errors.unknownOperation,
              `The operation ${claimed.name} is not supported by this emulator.`,
            ),
          ),
          operation: claimed.name,
        }
      : unknownOperationResponse(request);
    const owner =
      claimed?.module ?? SERVICES.find((service) => service.signingName === scope?.service);
    if (owner) {
      const pending = recorder.begin(owner.service);
      const identity = accounts.callerOf(scope?.accessKeyId);
      recorder.finish(pending, {
        operation,
        region: scope?.region ?? "",
        accountId: identity === "expired" ? "" : identity.accountId,
        status: wire.status,
        errorName: "UnknownOperationException",
        input: {},
      });
    }
    return wire;
  }

  function serveAdmin(method: string, path: string): WireResponse {
    if (path === "/_emulator/health" && method === "GET") {
      return json(200, { status: "ok", calls: recorder.calls().length });
    }
    if (path === "/_emulator/calls" && method === "GET") return json(200, recorder.calls());
    if (path === "/_emulator/calls" && method === "DELETE") {
      recorder.reset();
      return { status: 204, headers: {}, body: "" };
    }
    return json(404, { message: `No emulator endpoint ${method} ${path}.` });
  }

  async function handle(message: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    let wire: WireResponse;
    try {
      const url = new URL(message.url ?? "/", "http://emulator.invalid");
      const method = message.method ?? "GET";
      if (url.pathname.startsWith("/_emulator/")) {
        message.resume();
        wire = serveAdmin(method, url.pathname);
      } else {
        const request: IncomingRequest = {
          method,
          path: url.pathname,
          query: url.searchParams,
          headers: message.headers,
          body: await readBody(message),
        };
        // Closed before the answer was written: the client gave up (aborted or timed out).
        let clientGone = false;
        response.once("close", () => {
          if (!response.writableFinished) clientGone = true;
        });
        wire = await route(request, requestId, () => clientGone);
      }
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        wire = json(413, { message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.` });
      } else {
        const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
        logError(`emulator: request failed: ${reason}`);
        wire = json(500, { message: "Internal error in the emulator." });
      }
    }
    send(response, wire, requestId);
  }

  async function route(
    request: IncomingRequest,
    requestId: string,
    clientGone: () => boolean,
  ): Promise<WireResponse> {
    for (const module of SERVICES) {
      const matched = module.match(request);
      if (matched === undefined) continue;
      if ("unknownOperation" in matched) {
        return unknownOperation(request, { module, name: matched.unknownOperation });
      }
      return serveOperation(module, matched, request, requestId, clientGone);
    }
    return unknownOperation(request);
  }

  const server: Server = createServer((message, response) => {
    void handle(message, response);
  });
  await listen(server, options.port ?? 0, options.host ?? "127.0.0.1", {
    port: "EMULATOR_PORT",
    host: "EMULATOR_HOST",
  });
  const { port } = server.address() as AddressInfo;
  const hostname = options.host ?? "127.0.0.1";
  const urlHost = hostname.includes(":") ? `[${hostname}]` : hostname;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    homeAccountId: accounts.homeAccountId,
    get calls() {
      return recorder.calls();
    },
    resetCalls: () => recorder.reset(),
    maxConcurrency: (service) => recorder.maxConcurrency(service),
    workflowExecutionIds: (imageBuildVersionArn) =>
      accounts
        .states()
        .flatMap((state) => [...state.workflowExecutions.values()])
        .filter((execution) =>
          imageBuildVersionArn === undefined
            ? true
            : execution.imageBuildVersionArn === imageBuildVersionArn,
        )
        .map((execution) => execution.workflowExecutionId),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets held by SDK clients would otherwise keep close() waiting.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
