// GraphQL over WebSocket (the `graphql-transport-ws` protocol of the graphql-ws package, which
// Apollo Client's GraphQLWsLink, urql and Relay speak) on the same path as GraphQL over HTTP.
// Every operation runs through the gateway's own envelop pipeline (`getEnveloped`), so document
// limits, cost estimates, scopes, budgets and the subscription limit apply exactly as over HTTP;
// what HTTP requests get from yoga's request hooks (authentication, the Origin check, the
// persisted-operation allow-list, automatic persisted queries, the size of what is read) is done
// here for the socket.

import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type ExecutionArgs, GraphQLError } from "graphql";
import { CloseCode, type Context, type SubscribePayload } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import type { GraphQLParams } from "graphql-yoga";
import { type WebSocket, WebSocketServer } from "ws";
import type { Caller } from "../auth/scopes.js";
import type { GatewayServices } from "../context.js";
import type { Gateway } from "../server.js";
import type { CorsOrigins } from "./cors.js";
import { type PersistedOperations, persistedDocument } from "./persisted-operations.js";

/** RFC 6455: the server is going away (shutting down). */
export const GOING_AWAY = 1001;
/** RFC 6455: a message that breaks the server's policy (here, too many sockets). */
const POLICY_VIOLATION = 1008;
/** RFC 6455: try again later (the key set that verifies tokens is unreachable). */
const TRY_AGAIN_LATER = 1013;
/** Longest delay setTimeout keeps (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long a closing socket may take to answer the close frame before it is cut. */
const CLOSE_WAIT_MS = 1_000;

export interface WebSocketOptions {
  gateway: Gateway;
  services: GatewayServices;
  /** The GraphQL path; WebSocket upgrades anywhere else are refused. */
  endpoint: string;
  /** Browser origins allowed to open a socket (CORS_ORIGINS). */
  corsOrigins: CorsOrigins;
  /** Largest message read (MAX_REQUEST_BODY_BYTES); a larger one closes the socket with 1009. */
  maxMessageBytes: number;
  /** Most open sockets per caller (MAX_WEBSOCKETS_PER_CALLER); 0: no limit. */
  maxSocketsPerCaller: number;
  persistedOperations?: PersistedOperations;
}

export interface WebSocketEndpoint {
  /** Open sockets. */
  readonly count: number;
  /** Refuses new sockets, closes the open ones with 1001 "going away", and waits for them. */
  close(): Promise<void>;
}

/** What the gateway keeps per socket. */
interface SocketState {
  caller?: Caller;
  expiry?: NodeJS.Timeout;
  /** Each running operation's end: aborting it aborts the operation's AWS calls. */
  operations: Map<string, AbortController>;
}

type Enveloped = ReturnType<Gateway["getEnveloped"]>;

/** A close reason fits in a control frame: at most 123 bytes of UTF-8. */
function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = `${reason.slice(0, reason.length - 2)}…`;
  return reason;
}

/**
 * An error as a socket client gets it: what yoga keeps for the HTTP status (`extensions.http`)
 * means nothing on a socket and is left out.
 */
function socketError(error: unknown): GraphQLError {
  if (!(error instanceof GraphQLError)) return new GraphQLError(String(error));
  if (!("http" in error.extensions)) return error;
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, { extensions });
}

/** Answers an upgrade request with a plain HTTP error instead of a WebSocket. */
function refuseUpgrade(socket: Duplex, status: number, statusText: string, message: string) {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * The token of a socket: `Authorization` (or `authorization`) in connection_init's payload, also
 * under `headers` as some clients send it, else the upgrade request's own header.
 */
function authorizationOf(
  params: Readonly<Record<string, unknown>> | undefined,
  request: IncomingMessage,
): string | undefined {
  const nested = params?.headers;
  for (const source of [params, typeof nested === "object" ? nested : undefined]) {
    for (const key of ["Authorization", "authorization"]) {
      const value = source ? Reflect.get(source, key) : undefined;
      if (typeof value === "string") return value;
    }
  }
  return request.headers.authorization;
}

/** A subscribe message's payload as yoga's request parameters (which have no nulls). */
function paramsOf(payload: SubscribePayload): GraphQLParams & { documentId?: unknown } {
  return {
    query: payload.query,
    operationName: payload.operationName ?? undefined,
    variables: payload.variables ?? undefined,
    extensions: payload.extensions ?? undefined,
    documentId: Reflect.get(payload, "documentId"),
  };
}

/** The upgrade request's headers, minus the WebSocket handshake's own, for each operation. */
function operationHeaders(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || /^(sec-websocket-|upgrade$|connection$|host$)/i.test(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}

/** Serves graphql-ws on `server` at `options.endpoint`. */
export function serveGraphQLOverWebSocket(
  server: Server,
  options: WebSocketOptions,
): WebSocketEndpoint {
  const { gateway, services, endpoint, corsOrigins } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  const states = new WeakMap<WebSocket, SocketState>();
  const socketsByCaller = new Map<string, number>();
  const envelopedOf = new WeakMap<object, Enveloped>();
  let closing = false;

  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(request.url ?? "/", "http://gateway");
    if (pathname !== endpoint && pathname !== `${endpoint}/`) {
      return refuseUpgrade(socket, 404, "Not Found", `WebSocket connections go to ${endpoint}.`);
    }
    if (closing) {
      return refuseUpgrade(
        socket,
        503,
        "Service Unavailable",
        "This gateway instance is shutting down; connect again.",
      );
    }
    // Cross-site WebSocket hijacking: browsers send Origin on every WebSocket and never let a
    // page change it; programs that are not browsers send none.
    const origin = request.headers.origin;
    if (origin !== undefined && corsOrigins !== "any" && !corsOrigins.has(origin)) {
      services.logger.warn({ origin }, "WebSocket refused: origin not in CORS_ORIGINS");
      return refuseUpgrade(
        socket,
        403,
        "Forbidden",
        `Origin ${origin} may not open a WebSocket to this gateway: it is not in CORS_ORIGINS.`,
      );
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
  });

  const stateOf = (ctx: Context<Record<string, unknown>, { socket: WebSocket }>) => {
    let state = states.get(ctx.extra.socket);
    if (!state) {
      state = { operations: new Map() };
      states.set(ctx.extra.socket, state);
    }
    return state;
  };

  useServer<Record<string, unknown>, { socket: WebSocket; request: IncomingMessage }>(
    {
      async onConnect(ctx) {
        const { socket, request } = ctx.extra;
        const state = stateOf(ctx);
        const header = authorizationOf(ctx.connectionParams, request);
        let caller: Caller;
        try {
          caller = await services.auth.authenticateHeader(
            header,
            services.clientAddresses.of(request),
          );
        } catch (error) {
          const code =
            error instanceof GraphQLError && error.extensions.code === "UNAUTHENTICATED"
              ? CloseCode.Unauthorized
              : TRY_AGAIN_LATER;
          const message =
            header === undefined
              ? "Authentication required: put `Authorization: Bearer <token>` in connection_init's payload."
              : error instanceof Error
                ? error.message
                : String(error);
          socket.close(code, closeReason(message));
          return false;
        }
        if (caller.permissions.size === 0) {
          socket.close(
            CloseCode.Forbidden,
            closeReason(
              `Forbidden: the token grants neither \`${services.auth.scopeNames.read}\` nor \`${services.auth.scopeNames.execute}\`.`,
            ),
          );
          return false;
        }
        const open = socketsByCaller.get(caller.id) ?? 0;
        if (options.maxSocketsPerCaller > 0 && open >= options.maxSocketsPerCaller) {
          socket.close(
            POLICY_VIOLATION,
            closeReason(
              `Too many WebSockets: ${open} open, the most one caller may have (MAX_WEBSOCKETS_PER_CALLER).`,
            ),
          );
          return false;
        }
        socketsByCaller.set(caller.id, open + 1);
        state.caller = caller;
        // A token that expires while the socket is open ends it, and its subscriptions with it.
        const remainingMs =
          caller.expiresAt === undefined ? undefined : caller.expiresAt - Date.now();
        if (remainingMs !== undefined && remainingMs < MAX_TIMER_MS) {
          state.expiry = setTimeout(
            () =>
              socket.close(
                CloseCode.Unauthorized,
                "Unauthorized: the bearer token has expired; connect again with a new one.",
              ),
            Math.max(0, remainingMs),
          );
          state.expiry.unref();
        }
        return true;
      },

      async onSubscribe(ctx, id, payload) {
        const state = stateOf(ctx);
        if (!state.caller) return [new GraphQLError("Not connected.")];
        let query = payload.query;
        // Registered under the operation's context once it validates (below).
        const registration = {};
        if (options.persistedOperations) {
          const found = persistedDocument(options.persistedOperations, paramsOf(payload));
          if (found instanceof GraphQLError) return [socketError(found)];
          query = found;
        } else {
          try {
            query =
              (await services.automaticPersistedQueries.documentFor(payload, registration)) ?? "";
          } catch (error) {
            return [socketError(error)];
          }
        }
        const ended = new AbortController();
        state.operations.set(id, ended);
        // A POST as far as yoga's plugins can tell: a socket, like a POST, is no simple request.
        const request = new Request(new URL(endpoint, "http://gateway"), {
          method: "POST",
          headers: operationHeaders(ctx.extra.request),
          signal: ended.signal,
        });
        services.auth.remember(request, state.caller);
        const enveloped = gateway.getEnveloped({
          request,
          params: { ...paramsOf(payload), query },
          req: ctx.extra.request,
          socket: ctx.extra.socket,
        });
        // Parse and validation errors (document limits among them) are thrown or returned.
        let document: ExecutionArgs["document"];
        try {
          document = enveloped.parse(query);
          const errors = enveloped.validate(enveloped.schema, document);
          if (errors.length > 0) return errors.map(socketError);
        } catch (error) {
          return [socketError(error)];
        }
        services.automaticPersistedQueries.registerValidated(registration);
        const contextValue = await enveloped.contextFactory();
        envelopedOf.set(contextValue, enveloped);
        return {
          schema: enveloped.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      },

      execute: (args) => (envelopedOf.get(args.contextValue as object) as Enveloped).execute(args),
      subscribe: (args) =>
        (envelopedOf.get(args.contextValue as object) as Enveloped).subscribe(args),

      onComplete(ctx, id) {
        const state = stateOf(ctx);
        state.operations.get(id)?.abort();
        state.operations.delete(id);
      },

      onClose(ctx) {
        const state = states.get(ctx.extra.socket);
        if (!state) return;
        clearTimeout(state.expiry);
        for (const ended of state.operations.values()) ended.abort();
        state.operations.clear();
        const callerId = state.caller?.id;
        if (callerId !== undefined) {
          const left = (socketsByCaller.get(callerId) ?? 1) - 1;
          if (left > 0) socketsByCaller.set(callerId, left);
          else socketsByCaller.delete(callerId);
        }
      },
    },
    wss,
  );

  return {
    get count() {
      return wss.clients.size;
    },
    async close() {
      closing = true;
      const sockets = [...wss.clients];
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === socket.CLOSED) return resolve();
              socket.once("close", () => resolve());
              socket.close(GOING_AWAY, "The gateway is shutting down; connect again.");
              // A client that never answers the close frame is cut.
              setTimeout(() => socket.terminate(), CLOSE_WAIT_MS).unref();
            }),
        ),
      );
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
