import { request as httpRequest } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { type ArgumentNode, Kind, type OperationDefinitionNode, parse, visit } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FIXTURE_PATH, loadFixtureFile } from "../../src/emulator/index.js";
import { plainSchema } from "../../src/graph/schema.js";
import { GRAPHIQL_EXAMPLES } from "../../src/http/graphiql-examples.js";
import {
  appStreamImages,
  fixture,
  imageArn,
  imageSetVersions,
  packages,
  pipelineArn,
  steps,
  storeId,
  workflowExecutionId,
} from "../helpers/fixtures.js";
import {
  expectData,
  type GraphQLResponse,
  startTestGateway,
  type TestGateway,
} from "../helpers/gateway.js";

const queryFields = Object.values(plainSchema.getQueryType()?.getFields() ?? {});
// Root fields a newcomer can call without knowing any identifier: lists whose every argument is
// optional (appStreamImage's arguments are optional too, but it needs one of them).
const ROOTS_WITHOUT_IDENTIFIERS = queryFields
  .filter(
    (field) =>
      /Connection!?$/.test(field.type.toString()) &&
      field.args.every((arg) => !arg.type.toString().endsWith("!")),
  )
  .map((field) => field.name);

/** A fixture of the tests' own, with none of the demo's names or identifiers. */
const ownFixture = () =>
  fixture({
    imageBuilder: {
      images: [
        { arn: imageArn("tabby", "4.0.0", 1), packages: packages(12, "lib") },
        { arn: imageArn("tabby", "4.0.0", 2), packages: packages(3, "lib") },
      ],
      pipelines: [{ arn: pipelineArn("tabby"), imageName: "tabby", semanticVersion: "4.0.0" }],
      workflowExecutions: [
        {
          workflowExecutionId: workflowExecutionId(9),
          region: "us-east-1",
          imageBuildVersionArn: imageArn("tabby", "4.0.0", 2),
          steps: steps(4),
        },
      ],
    },
    medicalImaging: {
      datastores: [
        {
          datastoreId: storeId(7),
          region: "us-east-1",
          imageSets: [{ imageSetId: storeId(8), versions: imageSetVersions(3) }],
        },
      ],
    },
    appStream: { images: appStreamImages(4, "us-east-1", "Tab") },
  });

let demo: TestGateway;
let own: TestGateway;
let html: string;

beforeAll(async () => {
  [demo, own] = await Promise.all([
    startTestGateway({ fixture: await loadFixtureFile(DEMO_FIXTURE_PATH) }),
    startTestGateway({ fixture: ownFixture() }),
  ]);
  const response = await fetch(demo.url, { headers: { accept: "text/html" } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/html");
  html = await response.text();
});

afterAll(async () => {
  await demo?.close();
  await own?.close();
});

function operationOf(query: string): OperationDefinitionNode {
  const operations = parse(query).definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  expect(operations).toHaveLength(1);
  return operations[0] as OperationDefinitionNode;
}

function rootFieldsOf(query: string): string[] {
  return operationOf(query).selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD ? [selection.name.value] : [],
  );
}

describe("GraphiQL page", () => {
  it("loads nothing from another host: scripts, styles, fonts and favicon are inlined", () => {
    expect(html).toContain("<title>AWS image graph</title>");
    expect(html).not.toMatch(/unpkg|jsdelivr|googleapis|githubusercontent|cdnjs/i);
    // No element or stylesheet pulls anything in from a URL.
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+rel=["']?stylesheet/i);
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import/);
    expect(html).toMatch(/<link rel="icon" href="data:image\//);
  });

  it("opens with one tab per example", () => {
    for (const example of GRAPHIQL_EXAMPLES) {
      expect(html).toContain(JSON.stringify(example.query));
    }
    expect(html).toContain('"defaultTabs"');
  });
});

/** A raw GET, so content encoding and status are seen as sent (fetch decodes bodies). */
function get(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const request = httpRequest(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      });
      request.on("error", reject);
      request.end();
    },
  );
}

describe("GraphiQL page delivery", () => {
  const browser = { accept: "text/html,application/xhtml+xml" };

  it.each([
    ["br", "gzip, deflate, br", brotliDecompressSync],
    ["gzip", "gzip, deflate", gunzipSync],
  ] as const)(
    "is sent %s-compressed to a browser that accepts it",
    async (encoding, accept, decode) => {
      const response = await get(demo.url, { ...browser, "accept-encoding": accept });
      expect(response.status).toBe(200);
      expect(response.headers["content-encoding"]).toBe(encoding);
      expect(String(response.headers.vary)).toContain("Accept-Encoding");
      // Compressed to well under half of the ~9 MB page.
      expect(response.body.length).toBeLessThan(html.length / 2);
      expect(decode(response.body).toString()).toBe(html);
    },
  );

  it("is sent as it is to a client that accepts no compression", async () => {
    const response = await get(demo.url, { ...browser, "accept-encoding": "identity" });
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.body.toString()).toBe(html);
  });

  it("answers a reload with 304 and no body while the page is unchanged", async () => {
    for (const accept of ["br", "gzip", "identity"]) {
      const first = await get(demo.url, { ...browser, "accept-encoding": accept });
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers["cache-control"]).toBe("no-cache");
      const reload = await get(demo.url, {
        ...browser,
        "accept-encoding": accept,
        "if-none-match": etag,
      });
      expect(reload.status).toBe(304);
      expect(reload.body.length).toBe(0);
      expect(reload.headers.etag).toBe(etag);
      const stale = await get(demo.url, {
        ...browser,
        "accept-encoding": accept,
        "if-none-match": '"something-else"',
      });
      expect(stale.status).toBe(200);
    }
  });
});

describe("GraphiQL examples", () => {
  it("start at roots that need no identifier, and cover every such root", () => {
    const shown = new Set(GRAPHIQL_EXAMPLES.flatMap((example) => rootFieldsOf(example.query)));
    for (const root of shown) expect(ROOTS_WITHOUT_IDENTIFIERS).toContain(root);
    expect([...shown].sort()).toEqual([...ROOTS_WITHOUT_IDENTIFIERS].sort());
    expect(ROOTS_WITHOUT_IDENTIFIERS).toContain("imagePipelines");
  });

  it("name no identifier: no variables, no string arguments but the `*` of every account or region", () => {
    for (const example of GRAPHIQL_EXAMPLES) {
      const operation = operationOf(example.query);
      expect(operation.name?.value, example.title).toBeTruthy();
      expect(operation.variableDefinitions ?? [], example.title).toEqual([]);
      const strings: string[] = [];
      visit(operation, {
        Argument(node: ArgumentNode) {
          visit(node.value, {
            StringValue(value) {
              if (value.value === "*") return;
              strings.push(`${node.name.value}: "${value.value}"`);
            },
          });
        },
      });
      expect(strings, example.title).toEqual([]);
    }
  });

  it("begin with pipeline → latest build → packages", () => {
    const [first] = GRAPHIQL_EXAMPLES;
    expect(rootFieldsOf(first?.query ?? "")).toEqual(["imagePipelines"]);
    expect(first?.query).toMatch(/builds\(first: 1\)[\s\S]*packages\(/);
  });

  describe.each([
    ["the demo data", () => demo],
    ["a fixture the test wrote", () => own],
  ])("on %s", (_, gateway) => {
    it.each(GRAPHIQL_EXAMPLES.map((example) => [example.title, example] as const))(
      "%s runs without errors and shows something",
      async (_title, example) => {
        const response = await gateway().post(
          { query: example.query, operationName: operationOf(example.query).name?.value },
          { "x-gateway-debug": "calls" },
        );
        expect(response.status).toBe(200);
        const body = (await response.json()) as GraphQLResponse;
        const data = expectData(body);
        // Within the default cost limits, and the estimate is an upper bound of what it made.
        const cost = body.extensions?.cost as { estimated: number; actual: number };
        expect(cost.actual).toBeGreaterThan(0);
        expect(cost.actual).toBeLessThanOrEqual(cost.estimated);
        for (const root of rootFieldsOf(example.query)) {
          // Connections show something: an example with an empty list would teach nothing.
          const edges = (data[root] as { edges?: unknown[] }).edges ?? [];
          expect(edges.length, `${root} on ${JSON.stringify(data)}`).toBeGreaterThan(0);
        }
      },
    );
  });
});
