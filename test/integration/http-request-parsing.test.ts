import { request as httpRequest } from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, imageArn, packages } from "../helpers/fixtures.js";
import { startTestGateway, type TestGateway } from "../helpers/gateway.js";
import { captureLogs } from "../helpers/logs.js";

/** Text that must never come back in a response, nor whole in a log line. */
const MARKER = "CLIENT-SENT-MARKER";

let gateway: TestGateway;
const { logger, lines: logLines } = captureLogs("debug");
beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: fixture({
      imageBuilder: { images: [{ arn: imageArn("web"), packages: packages(3) }] },
    }),
    env: { MAX_REQUEST_BODY_BYTES: "200000" },
    logger,
  });
});
afterAll(() => gateway.close());

interface Case {
  name: string;
  /** URL parameters after `?` (GET when there is no body). */
  search?: string;
  body?: string | Blob;
  contentType?: string;
  /** Extra request headers. */
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** Words the message must contain: the parameter it names, the form it asks for. */
  says: RegExp;
}

const QUERY = encodeURIComponent("{ __typename }");
const bad = `{${MARKER}`;

const deep = (levels: number) => `{"x":${"[".repeat(levels)}${"]".repeat(levels)}}`;

const CASES: Case[] = [
  // GET: every parameter yoga reads.
  {
    name: "GET variables that are not JSON",
    search: `query=${QUERY}&variables=${encodeURIComponent(bad)}`,
    status: 400,
    code: "BAD_REQUEST",
    says: /"variables" parameter is not valid JSON.*JSON object/,
  },
  {
    name: "GET extensions that are not JSON",
    search: `query=${QUERY}&extensions=${encodeURIComponent(bad)}`,
    status: 400,
    code: "BAD_REQUEST",
    says: /"extensions" parameter is not valid JSON/,
  },
  {
    name: "GET variables that are JSON but not an object",
    search: `query=${QUERY}&variables=${encodeURIComponent(`["${MARKER}"]`)}`,
    status: 400,
    code: "BAD_REQUEST",
    says: /"variables" param to be empty or an object/,
  },
  {
    name: "GET operationName given twice",
    search: `query=${QUERY}&operationName=a&operationName=b`,
    status: 400,
    code: "BAD_REQUEST",
    says: /"operationName" parameter is given more than once/,
  },
  {
    name: "GET operationName naming no operation of the document",
    search: `query=${QUERY}&operationName=${MARKER}`,
    status: 400,
    code: "BAD_REQUEST",
    says: /"operationName" parameter must name one operation/,
  },
  {
    name: "GET with two operations and no operationName",
    search: `query=${encodeURIComponent("query A { __typename } query B { __typename }")}`,
    status: 400,
    code: "BAD_REQUEST",
    says: /"operationName" parameter must name one operation/,
  },
  // POST JSON.
  {
    name: "POST a body that is not JSON",
    body: `{"query": "{ __typename }", "variables": ${bad}`,
    status: 400,
    code: "BAD_REQUEST",
    says: /request body is not valid JSON \(at character \d+\).*JSON object/,
  },
  {
    name: "POST a JSON body that is not an object",
    body: `"${MARKER}"`,
    status: 400,
    code: "BAD_REQUEST",
    says: /request body must be a JSON object/,
  },
  {
    name: "POST variables as a string",
    body: JSON.stringify({ query: "{ __typename }", variables: bad }),
    status: 400,
    code: "BAD_REQUEST",
    says: /"variables" param to be empty or an object/,
  },
  {
    name: "POST extensions as a number",
    body: JSON.stringify({ query: "{ __typename }", extensions: 5 }),
    status: 400,
    code: "BAD_REQUEST",
    says: /"extensions" param to be empty or an object/,
  },
  {
    name: "POST operationName as an object",
    body: JSON.stringify({ query: "{ __typename }", operationName: { name: MARKER } }),
    status: 400,
    code: "BAD_REQUEST",
    says: /"operationName" parameter must be a string/,
  },
  {
    name: "POST as application/graphql+json with a broken body",
    body: bad,
    contentType: "application/graphql+json",
    status: 400,
    code: "BAD_REQUEST",
    says: /request body is not valid JSON/,
  },
  // POST as a URL-encoded form: the same parameters as GET.
  {
    name: "POST a form whose variables are not JSON",
    body: `query=${QUERY}&variables=${encodeURIComponent(bad)}`,
    contentType: "application/x-www-form-urlencoded",
    status: 400,
    code: "BAD_REQUEST",
    says: /"variables" parameter is not valid JSON/,
  },
  {
    name: "POST a form whose extensions are not JSON",
    body: `query=${QUERY}&extensions=${encodeURIComponent(bad)}`,
    contentType: "application/x-www-form-urlencoded",
    status: 400,
    code: "BAD_REQUEST",
    says: /"extensions" parameter is not valid JSON/,
  },
  // Content types the gateway does not read.
  {
    name: "POST multipart (no field takes a file)",
    body: `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${bad}\r\n--x--\r\n`,
    contentType: "multipart/form-data; boundary=x",
    status: 415,
    code: "BAD_REQUEST",
    says: /content type "multipart\/form-data" is not supported; send the request as application\/json/,
  },
  {
    name: "POST text/plain",
    body: JSON.stringify({ query: "{ __typename }" }),
    contentType: "text/plain",
    status: 415,
    code: "BAD_REQUEST",
    says: /content type "text\/plain" is not supported/,
  },
  {
    name: "POST a body over MAX_REQUEST_BODY_BYTES",
    body: JSON.stringify({ query: "{ __typename }", variables: { x: MARKER.repeat(20_000) } }),
    status: 413,
    code: "REQUEST_ENTITY_TOO_LARGE",
    says: /larger than the 200000 bytes this gateway accepts \(MAX_REQUEST_BODY_BYTES\)/,
  },
  // Compressed request bodies are not read (a small one could inflate far past the limit).
  ...["gzip", "br", "deflate"].map((encoding) => ({
    name: `POST a body with Content-Encoding: ${encoding}`,
    body: new Blob([gzipSync(JSON.stringify({ query: `{ __typename } # ${MARKER}` }))]),
    headers: { "content-encoding": encoding },
    status: 415,
    code: "BAD_REQUEST",
    says: new RegExp(`encoded with "${encoding}".*send it uncompressed`),
  })),
  // Nesting deep enough to exhaust a recursive walk (the response cache's key) is refused.
  {
    name: "POST variables nested 10,000 levels deep",
    body: `{"query":"{ __typename }","variables":${deep(10_000)}}`,
    status: 400,
    code: "BAD_REQUEST",
    says: /request body nests deeper than 64 levels/,
  },
  {
    name: "GET variables nested 1,000 levels deep",
    search: `query=${QUERY}&variables=${encodeURIComponent(deep(1_000))}`,
    status: 400,
    code: "BAD_REQUEST",
    says: /"variables" parameter nests deeper than 64 levels/,
  },
];

// GETs and form bodies need a preflight header (CSRF prevention) before they are read at all.
const PREFLIGHT = { "x-graphql-csrf": "1" };

async function send(testCase: Case): Promise<Response> {
  const url = `${gateway.url}${testCase.search ? `?${testCase.search}` : ""}`;
  if (testCase.body === undefined) {
    return fetch(url, { headers: { accept: "application/graphql-response+json", ...PREFLIGHT } });
  }
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": testCase.contentType ?? "application/json",
      accept: "application/graphql-response+json",
      ...PREFLIGHT,
      ...testCase.headers,
    },
    body: testCase.body,
  });
}

describe("malformed requests", () => {
  it.each(CASES)("$name: $status $code naming what is wrong", async (testCase) => {
    const response = await send(testCase);
    const text = await response.text();
    expect(response.status, text).toBe(testCase.status);
    const body = JSON.parse(text) as { errors: Array<{ message: string; extensions: object }> };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]?.extensions).toEqual({ code: testCase.code });
    expect(body.errors[0]?.message).toMatch(testCase.says);
    // Nothing the client sent is quoted back, and nothing about the gateway's insides.
    expect(text).not.toContain(MARKER);
    expect(text).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|SyntaxError/);
  });

  it("answers an accept header it cannot serve with 406 listing what it can", async () => {
    const response = await gateway.post({ query: "{ __typename }" }, { accept: "text/csv" });
    expect(response.status).toBe(406);
    const body = (await response.json()) as {
      errors: Array<{ message: string; extensions: object }>;
    };
    expect(body.errors[0]?.extensions).toEqual({ code: "BAD_REQUEST" });
    expect(body.errors[0]?.message).toMatch(/accept header allows none .*application\/json/);
  });

  it("answers the same mistake alike over GET and POST", async () => {
    const overGet = await send(CASES[0] as Case);
    const overPost = await send({
      ...(CASES[0] as Case),
      body: CASES[0]?.search,
      search: undefined,
      contentType: "application/x-www-form-urlencoded",
    });
    expect(overGet.status).toBe(400);
    expect(overPost.status).toBe(400);
    expect(await overGet.json()).toEqual(await overPost.json());
  });

  it("keeps client text out of the log, but for the capped operation name", async () => {
    logLines.length = 0;
    const longName = `Op${"x".repeat(5000)}`;
    await gateway.post({ query: `query ${longName} { __typename }`, operationName: longName });
    await gateway.post(`{"query": "{ __typename }", "variables": ${bad}`);
    expect(logLines.length).toBeGreaterThanOrEqual(2);
    for (const line of logLines) {
      expect(line).not.toContain(MARKER);
      expect(line.length).toBeLessThan(2000);
    }
    const named = logLines.map((line) => JSON.parse(line)).find((line) => line.operationName);
    expect(named?.operationName).toMatch(/^Opxxx.*more characters\)$/);
  });
});

/** POSTs `body` in `chunks` pieces with chunked transfer encoding: no Content-Length to check. */
function postChunked(
  url: string,
  contentType: string,
  body: string,
  chunks: number,
  headers: Record<string, string> = {},
) {
  return new Promise<{ status: number; connection?: string; text: string }>((resolve, reject) => {
    const req = httpRequest(url, {
      method: "POST",
      // Form and GraphQL bodies are what a cross-site page can send; this one may.
      headers: {
        "content-type": contentType,
        "transfer-encoding": "chunked",
        "x-graphql-csrf": "1",
        ...headers,
      },
    });
    req.on("response", (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => {
        text += chunk.toString();
      });
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          connection: response.headers.connection,
          text,
        }),
      );
    });
    req.on("error", reject);
    const size = Math.ceil(body.length / chunks);
    for (let offset = 0; offset < body.length; offset += size) {
      req.write(body.slice(offset, offset + size));
    }
    req.end();
  });
}

describe("bodies sent without a Content-Length (chunked)", () => {
  it.each([
    { contentType: "text/html", encoding: undefined },
    { contentType: "application/json", encoding: "gzip" },
  ])("refuses $contentType ($encoding) with 415 and closes the connection unread", async (form) => {
    const refused = await postChunked(
      gateway.url,
      form.contentType,
      MARKER.repeat(20_000),
      40,
      form.encoding ? { "content-encoding": form.encoding } : {},
    );
    expect(refused.status).toBe(415);
    expect(refused.connection).toBe("close");
  });

  const padding = MARKER.repeat(20_000);
  const forms = [
    {
      contentType: "application/json",
      body: (pad: string) => JSON.stringify({ query: "{ __typename }", variables: { pad } }),
    },
    {
      contentType: "application/x-www-form-urlencoded",
      body: (pad: string) =>
        new URLSearchParams({
          query: "{ __typename }",
          variables: JSON.stringify({ pad }),
        }).toString(),
    },
    { contentType: "application/graphql", body: (pad: string) => `{ __typename } # ${pad}` },
  ];

  it.each(forms)(
    "$contentType: past MAX_REQUEST_BODY_BYTES is 413, within it runs",
    async (form) => {
      const over = await postChunked(gateway.url, form.contentType, form.body(padding), 40);
      expect(over.status).toBe(413);
      expect(over.text).not.toContain(MARKER);
      const [error] = (JSON.parse(over.text) as { errors: GraphQLErrorJson[] }).errors;
      expect(error?.extensions?.code).toBe("REQUEST_ENTITY_TOO_LARGE");
      expect(error?.message).toMatch(
        /larger than the 200000 bytes this gateway accepts \(MAX_REQUEST_BODY_BYTES\)/,
      );
      const within = await postChunked(gateway.url, form.contentType, form.body("short"), 3);
      expect(within.connection).not.toBe("close");
      expect(within.status).toBe(200);
      expect(JSON.parse(within.text)).toEqual({ data: { __typename: "Query" } });
    },
  );
});

interface GraphQLErrorJson {
  message: string;
  extensions?: { code?: string };
}

describe("_entities representations", () => {
  it("answers an unknown __typename with BAD_USER_INPUT at its index and resolves the rest", async () => {
    const arn = imageArn("web");
    const response = await gateway.query<{ _entities: Array<{ arn: string } | null> }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ImageBuildVersion { arn } } }`,
      {
        r: [
          { __typename: `${MARKER}${"y".repeat(100_000)}` },
          { __typename: "ImageBuildVersion", arn },
          42,
          { __typename: "Query" },
        ],
      },
    );
    expect(response.data?._entities).toEqual([null, { arn }, null, null]);
    expect(response.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [["_entities", 0], "BAD_USER_INPUT"],
      [["_entities", 2], "BAD_USER_INPUT"],
      [["_entities", 3], "BAD_USER_INPUT"],
    ]);
    expect(response.errors?.[0]?.message).toContain("ImageBuildVersion");
    // However much the client sent, the answer repeats little of it.
    expect(JSON.stringify(response).length).toBeLessThan(3_000);
  });
});
