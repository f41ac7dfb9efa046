// GraphQL over WebSocket (graphql-transport-ws) against the running gateway, with the graphql-ws
// client frontends use: authentication from connection_init or the upgrade request, the Origin
// check, scopes, limits and the subscription of a build started over the same socket; and a
// token's expiry ending a subscription over Server-Sent Events as it ends one over the socket.

import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  EVERY_TRANSITION,
  PROGRESS,
  type ProgressEvent,
  transitions,
} from "../helpers/build-progress.js";
import { fixture, imageArn, packages, pipelineArn } from "../helpers/fixtures.js";
import { expectData, startTestGateway, type TestGateway } from "../helpers/gateway.js";
import { type WsClient, wsClient, wsUrl } from "../helpers/graphql-ws.js";
import { subscribe } from "../helpers/sse.js";
import { hs256Token } from "../helpers/tokens.js";

const SECRET = "graphql-ws-test-secret-of-at-least-32-characters";
const APP_ORIGIN = "https://app.example.com";
const STEP_MS = 600;

const START = /* GraphQL */ `
  mutation Start($arn: String!) {
    startImagePipelineExecution(input: { imagePipelineArn: $arn }) { imageBuildVersion { arn } }
  }
`;
let gateway: TestGateway;
const clients: WsClient[] = [];

function connect(options: Parameters<typeof wsClient>[1]): WsClient {
  const client = wsClient(gateway.url, options);
  clients.push(client);
  return client;
}

const token = (scope: string, claims: Record<string, unknown> = {}) =>
  hs256Token(SECRET, { sub: "frontend", scope, ...claims });

beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: fixture({
      imageBuilder: {
        images: [{ arn: imageArn("web"), packages: packages(3) }],
        pipelines: [{ arn: pipelineArn("web"), imageName: "web", semanticVersion: "1.0.0" }],
      },
    }),
    env: {
      AUTH_JWT_SECRET: SECRET,
      CORS_ORIGINS: APP_ORIGIN,
      EMULATOR_BUILD_STEP_MS: String(STEP_MS),
      BUILD_PROGRESS_POLL_MS: "40",
      BUILD_PROGRESS_POLL_MAX_MS: "80",
      MAX_SUBSCRIPTIONS_PER_CALLER: "2",
      MAX_WEBSOCKETS_PER_CALLER: "2",
      MAX_QUERY_DEPTH: "6",
      MAX_AWS_CALLS_PER_REQUEST: "5",
      MAX_REQUEST_BODY_BYTES: "4096",
    },
  });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await gateway?.close();
});

/** Starts a build over HTTP with an executing token, and returns its ARN. */
async function startBuild(): Promise<string> {
  const response = await gateway.post(
    { query: START, variables: { arn: pipelineArn("web") } },
    { authorization: `Bearer ${await token("images:read pipelines:execute")}` },
  );
  const body = (await response.json()) as {
    data: { startImagePipelineExecution: { imageBuildVersion: { arn: string } } };
  };
  return body.data.startImagePipelineExecution.imageBuildVersion.arn;
}

/** The polls of one build the emulator saw. */
const pollsOf = (arn: string) =>
  (gateway.emulator?.calls ?? []).filter(
    (call) => call.operation === "GetImage" && call.input.imageBuildVersionArn === arn,
  ).length;

describe("graphql-ws with a token in connectionParams", () => {
  it("starts a build with the mutation and receives every transition of it, then completes", async () => {
    const ws = connect({
      connectionParams: {
        Authorization: `Bearer ${await token("images:read pipelines:execute")}`,
      },
      headers: { origin: APP_ORIGIN },
    });
    const [started] = await ws.run<{
      startImagePipelineExecution: { imageBuildVersion: { arn: string } };
    }>(START, { arn: pipelineArn("web") });
    const arn = expectData(started ?? {}).startImagePipelineExecution.imageBuildVersion.arn;
    expect(arn).toMatch(/^arn:aws:imagebuilder:/);

    const events = await ws.run<ProgressEvent>(PROGRESS, { arn });
    for (const event of events) expectData(event);
    expect(transitions(events)).toEqual(EVERY_TRANSITION);
    expect(events.at(-1)?.data?.imageBuildProgress.finished).toBe(true);
  });

  it("takes the token in lower case, or from the upgrade request's header", async () => {
    const lower = connect({
      connectionParams: { authorization: `Bearer ${await token("images:read")}` },
    });
    const header = connect({ headers: { authorization: `Bearer ${await token("images:read")}` } });
    for (const ws of [lower, header]) {
      const [result] = await ws.run(`{ imagePipelines(first: 1) { edges { node { name } } } }`);
      expect(expectData(result ?? {})).toEqual({
        imagePipelines: { edges: [{ node: { name: "web" } }] },
      });
    }
  });
});

describe("graphql-ws refusals", () => {
  async function refusedBeforePolling(
    options: Parameters<typeof wsClient>[1],
    expected: { code: number; reason: RegExp },
  ) {
    const arn = await startBuild();
    const ws = connect(options);
    await expect(ws.run(PROGRESS, { arn })).rejects.toBeDefined();
    const closed = await ws.closed;
    expect(closed.code).toBe(expected.code);
    expect(closed.reason).toMatch(expected.reason);
    await sleep(200);
    expect(pollsOf(arn)).toBe(0);
  }

  it("closes a socket without a token with 4401, before anything runs", async () => {
    await refusedBeforePolling({}, { code: 4401, reason: /Authorization: Bearer/ });
  });

  it("closes a socket with an expired token with 4401", async () => {
    const expired = await token("images:read", { exp: Math.floor(Date.now() / 1000) - 3600 });
    await refusedBeforePolling(
      { connectionParams: { Authorization: `Bearer ${expired}` } },
      { code: 4401, reason: /expired/ },
    );
  });

  it("closes a socket whose token grants no scope with 4403", async () => {
    await refusedBeforePolling(
      { connectionParams: { Authorization: `Bearer ${await token("profile")}` } },
      { code: 4403, reason: /images:read/ },
    );
  });

  it("answers a subscription of a token without the read scope with FORBIDDEN, and polls nothing", async () => {
    const arn = await startBuild();
    const ws = connect({
      connectionParams: { Authorization: `Bearer ${await token("pipelines:execute")}` },
    });
    const results = await ws.run(PROGRESS, { arn });
    expect(results.flatMap((result) => result.errors ?? []).map((e) => e.extensions?.code)).toEqual(
      ["FORBIDDEN"],
    );
    await sleep(200);
    expect(pollsOf(arn)).toBe(0);
  });

  it("refuses the upgrade from a page whose Origin is not in CORS_ORIGINS, and polls nothing", async () => {
    const arn = await startBuild();
    const ws = connect({
      connectionParams: { Authorization: `Bearer ${await token("images:read")}` },
      headers: { origin: "https://evil.example" },
    });
    await expect(ws.run(PROGRESS, { arn })).rejects.toBeDefined();
    // The handshake never completed: no WebSocket close frame, only the HTTP 403.
    const upgrade = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(wsUrl(gateway.url), "graphql-transport-ws", {
        headers: { origin: "https://evil.example" },
      });
      socket.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
      socket.on("open", () => reject(new Error("the socket opened")));
      socket.on("error", () => {});
    });
    expect(upgrade).toBe(403);
    await sleep(200);
    expect(pollsOf(arn)).toBe(0);
  });

  it("ends the subscriptions of a socket whose token expires, with 4401", async () => {
    const arn = await startBuild();
    // Expired 3 s ago: within the 5 s of clock skew tolerated, so it lasts about 2 s more.
    const exp = Math.floor(Date.now() / 1000) - 3;
    const lastsUntil = (exp + 5) * 1000;
    const ws = connect({
      connectionParams: { Authorization: `Bearer ${await token("images:read", { exp })}` },
    });
    await expect(ws.run(PROGRESS, { arn })).rejects.toBeDefined();
    const closed = await ws.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/expired/);
    // Closed at the token's expiry, before the build ended.
    expect(Date.now()).toBeGreaterThanOrEqual(lastsUntil - 100);
    expect(Date.now()).toBeLessThan(lastsUntil + 2_000);
    const polls = pollsOf(arn);
    await sleep(300);
    expect(pollsOf(arn)).toBe(polls);
  });
});

describe("a token expiring during a Server-Sent Events subscription", () => {
  it("ends the stream with UNAUTHENTICATED, then complete, and stops polling", async () => {
    const arn = await startBuild();
    // Expired 3 s ago: within the 5 s of clock skew tolerated, so it lasts about 2 s more.
    const exp = Math.floor(Date.now() / 1000) - 3;
    const lastsUntil = (exp + 5) * 1000;
    const stream = await subscribe<ProgressEvent>(
      gateway.url,
      PROGRESS,
      { arn },
      { authorization: `Bearer ${await token("images:read", { exp })}` },
    );
    const results = await stream.rest();
    const last = results.at(-1);
    expect(last?.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(last?.errors?.[0]?.message).toMatch(/expired/);
    expect(stream.completed).toBe(true);
    // Ended at the token's expiry (with the skew), before the build (five steps of STEP_MS) ended.
    expect(Date.now()).toBeGreaterThanOrEqual(lastsUntil - 100);
    expect(Date.now()).toBeLessThan(lastsUntil + 2_000);
    expect(results.some((result) => result.data?.imageBuildProgress?.finished)).toBe(false);
    const polls = pollsOf(arn);
    await sleep(300);
    expect(pollsOf(arn)).toBe(polls);
  });
});

describe("automatic persisted queries over graphql-ws", () => {
  const QUERY = `{ imagePipelines(first: 1) { edges { node { name } } } }`;
  const persisted = (query: string) => ({
    persistedQuery: { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") },
  });

  it("answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, registers the document, then runs the hash alone", async () => {
    const ws = connect({
      connectionParams: { Authorization: `Bearer ${await token("images:read")}` },
    });
    // graphql-ws requires a query string: a hash-only operation sends "".
    await expect(ws.run("", undefined, persisted(QUERY))).rejects.toEqual([
      expect.objectContaining({
        message: "PersistedQueryNotFound",
        extensions: expect.objectContaining({ code: "PERSISTED_QUERY_NOT_FOUND" }),
      }),
    ]);
    const [registered] = await ws.run(QUERY, undefined, persisted(QUERY));
    expect(registered?.data).toEqual({
      imagePipelines: { edges: [{ node: { name: "web" } }] },
    });
    const [byHash] = await ws.run("", undefined, persisted(QUERY));
    expect(byHash?.data).toEqual(registered?.data);
    // The store is the one HTTP requests use.
    const response = await gateway.post(
      { extensions: persisted(QUERY) },
      { authorization: `Bearer ${await token("images:read")}` },
    );
    expect(((await response.json()) as { data: unknown }).data).toEqual(registered?.data);
  });

  it("registers a subscription sent over Server-Sent Events with its hash, for the hash alone", async () => {
    const arn = await startBuild();
    const authorization = `Bearer ${await token("images:read")}`;
    const hashOnly = () =>
      subscribe<ProgressEvent>(gateway.url, "", { arn }, { authorization }, persisted(PROGRESS));
    const missing = await hashOnly();
    expect((await missing.next())?.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    missing.close();
    const full = await subscribe<ProgressEvent>(
      gateway.url,
      PROGRESS,
      { arn },
      { authorization },
      persisted(PROGRESS),
    );
    const first = await full.next();
    expect(first?.data?.imageBuildProgress).toBeDefined();
    full.close();
    const byHash = await hashOnly();
    expect((await byHash.next())?.data?.imageBuildProgress).toBeDefined();
    byHash.close();
  });

  it("refuses a document whose hash is not its SHA-256, naming both", async () => {
    const ws = connect({
      connectionParams: { Authorization: `Bearer ${await token("images:read")}` },
    });
    const other = `{ imagePipelines(first: 2) { edges { node { name } } } }`;
    await expect(ws.run(other, undefined, persisted(QUERY))).rejects.toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: "PERSISTED_QUERY_HASH_MISMATCH" }),
      }),
    ]);
  });
});

describe("graphql-ws limits", () => {
  it("refuses a subscription past MAX_SUBSCRIPTIONS_PER_CALLER", async () => {
    const arn = await startBuild();
    const ws = connect({
      connectionParams: { Authorization: `Bearer ${await token("images:read")}` },
    });
    const open = [ws.run(PROGRESS, { arn }), ws.run(PROGRESS, { arn })];
    await sleep(200);
    const third = await ws.run(PROGRESS, { arn });
    expect(third.flatMap((result) => result.errors ?? [])[0]?.extensions?.code).toBe(
      "SUBSCRIPTION_LIMIT_REACHED",
    );
    for (const results of await Promise.all(open)) {
      expect(results.at(-1)?.data).toMatchObject({ imageBuildProgress: { finished: true } });
    }
  });

  it("closes a socket past MAX_WEBSOCKETS_PER_CALLER with 1008, before anything runs on it", async () => {
    const tabs = await token("images:read", { sub: "many-tabs" });
    const open = Array.from({ length: 2 }, () =>
      connect({ connectionParams: { Authorization: `Bearer ${tabs}` } }),
    );
    // Two sockets, each kept open by its subscription.
    const arn = await startBuild();
    const following = open.map((ws) => ws.run(PROGRESS, { arn }));
    await sleep(300);
    const third = connect({ connectionParams: { Authorization: `Bearer ${tabs}` } });
    await expect(third.run(PROGRESS, { arn })).rejects.toBeDefined();
    expect(await third.closed).toMatchObject({
      code: 1008,
      reason: expect.stringMatching(/MAX_WEBSOCKETS_PER_CALLER/),
    });
    for (const results of await Promise.all(following)) {
      expect(results.at(-1)?.data).toMatchObject({ imageBuildProgress: { finished: true } });
    }
  });

  it("applies document limits and cost estimates to queries over the socket", async () => {
    const ws = connect({
      connectionParams: { Authorization: `Bearer ${await token("images:read")}` },
    });
    const deep = `{ imagePipelines(first: 1) { edges { node { builds(first: 1) { edges { node { packages(first: 1) { edges { node { packageName } } } } } } } } } }`;
    await expect(ws.run(deep)).rejects.toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({
          code: "QUERY_LIMIT_EXCEEDED",
          limit: "MAX_QUERY_DEPTH",
        }),
      }),
    ]);
    const costly = `{ ${[1, 2, 3, 4, 5, 6].map((n) => `p${n}: imagePipelines(first: ${n}) { edges { cursor } }`).join(" ")} }`;
    const [result] = await ws.run(costly);
    expect(result?.errors?.map((error) => error.extensions?.code)).toContain(
      "COST_ESTIMATED_TOO_EXPENSIVE",
    );
  });

  it("closes a socket that sends a message over MAX_REQUEST_BODY_BYTES with 1009", async () => {
    const ws = connect({
      connectionParams: { Authorization: `Bearer ${await token("images:read")}` },
    });
    const padding = `# ${"x".repeat(5000)}\n`;
    const run = ws.run(`${padding}{ imagePipelines(first: 1) { edges { cursor } } }`);
    await expect(run).rejects.toBeDefined();
    expect((await ws.closed).code).toBe(1009);
  });
});
