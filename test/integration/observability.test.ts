import { afterEach, describe, expect, it } from "vitest";
import { fixture, imageArn, packages } from "../helpers/fixtures.js";
import { expectData, startTestGateway, type TestGateway } from "../helpers/gateway.js";

const IMAGES = Array.from({ length: 100 }, (_, index) => imageArn(`image-${index}`));
const data = () =>
  fixture({ imageBuilder: { images: IMAGES.map((arn) => ({ arn, packages: packages(2) })) } });

/** One query with 100 parents, each needing its own ListImagePackages call. */
// A hundred aliased look-ups: over the default document and cost limits, which these tests lift.
const LIFTED_LIMITS = {
  MAX_ALIASES: "200",
  MAX_TOKENS: "10000",
  MAX_AWS_CALLS_PER_REQUEST: "1000",
};
const HUNDRED_PARENTS = `{ ${IMAGES.map(
  (arn, index) =>
    `i${index}: imageBuildVersion(arn: "${arn}") { packages(first: 1) { edges { node { packageName } } } }`,
).join(" ")} }`;

let gateway: TestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

function metricValue(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text
    .split("\n")
    .find((row) => row.startsWith(`${name}{`) && wanted.every((label) => row.includes(label)));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("observability of AWS calls", () => {
  it("never runs more calls at once than the per-service limit", async () => {
    gateway = await startTestGateway({
      fixture: data(),
      faults: { latencyMs: { min: 10, max: 20 } },
      env: { ...LIFTED_LIMITS, AWS_MAX_CONCURRENCY: "4" },
    });
    expectData(await gateway.query(HUNDRED_PARENTS));
    expect(gateway.emulator?.calls).toHaveLength(100);
    // The limit is reached (the calls do run concurrently) and never exceeded.
    expect(gateway.emulator?.maxConcurrency("imagebuilder")).toBe(4);
  });

  it("agrees with the emulator in /metrics and in the debug extension", async () => {
    gateway = await startTestGateway({
      fixture: data(),
      faults: { throttleRate: 0.3 },
      env: { ...LIFTED_LIMITS, AWS_MAX_ATTEMPTS: "10" },
    });
    const response = await gateway.post(
      {
        query: HUNDRED_PARENTS.replace(
          "i99:",
          `missing: imageBuildVersion(arn: "${imageArn("nope")}") { name } i99:`,
        ),
      },
      { "x-gateway-debug": "calls" },
    );
    const body = (await response.json()) as {
      extensions?: { awsCalls?: Array<{ operation: string; outcome: string; attempts: number }> };
    };
    const received = gateway.emulator?.calls ?? [];
    const calls = body.extensions?.awsCalls ?? [];
    expect(calls).toHaveLength(101);
    expect(calls.filter((call) => call.outcome === "NOT_FOUND")).toHaveLength(1);
    // Each listed call counts its retries; together they are every request the emulator saw.
    expect(calls.reduce((sum, call) => sum + call.attempts, 0)).toBe(received.length);
    expect(received.some((call) => call.status === 429)).toBe(true);

    const metrics = await (await fetch(gateway.url.replace("/graphql", "/metrics"))).text();
    const labels = { service: "imagebuilder", operation: "ListImagePackages" };
    expect(metricValue(metrics, "gateway_aws_calls_total", { ...labels, outcome: "ok" })).toBe(100);
    expect(
      metricValue(metrics, "gateway_aws_calls_total", { ...labels, outcome: "NOT_FOUND" }),
    ).toBe(1);
    expect(metricValue(metrics, "gateway_aws_call_attempts_total", labels)).toBe(received.length);
    expect(metricValue(metrics, "gateway_aws_call_duration_seconds_count", labels)).toBe(101);
  });

  it("lists calls only when asked, and never when debugging is off", async () => {
    gateway = await startTestGateway({ fixture: data(), env: { GATEWAY_DEBUG: "off" } });
    const query = `{ imageBuildVersion(arn: "${IMAGES[0]}") { name } }`;
    const asked = await gateway.post({ query }, { "x-gateway-debug": "calls" });
    expect(((await asked.json()) as { extensions?: unknown }).extensions).toBeUndefined();
    await gateway.close();

    gateway = await startTestGateway({ fixture: data() });
    const notAsked = await gateway.post({ query });
    expect(((await notAsked.json()) as { extensions?: unknown }).extensions).toBeUndefined();
    const debug = await gateway.post({ query }, { "x-gateway-debug": "calls" });
    expect(
      ((await debug.json()) as { extensions: { awsCalls: unknown[] } }).extensions.awsCalls,
    ).toEqual([
      expect.objectContaining({
        service: "imagebuilder",
        operation: "ListImagePackages",
        region: "us-east-1",
        outcome: "ok",
        attempts: 1,
      }),
    ]);
  });

  it("serves /metrics on METRICS_PORT alone, without a token, when asked to", async () => {
    gateway = await startTestGateway({
      fixture: data(),
      env: { METRICS_PORT: "0", AUTH_JWT_SECRET: "a-test-secret-that-is-32-characters-or-more" },
    });
    const metricsUrl = gateway.metricsUrl ?? "";
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(metricsUrl).port).not.toBe(new URL(gateway.url).port);
    const metrics = await fetch(metricsUrl);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain("gateway_aws_calls_total");
    expect((await fetch(new URL("/graphql", metricsUrl))).status).toBe(404);
    const elsewhere = await fetch(gateway.url.replace("/graphql", "/metrics"));
    expect(elsewhere.status).toBe(404);
    // A path the gateway does not serve says where GraphQL is, with a code.
    const body = (await elsewhere.json()) as {
      errors: Array<{ message: string; extensions: unknown }>;
    };
    expect(body.errors[0]?.extensions).toEqual({ code: "NOT_FOUND" });
    expect(body.errors[0]?.message).toContain("GraphQL is at /graphql");
  });
});
