import type { IncomingMessage, Server, ServerOptions, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { Config } from "../config.js";
import type { Logger } from "../observability/logger.js";
import type { ClientAddresses } from "./client-address.js";

/** How long a client may take over each part of a request, and how long an idle socket stays. */
export interface ConnectionLimits {
  /** HTTP_HEADERS_TIMEOUT_MS: from the first byte of a request to the end of its headers. */
  headersTimeoutMs: number;
  /** HTTP_BODY_TIMEOUT_MS: from the end of the headers to the end of the body. */
  bodyTimeoutMs: number;
  /** HTTP_KEEP_ALIVE_TIMEOUT_MS: how long a socket may wait idle for its next request. */
  keepAliveTimeoutMs: number;
  /** HTTP_MAX_REQUESTS_PER_SOCKET: requests served on one socket before it is closed; 0: no limit. */
  maxRequestsPerSocket: number;
}

export function connectionLimitsFromConfig(config: Config): ConnectionLimits {
  return {
    headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
    bodyTimeoutMs: config.HTTP_BODY_TIMEOUT_MS,
    keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    maxRequestsPerSocket: config.HTTP_MAX_REQUESTS_PER_SOCKET,
  };
}

/**
 * node:http's options for `limits`. Node checks headers and whole-request times on a timer
 * (every 30 s by default), so the check runs often enough for the configured times to hold within
 * a quarter of the shorter one. The whole-request time is a backstop: the body's own time is
 * kept exactly by `requireBodyWithin`.
 */
export function serverOptions(limits: ConnectionLimits): ServerOptions {
  const shortest = Math.min(limits.headersTimeoutMs, limits.bodyTimeoutMs);
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.headersTimeoutMs + limits.bodyTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(shortest / 4))),
    keepAliveTimeout: limits.keepAliveTimeoutMs,
  };
}

/**
 * Answers the requests node:http gives up on (a
 * client too slow with its headers, headers too large, bytes that are no HTTP) with a JSON body
 * carrying a GraphQL-style error and its `extensions.code`, then closes the connection.
 */
export function limitConnections(server: Server, limits: ConnectionLimits, logger: Logger): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    const connection = socket as Socket & { _httpMessage?: ServerResponse };
    // Nobody to answer: a connection reset or closed, one that never sent a byte (a browser's
    // preconnect, a balancer's TCP check), one whose answer is already under way.
    if (
      error.code === "ECONNRESET" ||
      !socket.writable ||
      connection.bytesRead === 0 ||
      connection._httpMessage?.headersSent
    ) {
      socket.destroy();
      return;
    }
    const answer = CLIENT_ERRORS[error.code ?? ""] ?? CLIENT_ERRORS.default;
    if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
      logger.warn(
        { clientAddress: connection.remoteAddress, timeoutMs: limits.headersTimeoutMs },
        "request headers not received in time (HTTP_HEADERS_TIMEOUT_MS); answered 408",
      );
    }
    // Destroyed once the answer is out: a client that keeps its side open gets nothing more.
    socket.end(rawResponse(answer.status, answer.reason, answer.code, answer.message(limits)), () =>
      socket.destroy(),
    );
  });
}

/**
 * Answers 408 and closes the connection when the body of `request` has not fully arrived
 * HTTP_BODY_TIMEOUT_MS after its headers: a client trickling its body holds a socket, memory and
 * a graceful shutdown for no longer than that.
 */
export function requireBodyWithin(
  request: IncomingMessage,
  response: ServerResponse,
  limits: ConnectionLimits,
  logger: Logger,
  addresses: ClientAddresses,
): void {
  if (request.complete) return;
  const timer = setTimeout(() => {
    if (request.complete || response.headersSent || response.writableEnded) return;
    logger.warn(
      {
        clientAddress: addresses.of(request),
        method: request.method,
        timeoutMs: limits.bodyTimeoutMs,
      },
      "request body not received in time (HTTP_BODY_TIMEOUT_MS); answered 408",
    );
    const { status, code, message } = REQUEST_TIMEOUT;
    const body = errorBody(code, message(limits));
    response.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
      connection: "close",
    });
    // The rest of the body is never read: the socket goes once the answer is out.
    response.end(body, () => request.socket.destroy());
  }, limits.bodyTimeoutMs);
  const stop = () => clearTimeout(timer);
  request.once("end", stop);
  response.once("close", stop);
}

const requestsBySocket = new WeakMap<Socket, number>();

/**
 * Closes a keep-alive connection with the answer to its HTTP_MAX_REQUESTS_PER_SOCKET-th request
 * (`Connection: close`), so clients spread over new instances. node:http's own
 * `maxRequestsPerSocket` leaves the socket open and answers 503 to a client that sends one more.
 */
export function closeAfterLastRequest(
  request: IncomingMessage,
  response: ServerResponse,
  limits: ConnectionLimits,
): void {
  if (limits.maxRequestsPerSocket === 0) return;
  const served = (requestsBySocket.get(request.socket) ?? 0) + 1;
  requestsBySocket.set(request.socket, served);
  if (served >= limits.maxRequestsPerSocket) response.setHeader("connection", "close");
}

interface ClientErrorAnswer {
  status: number;
  reason: string;
  code: string;
  message: (limits: ConnectionLimits) => string;
}

const REQUEST_TIMEOUT: ClientErrorAnswer = {
  status: 408,
  reason: "Request Timeout",
  code: "REQUEST_TIMEOUT",
  message: (limits) =>
    `The request did not arrive in time: headers must arrive within ${limits.headersTimeoutMs} ms (HTTP_HEADERS_TIMEOUT_MS) and the body within ${limits.bodyTimeoutMs} ms after them (HTTP_BODY_TIMEOUT_MS). Send the whole request at once.`,
};

/** What node:http's own answers to these errors are, as JSON. */
const CLIENT_ERRORS: Record<string, ClientErrorAnswer> & { default: ClientErrorAnswer } = {
  ERR_HTTP_REQUEST_TIMEOUT: REQUEST_TIMEOUT,
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: "Request Header Fields Too Large",
    code: "REQUEST_HEADER_FIELDS_TOO_LARGE",
    message: () =>
      "The request's headers are larger than the gateway accepts; send fewer or shorter headers (cookies included).",
  },
  default: {
    status: 400,
    reason: "Bad Request",
    code: "BAD_REQUEST",
    message: () => "The request is not well-formed HTTP/1.1.",
  },
};

function errorBody(code: string, message: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}

/** A whole HTTP/1.1 response, written to a socket node:http no longer serves. */
function rawResponse(status: number, reason: string, code: string, message: string): string {
  const body = errorBody(code, message);
  return [
    `HTTP/1.1 ${status} ${reason}`,
    "Content-Type: application/json; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}
