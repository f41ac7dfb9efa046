import { readFile } from "node:fs/promises";
import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import { type GraphQLError, type GraphQLSchema, parse, validate } from "graphql";
import type { GraphQLParams, Plugin } from "graphql-yoga";
import { ConfigError } from "../config.js";
import { persistedQueryExtension, requestError } from "./automatic-persisted-queries.js";

/** The operations a frontend may run: id (usually the document's SHA-256) → document. */
export type PersistedOperations = ReadonlyMap<string, string>;

const SHA256_ID = /^(?:sha256:)?([0-9a-f]{64})$/i;

/**
 * One spelling per id: a SHA-256 written as `sha256:<hex>` (GraphQL over HTTP's persisted
 * documents appendix, and GraphQL Code Generator's client preset) or as bare hex, in either case,
 * is its lower-case hex. Any other id is kept as it is.
 */
export function normalizeOperationId(id: string): string {
  const hex = SHA256_ID.exec(id)?.[1];
  return hex ? hex.toLowerCase() : id;
}

/**
 * Reads a manifest `{ "<id>": "<GraphQL document>" }` and checks every document against the
 * schema, so a stale manifest stops the gateway at startup instead of failing its users later.
 * Every problem names the file.
 */
export async function loadPersistedOperations(
  path: string,
  schema: GraphQLSchema,
): Promise<PersistedOperations> {
  const fail = (problem: string) => new ConfigError([`PERSISTED_OPERATIONS (${path}): ${problem}`]);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw fail(`cannot read the manifest: ${error instanceof Error ? error.message : error}`);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw fail(`not valid JSON: ${error instanceof Error ? error.message : error}`);
  }
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) {
    throw fail('must be a JSON object { "<operation id>": "<GraphQL document>" }');
  }
  const operations = new Map<string, string>();
  const problems: string[] = [];
  for (const [id, document] of Object.entries(manifest)) {
    if (typeof document !== "string") {
      problems.push(`"${id}": the document must be a string`);
      continue;
    }
    try {
      const errors = validate(schema, parse(document));
      if (errors.length > 0) {
        problems.push(`"${id}": ${errors.map((error) => error.message).join("; ")}`);
        continue;
      }
    } catch (error) {
      problems.push(`"${id}": ${error instanceof Error ? error.message : error}`);
      continue;
    }
    const normalized = normalizeOperationId(id);
    const earlier = operations.get(normalized);
    if (earlier !== undefined && earlier !== document) {
      problems.push(`"${id}": the same id as another entry, with a different document`);
      continue;
    }
    operations.set(normalized, document);
  }
  if (problems.length > 0) {
    throw new ConfigError(problems.map((problem) => `PERSISTED_OPERATIONS (${path}): ${problem}`));
  }
  if (operations.size === 0) throw fail("the manifest has no operations");
  return operations;
}

/** How a client names a persisted operation: GraphQL-over-HTTP's `documentId`, or Apollo's. */
type Params = GraphQLParams & { documentId?: unknown };

/** Request parameters besides yoga's own that the allow-list accepts. */
export const PERSISTED_OPERATION_PARAMS = ["documentId"];

function operationId(params: Params, request: Request): string | null {
  if (typeof params.documentId === "string") return params.documentId;
  const persistedQuery = persistedQueryExtension(params.extensions);
  if (persistedQuery) return persistedQuery.sha256Hash;
  // yoga's GET parser keeps only the standard parameters.
  if (request.method === "GET") return new URL(request.url).searchParams.get("documentId");
  return null;
}

// Errors in the same shape as yoga's own request errors: HTTP 400 for
// application/graphql-response+json clients, 200 for application/json ones; the same over HTTP
// and graphql-ws.

/** A request that sends a document of its own. */
function documentRefused(params: Params) {
  // A document with Apollo's hash is an automatic persisted query registering itself;
  // NOT_SUPPORTED is the answer Apollo's clients expect when a server does not take them.
  return persistedQueryExtension(params.extensions)
    ? requestError(
        "This gateway does not register operations sent by clients: it runs only the operations in its manifest (PERSISTED_OPERATIONS), by id.",
        "PERSISTED_QUERY_NOT_SUPPORTED",
        400,
      )
    : requestError(
        "This gateway runs persisted operations only: send the operation's id as `documentId` (or `extensions.persistedQuery.sha256Hash`) with no `query` (an empty one over graphql-ws).",
        "PERSISTED_QUERY_ONLY",
        400,
      );
}

const unknownOperation = () =>
  requestError(
    "Unknown persisted operation: its id is not in the gateway's manifest.",
    "PERSISTED_QUERY_NOT_FOUND",
    400,
  );

const missingOperationId = () =>
  requestError(
    "Missing operation: send a persisted operation's id as `documentId` or `extensions.persistedQuery.sha256Hash`.",
    "PERSISTED_QUERY_ID_REQUIRED",
    400,
  );

/**
 * The allow-list: only operations in `operations` run, looked up by id; a request that carries a
 * document of its own is refused, whether or not the document is in the manifest.
 */
export function persistedOperationsOnly(operations: PersistedOperations): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (id) => operations.get(normalizeOperationId(id)) ?? null,
    extractPersistedOperationId: operationId,
    allowArbitraryOperations: false,
    // Checked against the schema when the manifest was loaded.
    skipDocumentValidation: true,
    customErrors: {
      persistedQueryOnly: ({ params }) => documentRefused(params),
      notFound: unknownOperation,
      keyNotFound: missingOperationId,
    },
  });
}

/**
 * The manifest's document for an operation sent over graphql-ws, whose protocol has no HTTP
 * request for the plugin above to read: named the same ways, refused with the same errors.
 */
export function persistedDocument(
  operations: PersistedOperations,
  params: Params,
): string | GraphQLError {
  const id =
    typeof params.documentId === "string"
      ? params.documentId
      : persistedQueryExtension(params.extensions)?.sha256Hash;
  if (params.query) return documentRefused(params);
  if (!id) return missingOperationId();
  return operations.get(normalizeOperationId(id)) ?? unknownOperation();
}
