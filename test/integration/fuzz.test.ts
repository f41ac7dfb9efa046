import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FIXTURE_PATH, loadFixtureFile } from "../../src/emulator/index.js";
import { expectData, startTestGateway, type TestGateway } from "../helpers/gateway.js";
import { captureLogs } from "../helpers/logs.js";

/**
 * Generated requests, well-formed and not, over HTTP to a running gateway on the demo data: none
 * may get a 5xx, an INTERNAL error, a stack trace or a file path, or log an error; the gateway
 * must still serve afterwards. FUZZ_RUNS scales it (batches of BATCH requests sent at once);
 * FUZZ_SEED replays a run that failed.
 */
const BATCH = 25;
/** MAX_REQUEST_BODY_BYTES of the gateway under test: small, so oversized bodies are cheap. */
const MAX_BODY = 40_000;
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

// Real identifiers from the demo data, so some requests reach AWS calls and real pages.
const IMAGE_ARN = "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/2";
const PIPELINE_ARN = "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server";
const WORKFLOW_ID = "wf-7c1e4b2a-9d3f-4e8a-b6c5-2f0a1d9e8b74";
const DATASTORE_ID = "4f9e2c7a1b8d4e6f9a3c5b7d2e1f0a8c";
const IMAGE_SET_ID = "b3d8e1f4a7c2495e8d6b1a0f3c9e7d25";
const APPSTREAM_NAME = "finance-desktop-win2022-2026-02";
const APPSTREAM_ARN = `arn:aws:appstream:us-east-1:123456789012:image/${APPSTREAM_NAME}`;

let gateway: TestGateway;
/** Cursors and IDs the gateway really issued, for the fuzzer to replay and to damage. */
const issued: string[] = [];
const { logger, lines: errorLines } = captureLogs("warn");

beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: await loadFixtureFile(DEMO_FIXTURE_PATH),
    env: { MAX_REQUEST_BODY_BYTES: String(MAX_BODY) },
    logger,
  });
  const page = expectData(
    await gateway.query<{
      imagePackages: { edges: Array<{ cursor: string; node: { id: string } }> };
      appStreamImages: { edges: Array<{ cursor: string; node: { id: string } }> };
    }>(
      `{ imagePackages(imageBuildVersionArn: "${IMAGE_ARN}", first: 30) { edges { cursor node { id } } }
         appStreamImages(first: 3) { edges { cursor node { id } } } }`,
    ),
  );
  for (const connection of [page.imagePackages, page.appStreamImages]) {
    for (const edge of connection.edges.slice(-3)) issued.push(edge.cursor, edge.node.id);
  }
});
afterAll(() => gateway.close());

// ------------------------------------------------------------------------------------------
// Values

const damaged = (value: string) =>
  fc.oneof(
    fc.nat({ max: value.length }).map((cut) => value.slice(0, cut)),
    fc
      .tuple(
        fc.nat({ max: Math.max(0, value.length - 1) }),
        fc.string({ minLength: 1, maxLength: 1 }),
      )
      .map(([at, char]) => value.slice(0, at) + char + value.slice(at + 1)),
    fc.string({ maxLength: 20 }).map((tail) => value + tail),
    fc.constant(value.toUpperCase()),
  );

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom("", " ", "\u0000", "null", "undefined", "💥", "../../etc/passwd", "%ZZ", "\\"),
  fc.nat({ max: 5000 }).map((length) => "x".repeat(length)),
);
const regions = fc.oneof(
  fc.constantFrom("us-east-1", "eu-west-2", "xx-nowhere-9", "US-EAST-1", "us-east-1 ", "mars-1"),
  text,
);
const arns = fc.oneof(
  fc.constantFrom(IMAGE_ARN, PIPELINE_ARN, APPSTREAM_ARN),
  damaged(IMAGE_ARN),
  damaged(PIPELINE_ARN),
  damaged(APPSTREAM_ARN),
  fc.constantFrom("arn:aws:imagebuilder:xx-nowhere-9:123456789012:image/a/1.0.0/1", "arn:"),
  text,
);
const ids = fc.oneof(
  fc.constantFrom(WORKFLOW_ID, DATASTORE_ID, IMAGE_SET_ID, APPSTREAM_NAME),
  damaged(WORKFLOW_ID),
  damaged(DATASTORE_ID),
  text,
);
// Read when values are generated: the gateway issues them once it runs.
const fromIssued = fc.constant(null).chain(() => fc.constantFrom(...issued));
const cursors = fc.oneof(
  fromIssued,
  fromIssued.chain(damaged),
  fc.base64String({ maxLength: 200 }),
  text,
);
const firsts = fc.oneof(
  fc.integer({ min: -5, max: 120 }),
  fc.constantFrom(-2147483648, 2147483647, 2147483648, 1e15, -1e15, 0.5, Number.MAX_SAFE_INTEGER),
);
/** Any JSON value, for variables of the wrong type. */
const anyJson = fc.oneof(
  { depthSize: "small" },
  text,
  firsts,
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), text, { maxKeys: 3 }),
);
/**
 * Lists: usually a few items; now and then more than any bound (100 IDs, 25 keys a call), where
 * the items are all the same cheap value so the fuzzer does not spend its time in AWS calls.
 */
const longOrShort = <T>(item: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 9, arbitrary: fc.array(item, { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(item, fc.integer({ min: 26, max: 130 }))
        .map(([value, count]) => Array.from({ length: count }, () => value)),
    },
  );

/** Right type most of the time, anything some of the time. */
const orAnything = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: anyJson });

// ------------------------------------------------------------------------------------------
// Operations: every root field, with generated variables (often of the wrong type)

interface Operation {
  query: string;
  variables?: unknown;
  operationName?: unknown;
}

const connectionTail =
  "{ edges { cursor node { __typename } } pageInfo { hasNextPage endCursor } }";

const operations: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    query: fc.constant(
      `query Q($arn: String!, $first: Int, $after: String) { imagePackages(imageBuildVersionArn: $arn, first: $first, after: $after) ${connectionTail} }`,
    ),
    variables: fc.record({
      arn: orAnything(arns),
      first: orAnything(firsts),
      after: orAnything(cursors),
    }),
  }),
  fc.record({
    query: fc.constant(
      `query Q($id: String!, $region: String, $first: Int, $after: String) { workflowStepExecutions(workflowExecutionId: $id, region: $region, first: $first, after: $after) ${connectionTail} workflowExecution(workflowExecutionId: $id, region: $region) { id } }`,
    ),
    variables: fc.record({
      id: orAnything(ids),
      region: orAnything(regions),
      first: orAnything(firsts),
      after: orAnything(cursors),
    }),
  }),
  fc.record({
    query: fc.constant(
      `query Q($d: String!, $s: String!, $region: String, $first: Int, $after: String) { imageSetVersions(datastoreId: $d, imageSetId: $s, region: $region, first: $first, after: $after) ${connectionTail} imageSet(datastoreId: $d, imageSetId: $s, region: $region) { id } }`,
    ),
    variables: fc.record({
      d: orAnything(ids),
      s: orAnything(ids),
      region: orAnything(regions),
      first: orAnything(firsts),
      after: orAnything(cursors),
    }),
  }),
  fc.record({
    query: fc.constant(
      `query Q($type: AppStreamImageVisibility, $names: [String!], $arns: [String!], $region: String, $first: Int, $after: String) { appStreamImages(type: $type, names: $names, arns: $arns, region: $region, first: $first, after: $after) ${connectionTail} }`,
    ),
    variables: fc.record(
      {
        type: orAnything(fc.constantFrom("PUBLIC", "PRIVATE", "SHARED", "public", "OTHER")),
        names: orAnything(longOrShort(fc.oneof(fc.constant(APPSTREAM_NAME), text))),
        arns: orAnything(longOrShort(arns)),
        region: orAnything(regions),
        first: orAnything(firsts),
        after: orAnything(cursors),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    query: fc.constant(
      "query Q($arn: String, $name: String, $region: String) { appStreamImage(arn: $arn, name: $name, region: $region) { id name baseImage { name } } }",
    ),
    variables: fc.record(
      { arn: orAnything(arns), name: orAnything(ids), region: orAnything(regions) },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    query: fc.constant(
      "query Q($arn: String!) { imageBuildVersion(arn: $arn) { id name packages(first: 2) { edges { node { packageName } } } } }",
    ),
    variables: fc.record({ arn: orAnything(arns) }),
  }),
  fc.record({
    query: fc.constant(
      "query Q($id: ID!, $ids: [ID!]!) { node(id: $id) { id __typename } nodes(ids: $ids) { id } }",
    ),
    variables: fc.record({
      id: orAnything(fc.oneof(cursors, ids)),
      ids: orAnything(longOrShort(fc.oneof(cursors, ids))),
    }),
  }),
  fc.record({
    query: fc.constant(
      "query Q($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ImageBuildVersion { name } ... on AppStreamImage { name } } }",
    ),
    variables: fc.record({
      r: orAnything(
        fc.array(
          fc.oneof(
            fc.record(
              {
                __typename: fc.constantFrom(
                  "ImageBuildVersion",
                  "AppStreamImage",
                  "ImageSet",
                  "WorkflowExecution",
                  "Query",
                  "Nope",
                ),
                arn: orAnything(arns),
                datastoreId: orAnything(ids),
                imageSetId: orAnything(ids),
                workflowExecutionId: orAnything(ids),
              },
              { requiredKeys: ["__typename"] },
            ),
            anyJson,
          ),
          { maxLength: 10 },
        ),
      ),
    }),
  }),
  fc.record({
    query: fc.constant(
      "mutation M($input: StartImagePipelineExecutionInput!) { startImagePipelineExecution(input: $input) { clientToken requestId } }",
    ),
    variables: fc.record({
      input: orAnything(
        fc.record(
          {
            imagePipelineArn: orAnything(arns),
            clientToken: orAnything(text),
            clientMutationId: orAnything(text),
          },
          { requiredKeys: [] },
        ),
      ),
    }),
  }),
  // Inline literals instead of variables, with any value spliced in.
  fc
    .tuple(
      fc.oneof(
        firsts.map(String),
        text.map((value) => JSON.stringify(value)),
        text,
      ),
      fc.constantFrom("first", "after", "imageBuildVersionArn"),
    )
    .map(([value, argument]) => ({
      query: `{ imagePackages(imageBuildVersionArn: "${IMAGE_ARN}", ${argument}: ${value}) { edges { cursor } } }`,
    })),
);

// Broken GraphQL: random text, cut documents, deep nesting, many aliases, unknown fields.
const documents: fc.Arbitrary<Operation> = fc.oneof(
  text.map((query) => ({ query })),
  fc.tuple(operations, fc.nat()).map(([operation, cut]) => ({
    ...operation,
    query: operation.query.slice(0, cut % operation.query.length),
  })),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => ({
    query: `${'{ node(id: "x") { ... on ImageBuildVersion { packages(first: 1) { edges { node '.repeat(Math.min(depth, 50))}${"}".repeat(depth)}`,
  })),
  fc
    .integer({ min: 1, max: 12_000 })
    .map((depth) => ({ query: `${"{a".repeat(depth)}${"}".repeat(depth)}` })),
  fc.integer({ min: 1, max: 1_500 }).map((count) => ({
    query: `{ ${Array.from({ length: count }, (_, index) => `a${index}: __typename`).join(" ")} }`,
  })),
  fc.record({
    query: fc.constantFrom(
      "{ nope }",
      "subscription { x }",
      "query { __schema { types { name } } }",
      "query A { __typename } query A { __typename }",
      "fragment F on Query { __typename }",
    ),
    operationName: fc.option(anyJson),
  }),
  fc.record({
    query: fc.constant("{ __typename }"),
    operationName: anyJson,
    variables: anyJson,
    extensions: anyJson,
  }),
);

// ------------------------------------------------------------------------------------------
// HTTP requests: every form, with odd methods, content types, parameters and sizes. (Browsers'
// `accept: text/html` gets the 9 MB GraphiQL page, tested elsewhere.)

interface FuzzRequest {
  method: string;
  search: string;
  headers: Record<string, string>;
  body?: string;
}

const contentTypes = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "application/graphql+json",
      "application/graphql",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "text/plain",
      "application/json, text/plain",
      "application/xml",
      ";;;",
      "",
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
const accepts = fc.constantFrom(
  "application/json",
  "application/graphql-response+json",
  "text/event-stream",
  "multipart/mixed",
  "*/*",
  "nonsense",
);

const asSearch = (operation: Operation & { extensions?: unknown }) => {
  const params = new URLSearchParams();
  params.set("query", operation.query);
  if (operation.variables !== undefined)
    params.set("variables", JSON.stringify(operation.variables) ?? "");
  if (operation.operationName !== undefined) {
    const name = operation.operationName;
    params.set("operationName", typeof name === "string" ? name : (JSON.stringify(name) ?? ""));
  }
  if (operation.extensions !== undefined)
    params.set("extensions", JSON.stringify(operation.extensions) ?? "");
  return params.toString();
};

const requests: fc.Arbitrary<FuzzRequest> = fc.oneof(
  // POST JSON (or another content type) of a generated operation.
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.oneof({ weight: 3, arbitrary: operations }, { weight: 2, arbitrary: documents }),
        contentTypes,
        accepts,
      )
      .map(([operation, contentType, accept]) => ({
        method: "POST",
        search: "",
        headers: { "content-type": contentType, accept },
        body: contentType.includes("urlencoded")
          ? asSearch(operation)
          : contentType === "application/graphql"
            ? operation.query
            : JSON.stringify(operation),
      })),
  },
  // GET of a generated operation, sometimes with the parameters damaged or repeated.
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.oneof(operations, documents), fc.option(fc.string({ maxLength: 30 })), accepts)
      .map(([operation, extra, accept]) => ({
        method: "GET",
        search: asSearch(operation) + (extra === null ? "" : `&${extra}`),
        headers: { accept },
      })),
  },
  // Raw bodies and parameter strings: broken JSON, random bytes, odd methods.
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom("POST", "POST", "GET", "PUT", "DELETE", "PATCH", "OPTIONS"),
        fc.oneof(
          fc.json().map((json) => json.slice(0, Math.max(1, json.length - 1))),
          fc.json(),
          fc.string({ maxLength: 200 }),
          fc.string({ unit: "binary", maxLength: 200 }),
          fc.constantFrom(
            "",
            "{",
            "[]",
            "null",
            '[{"query":"{ __typename }"}]',
            '{"query": 5}',
            '{"query": "{ __typename }", "variables": "{bad"}',
          ),
        ),
        contentTypes,
        fc.string({ maxLength: 60 }),
      )
      .map(([method, body, contentType, search]) => ({
        method,
        search: method === "GET" ? search : "",
        headers: { "content-type": contentType },
        body: method === "GET" ? undefined : body,
      })),
  },
  // Bodies near and past MAX_REQUEST_BODY_BYTES.
  {
    weight: 1,
    arbitrary: fc.integer({ min: MAX_BODY - 1_000, max: MAX_BODY * 1.5 }).map((size) => ({
      method: "POST",
      search: "",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }", variables: { pad: "p".repeat(size) } }),
    })),
  },
);

// ------------------------------------------------------------------------------------------

const STACK_OR_PATH = /\bat .+\.(ts|js):\d+|node_modules|file:\/\/|\/work\/|[A-Z]:\\\\|\.ts:\d+/;

async function send(request: FuzzRequest): Promise<{ status: number; text: string }> {
  const response = await fetch(`${gateway.url}${request.search ? `?${request.search}` : ""}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, text: await response.text() };
}

describe("fuzzing the HTTP interface", () => {
  it(`answers ${RUNS * BATCH} generated requests without a 5xx, an INTERNAL or a stack trace`, async () => {
    let sent = 0;
    const cpuBefore = process.cpuUsage();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(requests, { minLength: BATCH, maxLength: BATCH }),
        async (batch) => {
          const answers = await Promise.all(batch.map(send));
          sent += batch.length;
          answers.forEach((answer, index) => {
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            const what = `${JSON.stringify(batch[index]).slice(0, 500)} → ${answer.status} ${answer.text.slice(0, 500)}`;
            expect(answer.status, what).toBeLessThan(500);
            expect(answer.text.includes('"INTERNAL"'), what).toBe(false);
            expect(STACK_OR_PATH.test(answer.text), what).toBe(false);
          });
          expect(errorLines, errorLines.join("\n").slice(0, 2000)).toEqual([]);
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    const cpu = process.cpuUsage(cpuBefore);
    console.log(
      `fuzz: ${sent} requests, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(sent).toBeGreaterThanOrEqual(RUNS * BATCH);
    // Still up and serving.
    expectData(await gateway.query("{ __typename }"));
    expect((await fetch(gateway.url.replace(/\/graphql$/, "/health"))).status).toBe(200);
  }, 300_000);
});
