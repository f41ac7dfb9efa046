import { afterEach, describe, expect, it } from "vitest";
import type { RecordedCall } from "../../src/emulator/index.js";
import { fixture, imageArn, packages, pipelineArn } from "../helpers/fixtures.js";
import {
  expectData,
  type GraphQLResponse,
  startTestGateway,
  type TestGateway,
  type TestGatewayOptions,
} from "../helpers/gateway.js";

const LATENCY_MS = 50;
const EAST = imageArn("east");
const OTHER = imageArn("other");
const WEST = imageArn("west", "1.0.0", 1, "us-west-2");

const data = () =>
  fixture({
    imageBuilder: {
      images: [
        // 30 packages: two ListImagePackages pages, the second asked with the first's token.
        { arn: EAST, packages: packages(30) },
        { arn: OTHER, packages: packages(3, "other") },
        { arn: WEST, packages: packages(4, "west") },
      ],
      pipelines: [
        { arn: pipelineArn("nightly"), imageName: "nightly", semanticVersion: "1.0.0" },
        { arn: pipelineArn("weekly", "us-west-2"), imageName: "weekly", semanticVersion: "1.0.0" },
      ],
    },
  });

const packagesOf = (arn: string, first: number, alias: string) =>
  `${alias}: imagePackages(imageBuildVersionArn: "${arn}", first: ${first}) { edges { node { packageName } } }`;

/** Three distinct AWS requests: two pages of EAST's packages and one of OTHER's. */
const DASHBOARD = `{ ${packagesOf(EAST, 30, "east")} ${packagesOf(OTHER, 10, "other")} }`;

interface Dashboard {
  east: { edges: Array<{ node: { packageName: string } }> };
  other: { edges: Array<{ node: { packageName: string } }> };
}

interface DebugCall {
  operation: string;
  shared?: boolean;
}

let gateway: TestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

async function start(options: Partial<TestGatewayOptions> = {}, warmUp = [DASHBOARD]) {
  gateway = await startTestGateway({
    fixture: data(),
    faults: { latencyMs: { min: LATENCY_MS, max: LATENCY_MS } },
    ...options,
    env: { AWS_REGIONS: "us-east-1,us-west-2", ...options.env },
  });
  // The first requests of a process pay for loading, parsing and opening connections, which
  // would spread the others out: warm up with the same documents, as many at once.
  for (const document of warmUp) {
    await Promise.all(Array.from({ length: 20 }, () => answer(post(document))));
  }
  gateway.emulator?.resetCalls();
  return gateway;
}

function post(query: string, signal?: AbortSignal) {
  if (!gateway) throw new Error("no gateway");
  return fetch(gateway.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      "x-gateway-debug": "calls",
    },
    body: JSON.stringify({ query }),
    signal,
  });
}

async function answer<Data>(response: Promise<Response>): Promise<GraphQLResponse<Data>> {
  return (await (await response).json()) as GraphQLResponse<Data>;
}

function expectDashboard(response: GraphQLResponse<Dashboard>) {
  const data = expectData(response);
  expect(data.east.edges.map((edge) => edge.node.packageName)).toEqual(
    packages(30).map((item) => item.packageName),
  );
  expect(data.other.edges.map((edge) => edge.node.packageName)).toEqual([
    "other-000",
    "other-001",
    "other-002",
  ]);
}

/** How many times the emulator received each distinct request (operation, region and input). */
function timesEachRequest(calls: readonly RecordedCall[]): number[] {
  const counts = new Map<string, number>();
  for (const call of calls) {
    const key = JSON.stringify([call.operation, call.region, call.input]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.values()];
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(new URL("/metrics", gateway?.url))).text();
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

/** Resolves once `count` calls of requests have joined a call already in flight. */
async function joined(count: number) {
  const counter = gateway?.services.metrics.awsCallsCoalesced;
  for (let waited = 0; waited < 5_000; waited++) {
    const total = (await counter?.get())?.values.reduce((sum, { value }) => sum + value, 0) ?? 0;
    if (total >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error(`fewer than ${count} calls were shared`);
}

/** Resolves once the gateway has a call that requests can share in flight. */
async function callInFlight() {
  const gate = gateway?.services.gate;
  for (let waited = 0; waited < 5_000; waited++) {
    if ((gate?.sharableCallsInFlight ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error("no AWS call went out");
}

describe("identical AWS calls in flight at once", () => {
  it("are made once for 20 concurrent identical queries, each answered in full", async () => {
    await start();
    const coalescedBefore = await metric("gateway_aws_calls_coalesced_total");
    const callsBefore = await metric("gateway_aws_calls_total");
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => answer<Dashboard>(post(DASHBOARD))),
    );
    for (const response of responses) expectDashboard(response);
    const calls = gateway?.emulator?.calls ?? [];
    // Two pages of EAST, one of OTHER: each distinct request reached AWS once.
    expect(calls).toHaveLength(3);
    expect(timesEachRequest(calls)).toEqual([1, 1, 1]);
    // Each request still lists its three calls; all but one request's are marked shared.
    const listed = responses.map((response) => response.extensions?.awsCalls as DebugCall[]);
    expect(listed.every((calls) => calls.length === 3)).toBe(true);
    expect(listed.flat().filter((call) => call.shared)).toHaveLength(57);
    expect((await metric("gateway_aws_calls_coalesced_total")) - coalescedBefore).toBe(57);
    expect((await metric("gateway_aws_calls_total")) - callsBefore).toBe(3);
    // The per-request count is what each request asked for, shared or not.
    for (const response of responses) {
      expect(response.extensions?.cost).toEqual({ estimated: expect.any(Number), actual: 3 });
    }
  });

  it("answer every other request when one of them leaves", async () => {
    await start();
    const before = await metric("gateway_aws_calls_coalesced_total");
    const leaving = new AbortController();
    const requests = Array.from({ length: 20 }, (_, index) =>
      post(DASHBOARD, index === 0 ? leaving.signal : undefined),
    );
    // Every request waits for the first two calls (the first page of each list): leave now.
    await joined(before + 2 * 19);
    leaving.abort();
    await expect(requests[0]).rejects.toThrow();
    const responses = await Promise.all(
      requests.slice(1).map((request) => answer<Dashboard>(request)),
    );
    for (const response of responses) expectDashboard(response);
    const calls = gateway?.emulator?.calls ?? [];
    expect(timesEachRequest(calls)).toEqual([1, 1, 1]);
    expect(calls.some((call) => call.aborted)).toBe(false);
  });

  it("are abandoned once every request waiting for them has left", async () => {
    await start({ faults: { latencyMs: { min: 400, max: 400 } } });
    const leaving = new AbortController();
    const requests = Array.from({ length: 5 }, () =>
      post(`{ ${packagesOf(OTHER, 10, "other")} }`, leaving.signal).catch(() => undefined),
    );
    await callInFlight();
    leaving.abort();
    await Promise.all(requests);
    await expect
      .poll(() => gateway?.emulator?.calls.at(-1)?.aborted, { timeout: 5_000 })
      .toBe(true);
    expect(gateway?.emulator?.calls).toHaveLength(1);
    expect(gateway?.services.gate.sharableCallsInFlight).toBe(0);
  });

  it("are never shared across regions", async () => {
    // ListImagePipelines asks the same input in every region: only the region tells them apart.
    const pipelines = (region: string) =>
      `{ imagePipelines(region: "${region}") { edges { node { arn } } } }`;
    const regions = ["us-east-1", "us-west-2"];
    await start({}, regions.map(pipelines));
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => {
        const region = regions[index % 2] ?? "";
        return answer<{ imagePipelines: { edges: Array<{ node: { arn: string } }> } }>(
          post(pipelines(region)),
        ).then((response) => ({ region, response }));
      }),
    );
    for (const { region, response } of responses) {
      const arns = expectData(response).imagePipelines.edges.map((edge) => edge.node.arn);
      expect(arns).toEqual([pipelineArn(region === "us-east-1" ? "nightly" : "weekly", region)]);
    }
    const calls = gateway?.emulator?.calls ?? [];
    expect(new Set(calls.map((call) => call.region))).toEqual(new Set(regions));
    expect(new Set(calls.map((call) => JSON.stringify(call.input))).size).toBe(1);
  });

  it("are never shared for a mutation, even with the same client token", async () => {
    await start({}, []);
    const mutation = `mutation { startImagePipelineExecution(input: { imagePipelineArn: "${pipelineArn("nightly")}", clientToken: "one-token" }) { clientToken } }`;
    const responses = await Promise.all(Array.from({ length: 5 }, () => answer(post(mutation))));
    for (const response of responses) expectData(response);
    const starts = (gateway?.emulator?.calls ?? []).filter(
      (call) => call.operation === "StartImagePipelineExecution",
    );
    expect(starts).toHaveLength(5);
    expect(await metric("gateway_aws_calls_coalesced_total")).toBe(0);
  });

  it("are each made with AWS_COALESCE_CALLS=off", async () => {
    await start({ env: { AWS_COALESCE_CALLS: "off" } }, []);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => answer<Dashboard>(post(DASHBOARD))),
    );
    for (const response of responses) expectDashboard(response);
    expect(gateway?.emulator?.calls).toHaveLength(30);
  });

  it("still spend each request's caller budget", async () => {
    await start(
      { env: { CALLER_AWS_CALLS_PER_MINUTE: "5" }, faults: { latencyMs: { min: 400, max: 400 } } },
      [],
    );
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => answer(post(`{ ${packagesOf(OTHER, 10, "p")} }`))),
    );
    const codes = responses.map((response) => response.errors?.[0]?.extensions?.code ?? "ok");
    expect(codes.filter((code) => code === "ok")).toHaveLength(5);
    expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(3);
    expect(gateway?.emulator?.calls).toHaveLength(1);
  });
});
