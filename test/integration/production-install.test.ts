// The container image's steps (Dockerfile), performed in clean copies of the repository: a clean
// install with the dev dependencies and a build, then a production-only install beside dist/,
// from which the gateway serves the demo with no dev dependency on disk. Installs prefer npm's
// cache, so only packages missing from it come from the registry.

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DEMO_IMAGE = "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/2";

/** What the image's build context holds: the `!` entries of .dockerignore. */
async function buildContext(): Promise<string[]> {
  const ignore = await readFile(join(ROOT, ".dockerignore"), "utf8");
  return ignore
    .split("\n")
    .filter((line) => line.startsWith("!"))
    .map((line) => line.slice(1).replace(/\/$/, ""));
}

interface Run {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

/** `npm ci` as the Dockerfile runs it, preferring the cache. */
const npmCi = (cwd: string, ...extra: string[]) =>
  run("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline", ...extra], cwd, {
    NODE_ENV: "",
  });

/** Starts `command` in `cwd` and resolves with the first match of `ready` in its stdout. */
function serve(args: string[], cwd: string, env: NodeJS.ProcessEnv, ready: RegExp) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, NODE_ENV: "production", ...env },
  });
  children.push(child);
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

const children: ChildProcess[] = [];
let workDir: string;
let runtime: string;
let installs: { build: Run; buildRun: Run; production: Run };

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "production-install-"));
  const build = join(workDir, "build");
  runtime = join(workDir, "runtime");
  for (const path of await buildContext()) {
    await cp(join(ROOT, path), join(build, path), { recursive: true });
  }
  // Stage one: every dependency, then the compiled gateway.
  const buildInstall = await npmCi(build);
  const buildRun = await run("npm", ["run", "build", "--silent"], build);
  // Stage two: the manifests, the production dependencies, dist/ and the demo data.
  for (const path of ["package.json", "package-lock.json", "dist", "fixtures/demo.json"]) {
    await cp(join(build, path), join(runtime, path), { recursive: true });
  }
  const production = await npmCi(runtime, "--omit=dev");
  installs = { build: buildInstall, buildRun, production };
}, 540_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGTERM");
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("the production install (the container image's steps)", () => {
  it("installs and builds without a warning", () => {
    for (const [step, result] of Object.entries(installs)) {
      expect(result.code, `${step}:\n${result.output}`).toBe(0);
      expect(result.output, step).not.toMatch(/npm warn|install scripts/i);
    }
  });

  it("holds no dev dependency", async () => {
    const lock = JSON.parse(await readFile(join(runtime, "package-lock.json"), "utf8")) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const devOnly = Object.entries(lock.packages)
      .filter(([path, entry]) => path && entry.dev)
      .map(([path]) => path);
    expect(devOnly).toEqual(expect.arrayContaining(["node_modules/tsx", "node_modules/vitest"]));
    expect(devOnly.filter((path) => existsSync(join(runtime, path)))).toEqual([]);
    expect(existsSync(join(runtime, "node_modules/graphql-yoga"))).toBe(true);
    expect(existsSync(join(runtime, "src"))).toBe(false);
  });

  it("serves the demo and answers a query, as the image's command does", async () => {
    const url = await serve(
      ["--enable-source-maps", "dist/main.js"],
      runtime,
      { HOST: "127.0.0.1", PORT: "0" },
      /ready at (http:\/\/\S+)/,
    );
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `{ imagePackages(imageBuildVersionArn: "${DEMO_IMAGE}", first: 3) { edges { node { packageName } } } }`,
      }),
    });
    const body = (await response.json()) as {
      data?: { imagePackages: { edges: unknown[] } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data?.imagePackages.edges).toHaveLength(3);
    const health = await fetch(new URL("/health", url));
    expect(await health.json()).toEqual({ status: "ok" });
  });

  it("runs the standalone emulator (`npm run emulator`) from the built JavaScript", async () => {
    const url = await serve(
      ["dist/emulator/main.js"],
      runtime,
      { EMULATOR_PORT: "0" },
      /listening on (http:\/\/\S+)/,
    );
    const calls = await fetch(new URL("/_emulator/calls", url));
    expect(calls.status).toBe(200);
  });
});
