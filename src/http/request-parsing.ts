import { GraphQLError, parse } from "graphql";
import { createGraphQLError, type GraphQLParams, type Plugin } from "graphql-yoga";

/**
 * How the gateway reads a GraphQL request, in every form GraphQL over HTTP allows: GET with URL
 * parameters, and POST as JSON, as `application/graphql` or as a URL-encoded form. Anything
 * malformed is HTTP 400 with code BAD_REQUEST naming the parameter and the form it must take;
 * no message quotes what the client sent. yoga's own parsers answer a bad `variables` URL
 * parameter with an unexpected error and quote a malformed JSON body, so these replace them.
 */

/** Content types a POST may have, for the message that refuses any other. */
const ACCEPTED_CONTENT_TYPES =
  "application/json, application/graphql+json, application/graphql or application/x-www-form-urlencoded";

export function badRequest(message: string, status = 400): GraphQLError {
  return createGraphQLError(message, {
    extensions: { code: "BAD_REQUEST", http: { status } },
  });
}

/**
 * 415: a body the gateway will not read. The connection closes with the answer, so the unread
 * body is not drained (and cannot carry a next request).
 */
function unsupportedBody(message: string): GraphQLError {
  return createGraphQLError(message, {
    extensions: { code: "BAD_REQUEST", http: { status: 415, headers: { connection: "close" } } },
  });
}

const JSON_PARAMETER_FORM: Record<"variables" | "extensions", string> = {
  variables: 'a JSON object mapping variable names to values, such as {"first": 5}',
  extensions: 'a JSON object, such as {"persistedQuery": {"version": 1, "sha256Hash": "…"}}',
};

/** The URL or form parameters yoga knows, read strictly: each at most once, JSON ones parsed. */
/**
 * How deeply JSON in a request may nest. Real variables nest a few levels; deeper ones only
 * exhaust the stack of whatever walks them later (cache keys, validation).
 */
const MAX_JSON_DEPTH = 64;

function checkNesting(value: unknown, where: string): void {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== "object" || item === null) continue;
    if (depth > MAX_JSON_DEPTH) {
      throw badRequest(`${where} nests deeper than ${MAX_JSON_DEPTH} levels; flatten it.`);
    }
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
}

function paramsFromSearch(search: URLSearchParams, extraNames: readonly string[]): GraphQLParams {
  for (const name of ["query", "operationName", "variables", "extensions", ...extraNames]) {
    if (search.getAll(name).length > 1) {
      throw badRequest(`The "${name}" parameter is given more than once; give it at most once.`);
    }
  }
  const json = (name: "variables" | "extensions"): Record<string, unknown> | undefined => {
    const text = search.get(name);
    if (!text) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw badRequest(
        `The "${name}" parameter is not valid JSON${jsonErrorPlace(error)}; it must be ${JSON_PARAMETER_FORM[name]}.`,
      );
    }
    checkNesting(value, `The "${name}" parameter`);
    return value as Record<string, unknown>;
  };
  const params: GraphQLParams & Record<string, unknown> = {
    query: search.get("query") || undefined,
    operationName: search.get("operationName") || undefined,
    variables: json("variables"),
    extensions: json("extensions"),
  };
  // The persisted-operation allow-list reads its id here too.
  for (const name of extraNames) {
    const value = search.get(name);
    if (value) params[name] = value;
  }
  return params;
}

/** "at character 12" from a JSON.parse error, never the text around it (that is the client's). */
function jsonErrorPlace(error: unknown): string {
  const position = error instanceof Error ? /position (\d+)/.exec(error.message)?.[1] : undefined;
  return position === undefined ? "" : ` (at character ${Number(position) + 1})`;
}

function tooLarge(maxBodyBytes: number): GraphQLError {
  return createGraphQLError(
    `The request body is larger than the ${maxBodyBytes} bytes this gateway accepts (MAX_REQUEST_BODY_BYTES).`,
    {
      extensions: {
        code: "REQUEST_ENTITY_TOO_LARGE",
        // The rest of the body is never read, so the connection cannot carry another request:
        // closing it spares the client a reused socket that hangs until the keep-alive timeout.
        http: { status: 413, headers: { connection: "close" } },
      },
    },
  );
}

/**
 * The body as text, never more than `maxBodyBytes` of it. A declared Content-Length was checked
 * against the limit before parsing, and Node's HTTP parser delivers no more than it declares, so
 * such a body is read in one go; a chunked body is counted as it arrives and refused once it
 * passes the limit, without reading the rest.
 */
async function readBody(request: Request, maxBodyBytes: number): Promise<string> {
  try {
    if (request.headers.has("content-length") || !request.body) return await request.text();
    return await readCounted(request.body, maxBodyBytes);
  } catch (error) {
    if (error instanceof GraphQLError || (error instanceof Error && error.name === "AbortError")) {
      throw error;
    }
    throw badRequest("The request body could not be read.");
  }
}

async function readCounted(body: ReadableStream<Uint8Array>, maxBodyBytes: number) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > maxBodyBytes) {
      reader.cancel().catch(() => {});
      throw tooLarge(maxBodyBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}

async function parseJsonBody(
  request: Request,
  maxBodyBytes: number,
): Promise<GraphQLParams | GraphQLParams[]> {
  const text = await readBody(request, maxBodyBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw badRequest(
      `The request body is not valid JSON${jsonErrorPlace(error)}; it must be a JSON object such as {"query": "{ __typename }", "variables": {}}.`,
    );
  }
  // The body itself is an object (or a batch of them) holding the variables: two levels more.
  checkNesting(body, "The request body");
  // A batch (Apollo's BatchHttpLink): each entry is read like a whole body; BATCH_LIMIT is checked
  // once the batch is parsed.
  if (Array.isArray(body)) {
    const notObject = body.findIndex(
      (entry) => typeof entry !== "object" || entry === null || Array.isArray(entry),
    );
    if (notObject >= 0) {
      throw badRequest(
        `Entry ${notObject} of the batch is not a JSON object; every entry of a batched request must be an operation such as {"query": "{ __typename }"}.`,
      );
    }
    return body as GraphQLParams[];
  }
  if (typeof body !== "object" || body === null) {
    throw badRequest(
      `The request body must be a JSON object such as {"query": "{ __typename }"}, not ${body === null ? "null" : typeof body}.`,
    );
  }
  return body as GraphQLParams;
}

const contentTypeOf = (request: Request) =>
  request.headers.get("content-type")?.split(",")[0]?.split(";")[0]?.trim().toLowerCase() ?? "";

/**
 * Reads GET parameters, JSON and URL-encoded bodies strictly (see above), refuses content types
 * the gateway does not read with a GraphQL error (415), checks `operationName` is a string, and
 * explains a 406.
 */
export function useStrictRequestParsing(options: {
  maxBodyBytes: number;
  extraParamNames?: readonly string[];
}): Plugin {
  const { maxBodyBytes, extraParamNames = [] } = options;
  return {
    onRequestParse({ request, url, setRequestParser }) {
      // yoga checks this too, after us, with a message that does not name the limit.
      const declaredLength = Number(request.headers.get("content-length"));
      if (declaredLength > maxBodyBytes) throw tooLarge(maxBodyBytes);
      if (request.method === "GET") {
        setRequestParser(() => paramsFromSearch(url.searchParams, extraParamNames));
        return;
      }
      if (request.method !== "POST") return;
      // A compressed body is never inflated: a few kilobytes can expand past any limit.
      const encoding = request.headers.get("content-encoding")?.trim().toLowerCase();
      if (encoding && encoding !== "identity") {
        setRequestParser(() => {
          throw unsupportedBody(
            `The request body is encoded with "${encoding.slice(0, 40)}", which this gateway does not read; send it uncompressed (no Content-Encoding).`,
          );
        });
        return;
      }
      const contentType = contentTypeOf(request);
      if (contentType === "application/json" || contentType === "application/graphql+json") {
        setRequestParser((jsonRequest) => parseJsonBody(jsonRequest, maxBodyBytes));
      } else if (contentType === "application/x-www-form-urlencoded") {
        setRequestParser(async (formRequest) =>
          paramsFromSearch(
            new URLSearchParams(await readBody(formRequest, maxBodyBytes)),
            extraParamNames,
          ),
        );
      } else if (contentType === "application/graphql") {
        setRequestParser(async (graphqlRequest) => ({
          query: await readBody(graphqlRequest, maxBodyBytes),
        }));
      } else {
        setRequestParser(() => {
          throw unsupportedBody(
            `The content type ${contentType ? `"${contentType.slice(0, 100)}"` : "(none)"} is not supported; send the request as ${ACCEPTED_CONTENT_TYPES}, or use GET.`,
          );
        });
      }
      return {
        onRequestParseDone({ requestParserResult }) {
          for (const params of [requestParserResult].flat()) checkOperationName(params);
        },
      };
    },
    // yoga answers an `accept` header it cannot serve with an empty 406; this one says why.
    onResultProcess({ resultProcessor, acceptableMediaTypes, setResultProcessor }) {
      if (resultProcessor) return;
      const offered = [...new Set(acceptableMediaTypes)].join(", ");
      setResultProcessor(
        (_result, fetchAPI) =>
          fetchAPI.Response.json(
            {
              errors: [
                {
                  message: `The accept header allows none of the media types this gateway answers with: ${offered}.`,
                  extensions: { code: "BAD_REQUEST" },
                },
              ],
            },
            { status: 406, headers: { accept: offered } },
          ),
        "application/json",
      );
    },
  };
}

function checkOperationName(params: GraphQLParams): void {
  const { operationName } = params as { operationName?: unknown };
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") {
    throw badRequest(
      'The "operationName" parameter must be a string naming one operation of the document.',
    );
  }
}

/**
 * Most tokens a GraphQL document may have. graphql-js parses recursively, so without a bound a
 * deeply nested document (`{a{a{a…`) overflows the stack; 10,000 tokens is far beyond any real
 * operation of this API (a query with 100 aliased look-ups has about 2,500).
 */
export const MAX_DOCUMENT_TOKENS = 10_000;

/** Parses documents with MAX_DOCUMENT_TOKENS, and answers any nesting the stack cannot hold. */
export function useBoundedParsing(): Plugin {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens: MAX_DOCUMENT_TOKENS });
        } catch (error) {
          if (error instanceof RangeError) {
            throw createGraphQLError(
              "The document is nested too deeply to parse; flatten it (fragments help).",
              { extensions: { code: "GRAPHQL_PARSE_FAILED", http: { status: 400 } } },
            );
          }
          throw error;
        }
      });
    },
  };
}
