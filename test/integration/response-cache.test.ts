import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appStreamImages,
  fixture,
  imageArn,
  packages,
  pipelineArn,
  steps,
  workflowExecution,
  workflowExecutionId,
} from "../helpers/fixtures.js";
import { expectData, startTestGateway, type TestGateway } from "../helpers/gateway.js";

const BUILD = imageArn("cached", "1.0.0", 1);
const EMPTY_BUILD = imageArn("building", "1.0.0", 1);
const FINISHED = workflowExecutionId(1);
const RUNNING = workflowExecutionId(2);
const PIPELINE = pipelineArn("cached");
const LONG_S = 7200;
const SHORT_S = 3;

const data = () =>
  fixture({
    imageBuilder: {
      images: [
        { arn: BUILD, packages: packages(30) },
        { arn: EMPTY_BUILD, packages: [] },
      ],
      pipelines: [
        { arn: PIPELINE, imageName: "cached", semanticVersion: "2.0.0", packages: packages(3) },
      ],
      workflowExecutions: [
        workflowExecution(FINISHED, BUILD, steps(3), "done"),
        workflowExecution(
          RUNNING,
          BUILD,
          steps(3).map((step, index) =>
            index === 2 ? { ...step, status: "RUNNING", endTime: undefined } : step,
          ),
          "running",
        ),
      ],
    },
    appStream: { images: appStreamImages(5) },
  });

const PACKAGES = `{ imagePackages(imageBuildVersionArn: "${BUILD}", first: 5) { edges { node { packageName } } pageInfo { hasNextPage } } }`;

interface CacheExtension {
  hit: boolean;
  ttlSeconds?: number;
}

describe("response cache (RESPONSE_CACHE=memory)", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      fixture: data(),
      env: {
        RESPONSE_CACHE: "memory",
        RESPONSE_CACHE_LONG_TTL_S: String(LONG_S),
        RESPONSE_CACHE_SHORT_TTL_S: String(SHORT_S),
      },
    });
  });
  afterAll(() => gateway?.close());

  async function debugQuery(query: string, headers: Record<string, string> = {}) {
    const response = await gateway.post({ query }, { "x-gateway-debug": "cache", ...headers });
    return (await response.json()) as {
      data?: unknown;
      errors?: unknown[];
      extensions?: { responseCache?: CacheExtension; awsCalls?: unknown[] };
    };
  }

  it("answers a repeated query from the cache, with no AWS call", async () => {
    const query = `{ imagePackages(imageBuildVersionArn: "${BUILD}", first: 7) { edges { node { packageName } } } }`;
    gateway.emulator?.resetCalls();
    const first = await debugQuery(query);
    expect(first.extensions?.responseCache).toEqual({ hit: false, ttlSeconds: LONG_S });
    expect(gateway.emulator?.calls).toHaveLength(1);
    const second = await debugQuery(query);
    expect(second.extensions?.responseCache).toEqual({ hit: true });
    expect(second.data).toEqual(first.data);
    expect(gateway.emulator?.calls).toHaveLength(1);
  });

  it("keeps no request's debug extension in what it serves to others", async () => {
    const query = `{ imagePackages(imageBuildVersionArn: "${BUILD}", first: 8) { edges { node { packageName } } } }`;
    const asked = await gateway.post({ query }, { "x-gateway-debug": "calls" });
    expect(
      ((await asked.json()) as { extensions?: { awsCalls?: unknown[] } }).extensions?.awsCalls,
    ).toHaveLength(1);
    const plain = await gateway.query(query);
    expect(plain.extensions).toBeUndefined();
  });

  it.each([
    ["the packages of a finished build", PACKAGES, LONG_S],
    [
      "a build without packages yet",
      `{ imagePackages(imageBuildVersionArn: "${EMPTY_BUILD}") { edges { node { packageName } } } }`,
      SHORT_S,
    ],
    [
      "the steps of a finished workflow execution",
      `{ workflowStepExecutions(workflowExecutionId: "${FINISHED}") { edges { node { status } } } }`,
      LONG_S,
    ],
    [
      "the steps of a running workflow execution",
      `{ workflowStepExecutions(workflowExecutionId: "${RUNNING}") { edges { node { status } } } }`,
      SHORT_S,
    ],
    ["AppStream images", `{ appStreamImages(first: 2) { edges { node { name } } } }`, SHORT_S],
    [
      "a finished build next to AppStream images (the shorter wins)",
      `{ a: appStreamImages(first: 3) { edges { node { name } } } ${PACKAGES.slice(1, -1)} }`,
      SHORT_S,
    ],
  ])("keeps %s for the TTL its state allows", async (_name, query, ttlSeconds) => {
    const response = await debugQuery(query);
    expect(response.errors).toBeUndefined();
    expect(response.extensions?.responseCache).toEqual({ hit: false, ttlSeconds });
  });

  it("never serves one caller's answer to another", async () => {
    const query = `{ imagePackages(imageBuildVersionArn: "${BUILD}", first: 9) { edges { node { packageName } } } }`;
    const alice = { authorization: "Bearer alice-token" };
    const bob = { authorization: "Bearer bob-token" };
    expect((await debugQuery(query, alice)).extensions?.responseCache?.hit).toBe(false);
    expect((await debugQuery(query, alice)).extensions?.responseCache?.hit).toBe(true);
    expect((await debugQuery(query, bob)).extensions?.responseCache?.hit).toBe(false);
    expect((await debugQuery(query)).extensions?.responseCache?.hit).toBe(false);
  });

  it("does not cache errors or mutations", async () => {
    const missing = `{ imagePackages(imageBuildVersionArn: "${imageArn("missing")}") { edges { cursor } } }`;
    gateway.emulator?.resetCalls();
    await gateway.query(missing);
    await gateway.query(missing);
    expect(gateway.emulator?.calls).toHaveLength(2);
    const mutation = `mutation { startImagePipelineExecution(input: { imagePipelineArn: "${PIPELINE}" }) { imageBuildVersion { arn } } }`;
    gateway.emulator?.resetCalls();
    expectData(await gateway.query(mutation));
    expectData(await gateway.query(mutation));
    expect(gateway.emulator?.calls.map((call) => call.operation)).toEqual([
      "StartImagePipelineExecution",
      "StartImagePipelineExecution",
    ]);
  });

  it("drops what a mutation returns from the cache", async () => {
    const start = `mutation { startImagePipelineExecution(input: { imagePipelineArn: "${PIPELINE}", clientToken: "cache-test-token" }) { imageBuildVersion { id arn } } }`;
    const started = expectData(
      await gateway.query<{ startImagePipelineExecution: { imageBuildVersion: { arn: string } } }>(
        start,
      ),
    );
    const build = `{ imageBuildVersion(arn: "${started.startImagePipelineExecution.imageBuildVersion.arn}") { id packages { edges { node { packageName } } } } }`;
    expect((await debugQuery(build)).extensions?.responseCache?.hit).toBe(false);
    expect((await debugQuery(build)).extensions?.responseCache?.hit).toBe(true);
    // A client retrying the same start gets the same build back; what showed it is refetched.
    expectData(await gateway.query(start));
    expect((await debugQuery(build)).extensions?.responseCache?.hit).toBe(false);
  });

  it("counts hits and misses in /metrics", async () => {
    const metrics = await (await fetch(new URL("/metrics", gateway.url))).text();
    const count = (outcome: string) =>
      Number(
        new RegExp(`gateway_response_cache_requests_total\\{outcome="${outcome}"\\} (\\d+)`).exec(
          metrics,
        )?.[1],
      );
    expect(count("hit")).toBeGreaterThanOrEqual(4);
    expect(count("miss")).toBeGreaterThanOrEqual(8);
  });

  it("lets HTTP caches keep GET answers: public without credentials, private with, ETag", async () => {
    // A GET needs a preflight header (CSRF prevention) before the gateway runs anything.
    const GET_HEADERS = { accept: "application/json", "x-graphql-csrf": "1" };
    const url = new URL(gateway.url);
    url.searchParams.set("query", PACKAGES);
    await fetch(url, { headers: GET_HEADERS });
    const cached = await fetch(url, { headers: GET_HEADERS });
    const cacheControl = cached.headers.get("cache-control") ?? "";
    expect(cacheControl).toMatch(/^public, max-age=\d+$/);
    const maxAge = Number(cacheControl.split("=")[1]);
    expect(maxAge).toBeGreaterThan(LONG_S - 60);
    expect(maxAge).toBeLessThanOrEqual(LONG_S);
    const etag = cached.headers.get("etag");
    expect(etag).toBeTruthy();
    // A conditional request takes the whole path (CSRF, authentication, allow-list) like any
    // other: no early 304 that those checks never saw. It is a cache hit, with no AWS call.
    gateway.emulator?.resetCalls();
    const revalidated = await fetch(url, {
      headers: { ...GET_HEADERS, "if-none-match": etag ?? "" },
    });
    expect(revalidated.status).toBe(200);
    expect(revalidated.headers.get("etag")).toBe(etag);
    expect(gateway.emulator?.calls).toHaveLength(0);
    const forged = await fetch(url, {
      headers: { accept: "application/json", "if-none-match": etag ?? "" },
    });
    expect(forged.status).toBe(403);

    const withCredentials = { ...GET_HEADERS, authorization: "Bearer carol" };
    await fetch(url, { headers: withCredentials });
    const privately = await fetch(url, { headers: withCredentials });
    expect(privately.headers.get("cache-control")).toMatch(/^private, max-age=\d+$/);

    const posted = await gateway.post({ query: PACKAGES });
    expect(posted.headers.get("cache-control")).toBeNull();
  });
});

describe("response cache with persisted operations", () => {
  let gateway: TestGateway;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "response-cache-"));
    const manifest = join(dir, "manifest.json");
    await writeFile(
      manifest,
      JSON.stringify({
        names: `query($arn: String!) { imagePackages(imageBuildVersionArn: $arn, first: 2) { edges { node { packageName } } } }`,
        versions: `query($arn: String!) { imagePackages(imageBuildVersionArn: $arn, first: 2) { edges { node { packageVersion } } } }`,
      }),
    );
    gateway = await startTestGateway({
      fixture: data(),
      env: { RESPONSE_CACHE: "memory", PERSISTED_OPERATIONS: manifest },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps each operation's answer apart, though the request carries only its id", async () => {
    const run = async (documentId: string) =>
      (await (await gateway.post({ documentId, variables: { arn: BUILD } })).json()) as {
        data: { imagePackages: { edges: Array<{ node: Record<string, string> }> } };
      };
    for (let round = 0; round < 2; round++) {
      expect(Object.keys((await run("names")).data.imagePackages.edges[0]?.node ?? {})).toEqual([
        "packageName",
      ]);
      expect(Object.keys((await run("versions")).data.imagePackages.edges[0]?.node ?? {})).toEqual([
        "packageVersion",
      ]);
    }
  });
});
