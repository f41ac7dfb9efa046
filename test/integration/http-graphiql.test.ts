import { request as httpRequest } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { Kind, type OperationDefinitionNode, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FIXTURE_PATH, loadFixtureFile } from "../../src/emulator/index.js";
import { plainSchema } from "../../src/graph/schema.js";
import { GRAPHIQL_EXAMPLES } from "../../src/http/graphiql-examples.js";
import {
  expectData,
  type GraphQLResponse,
  startTestGateway,
  type TestGateway,
} from "../helpers/gateway.js";

// Every root field of the API clients see: a new one without an example fails this test.
const DOCUMENTED_ROOT_FIELDS = [
  ...Object.keys(plainSchema.getQueryType()?.getFields() ?? {}),
  ...Object.keys(plainSchema.getMutationType()?.getFields() ?? {}),
];

let gateway: TestGateway;
let html: string;

beforeAll(async () => {
  gateway = await startTestGateway({ fixture: await loadFixtureFile(DEMO_FIXTURE_PATH) });
  const response = await fetch(gateway.url, { headers: { accept: "text/html" } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/html");
  html = await response.text();
});

afterAll(() => gateway?.close());

function operationOf(query: string): OperationDefinitionNode {
  const operations = parse(query).definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  expect(operations).toHaveLength(1);
  return operations[0] as OperationDefinitionNode;
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
      const response = await get(gateway.url, { ...browser, "accept-encoding": accept });
      expect(response.status).toBe(200);
      expect(response.headers["content-encoding"]).toBe(encoding);
      expect(String(response.headers.vary)).toContain("Accept-Encoding");
      // Compressed to well under half of the ~9 MB page.
      expect(response.body.length).toBeLessThan(html.length / 2);
      expect(decode(response.body).toString()).toBe(html);
    },
  );

  it("is sent as it is to a client that accepts no compression", async () => {
    const response = await get(gateway.url, { ...browser, "accept-encoding": "identity" });
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.body.toString()).toBe(html);
  });

  it("answers a reload with 304 and no body while the page is unchanged", async () => {
    for (const accept of ["br", "gzip", "identity"]) {
      const first = await get(gateway.url, { ...browser, "accept-encoding": accept });
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers["cache-control"]).toBe("no-cache");
      const reload = await get(gateway.url, {
        ...browser,
        "accept-encoding": accept,
        "if-none-match": etag,
      });
      expect(reload.status).toBe(304);
      expect(reload.body.length).toBe(0);
      expect(reload.headers.etag).toBe(etag);
      const stale = await get(gateway.url, {
        ...browser,
        "accept-encoding": accept,
        "if-none-match": '"something-else"',
      });
      expect(stale.status).toBe(200);
    }
  });
});

describe("GraphiQL examples", () => {
  it("cover every root field and the mutation", () => {
    const shown = GRAPHIQL_EXAMPLES.map((example) => {
      const [field] = operationOf(example.query).selectionSet.selections;
      expect(field?.kind).toBe(Kind.FIELD);
      const name = field?.kind === Kind.FIELD ? field.name.value : undefined;
      expect(name).toBe(example.rootField);
      return name;
    });
    expect(shown.sort()).toEqual([...DOCUMENTED_ROOT_FIELDS].sort());
  });

  it.each(GRAPHIQL_EXAMPLES.map((example) => [example.rootField, example] as const))(
    "%s runs on the demo data without errors",
    async (_, example) => {
      const response = await gateway.post(
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
      const value = data[example.rootField];
      expect(value, JSON.stringify(data)).toBeTruthy();
      // Connections show something: an example with an empty list would teach nothing.
      const edges = (value as { edges?: unknown[] }).edges;
      if (edges) expect(edges.length).toBeGreaterThan(0);
    },
  );
});
