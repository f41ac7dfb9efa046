import type { ExecutionResult } from "graphql";
import type { Plugin, YogaInitialContext } from "graphql-yoga";
import { requestError } from "./automatic-persisted-queries.js";

/** Requests whose body was a batch, by the fetch Request every operation of it shares. */
const batches = new WeakSet<Request>();

/** Whether `request` carried a batch (a JSON array of operations). */
export const isBatch = (request: Request): boolean => batches.has(request);

/**
 * Batches, as Apollo's BatchHttpLink sends them (a JSON array of operations):
 * - one larger than `limit` is refused, naming the limit and its variable (yoga's own check behind
 *   it says less); with a limit of 0 batching is off;
 * - headers an operation's error asks for (`Retry-After` of RATE_LIMITED) reach the batch's HTTP
 *   answer, as they reach a single operation's; of several Retry-After, the longest wins.
 * The cost limits of a batch are its request's, shared by its operations (see request-allowance).
 */
export function limitBatches(limit: number): Plugin<YogaInitialContext> {
  return {
    onRequestParse({ request }) {
      return {
        onRequestParseDone({ requestParserResult }) {
          if (!Array.isArray(requestParserResult)) return;
          if (limit === 0) {
            throw requestError(
              "This gateway does not take batched requests (BATCH_LIMIT is 0): send one operation per request.",
              "BATCH_NOT_SUPPORTED",
              400,
            );
          }
          if (requestParserResult.length > limit) {
            throw requestError(
              `This batch holds ${requestParserResult.length} operations; the gateway takes at most ${limit} per request (BATCH_LIMIT). Split it into smaller batches.`,
              "BATCH_TOO_LARGE",
              413,
            );
          }
          batches.add(request);
        },
      };
    },
    onResultProcess({ request, result }) {
      if (!Array.isArray(result)) return;
      const headers = new Headers();
      for (const single of result as ExecutionResult[]) {
        for (const error of single.errors ?? []) {
          const asked = (error.extensions?.http as { headers?: Record<string, string> } | undefined)
            ?.headers;
          for (const [name, value] of Object.entries(asked ?? {})) {
            const before = headers.get(name);
            if (name.toLowerCase() === "retry-after" && before && Number(before) >= Number(value))
              continue;
            headers.set(name, value);
          }
        }
      }
      if ([...headers.keys()].length > 0) batchHeaders.set(request, headers);
    },
    onResponse({ request, response }) {
      const headers = batchHeaders.get(request);
      if (!headers) return;
      batchHeaders.delete(request);
      for (const [name, value] of headers) response.headers.set(name, value);
    },
  };
}

/** Headers the errors of a batch's operations ask for, until its response is made. */
const batchHeaders = new WeakMap<Request, Headers>();

/**
 * Refuses a subscription inside a batch with a clear error: its events have nowhere to go in a
 * JSON array (on its own, over Server-Sent Events, it runs as usual).
 */
export function refuseBatchedSubscriptions(): Plugin<YogaInitialContext> {
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      if (!isBatch(args.contextValue.request)) return;
      setResultAndStopExecution({
        errors: [
          requestError(
            "A subscription cannot run inside a batch: its events cannot be sent in a JSON array. Send it on its own, with `Accept: text/event-stream` (Server-Sent Events).",
            "SUBSCRIPTION_IN_BATCH",
            400,
          ),
        ],
      });
    },
  };
}
