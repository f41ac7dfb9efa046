import { randomUUID } from "node:crypto";
import { type ExecutionResult, getOperationAST } from "graphql";
import type { Plugin, YogaInitialContext } from "graphql-yoga";
import type { GatewayContext } from "../context.js";
import type { ClientAddresses } from "../http/client-address.js";
import { capText, type Logger } from "./logger.js";

/** What the log line of one request gathers while the request runs. */
interface RequestRecord {
  readonly id: string;
  readonly started: number;
  /** Each operation run, in the order they started: one, or several for a batch. */
  operations: Array<{ name?: string; type?: string; context: GatewayContext }>;
  codes: Set<string>;
  /** The peer, or the client a trusted proxy names: the address budgets charge. */
  clientAddress?: string;
}

export const REQUEST_ID_HEADER = "x-request-id";
/** A caller's request id is kept only in this form, so it cannot smuggle text into the log. */
const REQUEST_ID = /^[\w.:-]{1,100}$/;

/** Paths that are answered without GraphQL and polled often: logged at debug only. */
const PROBE_PATHS = new Set(["/health", "/ready", "/metrics"]);

/**
 * One JSON line per request: method, path, status, duration, the operation's name and type, its
 * AWS calls and attempts, the error codes of its response, the client address and the caller
 * when one is known. The line never carries the document, variables, cursors, headers or tokens;
 * the operation name is the client's text and is capped. Every response carries the id in `x-request-id`.
 */
export function useRequestLog(logger: Logger, addresses: ClientAddresses): Plugin<GatewayContext> {
  const records = new WeakMap<Request, RequestRecord>();
  return {
    onRequest({ request, serverContext }) {
      const given = request.headers.get(REQUEST_ID_HEADER);
      records.set(request, {
        id: given && REQUEST_ID.test(given) ? given : randomUUID(),
        started: performance.now(),
        operations: [],
        codes: new Set(),
        clientAddress: addresses.ofServerContext(serverContext),
      });
    },
    onExecute({ args }) {
      const context = args.contextValue as GatewayContext & YogaInitialContext;
      const record = records.get(context.request);
      if (!record) return;
      const operation = getOperationAST(args.document, args.operationName);
      record.operations.push({ name: operation?.name?.value, type: operation?.operation, context });
    },
    onResultProcess({ request, result }) {
      const record = records.get(request);
      if (!record) return;
      for (const single of Array.isArray(result) ? result : [result]) {
        for (const error of (single as ExecutionResult).errors ?? []) {
          record.codes.add(String(error.extensions?.code ?? "UNKNOWN"));
        }
      }
    },
    onResponse({ request, response }) {
      const record = records.get(request);
      if (!record) return;
      records.delete(request);
      response.headers.set(REQUEST_ID_HEADER, record.id);
      const path = new URL(request.url).pathname;
      // A batch's line covers all its operations: their names, types and calls together.
      const { operations } = record;
      const calls = operations.flatMap((operation) => operation.context.awsCalls);
      const names = operations.map((operation) => operation.name).filter(Boolean);
      const types = [...new Set(operations.map((operation) => operation.type).filter(Boolean))];
      const line = {
        requestId: record.id,
        method: request.method,
        path: capText(path, 100),
        status: response.status,
        durationMs: Math.round((performance.now() - record.started) * 10) / 10,
        operationName: names.length > 0 ? capText(names.join(","), 100) : undefined,
        operationType: types.length > 0 ? types.join(",") : undefined,
        operations: operations.length > 1 ? operations.length : undefined,
        awsCalls: calls.length,
        awsAttempts: calls.reduce((sum, call) => sum + call.attempts, 0),
        codes: [...record.codes],
        callerId: operations[0]?.context.caller?.id,
        clientAddress: record.clientAddress,
      };
      if (PROBE_PATHS.has(path)) logger.debug(line, "request");
      else logger.info(line, "request");
    },
  };
}
