import { readFile } from "node:fs/promises";
import { Kind, type OperationDefinitionNode, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { DEMO_FIXTURE_PATH, loadFixtureFile } from "../../src/emulator/index.js";
import {
  expectData,
  type GraphQLResponse,
  startTestGateway,
  type TestGateway,
} from "../helpers/gateway.js";

/** The README and the topic pages whose examples run on the demo data. */
const PAGES = [
  "README.md",
  "docs/graph.md",
  "docs/clients.md",
  "docs/errors-and-paging.md",
  "docs/federation.md",
  "docs/performance.md",
  "docs/security.md",
  "docs/deployment.md",
  "docs/emulator.md",
];

/** Every operation in the pages' ```graphql blocks (schema snippets are not operations). */
async function readmeOperations(): Promise<Array<{ name: string; document: string }>> {
  const texts = await Promise.all(
    PAGES.map((page) => readFile(new URL(`../../${page}`, import.meta.url), "utf8")),
  );
  const blocks = texts.flatMap((text) =>
    [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] ?? ""),
  );
  return blocks.flatMap((block) => {
    const document = parse(block);
    const operations = document.definitions.filter(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === Kind.OPERATION_DEFINITION,
    );
    if (operations.length !== document.definitions.length) return [];
    return operations.map((operation) => ({ name: operation.name?.value ?? "", document: block }));
  });
}

const operations = await readmeOperations();
const defaults = loadConfig({});
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({ fixture: await loadFixtureFile(DEMO_FIXTURE_PATH) });
});
afterAll(() => gateway?.close());

describe("README and docs examples", () => {
  it("are found", () => {
    expect(operations.map((operation) => operation.name)).toEqual(
      expect.arrayContaining(["FirstLook", "Explore", "StartPipeline"]),
    );
    expect(operations.every((operation) => operation.name)).toBe(true);
  });

  it.each(operations.map((operation) => [operation.name, operation] as const))(
    "%s runs on the demo data within the default cost limits",
    async (_, operation) => {
      const response = await gateway.post(
        { query: operation.document, operationName: operation.name },
        { "x-gateway-debug": "calls" },
      );
      const body = (await response.json()) as GraphQLResponse;
      expectData(body);
      const cost = body.extensions?.cost as { estimated: number; actual: number };
      expect(cost.actual).toBeGreaterThan(0);
      expect(cost.actual).toBeLessThanOrEqual(cost.estimated);
      expect(cost.estimated).toBeLessThanOrEqual(defaults.MAX_AWS_CALLS_PER_REQUEST);
    },
  );
});
