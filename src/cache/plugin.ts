import { createHash } from "node:crypto";
import {
  type Cache,
  createInMemoryCache,
  useResponseCache,
} from "@graphql-yoga/plugin-response-cache";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { getOperationAST, Kind, type OperationDefinitionNode, valueFromASTUntyped } from "graphql";
import type { Plugin, YogaInitialContext } from "graphql-yoga";
import { DEBUG_HEADER, type GatewayContext } from "../context.js";
import type { GatewayMetrics } from "../observability/metrics.js";

export interface ResponseCacheOptions {
  cache: Cache;
  metrics: GatewayMetrics;
  /** Whether `x-gateway-debug: cache` (or `calls`) may show hits and misses in `extensions`. */
  debug: boolean;
}

/** Fields a caller's identity may be found under on the context, whichever auth put it there. */
interface CallerFields {
  caller?: { id?: unknown; sub?: unknown } | string;
  user?: { id?: unknown; sub?: unknown } | string;
  jwt?: { payload?: { sub?: unknown } };
}

/**
 * Whose answer this is. Responses are cached per caller whenever a request carries credentials:
 * the Authorization header (and a caller the authentication put on the context) go into the key,
 * hashed, so nobody is ever served another caller's data. Requests without any are public.
 */
export function callerKey(request: Request, context: unknown): string | null {
  const fields = (context ?? {}) as CallerFields;
  const identity = (value: CallerFields["caller"]) =>
    typeof value === "string" ? value : (value?.id ?? value?.sub);
  const parts = [
    request.headers.get("authorization"),
    identity(fields.caller),
    identity(fields.user),
    fields.jwt?.payload?.sub,
  ].filter((part) => part !== undefined && part !== null && part !== "");
  if (!parts.length) return null;
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url");
}

const SERVED_FROM_CACHE = Symbol.for("servedFromResponseCache");

function wantsDebug(request: Request): boolean {
  const asked = request.headers.get(DEBUG_HEADER)?.split(",") ?? [];
  return asked.includes("cache") || asked.includes("calls");
}

/**
 * Whole-response caching (graphql-yoga's response cache): a query's answer is kept for as long
 * as the state it shows allows (the request's ResponseTtl, fed by every AWS call it made), per
 * caller, and dropped when a mutation returns an entity it shows. Mutations, errors and
 * introspection are never cached.
 */
export function useGatewayResponseCache(options: ResponseCacheOptions): Plugin<GatewayContext>[] {
  const { metrics } = options;
  const cache = countingCache(options.cache, metrics);
  const responseCache = useResponseCache<GatewayContext>({
    cache,
    session: (request, context) => callerKey(request, context),
    // The context's ResponseTtl has seen every AWS call by the time the result is stored.
    onTtl: ({ context }) => (context as GatewayContext).responseTtl.milliseconds,
    // Global IDs identify entities for invalidation; results carry `id` where types have one.
    idFields: ["id"],
    invalidateViaMutation: true,
    includeExtensionMetadata: false,
    shouldCacheResult: ({ result }) => !result.errors?.length,
  }) as Plugin<GatewayContext>;
  // The library answers a request whose If-None-Match names a cached entry with 304 in
  // `onRequest`, before authentication, CSRF prevention and the persisted-operation allow-list
  // (they run when the request is parsed) and whatever the request asks. So conditional requests
  // take the normal path: a cache hit, no AWS call, answered 200 with the same ETag.
  delete responseCache.onRequest;
  return [
    responseCache,
    {
      onExecute({ args }) {
        const operation = getOperationAST(args.document, args.operationName);
        if (operation?.operation === "mutation") {
          // Starting a pipeline adds a build to it, cancelling one changes its state, its
          // workflow runs and their steps: whatever shows them is stale. (Entities the mutation
          // returns are dropped by the response cache itself.)
          return {
            onExecuteDone: () => {
              void cache.invalidate(staleAfter(args.variableValues, operation));
            },
          };
        }
        if (operation?.operation !== "query") return;
        // Executing a query means the cache had no answer for it.
        metrics.responseCache.inc({ outcome: "miss" });
        return {
          onExecuteDone({ args: { contextValue }, result, setResult }) {
            if (Symbol.asyncIterator in result) return;
            const { request, responseTtl } = contextValue as GatewayContext & YogaInitialContext;
            if (!options.debug || !wantsDebug(request)) return;
            const ttlMs = result.errors?.length ? 0 : responseTtl.milliseconds;
            setResult({
              ...result,
              extensions: {
                ...result.extensions,
                responseCache: { hit: false, ttlSeconds: ttlMs / 1000 },
              },
            });
          },
        };
      },
      onResultProcess({ request, result, setResult }) {
        if (Array.isArray(result) || Symbol.asyncIterator in result) return;
        if (!(SERVED_FROM_CACHE in result)) return;
        metrics.responseCache.inc({ outcome: "hit" });
        if (!options.debug || !wantsDebug(request)) return;
        setResult({
          ...result,
          extensions: { ...result.extensions, responseCache: { hit: true } },
        });
      },
      onResponse({ request, response }) {
        // HTTP caches may keep GET answers (queries only) that the response cache kept; callers
        // with credentials get `private`, so shared caches never hand them to anyone else.
        const expires = response.headers.get("expires");
        if (request.method !== "GET" || !expires) {
          response.headers.delete("expires");
          return;
        }
        const seconds = Math.max(0, Math.floor((Date.parse(expires) - Date.now()) / 1000));
        const scope = callerKey(request, undefined) ? "private" : "public";
        response.headers.set("cache-control", `${scope}, max-age=${seconds}`);
        response.headers.append("vary", "Authorization");
      },
    },
  ];
}

type StaleEntity =
  Parameters<Cache["invalidate"]>[0] extends Iterable<infer Entity> ? Entity : never;

/** What a mutation's root fields may have made stale in cached responses. */
function staleAfter(
  variables: Record<string, unknown> | null | undefined,
  operation: OperationDefinitionNode,
): StaleEntity[] {
  const stale: StaleEntity[] = [{ typename: "ImagePipeline" }];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value !== "cancelImageCreation") continue;
    stale.push({ typename: "WorkflowExecution" }, { typename: "WorkflowStepExecution" });
    const input = selection.arguments?.find((argument) => argument.name.value === "input");
    const value = input ? valueFromASTUntyped(input.value, variables ?? undefined) : undefined;
    const arn = (value as { imageBuildVersionArn?: unknown } | undefined)?.imageBuildVersionArn;
    // The build's own entries by id; without a readable ARN, every build's.
    stale.push(
      typeof arn === "string"
        ? { typename: "ImageBuildVersion", id: encodeGlobalID("ImageBuildVersion", arn) }
        : { typename: "ImageBuildVersion" },
    );
  }
  return stale;
}

/** A cache whose failures (Redis away, say) count as "not cached", never as an error. */
function countingCache(inner: Cache, metrics: GatewayMetrics): Cache {
  const safely = async <T>(operation: string, run: () => T | PromiseLike<T>) => {
    try {
      return await run();
    } catch {
      metrics.responseCacheErrors.inc({ operation });
      return undefined;
    }
  };
  return {
    get: (id) => safely("get", () => inner.get(id)),
    set: async (id, result, entities, ttl) => {
      // The answer's expiry travels with it, so a later hit can tell HTTP caches how long is left.
      const expires = new Date(Date.now() + ttl).toUTCString();
      const extensions = (result.extensions ?? {}) as {
        http?: { headers?: Record<string, string> };
      };
      extensions.http = {
        ...extensions.http,
        headers: { ...extensions.http?.headers, Expires: expires },
      };
      result.extensions = extensions;
      await safely("set", () => inner.set(id, result, entities, ttl));
    },
    invalidate: async (entities) => {
      await safely("invalidate", () => inner.invalidate(entities));
    },
  };
}

export function createMemoryResponseCache(maxEntries: number): Cache {
  return createInMemoryCache({ max: maxEntries });
}
