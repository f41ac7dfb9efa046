import type { Plugin } from "graphql-yoga";
import { requestError } from "./automatic-persisted-queries.js";

/**
 * Refuses a batch (a JSON array of operations, as Apollo's BatchHttpLink sends) larger than
 * `limit`, naming the limit and its variable; yoga's own check behind it says less. With a limit of
 * 0 batching is off.
 */
export function limitBatches(limit: number): Plugin {
  return {
    onRequestParse() {
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
        },
      };
    },
  };
}
