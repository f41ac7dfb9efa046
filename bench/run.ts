/**
 * `npm run bench`: the gateway side by side with what a user would run instead, written to
 * BENCHMARKS.md. Processes: the standalone emulator, each system under test, and autocannon as the
 * load generator, each its own process. Systems, in interleaved order over several rounds, on the
 * same emulator: the gateway; a plain node:http handler making the same AWS calls with the SDK
 * (the floor); bare graphql-yoga answering a static field (the framework ceiling); the gateway
 * with loaders off; the gateway with its in-memory response cache.
 *
 * BENCH_QUICK=1 runs one short round and a short soak, for development. BENCH_SOAK_SECONDS
 * overrides the soak's length (300 in a full run). BENCH_SCENARIOS=name,name runs only those
 * scenarios, without the memory runs and the soak, and prints the report without writing it.
 * BENCH_CPU_PROF=dir writes a CPU profile of each system process there (`node --cpu-prof`);
 * `npm run bench:profile -- dir` tells where their time went.
 *
 * Every load run checks every answer (bench/load.ts): only answers with the expected data count.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { build } from "esbuild";
import { writeBenchFixture } from "./fixture.js";
import type { LoadJob, LoadReport } from "./load.js";
import {
  CURSOR_SECRET,
  DEFAULT_PAGE_SIZE,
  normalizeAnswer,
  SCENARIOS,
  type Scenario,
} from "./scenarios.js";

const QUICK = process.env.BENCH_QUICK === "1";
const ROUNDS = QUICK ? 1 : 3;
const DURATION_S = QUICK ? 2 : 4;
const CONNECTIONS = 10;
const RSS_CONNECTIONS = 100;
const RSS_DURATION_S = QUICK ? 2 : 10;
const SOAK_S = Number(process.env.BENCH_SOAK_SECONDS ?? (QUICK ? 10 : 300));
const LATENCIES_MS = [0, 20];
const ROOT = new URL("..", import.meta.url).pathname;
/** Where each system's CPU profile goes, when set (read them with bench/profile-summary.ts). */
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
/** Only these scenarios (by name), when set: a partial run, printed and not written. */
const ONLY = process.env.BENCH_SCENARIOS?.split(",").map((name) => name.trim());

type SystemName =
  | "gateway"
  | "direct SDK"
  | "gateway, loaders off"
  | "gateway, cache"
  | "bare yoga";

interface Running {
  name: SystemName;
  url: string;
  process: ChildProcess;
}

interface Measurement {
  system: SystemName;
  scenario: string;
  latencyMs: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  peakRssMb: number;
  /** CPU the system's process spent per request answered. */
  cpuMsPerRequest: number;
  callsPerRequest: number;
  /** Answers that were refused, failed, or carried other data than expected. */
  wrong: number;
  cacheHits?: number;
  cacheMisses?: number;
  non2xx: number;
}

const started = new Date();
const children: ChildProcess[] = [];
process.once("exit", () => {
  for (const child of children) child.kill("SIGTERM");
});

/**
 * Every process under test runs plain JavaScript, as deployed: no TypeScript loader (tsx keeps a
 * loader thread of its own, about 45 MB). Each entry point is bundled with its own source (the
 * packages stay in node_modules) into `.bench-build/`, inside the project so imports resolve.
 */
const BUILD_DIR = `${ROOT}.bench-build`;
const ENTRY_POINTS = {
  emulator: "src/emulator/main.ts",
  gateway: "bench/systems/gateway.ts",
  "direct-sdk": "bench/systems/direct-sdk.ts",
  "bare-yoga": "bench/systems/bare-yoga.ts",
  load: "bench/load.ts",
};
type Entry = keyof typeof ENTRY_POINTS;

await build({
  entryPoints: Object.fromEntries(
    Object.entries(ENTRY_POINTS).map(([name, path]) => [name, `${ROOT}${path}`]),
  ),
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node22",
  outdir: BUILD_DIR,
  logLevel: "warning",
});

/** Starts `node <entry>.js` and waits for the line that says where it listens. */
function startProcess(
  entry: Entry,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  label: string = entry,
): Promise<{ process: ChildProcess; url: string }> {
  const script = `${BUILD_DIR}/${entry}.js`;
  const profileName = `${label.replace(/[^a-z0-9]+/gi, "-")}.${Date.now()}.cpuprofile`;
  const profile =
    PROFILE_DIR && entry !== "emulator" && entry !== "load"
      ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${profileName}`]
      : [];
  const child = spawn(process.execPath, [...profile, script, ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match?.[1]) {
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve({ process: child, url: match[1] });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}):\n${output}`)));
  });
}

async function startSystem(
  name: SystemName,
  emulatorUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<Running> {
  const env = {
    PORT: "0",
    HOST: "127.0.0.1",
    GATEWAY_BACKEND: "aws",
    AWS_ENDPOINT_URL: emulatorUrl,
    AWS_ACCESS_KEY_ID: "emulator",
    AWS_SECRET_ACCESS_KEY: "emulator",
    AWS_REGION: "us-east-1",
    CURSOR_SECRET,
    DEFAULT_PAGE_SIZE: String(DEFAULT_PAGE_SIZE),
    GATEWAY_DEBUG: "off",
    // Measured as deployed behind something that authenticates, with no per-caller budget: the
    // benchmark is one caller making thousands of calls on purpose. Logs at warn: a line per
    // request would measure the terminal.
    GATEWAY_AUTH: "off",
    CALLER_AWS_CALLS_PER_MINUTE: "0",
    LOG_LEVEL: "warn",
    // The 50-look-up scenario is 50 aliases; the default MAX_ALIASES (30) would refuse it.
    MAX_ALIASES: "64",
    ...extraEnv,
  };
  const json = /\{"url":"([^"]+)"\}/;
  const script: Entry =
    name === "direct SDK" ? "direct-sdk" : name === "bare yoga" ? "bare-yoga" : "gateway";
  const args = name === "gateway, loaders off" ? ["--loaders=naive"] : [];
  const { process: child, url } = await startProcess(script, args, env, json, name);
  return { name, url, process: child };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

async function rssMb(pid: number | undefined): Promise<number> {
  if (!pid) return 0;
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/**
 * CPU time a process has used, user and system, in milliseconds (/proc ticks are 10 ms). Per
 * request it says what each system costs regardless of what else the shared machine is doing.
 */
async function cpuMs(pid: number | undefined): Promise<number> {
  if (!pid) return 0;
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
}

/** Samples a process's resident memory until stopped; returns every sample. */
function sampleRss(pid: number | undefined, everyMs: number) {
  const samples: Array<{ atMs: number; mb: number }> = [];
  const begin = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    samples.push({ atMs: performance.now() - begin, mb: await rssMb(pid) });
    timer = setTimeout(tick, everyMs);
  };
  void tick();
  return {
    stop() {
      clearTimeout(timer);
      return samples;
    },
  };
}

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Answers with the expected data. */
  total: number;
  /** Answers without it: refused, failed, or other data. */
  non2xx: number;
}

/** What each system must answer to each body of a scenario, found while warming up. */
const expectedAnswers = new Map<string, string[]>();

/**
 * One load run (bench/load.ts, autocannon in its own process) over the scenario's bodies, in
 * turn; an answer counts only with the data expected for its body.
 */
async function load(
  system: Running,
  scenario: Scenario,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const job: LoadJob = {
    url: targetUrl(system, scenario),
    scenario: scenario.name,
    bodies: bodiesOf(system, scenario),
    expected: expectedAnswers.get(`${system.name}|${scenario.name}`) ?? [],
    connections,
    seconds,
  };
  const jobPath = join(tmpdir(), `aws-image-graph-load-${process.pid}.json`);
  await writeFile(jobPath, JSON.stringify(job));
  const child = spawn(process.execPath, [`${BUILD_DIR}/load.js`, jobPath], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise((resolve) => child.once("exit", resolve));
  const report = JSON.parse(output) as LoadReport;
  if (report.wrong > 0) {
    console.warn(
      `\n${system.name}, ${scenario.name}: ${report.wrong} answers without the expected data, e.g. ${report.firstWrong}`,
    );
  }
  return {
    requestsPerSecond: report.requestsPerSecond,
    p50: report.p50,
    p99: report.p99,
    total: report.served,
    non2xx: report.wrong,
  };
}

async function emulatorCalls(emulatorUrl: string): Promise<number> {
  const response = await fetch(`${emulatorUrl}/_emulator/health`);
  return ((await response.json()) as { calls: number }).calls;
}

async function resetEmulatorCalls(emulatorUrl: string): Promise<void> {
  await fetch(`${emulatorUrl}/_emulator/calls`, { method: "DELETE" });
}

async function cacheCounts(system: Running): Promise<{ hits: number; misses: number }> {
  const response = await fetch(new URL("/metrics", system.url));
  const text = await response.text();
  const count = (outcome: string) =>
    Number(
      new RegExp(`gateway_response_cache_requests_total\\{outcome="${outcome}"\\} (\\d+)`).exec(
        text,
      )?.[1] ?? 0,
    );
  return { hits: count("hit"), misses: count("miss") };
}

function targetUrl(system: Running, scenario: Scenario): string {
  return system.name === "direct SDK" ? `${system.url}/${SCENARIOS.indexOf(scenario)}` : system.url;
}

/** The request bodies of a scenario, which its requests take in turn. */
function bodiesOf(system: Running, scenario: Scenario): string[] {
  if (system.name === "bare yoga") return [JSON.stringify({ query: "{ static }" })];
  if (!scenario.variables) return [JSON.stringify({ query: scenario.query })];
  return scenario.variables.map((variables) =>
    JSON.stringify({ query: scenario.query, variables }),
  );
}

async function post(system: Running, scenario: Scenario, turn = 0): Promise<unknown> {
  const response = await fetch(targetUrl(system, scenario), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: bodiesOf(system, scenario)[turn],
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (body.errors || response.status !== 200) {
    throw new Error(`${system.name}, ${scenario.name}: ${JSON.stringify(body).slice(0, 500)}`);
  }
  return body.data;
}

/**
 * Exact AWS calls per request, counted by the emulator: a few sequential requests or, where
 * identical requests arrive together, a few bursts of that many at once.
 */
async function exactCalls(system: Running, scenario: Scenario, emulatorUrl: string) {
  const REPEATS = 3;
  const together = scenario.sharable ? (scenario.connections ?? 1) : 1;
  await resetEmulatorCalls(emulatorUrl);
  for (let index = 0; index < REPEATS; index++) {
    await Promise.all(Array.from({ length: together }, () => post(system, scenario)));
  }
  return (await emulatorCalls(emulatorUrl)) / (REPEATS * together);
}

async function measure(
  system: Running,
  scenario: Scenario,
  latencyMs: number,
  emulatorUrl: string,
  connections: number,
): Promise<Measurement> {
  const cacheBefore = system.name === "gateway, cache" ? await cacheCounts(system) : undefined;
  await resetEmulatorCalls(emulatorUrl);
  const rss = sampleRss(system.process.pid, 100);
  const cpuBefore = await cpuMs(system.process.pid);
  const result = await load(system, scenario, connections, DURATION_S);
  const cpuUsed = (await cpuMs(system.process.pid)) - cpuBefore;
  const samples = rss.stop();
  const calls = await emulatorCalls(emulatorUrl);
  const cacheAfter = system.name === "gateway, cache" ? await cacheCounts(system) : undefined;
  return {
    system: system.name,
    scenario: scenario.name,
    latencyMs,
    requestsPerSecond: result.requestsPerSecond,
    p50: result.p50,
    p99: result.p99,
    peakRssMb: Math.max(...samples.map((sample) => sample.mb)),
    cpuMsPerRequest: result.total ? cpuUsed / result.total : 0,
    callsPerRequest: result.total ? calls / result.total : 0,
    wrong: result.non2xx,
    cacheHits: cacheAfter && cacheBefore ? cacheAfter.hits - cacheBefore.hits : undefined,
    cacheMisses: cacheAfter && cacheBefore ? cacheAfter.misses - cacheBefore.misses : undefined,
    non2xx: result.non2xx,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Least-squares slope of resident memory, in MB per minute. */
function slopePerMinute(samples: Array<{ atMs: number; mb: number }>): number {
  const n = samples.length;
  if (n < 2) return 0;
  const meanX = samples.reduce((sum, s) => sum + s.atMs, 0) / n;
  const meanY = samples.reduce((sum, s) => sum + s.mb, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const sample of samples) {
    numerator += (sample.atMs - meanX) * (sample.mb - meanY);
    denominator += (sample.atMs - meanX) ** 2;
  }
  return denominator ? (numerator / denominator) * 60_000 : 0;
}

// ---------------------------------------------------------------------------------------------

const fixturePath = await writeBenchFixture();
const measurements: Measurement[] = [];
const exact = new Map<string, number>();
/** Scenarios that could not run, with the reason. */
const skipped = new Map<string, string>();
const equalJson = new Map<string, boolean>();
/** Heap of the gateway in a container-sized run: what Node picks in a 256–512 MB container. */
const CONTAINER_HEAP_MB = 128;
const RSS_SYSTEMS: Array<{ label: string; name: SystemName; env: Record<string, string> }> = [
  { label: "gateway", name: "gateway", env: {} },
  {
    label: `gateway, --max-old-space-size=${CONTAINER_HEAP_MB}`,
    name: "gateway",
    env: { NODE_OPTIONS: `--max-old-space-size=${CONTAINER_HEAP_MB}` },
  },
  { label: "direct SDK", name: "direct SDK", env: {} },
  { label: "bare yoga", name: "bare yoga", env: {} },
];
const rssAt100: Array<{ label: string; peakMb: number; requestsPerSecond: number; p99: number }> =
  [];
let soak = { slope: 0, first: 0, last: 0, peak: 0, requests: 0, seconds: SOAK_S };
const load0 = loadavg()[0] ?? 0;

for (const latencyMs of LATENCIES_MS) {
  const emulator = await startProcess(
    "emulator",
    [],
    {
      EMULATOR_PORT: "0",
      EMULATOR_SEED: fixturePath,
      ...(latencyMs ? { EMULATOR_LATENCY_MS: String(latencyMs) } : {}),
    },
    /listening on (http:\/\/\S+)/,
  );
  const names: SystemName[] = ["gateway", "direct SDK", "gateway, loaders off", "gateway, cache"];
  const systems: Running[] = [];
  for (const name of names) {
    systems.push(
      await startSystem(
        name,
        emulator.url,
        name === "gateway, cache" ? { RESPONSE_CACHE: "memory" } : {},
      ),
    );
  }
  const yoga = latencyMs === 0 && !ONLY ? await startSystem("bare yoga", emulator.url) : undefined;
  const gateway = systems[0] as Running;

  const introspection = (await (
    await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: '{ __type(name: "Query") { fields { name } } }' }),
    })
  ).json()) as { data: { __type: { fields: Array<{ name: string }> } } };
  const rootFields = new Set(introspection.data.__type.fields.map((field) => field.name));
  const scenarios = SCENARIOS.filter((scenario) => {
    if (ONLY && !ONLY.includes(scenario.name)) return false;
    if (!scenario.requires || rootFields.has(scenario.requires)) return true;
    skipped.set(scenario.name, `the schema has no \`Query.${scenario.requires}\` yet`);
    return false;
  });

  // Warm every system up, check that the direct handler answers the same JSON, count calls, and
  // keep each system's answer to each body: what its load runs must answer.
  if (yoga) {
    const answer = normalizeAnswer(undefined, await post(yoga, SCENARIOS[0] as Scenario));
    expectedAnswers.set(`bare yoga|${SCENARIOS[0]?.name}`, [answer]);
  }
  /** Warms the systems up on `scenario` and keeps their answers; false when it is skipped. */
  const prepare = async (scenario: Scenario): Promise<boolean> => {
    const answers = new Map<SystemName, string[]>();
    for (const system of systems) {
      if (system.name === "direct SDK" && !scenario.direct) continue;
      const turns = bodiesOf(system, scenario).length;
      const answered: string[] = [];
      try {
        for (let turn = 0; turn < turns; turn++) {
          answered.push(normalizeAnswer(scenario, await post(system, scenario, turn)));
        }
      } catch (error) {
        // A scenario written ahead of its schema may not match it yet; the others still run.
        if (!scenario.requires) throw error;
        skipped.set(scenario.name, `its query failed: ${(error as Error).message.slice(0, 300)}`);
        return false;
      }
      answers.set(system.name, answered);
      expectedAnswers.set(`${system.name}|${scenario.name}`, answered);
      if (system.name !== "gateway, cache") {
        exact.set(
          `${latencyMs}|${system.name}|${scenario.name}`,
          await exactCalls(system, scenario, emulator.url),
        );
      }
    }
    if (scenario.direct) {
      equalJson.set(
        scenario.name,
        isDeepStrictEqual(answers.get("gateway"), answers.get("direct SDK")),
      );
    }
    return true;
  };

  // At 0 ms the systems are loaded with CONNECTIONS at once (throughput); at 20 ms with one
  // (latency: what a request waits for, without queueing behind others).
  const connections = latencyMs === 0 ? CONNECTIONS : 1;
  const phases = [
    scenarios.filter((scenario) => !scenario.mutates),
    scenarios.filter((scenario) => scenario.mutates),
  ];
  for (const [phase, planned] of phases.entries()) {
    // Each phase's answers are taken just before it runs: the builds the mutation starts change
    // what the read-only scenarios (the root walk's newest builds) answer.
    const phaseScenarios: Scenario[] = [];
    for (const scenario of planned) if (await prepare(scenario)) phaseScenarios.push(scenario);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [index, scenario] of phaseScenarios.entries()) {
        const eligible = systems.filter(
          (system) => system.name !== "direct SDK" || scenario.direct,
        );
        // Interleaved: each round and scenario starts with a different system.
        const shift = (round + index) % eligible.length;
        const order = [...eligible.slice(shift), ...eligible.slice(0, shift)];
        for (const system of order) {
          measurements.push(
            await measure(
              system,
              scenario,
              latencyMs,
              emulator.url,
              scenario.connections ?? connections,
            ),
          );
          process.stdout.write(".");
        }
      }
      if (yoga && phase === 0) {
        measurements.push(
          await measure(yoga, SCENARIOS[0] as Scenario, 0, emulator.url, CONNECTIONS),
        );
      }
    }
    // Memory and the soak come before the mutation too, while the emulator holds only the
    // fixture's builds (every build the mutation starts stays, and advances, in the emulator).
    if (latencyMs === 0 && phase === 0 && !ONLY) {
      // Memory under 100 concurrent connections, on the most common query: each system fresh, and
      // the gateway also with the heap Node gives itself in a small container (it sizes V8's heap
      // from the cgroup's memory limit; on this host it sizes it from all of the machine's memory).
      const onePage = SCENARIOS[0] as Scenario;
      for (const { label, name, env } of RSS_SYSTEMS) {
        const system = await startSystem(name, emulator.url, env);
        const rss = sampleRss(system.process.pid, 100);
        const result = await load(system, onePage, RSS_CONNECTIONS, RSS_DURATION_S);
        const peakMb = Math.max(...rss.stop().map((sample) => sample.mb));
        rssAt100.push({
          label,
          peakMb,
          requestsPerSecond: result.requestsPerSecond,
          p99: result.p99,
        });
        await stop(system.process);
        process.stdout.write("r");
      }

      // Requests autocannon gave up on still run in the gateway: let them finish first.
      await post(gateway, onePage);

      // Soak: the one-page query for SOAK_S seconds; resident memory sampled every second.
      const soakRss = sampleRss(gateway.process.pid, 1000);
      const soakResult = await load(gateway, onePage, CONNECTIONS, SOAK_S);
      const samples = soakRss.stop();
      // The first tenth is warm-up (JIT, pools, caches filling); the slope is taken after it.
      const settled = samples.slice(Math.floor(samples.length / 10));
      soak = {
        slope: slopePerMinute(settled),
        first: settled[0]?.mb ?? 0,
        last: settled.at(-1)?.mb ?? 0,
        peak: Math.max(...samples.map((sample) => sample.mb)),
        requests: soakResult.total,
        seconds: SOAK_S,
      };
      process.stdout.write("s");
    }
  }

  for (const system of [...systems, ...(yoga ? [yoga] : [])]) await stop(system.process);
  await stop(emulator.process);
}
await rm(fixturePath, { force: true });
process.stdout.write("\n");

// ---------------------------------------------------------------------------------------------
// The report.

const fmt = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
const summary = (system: SystemName, scenario: string, latencyMs: number) => {
  const runs = measurements.filter(
    (m) => m.system === system && m.scenario === scenario && m.latencyMs === latencyMs,
  );
  if (!runs.length) return undefined;
  const hits = runs.reduce((sum, m) => sum + (m.cacheHits ?? 0), 0);
  const misses = runs.reduce((sum, m) => sum + (m.cacheMisses ?? 0), 0);
  return {
    rps: median(runs.map((m) => m.requestsPerSecond)),
    p50: median(runs.map((m) => m.p50)),
    p99: median(runs.map((m) => m.p99)),
    rss: Math.max(...runs.map((m) => m.peakRssMb)),
    cpu: median(runs.map((m) => m.cpuMsPerRequest)),
    loadCalls: median(runs.map((m) => m.callsPerRequest)),
    exactCalls: exact.get(`${latencyMs}|${system}|${scenario}`),
    hitRate: hits + misses ? hits / (hits + misses) : undefined,
    non2xx: runs.reduce((sum, m) => sum + m.non2xx, 0),
  };
};

const lines: string[] = [];
const cpu = cpus();
lines.push(
  "# Benchmarks",
  "",
  `Written by \`${QUICK ? "BENCH_QUICK=1 " : ""}npm run bench\` (bench/run.ts) on ${started.toISOString()}; do not edit by hand.`,
  "",
  `- Machine: ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${fmt(totalmem() / 2 ** 30, 1)} GiB; load average ${fmt(load0, 2)} at the start (the machine is shared, so absolute figures move between runs; the ratios, measured in the same rounds, move less).`,
  `- Node ${process.version}; ${ROUNDS} round(s), ${DURATION_S} s per run, systems interleaved, medians shown.`,
  `- Processes: the standalone emulator (\`npm run emulator\`, the bench fixture: demo data plus a 150-package build and 50 AppStream images), each system, and autocannon, each its own process; every system runs as plain JavaScript (bundled by esbuild, no TypeScript loader), with NODE_ENV=production.`,
  `- Load: ${CONNECTIONS} connections at 0 ms emulator latency (throughput); 1 connection at 20 ms (latency without queueing).`,
  "",
);

for (const latencyMs of LATENCIES_MS) {
  lines.push(
    `## Emulator latency ${latencyMs} ms`,
    "",
    "| Scenario | System | req/s | p50 ms | p99 ms | CPU ms / request | AWS calls / request | peak RSS MB |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const scenario of SCENARIOS) {
    if (skipped.has(scenario.name)) continue;
    for (const system of [
      "gateway",
      "direct SDK",
      "gateway, loaders off",
      "gateway, cache",
    ] as SystemName[]) {
      const s = summary(system, scenario.name, latencyMs);
      if (!s) continue;
      const calls =
        system === "gateway, cache"
          ? `${fmt(s.loadCalls, 3)} (hit rate ${s.hitRate === undefined ? "n/a" : `${fmt(s.hitRate * 100, 1)} %`})`
          : scenario.sharable
            ? `${fmt(s.exactCalls ?? Number.NaN, 3)} in bursts, ${fmt(s.loadCalls, 3)} under load`
            : fmt(s.exactCalls ?? Number.NaN, 2);
      lines.push(
        `| ${scenario.name} | ${system} | ${fmt(s.rps)} | ${fmt(s.p50, 1)} | ${fmt(s.p99, 1)} | ${fmt(s.cpu, 2)} | ${calls} | ${fmt(s.rss)} |`,
      );
    }
  }
  const yoga = summary("bare yoga", SCENARIOS[0]?.name ?? "", latencyMs);
  const wrong = measurements
    .filter((m) => m.latencyMs === latencyMs)
    .reduce((sum, m) => sum + m.wrong, 0);
  if (yoga) {
    lines.push(
      `| (static field) | bare yoga | ${fmt(yoga.rps)} | ${fmt(yoga.p50, 1)} | ${fmt(yoga.p99, 1)} | ${fmt(yoga.cpu, 2)} | 0 | ${fmt(yoga.rss)} |`,
    );
  }
  lines.push(
    "",
    `Every answer was checked: req/s counts only answers with the expected data; ${wrong} answer(s) at ${latencyMs} ms did not have it${wrong ? " (**not counted**)" : ""}.`,
    "",
  );
}

const sharable = SCENARIOS.filter((scenario) => scenario.sharable && !skipped.has(scenario.name));
if (sharable.some((scenario) => summary("gateway", scenario.name, 0))) {
  lines.push(
    "## Identical requests at once",
    "",
    "Requests in flight at the same moment that ask the same thing: the gateway makes each AWS call once for all of them, the direct handler once per request. AWS calls per request are counted by the emulator in three bursts of `connections` identical requests at once, and during the load run (where the requests still in flight when it ends made calls but are not counted as answered, which overstates short runs).",
    "",
    "| Scenario | Emulator latency | connections | gateway req/s | direct SDK req/s | gateway ÷ direct SDK | gateway AWS calls / request, bursts | under load | direct SDK AWS calls / request, bursts | under load |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const scenario of sharable) {
    for (const latencyMs of LATENCIES_MS) {
      const gateway = summary("gateway", scenario.name, latencyMs);
      const direct = summary("direct SDK", scenario.name, latencyMs);
      if (!gateway) continue;
      lines.push(
        `| ${scenario.name} | ${latencyMs} ms | ${scenario.connections ?? ""} | ${fmt(gateway.rps)} | ${direct ? fmt(direct.rps) : "n/a"} | ${direct ? fmt(gateway.rps / direct.rps, 2) : "n/a"} | ${fmt(gateway.exactCalls ?? Number.NaN, 3)} | ${fmt(gateway.loadCalls, 3)} | ${direct ? fmt(direct.exactCalls ?? Number.NaN, 3) : "n/a"} | ${direct ? fmt(direct.loadCalls, 3) : "n/a"} |`,
      );
    }
  }
  lines.push("");
}

lines.push(
  "## Ratios (0 ms)",
  "",
  "| Scenario | gateway ÷ direct SDK (req/s) | gateway − direct SDK (CPU ms / request) | gateway ÷ bare yoga (req/s) | calls ÷ minimum | same JSON as direct SDK |",
  "| --- | ---: | ---: | ---: | ---: | --- |",
);
const yoga0 = summary("bare yoga", SCENARIOS[0]?.name ?? "", 0);
for (const scenario of SCENARIOS) {
  if (skipped.has(scenario.name)) continue;
  const gateway = summary("gateway", scenario.name, 0);
  const direct = summary("direct SDK", scenario.name, 0);
  if (!gateway) continue;
  lines.push(
    `| ${scenario.name} | ${direct ? fmt(gateway.rps / direct.rps, 2) : "n/a"} | ${direct ? fmt(gateway.cpu - direct.cpu, 2) : "n/a"} | ${yoga0 ? fmt(gateway.rps / yoga0.rps, 2) : "n/a"} | ${scenario.minimumCalls ? fmt((gateway.exactCalls ?? Number.NaN) / scenario.minimumCalls, 2) : "n/a"} | ${equalJson.has(scenario.name) ? (equalJson.get(scenario.name) ? "yes" : "**no**") : "n/a"} |`,
  );
}
lines.push("");

// Targets.
const check = (ok: boolean) => (ok ? "met" : "**missed**");
const targets: string[][] = [];
for (const scenario of SCENARIOS) {
  // Identical requests at once share calls: they have a target of their own.
  if (skipped.has(scenario.name) || scenario.sharable) continue;
  for (const latencyMs of LATENCIES_MS) {
    if (!summary("gateway", scenario.name, latencyMs)) continue;
    const calls = summary("gateway", scenario.name, latencyMs)?.exactCalls ?? Number.NaN;
    if (scenario.minimumCalls !== undefined) {
      targets.push([
        `AWS calls per request = minimum (${scenario.name}, ${latencyMs} ms)`,
        `${fmt(calls, 2)} vs ${scenario.minimumCalls}`,
        check(calls === scenario.minimumCalls),
      ]);
    }
  }
}
// Ratios to the direct handler are targets only where no two requests in flight ask the same
// thing (sharing would flatter the gateway); the wide query is one request's fan-out.
for (const [name, floor] of [
  ["distinct builds", 0.85],
  ["wide", 0.9],
] as const) {
  const gateway = summary("gateway", name, 0);
  const direct = summary("direct SDK", name, 0);
  if (!gateway || !direct) continue;
  const ratio = gateway.rps / direct.rps;
  targets.push([
    `${name} at 0 ms: gateway ≥ ${floor * 100} % of direct-SDK req/s`,
    `${fmt(ratio * 100)} % (${fmt(gateway.rps)} vs ${fmt(direct.rps)} req/s)`,
    check(ratio >= floor),
  ]);
}
for (const scenario of sharable) {
  for (const latencyMs of LATENCIES_MS) {
    const gateway = summary("gateway", scenario.name, latencyMs);
    if (!gateway || scenario.connections !== 20) continue;
    const perCall = (gateway.exactCalls ?? Number.NaN) / (scenario.minimumCalls ?? 1);
    targets.push([
      `${scenario.name} at ${latencyMs} ms: ≤ 0.1 AWS calls per request for each distinct call (bursts of 20)`,
      `${fmt(perCall, 3)} per distinct call (${fmt(gateway.exactCalls ?? Number.NaN, 3)} per request)`,
      check(perCall <= 0.1),
    ]);
  }
}
for (const scenario of SCENARIOS) {
  const s = summary("gateway", scenario.name, 20);
  if (!s) continue;
  const floor = scenario.sequentialCalls * 20;
  const direct = summary("direct SDK", scenario.name, 20);
  targets.push([
    `p50 at 20 ms within 3 ms of ${scenario.sequentialCalls} sequential calls × 20 ms (${scenario.name})`,
    `${fmt(s.p50, 1)} ms vs ${floor} ms${direct ? ` (direct SDK: ${fmt(direct.p50, 1)} ms)` : ""}`,
    check(s.p50 <= floor + 3),
  ]);
}
for (const run of rssAt100.filter((run) => run.label.startsWith("gateway"))) {
  targets.push([
    `RSS < 200 MB at ${RSS_CONNECTIONS} concurrent connections (one page, ${RSS_DURATION_S} s; ${run.label})`,
    `${fmt(run.peakMb)} MB peak (${fmt(run.requestsPerSecond)} req/s, p99 ${fmt(run.p99)} ms)`,
    check(run.peakMb < 200),
  ]);
}
targets.push([
  `Flat RSS over a ${soak.seconds} s soak (one page, ${CONNECTIONS} connections)`,
  `slope ${fmt(soak.slope, 2)} MB/min after warm-up (${fmt(soak.first)} → ${fmt(soak.last)} MB, peak ${fmt(soak.peak)} MB, ${soak.requests} requests)`,
  check(Math.abs(soak.slope) < 1),
]);
lines.push(
  `## Memory at ${RSS_CONNECTIONS} connections (one page, 0 ms, ${RSS_DURATION_S} s, each system fresh)`,
  "",
  "| System | peak RSS MB | req/s | p99 ms |",
  "| --- | ---: | ---: | ---: |",
  ...rssAt100.map(
    (run) =>
      `| ${run.label} | ${fmt(run.peakMb)} | ${fmt(run.requestsPerSecond)} | ${fmt(run.p99)} |`,
  ),
  "",
);
lines.push("## Targets", "", "| Target | Measured | |", "| --- | --- | --- |");
for (const [target, measured, verdict] of targets)
  lines.push(`| ${target} | ${measured} | ${verdict} |`);
lines.push("");

lines.push("## Scenarios", "");
for (const scenario of SCENARIOS) {
  lines.push(
    `- **${scenario.name}**: ${scenario.description}. Minimum ${scenario.minimumCalls ?? "n/a"} AWS call(s), ${scenario.sequentialCalls} on the critical path.${skipped.has(scenario.name) ? ` Skipped: ${skipped.get(scenario.name)}.` : ""}`,
  );
}
lines.push("");
// What each speed-up bought, measured when it was made (kept by hand beside the benchmark).
lines.push((await readFile(`${ROOT}bench/changes.md`, "utf8")).trim(), "");

// A partial run is printed only: BENCHMARKS.md shows whole runs.
if (!ONLY) await writeFile(`${ROOT}BENCHMARKS.md`, `${lines.join("\n")}\n`);
console.log(lines.join("\n"));
process.exit(0);
