import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { startGatewayProcess } from "../helpers/gateway-process.js";
import { wsClient } from "../helpers/graphql-ws.js";
import { subscribe } from "../helpers/sse.js";

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
      return {
        status: response.status,
        connection: response.headers.get("connection"),
        body: (await response.json()) as Record<string, unknown>,
      };
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
      // Requests already in flight when SIGTERM came close their connection too.
      expect(answer.connection).toBe("close");
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

const DEMO_PIPELINE = "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server";
const PROGRESS = `subscription ($arn: String!) { imageBuildProgress(imageBuildVersionArn: $arn) { stepStatus finished } }`;

describe("SIGTERM with open subscriptions", () => {
  it("ends each SSE stream with complete and each WebSocket with 1001 within a second or two, then exits 0", async () => {
    // A build that runs for minutes: only the shutdown can end its subscriptions in time.
    const gateway = startGatewayProcess({ EMULATOR_BUILD_STEP_MS: "120000" });
    child = gateway.proc;
    const url = await gateway.url();
    const started = await gateway.query<{
      startImagePipelineExecution: { imageBuildVersion: { arn: string } };
    }>(
      `mutation { startImagePipelineExecution(input: { imagePipelineArn: "${DEMO_PIPELINE}" }) { imageBuildVersion { arn } } }`,
    );
    const arn = started.data?.startImagePipelineExecution.imageBuildVersion.arn;
    expect(arn, JSON.stringify(started)).toBeTruthy();

    const streams = await Promise.all([
      subscribe(url, PROGRESS, { arn }),
      subscribe(url, PROGRESS, { arn }),
    ]);
    for (const stream of streams) expect(await stream.next()).toMatchObject({ data: {} });
    const sockets = [wsClient(url), wsClient(url)];
    const socketEvents = sockets.map((socket) => {
      const events: unknown[] = [];
      const done = new Promise<void>((resolve) => {
        socket.client.subscribe(
          { query: PROGRESS, variables: { arn } },
          {
            next: (value) => events.push(value),
            error: () => resolve(),
            complete: () => resolve(),
          },
        );
      });
      return { events, done };
    });
    for (let waited = 0; socketEvents.some(({ events }) => events.length === 0); waited += 20) {
      if (waited > 10_000) throw new Error("no event over the WebSockets");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const exited = once(gateway.proc, "exit");
    const signalled = performance.now();
    gateway.proc.kill("SIGTERM");
    const ended = await Promise.all([
      ...streams.map(async (stream) => {
        await stream.rest();
        return { completed: stream.completed, ms: performance.now() - signalled };
      }),
      ...sockets.map(async (socket) => {
        const closed = await socket.closed;
        return { ...closed, ms: performance.now() - signalled };
      }),
    ]);
    for (const [index, end] of ended.entries()) {
      expect(end.ms, JSON.stringify(end)).toBeLessThan(2_000);
      if (index < streams.length) expect(end).toMatchObject({ completed: true });
      else
        expect(end).toMatchObject({ code: 1001, reason: expect.stringMatching(/shutting down/) });
    }
    await Promise.all(socketEvents.map(({ done }) => done));
    const [code] = await exited;
    expect(code).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(5_000);
  });
});
