import { createInMemoryAPQStore, hashSHA256 } from "@graphql-yoga/plugin-apq";
import { createGraphQLError, type Plugin } from "graphql-yoga";

/** Apollo's `extensions.persistedQuery`, version 1. */
export interface PersistedQueryExtension {
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
 * Longest document kept. A comment is no token, so a document within MAX_TOKENS can still be a
 * megabyte; the store holds at most `cacheSize` × this many characters. Longer ones still run.
 */
export const APQ_MAX_DOCUMENT_LENGTH = 20_000;

/**
 * Apollo's automatic persisted queries: a client first sends only the SHA-256 of its document;
 * an unknown hash is answered `PERSISTED_QUERY_NOT_FOUND`, the client resends hash and document,
 * and the gateway keeps the document once it has checked the hash and validated it, so the next
 * hash-only request runs. At most `cacheSize` documents are kept, least recently used out first.
 *
 * Written instead of `useAPQ` from @graphql-yoga/plugin-apq (whose store and hash it uses) for
 * four reasons: Apollo Gateway retries only on an HTTP 2xx whose message is exactly
 * "PersistedQueryNotFound", so the status follows GraphQL over HTTP (200 for application/json,
 * 4xx for application/graphql-response+json) like the gateway's other request errors; a
 * mismatching hash names both hashes; only documents that validate take a place in the store;
 * and the same store serves operations sent over graphql-ws, which yoga's hooks never see.
 */
export class AutomaticPersistedQueries {
  // Entries never expire by age: a document that validated stays valid for the process's schema.
  private readonly store: ReturnType<typeof createInMemoryAPQStore>;
  /** Documents to keep once their request has validated, by the request's context. */
  private readonly toRegister = new WeakMap<object, { sha256Hash: string; query: string }>();

  constructor(cacheSize: number) {
    this.store = createInMemoryAPQStore({ max: cacheSize, ttl: 0 });
  }

  /**
   * The document a request runs: its own (once its hash is checked), or the one kept under its
   * hash. Requests without `extensions.persistedQuery` keep theirs. `context` is what the
   * request's document is registered under when `registerValidated` sees it execute.
   */
  async documentFor(
    params: { query?: string | null; extensions?: unknown },
    context: object,
  ): Promise<string | null | undefined> {
    const persistedQuery = persistedQueryExtension(params.extensions);
    if (!persistedQuery) return params.query;
    const { sha256Hash } = persistedQuery;
    // graphql-ws requires a query string in every subscribe message: clients send "" for none.
    if (params.query == null || params.query === "") {
      const query = await this.store.get(sha256Hash.toLowerCase());
      if (query == null) {
        // Message and code are the protocol's: Apollo's clients look for them to resend.
        throw requestError("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND", 404);
      }
      return query;
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
      this.toRegister.set(context, { sha256Hash: actual, query: params.query });
    }
    return params.query;
  }

  /** Keeps the document of the request whose context this is; called once it has validated. */
  registerValidated(context: object): void {
    const registration = this.toRegister.get(context);
    if (registration) this.store.set(registration.sha256Hash, registration.query);
  }

  /** For HTTP requests: yoga's parameters hook and, once validated, the execute hook. */
  plugin(): Plugin {
    return {
      onParams: async ({ params, setParams, context }) => {
        const query = await this.documentFor(params, context);
        if (query !== params.query) setParams({ ...params, query: query ?? undefined });
      },
      // Reached only once the document parsed and validated (subscriptions take the other hook).
      onExecute: ({ args }) => this.registerValidated(args.contextValue),
      onSubscribe: ({ args }) => this.registerValidated(args.contextValue),
    };
  }
}

/** An error about the request itself, with yoga's status rules for GraphQL over HTTP. */
export function requestError(message: string, code: string, status: number) {
  return createGraphQLError(message, { extensions: { code, http: { status, spec: true } } });
}
