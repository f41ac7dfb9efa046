import { createInMemoryAPQStore, hashSHA256 } from "@graphql-yoga/plugin-apq";
import { createGraphQLError, type Plugin } from "graphql-yoga";

/** Apollo's `extensions.persistedQuery`, version 1. */
interface PersistedQueryExtension {
  version: 1;
  sha256Hash: string;
}

export function persistedQueryExtension(extensions: unknown): PersistedQueryExtension | undefined {
  if (typeof extensions !== "object" || extensions === null) return undefined;
  const persistedQuery: unknown = Reflect.get(extensions, "persistedQuery");
  if (typeof persistedQuery !== "object" || persistedQuery === null) return undefined;
  const { version, sha256Hash } = persistedQuery as Record<string, unknown>;
  return version === 1 && typeof sha256Hash === "string" ? { version, sha256Hash } : undefined;
}

/**
 * Apollo's automatic persisted queries: a client first sends only the SHA-256 of its document;
 * an unknown hash is answered `PERSISTED_QUERY_NOT_FOUND`, the client resends hash and document,
 * and the gateway keeps the document once it has checked the hash and validated it, so the next
 * hash-only request runs. At most `cacheSize` documents are kept, least recently used out first.
 *
 * Written instead of `useAPQ` from @graphql-yoga/plugin-apq (whose store and hash it uses) for
 * three reasons: Apollo Gateway retries only on an HTTP 2xx whose message is exactly
 * "PersistedQueryNotFound", so the status follows GraphQL over HTTP (200 for application/json,
 * 4xx for application/graphql-response+json) like the gateway's other request errors; a
 * mismatching hash names both hashes; and only documents that validate take a place in the store.
 */
/**
 * Longest document kept. A comment is no token, so a document within MAX_TOKENS can still be a
 * megabyte; the store holds at most `cacheSize` × this many characters. Longer ones still run.
 */
export const APQ_MAX_DOCUMENT_LENGTH = 20_000;

export function automaticPersistedQueries(cacheSize: number): Plugin {
  // Entries never expire by age: a document that validated stays valid for the process's schema.
  const store = createInMemoryAPQStore({ max: cacheSize, ttl: 0 });
  const toRegister = new WeakMap<object, PersistedQueryExtension & { query: string }>();
  return {
    async onParams({ params, setParams, context }) {
      const persistedQuery = persistedQueryExtension(params.extensions);
      if (!persistedQuery) return;
      const { sha256Hash } = persistedQuery;
      if (params.query == null) {
        const query = await store.get(sha256Hash.toLowerCase());
        if (query == null) {
          // Message and code are the protocol's: Apollo's clients look for them to resend.
          throw requestError("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND", 404);
        }
        setParams({ ...params, query });
        return;
      }
      const actual = await hashSHA256(params.query);
      if (actual !== sha256Hash.toLowerCase()) {
        throw requestError(
          `extensions.persistedQuery.sha256Hash is ${sha256Hash}, but the SHA-256 of the query sent with it is ${actual}: send the hex SHA-256 of the exact query text.`,
          "PERSISTED_QUERY_HASH_MISMATCH",
          400,
        );
      }
      if (params.query.length <= APQ_MAX_DOCUMENT_LENGTH) {
        toRegister.set(context, { ...persistedQuery, sha256Hash: actual, query: params.query });
      }
    },
    onExecute({ args }) {
      // Reached only once the document parsed and validated.
      const registration = toRegister.get(args.contextValue);
      if (registration) store.set(registration.sha256Hash, registration.query);
    },
  };
}

/** An error about the request itself, with yoga's status rules for GraphQL over HTTP. */
export function requestError(message: string, code: string, status: number) {
  return createGraphQLError(message, { extensions: { code, http: { status, spec: true } } });
}
