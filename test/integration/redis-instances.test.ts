/**
 * Two gateway processes behind one load balancer, as deploy/compose.yaml runs them: one
 * AWS (here one emulator), one CURSOR_SECRET, one Redis for the response cache.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import {
  EVERY_TRANSITION,
  PROGRESS,
  type ProgressEvent,
  spendBudget,
  transitions,
} from "../helpers/build-progress.js";
import { fixture, imageArn, packages, pipelineArn } from "../helpers/fixtures.js";
import type { GraphQLResponse } from "../helpers/gateway.js";
import { type DeployedGateway, startDeployedGateway } from "../helpers/gateway-process.js";
import {
  ensureRedisServer,
  REDIS_SERVER,
  type RunningRedis,
  startRedis,
} from "../helpers/redis.js";
import { subscribe } from "../helpers/sse.js";
import { bearer } from "../helpers/tokens.js";

const BUILD = imageArn("shared", "1.0.0", 1);
const PIPELINE = pipelineArn("shared");

const REDIS_AVAILABLE = ensureRedisServer();
if (!REDIS_AVAILABLE && !process.env.CI) {
  console.warn(
    `Skipping the Redis tests: no redis-server at ${REDIS_SERVER} and apt-get could not install it (or set REDIS_SERVER_PATH).`,
  );
}

interface Answer<Data> {
  data?: Data;
  errors?: Array<{ message: string }>;
  extensions?: { responseCache?: { hit: boolean }; awsCalls?: unknown[] };
}

async function ask<Data = Record<string, unknown>>(
  instance: DeployedGateway,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Answer<Data>> {
  const response = await fetch(instance.url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-gateway-debug": "cache,calls" },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status, instance.output()).toBe(200);
  return (await response.json()) as Answer<Data>;
}

interface PackagesPage {
  imagePackages: {
    edges: Array<{ node: { packageName: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
}

/** The fleet's AWS call rate in these tests: low enough to see, high enough not to slow them. */
const CALLS_PER_SECOND = 10;

const PAGE = `query($after: String) { imagePackages(imageBuildVersionArn: "${BUILD}", first: 10, after: $after) { edges { node { packageName } } pageInfo { hasNextPage endCursor } } }`;

describe.skipIf(!REDIS_AVAILABLE && !process.env.CI)("two instances sharing Redis", () => {
  let emulator: RunningEmulator;
  let redis: RunningRedis;
  let a: DeployedGateway;
  let b: DeployedGateway;

  beforeAll(async () => {
    if (!REDIS_AVAILABLE) {
      throw new Error(`No redis-server at ${REDIS_SERVER}: apt-get install redis-server.`);
    }
    emulator = await startEmulator({
      fixture: fixture({
        imageBuilder: {
          images: [{ arn: BUILD, packages: packages(35) }],
          pipelines: [
            { arn: PIPELINE, imageName: "shared", semanticVersion: "1.0.0", packages: packages(4) },
          ],
        },
      }),
    });
    redis = await startRedis();
    const env = {
      AWS_ENDPOINT_URL: emulator.url,
      CURSOR_SECRET: "shared-cursor-secret-for-every-instance",
      RESPONSE_CACHE: "redis",
      REDIS_URL: redis.url,
      AWS_CALLS_PER_SECOND: String(CALLS_PER_SECOND),
      // The rate test sends 40 identical AWS calls at once: each must reach the rate, unshared.
      AWS_COALESCE_CALLS: "off",
    };
    [a, b] = await Promise.all([startDeployedGateway(env), startDeployedGateway(env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.kill();
    await emulator?.close();
  });

  it("continues on instance B a cursor that instance A issued", async () => {
    const first = await ask<PackagesPage>(a, PAGE);
    const cursor = first.data?.imagePackages.pageInfo.endCursor;
    expect(cursor).toBeTruthy();
    const next = await ask<PackagesPage>(b, PAGE, { after: cursor });
    expect(next.errors).toBeUndefined();
    expect(next.data?.imagePackages.edges.map((edge) => edge.node.packageName)).toEqual(
      packages(35)
        .slice(10, 20)
        .map((item) => item.packageName),
    );
  });

  it("serves on B, with no AWS call, what A cached", async () => {
    const query = `{ imagePackages(imageBuildVersionArn: "${BUILD}", first: 3) { edges { node { packageName } } } }`;
    emulator.resetCalls();
    const fromA = await ask(a, query);
    expect(fromA.extensions?.responseCache?.hit).toBe(false);
    expect(emulator.calls).toHaveLength(1);
    const fromB = await ask(b, query);
    expect(fromB.extensions?.responseCache?.hit).toBe(true);
    expect(fromB.data).toEqual(fromA.data);
    expect(emulator.calls).toHaveLength(1);
  });

  it("drops on B what a mutation on A changed", async () => {
    const start = `mutation { startImagePipelineExecution(input: { imagePipelineArn: "${PIPELINE}", clientToken: "two-instances" }) { imageBuildVersion { id arn } } }`;
    const started = await ask<{
      startImagePipelineExecution: { imageBuildVersion: { arn: string } };
    }>(a, start);
    const arn = started.data?.startImagePipelineExecution.imageBuildVersion.arn;
    expect(arn).toBeTruthy();
    const build = `{ imageBuildVersion(arn: "${arn}") { id packages { edges { node { packageName } } } } }`;
    expect((await ask(b, build)).extensions?.responseCache?.hit).toBe(false);
    expect((await ask(a, build)).extensions?.responseCache?.hit).toBe(true);
    await ask(a, start);
    emulator.resetCalls();
    // The mutation's answer may reach the client a moment before Redis has dropped the entries.
    let after = await ask(b, build);
    for (let attempt = 0; attempt < 20 && after.extensions?.responseCache?.hit; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await ask(b, build);
    }
    expect(after.extensions?.responseCache?.hit).toBe(false);
    expect(emulator.calls).toHaveLength(1);
    expect((await ask(a, build)).extensions?.responseCache?.hit).toBe(true);
    expect(emulator.calls).toHaveLength(1);
  });

  it("holds AWS_CALLS_PER_SECOND for both instances together", async () => {
    emulator.resetCalls();
    // 40 different documents (the alias differs), so none is answered from the cache: one
    // ListImagePackages each, 20 sent to each instance at once.
    const asks = Array.from({ length: 40 }, (_, index) =>
      ask(
        index % 2 ? b : a,
        `{ rate${index}: imagePackages(imageBuildVersionArn: "${BUILD}", first: 2) { edges { node { packageName } } } }`,
      ),
    );
    const answers = await Promise.all(asks);
    expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    const times = emulator.calls.map((call) => call.startedAt).sort((x, y) => x - y);
    expect(times).toHaveLength(40);
    // 40 calls at 10 per second shared: four windows, so at least three seconds from the first
    // call to the last. Each instance on its own rate would send its 20 within about one.
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThan(2_500);
  });

  it("answers uncached, never with an error, when Redis goes away", async () => {
    const query = `{ imagePackages(imageBuildVersionArn: "${BUILD}", first: 4) { edges { node { packageName } } } }`;
    expect((await ask(a, query)).extensions?.responseCache?.hit).toBe(false);
    expect((await ask(b, query)).extensions?.responseCache?.hit).toBe(true);
    await redis.kill();
    emulator.resetCalls();
    for (const instance of [a, b, a, b]) {
      const started = performance.now();
      const answer = await ask<{ imagePackages: { edges: unknown[] } }>(instance, query);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.imagePackages.edges).toHaveLength(4);
      expect(answer.extensions?.responseCache?.hit).toBe(false);
      // Fails fast: no waiting for Redis to come back.
      expect(performance.now() - started).toBeLessThan(2000);
    }
    expect(emulator.calls).toHaveLength(4);
    const metrics = await (await fetch(new URL("/metrics", a.url))).text();
    expect(metrics).toMatch(/gateway_response_cache_errors_total\{operation="get"\} [1-9]/);
  });
});

interface BuildFleet {
  emulator: RunningEmulator;
  a: DeployedGateway;
  b: DeployedGateway;
  stop(): Promise<void>;
}

/**
 * An emulator whose builds take `stepMs` a step, Redis, and two instances sharing both that poll
 * followed builds every `pollMs`; `env` adds to their configuration.
 */
async function startBuildFleet(
  stepMs: number,
  pollMs: number,
  env: Record<string, string> = {},
): Promise<BuildFleet> {
  if (!REDIS_AVAILABLE) {
    throw new Error(`No redis-server at ${REDIS_SERVER}: apt-get install redis-server.`);
  }
  const emulator = await startEmulator({
    fixture: fixture({
      imageBuilder: {
        images: [{ arn: BUILD, packages: packages(3) }],
        pipelines: [{ arn: PIPELINE, imageName: "shared", semanticVersion: "1.0.0" }],
      },
    }),
    buildStepMs: stepMs,
  });
  const redis = await startRedis();
  const shared = {
    AWS_ENDPOINT_URL: emulator.url,
    CURSOR_SECRET: "shared-cursor-secret-for-every-instance",
    REDIS_URL: redis.url,
    BUILD_PROGRESS_POLL_MS: String(pollMs),
    BUILD_PROGRESS_POLL_MAX_MS: String(pollMs),
    BUILD_PROGRESS_LEASE_MS: "1200",
    ...env,
  };
  const [a, b] = await Promise.all([startDeployedGateway(shared), startDeployedGateway(shared)]);
  return {
    emulator,
    a,
    b,
    async stop() {
      await Promise.all([a.stop(), b.stop()]);
      await redis.kill();
      await emulator.close();
    },
  };
}

describe.skipIf(!REDIS_AVAILABLE && !process.env.CI)("build progress across two instances", () => {
  // Longer than a takeover (BUILD_PROGRESS_LEASE_MS and a third of it), so none is missed.
  const STEP_MS = 2_500;
  const POLL_MS = 200;
  let fleet: BuildFleet;
  let emulator: RunningEmulator;
  let a: DeployedGateway;
  let b: DeployedGateway;

  beforeAll(async () => {
    fleet = await startBuildFleet(STEP_MS, POLL_MS);
    ({ emulator, a, b } = fleet);
  }, 120_000);

  afterAll(() => fleet?.stop());

  async function startBuild(): Promise<string> {
    const started = await ask<{
      startImagePipelineExecution: { imageBuildVersion: { arn: string } };
    }>(
      a,
      `mutation { startImagePipelineExecution(input: { imagePipelineArn: "${PIPELINE}" }) { imageBuildVersion { arn } } }`,
    );
    const arn = started.data?.startImagePipelineExecution.imageBuildVersion.arn;
    if (!arn) throw new Error(JSON.stringify(started));
    return arn;
  }

  /** When each poll of `arn` began (one GetImage per poll). */
  const pollStarts = (arn: string) =>
    emulator.calls
      .filter((call) => call.operation === "GetImage" && call.input.imageBuildVersionArn === arn)
      .map((call) => call.startedAt)
      .sort((x, y) => x - y);

  it("gives subscribers on both instances every transition, from one poll loop", async () => {
    const arn = await startBuild();
    const streams = await Promise.all(
      [a, b, a, b].map((instance) => subscribe<ProgressEvent>(instance.url, PROGRESS, { arn })),
    );
    const stories = await Promise.all(streams.map((stream) => stream.rest()));
    for (const story of stories) expect(transitions(story)).toEqual(EVERY_TRANSITION);
    // One loop polls every POLL_MS; two would interleave, some polls within a few ms of another.
    const starts = pollStarts(arn);
    expect(starts.length).toBeGreaterThan(5);
    const gaps = starts.slice(1).map((start, index) => start - (starts[index] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(POLL_MS * 0.75);
    // About one poll per POLL_MS of the build, not two.
    const span = (starts.at(-1) ?? 0) - (starts[0] ?? 0);
    expect(starts.length).toBeLessThanOrEqual(span / (POLL_MS * 0.75) + 1);
  });

  it("hands the loop to the other instance when the polling one dies; its subscribers miss nothing", async () => {
    const arn = await startBuild();
    // A subscribes first, so A holds the build's lease and polls.
    const onA = await subscribe<ProgressEvent>(a.url, PROGRESS, { arn });
    await onA.next();
    const onB = await subscribe<ProgressEvent>(b.url, PROGRESS, { arn });
    const first = await onB.next();
    const killedAt = Date.now();
    a.process.kill("SIGKILL");
    const rest = await onB.rest();
    expect(transitions([first ?? {}, ...rest])).toEqual(EVERY_TRANSITION);
    // B polled on after A died, within a lease of it.
    const after = pollStarts(arn).filter((start) => start > killedAt);
    expect(after.length).toBeGreaterThan(3);
    expect((after[0] ?? Number.POSITIVE_INFINITY) - killedAt).toBeLessThan(2_500);
  });
});

describe.skipIf(!REDIS_AVAILABLE && !process.env.CI)(
  "build progress and budgets across two instances",
  () => {
    const SECRET = "redis-instances-test-secret-of-at-least-32-characters";
    const BUDGET = 45;
    let fleet: BuildFleet;
    let a: DeployedGateway;
    let b: DeployedGateway;

    beforeAll(async () => {
      // Steps outlast a poll and a takeover, so each one's RUNNING is seen.
      fleet = await startBuildFleet(2_000, 1_000, {
        GATEWAY_AUTH: "jwt",
        AUTH_JWT_SECRET: SECRET,
        CALLER_AWS_CALLS_PER_MINUTE: String(BUDGET),
      });
      ({ a, b } = fleet);
    }, 120_000);

    afterAll(() => fleet?.stop());

    async function post<Data>(instance: DeployedGateway, sub: string, body: object) {
      const response = await fetch(instance.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(await bearer(SECRET, sub)) },
        body: JSON.stringify(body),
      });
      return (await response.json()) as GraphQLResponse<Data>;
    }

    it("hands the loop over when the polling instance's subscribers run out of budget; the others miss nothing", async () => {
      const started = await post<{
        startImagePipelineExecution: { imageBuildVersion: { arn: string } };
      }>(a, "starter", {
        query: `mutation { startImagePipelineExecution(input: { imagePipelineArn: "${PIPELINE}" }) { imageBuildVersion { arn } } }`,
      });
      const arn = started.data?.startImagePipelineExecution.imageBuildVersion.arn;
      if (!arn) throw new Error(JSON.stringify(started));
      // Caller "a" subscribes first, on A: A holds the lease and polls on a's budget.
      const onA = await subscribe<ProgressEvent>(
        a.url,
        PROGRESS,
        { arn },
        await bearer(SECRET, "a"),
      );
      await onA.next();
      const onB = await subscribe<ProgressEvent>(
        b.url,
        PROGRESS,
        { arn },
        await bearer(SECRET, "b"),
      );
      const bStory = onB.rest();

      // Caller "a" spends the rest of its budget (shared by both instances) on queries.
      expect(await spendBudget((body) => post(b, "a", body), arn, BUDGET)).toBe(true);

      const aStory = await onA.rest();
      expect(aStory.at(-1)?.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
      const story = await bStory;
      expect(story.flatMap((result) => result.errors ?? [])).toEqual([]);
      expect(transitions(story)).toEqual(EVERY_TRANSITION);
    });
  },
);
