import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { startGatewayProcess } from "../helpers/gateway-process.js";

// Distinct demo images, so each request makes its own slow AWS call.
const DEMO_IMAGES = [
  "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/2",
  "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/1",
];
const REQUESTS = 20;
const LATENCY_MS = 1_500;

let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.exitCode === null) child.kill("SIGKILL");
  child = undefined;
});

/** `npm start`'s command on the demo data, with a slow emulator. */
function start() {
  const gateway = startGatewayProcess({
    EMULATOR_LATENCY_MS: String(LATENCY_MS),
    AWS_MAX_CONCURRENCY: String(REQUESTS),
  });
  child = gateway.proc;
  return gateway;
}

async function requestsInFlight(url: string): Promise<number> {
  const metrics = await (await fetch(url.replace(/\/graphql$/, "/metrics"))).text();
  const line = metrics.split("\n").find((row) => row.startsWith("gateway_http_requests_in_flight"));
  // This scrape is in flight too.
  return Number(line?.split(" ").at(-1) ?? 0) - 1;
}

describe("SIGTERM under load", () => {
  it("answers every request in flight with data, then exits 0", async () => {
    const gateway = start();
    const url = await gateway.url();
    const responses = Array.from({ length: REQUESTS }, async (_, index) => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `query ($arn: String!) { imagePackages(imageBuildVersionArn: $arn, first: ${1 + (index % 5)}) { edges { node { packageName } } } }`,
          variables: { arn: DEMO_IMAGES[index % DEMO_IMAGES.length] },
        }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    });
    // Every request has reached the gateway (each waits on its slow AWS call) before the signal.
    for (let waited = 0; (await requestsInFlight(url)) < REQUESTS; waited += 20) {
      if (waited > 20_000) throw new Error(`requests did not arrive:\n${gateway.output().stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const exited = once(gateway.proc, "exit");
    gateway.proc.kill("SIGTERM");

    const answers = await Promise.all(responses);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toMatchObject({ imagePackages: { edges: expect.any(Array) } });
    }
    const [code] = await exited;
    expect(code).toBe(0);
    // The shutdown is logged as JSON, like every other line.
    const { stdout, stderr } = gateway.output();
    // Warnings (stderr) are JSON lines too.
    for (const line of stderr.split("\n").filter(Boolean))
      expect(() => JSON.parse(line)).not.toThrow();
    const lines = stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.some((line) => line.msg.startsWith("SIGTERM received"))).toBe(true);
    expect(lines.at(-1)?.msg).toBe("gateway stopped");
  });
});
