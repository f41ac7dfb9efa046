import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";

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

/** `npm start`'s command on the demo data, with a slow emulator, collecting its output. */
function start() {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: "0",
      EMULATOR_LATENCY_MS: String(LATENCY_MS),
      AWS_MAX_CONCURRENCY: String(REQUESTS),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  let output = "";
  proc.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  proc.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return {
    proc,
    output: () => output,
    async url(): Promise<string> {
      for (let waited = 0; waited < 30_000; waited += 100) {
        const match = /ready at (\S+)/.exec(output);
        if (match?.[1]) return match[1];
        if (proc.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`gateway did not start:\n${output}`);
    },
  };
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
      if (waited > 20_000) throw new Error(`requests did not arrive:\n${gateway.output()}`);
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
    const lines = gateway
      .output()
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.some((line) => line.msg.startsWith("SIGTERM received"))).toBe(true);
    expect(lines.at(-1)?.msg).toBe("gateway stopped");
  });
});
