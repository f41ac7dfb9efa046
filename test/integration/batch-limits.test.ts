import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, imageArn, packages } from "../helpers/fixtures.js";
import {
  expectData,
  expectError,
  type GraphQLResponse,
  startTestGateway,
  type TestGateway,
} from "../helpers/gateway.js";

// 199 images: an operation reading the first package of each is estimated at 199 AWS calls and
// makes them, one under the default MAX_AWS_CALLS_PER_REQUEST of 200.
const IMAGES = Array.from({ length: 199 }, (_, index) => ({
  arn: imageArn(`image-${index}`),
  packages: packages(2),
}));
/** An image no other operation here reads, so its call is never shared with theirs. */
const SPARE = { arn: imageArn("spare"), packages: packages(2) };
const FIXTURE = fixture({ imageBuilder: { images: [...IMAGES, SPARE] } });

const EVERY_IMAGE = `query EveryImage { ${IMAGES.map(
  (image, index) =>
    `p${index}: imagePackages(imageBuildVersionArn: "${image.arn}", first: 1) { edges { node { packageName } } }`,
).join(" ")} }`;
const ONE_IMAGE = `query OneImage { imagePackages(imageBuildVersionArn: "${SPARE.arn}", first: 1) { edges { node { packageName } } } }`;

/** 100 result nodes, one AWS call. */
const HUNDRED_PACKAGES = `{ imagePackages(imageBuildVersionArn: "${IMAGES[0]?.arn}", first: 100) { edges { node { packageName } } } }`;

/** Lifted so the estimates, not the document limits, are what answers. */
const NO_DOCUMENT_LIMITS = { MAX_ALIASES: "1000", MAX_TOKENS: "1000000" };

const codes = (result: GraphQLResponse) =>
  (result.errors ?? []).map((error) => String(error.extensions?.code));

async function batch(gateway: TestGateway, operations: unknown[], headers = {}) {
  const response = await gateway.post(operations, headers);
  expect(response.status).toBe(200);
  const results = (await response.json()) as GraphQLResponse[];
  expect(results).toHaveLength(operations.length);
  return { response, results };
}

describe("a batch shares one request's limits", () => {
  let gateway: TestGateway;
  /** MAX_RESULT_NODES=150. */
  let fewNodes: TestGateway;

  beforeAll(async () => {
    [gateway, fewNodes] = await Promise.all([
      startTestGateway({ fixture: FIXTURE, env: NO_DOCUMENT_LIMITS }),
      startTestGateway({ fixture: FIXTURE, env: { MAX_RESULT_NODES: "150" } }),
    ]);
  });
  afterAll(() => Promise.all([gateway?.close(), fewNodes?.close()]));

  it("runs one of ten operations estimated at 199 AWS calls and refuses the nine others before any call", async () => {
    gateway.emulator?.resetCalls();
    const { results } = await batch(
      gateway,
      Array.from({ length: 10 }, () => ({ query: EVERY_IMAGE })),
      { "x-gateway-debug": "calls" },
    );
    const answered = results.filter((result) => !result.errors);
    expect(answered).toHaveLength(1);
    expect(Object.keys(answered[0]?.data ?? {})).toHaveLength(199);
    const refused = results.filter((result) => result.errors);
    expect(refused).toHaveLength(9);
    for (const result of refused) {
      expect(result.data ?? null).toBeNull();
      const error = expectError(result, "COST_ESTIMATED_TOO_EXPENSIVE");
      expect(error.message).toContain("MAX_AWS_CALLS_PER_REQUEST");
      expect(error.message).toContain("of its batch");
      expect(error.extensions).toMatchObject({ estimate: 199, limit: 200, remaining: 1 });
      expect(result.extensions?.cost).toEqual({ estimated: 199, actual: 0 });
    }
    expect(gateway.emulator?.calls).toHaveLength(199);
  });

  it("still runs a smaller operation that fits in what the refused ones left", async () => {
    gateway.emulator?.resetCalls();
    const { results } = await batch(gateway, [
      { query: EVERY_IMAGE },
      { query: EVERY_IMAGE },
      { query: ONE_IMAGE },
    ]);
    expect(results.map(codes)).toEqual([[], ["COST_ESTIMATED_TOO_EXPENSIVE"], []]);
    expectData(results[2] as GraphQLResponse);
    expect(gateway.emulator?.calls).toHaveLength(200);
  });

  it("adds up the operations' result sizes against MAX_RESULT_NODES", async () => {
    const hundred = HUNDRED_PACKAGES;
    // Alone, each of them is within the limit.
    expectData(await fewNodes.query(hundred));
    fewNodes.emulator?.resetCalls();
    const { results } = await batch(fewNodes, [{ query: hundred }, { query: hundred }]);
    expectData(results[0] as GraphQLResponse);
    const error = expectError(results[1] as GraphQLResponse, "RESULT_TOO_LARGE");
    expect(error.message).toContain("MAX_RESULT_NODES");
    expect(error.extensions).toMatchObject({ limit: 150, remaining: 50 });
    expect(fewNodes.emulator?.calls).toHaveLength(1);
  });

  it("counts operations sent as persisted-query hashes like any other", async () => {
    const sha256Hash = createHash("sha256").update(HUNDRED_PACKAGES).digest("hex");
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const registered = await fewNodes.post({ query: HUNDRED_PACKAGES, extensions });
    expectData((await registered.json()) as GraphQLResponse);
    fewNodes.emulator?.resetCalls();
    const { results } = await batch(
      fewNodes,
      Array.from({ length: 3 }, () => ({ extensions })),
    );
    expect(results.map(codes).sort()).toEqual([[], ["RESULT_TOO_LARGE"], ["RESULT_TOO_LARGE"]]);
    expect(fewNodes.emulator?.calls).toHaveLength(1);
  });

  it("refuses a subscription inside a batch with a clear error and answers the rest", async () => {
    const { results } = await batch(gateway, [
      {
        query: `subscription { imageBuildProgress(imageBuildVersionArn: "${IMAGES[0]?.arn}") { __typename } }`,
      },
      { query: "{ __typename }" },
    ]);
    const error = expectError(results[0] as GraphQLResponse, "SUBSCRIPTION_IN_BATCH");
    expect(error.message).toContain("text/event-stream");
    expect(expectData(results[1] as GraphQLResponse)).toEqual({ __typename: "Query" });
  });
});

describe("a batch of persisted operations (PERSISTED_OPERATIONS)", () => {
  let dir: string;
  let gateway: TestGateway;
  const documentId = createHash("sha256").update(HUNDRED_PACKAGES).digest("hex");

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "batch-limits-"));
    const manifest = join(dir, "manifest.json");
    await writeFile(manifest, JSON.stringify({ [documentId]: HUNDRED_PACKAGES }));
    gateway = await startTestGateway({
      fixture: FIXTURE,
      // The admitted operations make the same call at once; unshared, each shows at the emulator.
      env: { PERSISTED_OPERATIONS: manifest, MAX_RESULT_NODES: "250", AWS_COALESCE_CALLS: "off" },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("shares the request's limits too", async () => {
    gateway.emulator?.resetCalls();
    const { results } = await batch(
      gateway,
      Array.from({ length: 4 }, () => ({ documentId })),
    );
    expect(results.map(codes).sort()).toEqual([[], [], ["RESULT_TOO_LARGE"], ["RESULT_TOO_LARGE"]]);
    expect(gateway.emulator?.calls).toHaveLength(2);
  });
});

describe("a batch over the caller's budget", () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({
      fixture: FIXTURE,
      env: { CALLER_AWS_CALLS_PER_MINUTE: "2" },
    });
  });
  afterAll(() => gateway?.close());

  it("carries Retry-After, as a single refused operation does", async () => {
    const { response, results } = await batch(
      gateway,
      Array.from({ length: 3 }, () => ({ query: ONE_IMAGE })),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(2);
    const limited = results.filter((result) => result.errors);
    expect(limited).toHaveLength(1);
    const error = expectError(limited[0] as GraphQLResponse, "RATE_LIMITED");
    expect(response.headers.get("retry-after")).toBe(String(error.extensions?.retryAfter));
  });
});
