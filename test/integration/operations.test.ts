import { afterEach, describe, expect, it } from "vitest";
import { fixture, imageArn, packages } from "../helpers/fixtures.js";
import { expectData, startTestGateway, type TestGateway } from "../helpers/gateway.js";
import { captureLogs } from "../helpers/logs.js";

const IMAGE = imageArn("web");
const data = () => fixture({ imageBuilder: { images: [{ arn: IMAGE, packages: packages(3) }] } });
const PACKAGES = `{ imagePackages(imageBuildVersionArn: "${IMAGE}", first: 3) { edges { node { packageName } } } }`;

let gateway: TestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

const endpoint = (running: TestGateway, path: string) => running.url.replace(/\/graphql$/, path);

async function waitFor(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 10_000) throw new Error("condition not met within 10 s");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("/health and /ready", () => {
  it("/health answers JSON while the process serves HTTP", async () => {
    gateway = await startTestGateway({ fixture: data() });
    const response = await fetch(endpoint(gateway, "/health"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("/ready makes one signed call per service, then reuses the success for READY_CACHE_MS", async () => {
    gateway = await startTestGateway({ fixture: data(), env: { READY_CACHE_MS: "60000" } });
    const first = await fetch(endpoint(gateway, "/ready"));
    expect(first.status).toBe(200);
    const report = (await first.json()) as {
      status: string;
      checks: Record<string, { ok: boolean; cached?: boolean }>;
    };
    expect(report.status).toBe("ready");
    expect(Object.keys(report.checks).sort()).toEqual([
      "appstream:us-east-1",
      "configuration",
      "credentials",
      "imagebuilder:us-east-1",
      "medical-imaging:us-east-1",
    ]);
    expect(Object.values(report.checks).every((check) => check.ok)).toBe(true);
    // The emulator saw one signed call per service, each in the configured region.
    const calls = gateway.emulator?.calls ?? [];
    expect(calls.map((call) => call.service).sort()).toEqual([
      "appstream",
      "imagebuilder",
      "medical-imaging",
    ]);
    expect(calls.every((call) => call.region === "us-east-1")).toBe(true);

    const again = (await (await fetch(endpoint(gateway, "/ready"))).json()) as typeof report;
    expect(again.checks["appstream:us-east-1"]?.cached).toBe(true);
    expect(gateway.emulator?.calls).toHaveLength(3);
  });

  it("/ready is 503 naming the service when AWS cannot be reached", async () => {
    gateway = await startTestGateway({ fixture: data(), env: { READY_CACHE_MS: "0" } });
    await gateway.emulator?.close();
    const response = await fetch(endpoint(gateway, "/ready"));
    expect(response.status).toBe(503);
    const report = (await response.json()) as {
      status: string;
      checks: Record<string, { ok: boolean; code?: string; error?: string }>;
    };
    expect(report.status).toBe("not ready");
    expect(report.checks["imagebuilder:us-east-1"]).toMatchObject({
      ok: false,
      code: "UPSTREAM_UNAVAILABLE",
    });
    expect(report.checks["imagebuilder:us-east-1"]?.error).toContain("EC2 Image Builder");
    expect(report.checks.configuration?.ok).toBe(true);
  });
});

describe("graceful shutdown", () => {
  it("finishes the request in flight, answers not ready meanwhile, and refuses new connections", async () => {
    gateway = await startTestGateway({
      fixture: data(),
      faults: { latencyMs: { min: 400, max: 400 } },
    });
    const running = gateway;
    const inFlight = running.query(PACKAGES);
    await waitFor(() => running.requestsInFlight() === 1);
    const stopped = running.shutdown(10_000);

    const ready = await running.gateway.fetch("http://gateway.test/ready");
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "draining" });
    await expect(fetch(endpoint(running, "/health"))).rejects.toThrow();

    const answer = expectData(await inFlight) as {
      imagePackages: { edges: unknown[] };
    };
    expect(answer.imagePackages.edges).toHaveLength(3);
    await stopped;
    expect(running.requestsInFlight()).toBe(0);
  });

  it("stops waiting after the shutdown timeout", async () => {
    const logs = captureLogs("warn");
    gateway = await startTestGateway({
      fixture: data(),
      faults: { latencyMs: { min: 5_000, max: 5_000 } },
      logger: logs.logger,
    });
    const running = gateway;
    const inFlight = running.query(PACKAGES).then(
      () => "answered",
      () => "cut off",
    );
    await waitFor(() => running.requestsInFlight() === 1);
    const started = performance.now();
    await running.shutdown(100);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(await inFlight).toBe("cut off");
    expect(logs.lines.map((line) => JSON.parse(line))).toMatchObject([
      { level: "warn", abandoned: 1, timeoutMs: 100 },
    ]);
  });
});
