/**
 * `npm run bench:subscriptions`: AWS calls per minute for SUBSCRIBERS clients following one build
 * through two gateway instances that share Redis (half on each), on an emulator whose builds take
 * longer than the minute measured. Every call the emulator answers counts, whichever instance made it.
 *
 * GATEWAY_ROOT runs another checkout's `src/main.ts` (to compare with an earlier version);
 * BENCH_SUBSCRIBERS, BENCH_MINUTES, BENCH_STEP_MS (each build step; five of them) and
 * BUILD_PROGRESS_POLL_MS/_MAX_MS change the run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { DEMO_FIXTURE_PATH, loadFixtureFile, startEmulator } from "../src/emulator/index.js";
import { startRedis } from "../test/helpers/redis.js";

const ROOT = process.env.GATEWAY_ROOT ?? new URL("..", import.meta.url).pathname;
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 50);
const MINUTES = Number(process.env.BENCH_MINUTES ?? 1);
/** Each of the build's five steps; the build outlasts the measurement. */
const STEP_MS = Number(process.env.BENCH_STEP_MS ?? 20_000);
const PIPELINE = "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server";
const PROGRESS = `subscription ($arn: String!) { imageBuildProgress(imageBuildVersionArn: $arn) { stepStatus step { name } buildState { status } finished } }`;

function startInstance(env: Record<string, string>): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      GATEWAY_BACKEND: "aws",
      AWS_ACCESS_KEY_ID: "emulator",
      AWS_SECRET_ACCESS_KEY: "emulator",
      AWS_REGION: "us-east-1",
      GATEWAY_AUTH: "off",
      CALLER_AWS_CALLS_PER_MINUTE: "0",
      MAX_SUBSCRIPTIONS_PER_CALLER: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      // Only the start matters: "ready at" is in the first lines.
      if (output.length > 100_000) return;
      output += chunk.toString();
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve({ url: match[1], proc });
    };
    proc.stdout?.on("data", read);
    proc.stderr?.on("data", read);
    proc.once("exit", (code) => reject(new Error(`gateway exited (${code}):\n${output}`)));
  });
}

/** Follows the build over SSE; counts the events it receives. */
async function follow(url: string, arn: string, signal: AbortSignal, events: { count: number }) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ query: PROGRESS, variables: { arn } }),
    signal,
  });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  try {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      events.count += chunk.value.split("event: next").length - 1;
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}

const emulator = await startEmulator({
  fixture: await loadFixtureFile(DEMO_FIXTURE_PATH),
  buildStepMs: STEP_MS,
});
const redis = await startRedis();
const env = {
  AWS_ENDPOINT_URL: emulator.url,
  CURSOR_SECRET: "shared-cursor-secret-for-every-instance",
  REDIS_URL: redis.url,
};
const instances = await Promise.all([startInstance(env), startInstance(env)]);
try {
  const started = await fetch(instances[0]?.url ?? "", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `mutation { startImagePipelineExecution(input: { imagePipelineArn: "${PIPELINE}" }) { imageBuildVersion { arn } } }`,
    }),
  });
  const { data } = (await started.json()) as {
    data: { startImagePipelineExecution: { imageBuildVersion: { arn: string } } };
  };
  const arn = data.startImagePipelineExecution.imageBuildVersion.arn;
  emulator.resetCalls();
  const stop = new AbortController();
  const events = { count: 0 };
  const followers = Array.from({ length: SUBSCRIBERS }, (_, index) =>
    follow(instances[index % 2]?.url ?? "", arn, stop.signal, events),
  );
  await new Promise((resolve) => setTimeout(resolve, 60_000 * MINUTES));
  const measured = [...emulator.calls];
  stop.abort();
  await Promise.allSettled(followers);
  const calls = measured.length;
  const byOperation = new Map<string, number>();
  for (const call of measured) {
    byOperation.set(call.operation, (byOperation.get(call.operation) ?? 0) + 1);
  }
  console.log(
    JSON.stringify({
      gateway: ROOT,
      subscribers: SUBSCRIBERS,
      instances: 2,
      minutes: MINUTES,
      awsCallsPerMinute: calls / MINUTES,
      byOperation: Object.fromEntries(byOperation),
      eventsReceived: events.count,
    }),
  );
} finally {
  for (const instance of instances) instance.proc.kill("SIGTERM");
  await redis.kill();
  await emulator.close();
}
