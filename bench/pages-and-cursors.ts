/**
 * `npm run bench:pages`: what paging costs, measured on the embedded emulator with the demo data.
 * Reports latency and throughput per query, AWS calls per 100-edge page, cursor sizes and memory.
 * Every loop is bounded; the whole run takes well under a minute.
 */
import { randomBytes } from "node:crypto";
import { loadConfig } from "../src/config.js";
import { parseFixture } from "../src/emulator/index.js";
import { CursorCodec } from "../src/graph/cursor.js";
import { startGateway } from "../src/start.js";

const IMAGE = "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/2";
const WORKFLOW = "wf-7c1e4b2a-9d3f-4e8a-b6c5-2f0a1d9e8b74";
const DATASTORE = "4f9e2c7a1b8d4e6f9a3c5b7d2e1f0a8c";
const IMAGE_SET = "b3d8e1f4a7c2495e8d6b1a0f3c9e7d25";

const connections: Record<string, (first: number) => string> = {
  imagePackages: (first) =>
    `{ c: imagePackages(imageBuildVersionArn: "${IMAGE}", first: ${first}) { edges { cursor node { packageName } } pageInfo { hasNextPage } } }`,
  "ImageBuildVersion.packages": (first) =>
    `{ i: imageBuildVersion(arn: "${IMAGE}") { c: packages(first: ${first}) { edges { cursor node { packageName } } pageInfo { hasNextPage } } } }`,
  workflowStepExecutions: (first) =>
    `{ c: workflowStepExecutions(workflowExecutionId: "${WORKFLOW}", first: ${first}) { edges { cursor node { name } } pageInfo { hasNextPage } } }`,
  imageSetVersions: (first) =>
    `{ c: imageSetVersions(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}", first: ${first}) { edges { cursor node { versionId } } pageInfo { hasNextPage } } }`,
  appStreamImages: (first) =>
    `{ c: appStreamImages(first: ${first}) { edges { cursor node { name applications { name } } } pageInfo { hasNextPage } } }`,
};

const env = {
  PORT: "0",
  HOST: "127.0.0.1",
  CURSOR_SECRET: "benchmark-cursor-secret",
  // The benchmark is one caller making thousands of calls on purpose: no per-caller budget.
  CALLER_AWS_CALLS_PER_MINUTE: "0",
  // The report is the output; a log line per request would bury it (LOG_LEVEL=info measures it).
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
};
const running = await startGateway({ config: loadConfig(env), env });
const emulator = running.emulator;
if (!emulator) throw new Error("the benchmark runs on the embedded emulator");

async function post(query: string) {
  const response = await fetch(running.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[]; data?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as Record<string, unknown>;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

// 1. AWS calls and cursor sizes for one 100-edge page of each connection.
const pages: Array<Record<string, string | number>> = [];
const cursorLengths: number[] = [];
for (const [name, query] of Object.entries(connections)) {
  emulator.resetCalls();
  const data = await post(query(100));
  const connection = (name.includes(".") ? (data.i as Record<string, unknown>).c : data.c) as {
    edges: Array<{ cursor: string }>;
  };
  const lengths = connection.edges.map((edge) => edge.cursor.length);
  cursorLengths.push(...lengths);
  pages.push({
    connection: name,
    edges: connection.edges.length,
    "AWS calls": emulator.calls.length,
    "cursor chars (min-max)": `${Math.min(...lengths)}-${Math.max(...lengths)}`,
  });
}
console.log("\nOne page of first: 100 (demo data)");
console.table(pages);

// 1b. The same on lists longer than a page of 100, from the start and from a mid-page cursor.
const LONG = 150;
const longImage = "arn:aws:imagebuilder:us-east-1:123456789012:image/long/1.0.0/1";
const longWorkflow = "wf-00000000-0000-4000-8000-000000000001";
const longStore = "0".repeat(31) + "1";
const longFixture = parseFixture({
  imageBuilder: {
    images: [
      {
        arn: longImage,
        packages: Array.from({ length: LONG }, (_, index) => ({
          packageName: `package-${index}`,
          packageVersion: "1.0.0",
        })),
      },
    ],
    workflowExecutions: [
      {
        workflowExecutionId: longWorkflow,
        region: "us-east-1",
        imageBuildVersionArn: longImage,
        workflowBuildVersionArn:
          "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.0/1",
        message: "",
        steps: Array.from({ length: LONG }, (_, index) => ({
          stepExecutionId: `step-00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
          name: `Step${index}`,
          status: "COMPLETED",
        })),
      },
    ],
  },
  medicalImaging: {
    datastores: [
      {
        datastoreId: longStore,
        region: "us-east-1",
        imageSets: [
          {
            imageSetId: longStore,
            versions: Array.from({ length: LONG }, (_, index) => ({
              versionId: String(index + 1),
              imageSetState: "ACTIVE",
            })),
          },
        ],
      },
    ],
  },
  appStream: {
    images: Array.from({ length: LONG }, (_, index) => ({
      region: "us-east-1",
      Name: `Image-${index}`,
      Arn: `arn:aws:appstream:us-east-1::image/Image-${index}`,
      Visibility: "PUBLIC",
    })),
  },
});
const longRunning = await startGateway({ config: loadConfig(env), env, fixture: longFixture });
const longConnections: Record<string, (after: string) => string> = {
  imagePackages: (after) =>
    `{ c: imagePackages(imageBuildVersionArn: "${longImage}", first: 100${after}) { edges { cursor } } }`,
  workflowStepExecutions: (after) =>
    `{ c: workflowStepExecutions(workflowExecutionId: "${longWorkflow}", first: 100${after}) { edges { cursor } } }`,
  imageSetVersions: (after) =>
    `{ c: imageSetVersions(datastoreId: "${longStore}", imageSetId: "${longStore}", first: 100${after}) { edges { cursor } } }`,
  appStreamImages: (after) => `{ c: appStreamImages(first: 100${after}) { edges { cursor } } }`,
};
const longPages: Array<Record<string, string | number>> = [];
for (const [name, query] of Object.entries(longConnections)) {
  const postLong = async (document: string) => {
    const response = await fetch(longRunning.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: document }),
    });
    return ((await response.json()) as { data: { c: { edges: Array<{ cursor: string }> } } }).data
      .c;
  };
  longRunning.emulator?.resetCalls();
  const fromStart = await postLong(query(""));
  const callsFromStart = longRunning.emulator?.calls.length ?? 0;
  const midPage = fromStart.edges[9]?.cursor ?? "";
  longRunning.emulator?.resetCalls();
  await postLong(query(`, after: "${midPage}"`));
  longPages.push({
    connection: name,
    "AWS calls, first 100": callsFromStart,
    "AWS calls, 100 after item 10": longRunning.emulator?.calls.length ?? 0,
  });
}
await longRunning.close();
console.log(`\nOne page of first: 100 on lists of ${LONG} items`);
console.table(longPages);

// 2. Worst-case cursors: the longest tokens the services may issue, incompressible.
const codec = new CursorCodec(["benchmark-cursor-secret"], 1_000_000);
const worst = (tokenLength: number) =>
  codec.encode("Query.imagePackages|x", {
    pageToken: randomBytes(tokenLength).toString("base64url").slice(0, tokenLength),
    index: 24,
    fingerprint: 1,
  }).length;
console.log("\nCursor length in characters");
console.table([
  {
    case: "demo data, median",
    chars: percentile(
      [...cursorLengths].sort((a, b) => a - b),
      50,
    ),
  },
  { case: "demo data, longest", chars: Math.max(...cursorLengths) },
  { case: "HealthImaging worst (8,192-char random token)", chars: worst(8_192) },
  { case: "Image Builder worst (65,535-char random token)", chars: worst(65_535) },
]);

// 3. Latency and throughput of 25-edge pages, sequential then 10 at a time.
const REQUESTS = 200;
const latency: Array<Record<string, string | number>> = [];
for (const [name, query] of Object.entries(connections)) {
  const document = query(25);
  await post(document);
  const times: number[] = [];
  for (let index = 0; index < REQUESTS; index++) {
    const started = performance.now();
    await post(document);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next++ < REQUESTS) await post(document);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latency.push({
    connection: name,
    "p50 ms": percentile(times, 50).toFixed(2),
    "p95 ms": percentile(times, 95).toFixed(2),
    "req/s at 10 concurrent": Math.round(REQUESTS / seconds),
  });
}
console.log(`\nfirst: 25, ${REQUESTS} requests each (gateway and emulator share this process)`);
console.table(latency);

// 4. Abusive documents: refused before any AWS call, by the document limits (defaults) or, with
// those lifted, by the cost estimate; the time to the refusal.
const nested = (levels: number) => {
  let inner = "packageName";
  for (let level = 1; level < levels; level++) {
    inner = `imageBuildVersion { packages(first: 100) { edges { node { ${inner} } } } }`;
  }
  return `{ imagePackages(imageBuildVersionArn: "${IMAGE}", first: 100) { edges { node { ${inner} } } } }`;
};
const ids = Array.from({ length: 100 }, (_, index) =>
  Buffer.from(`ImageBuildVersion:${IMAGE.replace("web-server", `image-${index}`)}`).toString(
    "base64",
  ),
);
const abusive: Record<string, string> = {
  "4-level nested packages(first: 100)": nested(4),
  "100 aliases of nodes(ids: [100 IDs])": `{ ${Array.from({ length: 100 }, (_, alias) => `n${alias}: nodes(ids: ${JSON.stringify(ids)}) { id }`).join(" ")} }`,
  "200 aliased imagePackages(first: 100)": `{ ${Array.from({ length: 200 }, (_, index) => `p${index}: imagePackages(imageBuildVersionArn: "${IMAGE.replace("web-server", `image-${index}`)}", first: 100) { edges { node { packageName } } }`).join(" ")} }`,
};
const liftedEnv = { ...env, MAX_QUERY_DEPTH: "100", MAX_ALIASES: "1000", MAX_TOKENS: "1000000" };
const lifted = await startGateway({ config: loadConfig(liftedEnv), env: liftedEnv });
const refusals: Array<Record<string, string | number>> = [];
for (const [target, label] of [
  [running, "defaults"],
  [lifted, "document limits lifted"],
] as const) {
  for (const [name, document] of Object.entries(abusive)) {
    target.emulator?.resetCalls();
    const times: number[] = [];
    let codes = "";
    for (let index = 0; index < 20; index++) {
      const started = performance.now();
      const response = await fetch(target.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: document }),
      });
      const body = (await response.json()) as {
        errors?: Array<{ extensions?: { code?: string } }>;
      };
      times.push(performance.now() - started);
      codes = [...new Set(body.errors?.map((error) => error.extensions?.code))].join(", ");
    }
    times.sort((a, b) => a - b);
    refusals.push({
      query: name,
      limits: label,
      refused: codes,
      "AWS calls": target.emulator?.calls.length ?? 0,
      "p50 ms": percentile(times, 50).toFixed(2),
    });
  }
}
await lifted.close();
console.log("\nAbusive documents, 20 requests each");
console.table(refusals);

const memory = process.memoryUsage();
console.log(
  `\nMemory after the run: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`,
);
await running.close();
