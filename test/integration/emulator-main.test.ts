import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ListImagePackagesCommand } from "@aws-sdk/client-imagebuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FIXTURE_PATH } from "../../src/emulator/index.js";
import { imageArn, imageBuilderClient, packages } from "../helpers/emulator-clients.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const MAIN = join(REPO, "src/emulator/main.ts");

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function runMain(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

async function waitFor(
  read: () => string,
  pattern: RegExp,
  exit: Promise<unknown>,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + 20_000;
  let exited = false;
  void exit.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    const match = pattern.exec(read());
    if (match) return match;
    if (exited) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`output never matched ${pattern}: ${read()}`);
}

let dir: string;
let seed: string;
const ARN = imageArn("web", "1.0.0", 1);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "emulator-main-"));
  seed = join(dir, "seed.json");
  await writeFile(
    seed,
    JSON.stringify({ imageBuilder: { images: [{ arn: ARN, packages: packages(3) }] } }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("standalone runner (src/emulator/main.ts)", () => {
  it("serves the seed on the port it prints, and stops on SIGTERM", async () => {
    const run = runMain({ EMULATOR_PORT: "0", EMULATOR_SEED: seed, EMULATOR_LATENCY_MS: "1-2" });
    try {
      const [, url = "", port = ""] = await waitFor(
        run.stdout,
        /listening on (http:\/\/127\.0\.0\.1:(\d+))/,
        run.exit,
      );
      expect(Number(port)).toBeGreaterThan(0);
      await waitFor(run.stdout, /faults: latency 1-2 ms/, run.exit);
      expect(run.stdout()).toContain(`fixture: ${seed}`);
      expect(run.stdout()).toContain("Image Builder: 1 image, 0 pipelines");

      const health = await fetch(`${url}/_emulator/health`);
      expect(health.status).toBe(200);
      const client = imageBuilderClient({ url });
      try {
        const out = await client.send(new ListImagePackagesCommand({ imageBuildVersionArn: ARN }));
        expect(out.imagePackageList).toEqual(packages(3));
      } finally {
        client.destroy();
      }
      const calls = (await (await fetch(`${url}/_emulator/calls`)).json()) as unknown[];
      expect(calls).toHaveLength(1);

      run.child.kill("SIGTERM");
      expect(await run.exit).toBe(0);
    } finally {
      run.child.kill("SIGKILL");
    }
  });

  it.each([
    [
      "a missing seed file",
      () => ({ EMULATOR_SEED: join(dir, "absent.json") }),
      /Invalid fixture .*absent\.json:\n\s+\$: cannot read the file/,
    ],
    [
      "an invalid seed",
      async () => {
        const bad = join(dir, "bad.json");
        await writeFile(
          bad,
          JSON.stringify({ imageBuilder: { images: [{ arn: "x" }] }, extra: 1 }),
        );
        return { EMULATOR_SEED: bad };
      },
      /imageBuilder\.images\[0\]\.arn: "x" does not match[\s\S]*extra: unknown member/,
    ],
    [
      "a bad fault variable",
      () => ({ EMULATOR_SEED: seed, EMULATOR_ERROR_RATE: "often" }),
      /EMULATOR_ERROR_RATE: must be a number from 0 to 1/,
    ],
    [
      "a bad port",
      () => ({ EMULATOR_SEED: seed, EMULATOR_PORT: "http" }),
      /EMULATOR_PORT: must be a whole number from 0 to 65535, got "http"/,
    ],
    [
      "several bad variables, all named in one message",
      () => ({
        EMULATOR_SEED: seed,
        EMULATOR_PORT: "99999",
        EMULATOR_HOST: "not a host",
        EMULATOR_LATENCY_MS: "200-10",
        EMULATOR_THROTTLE_RATE: "NaN",
      }),
      /EMULATOR_LATENCY_MS: must be[\s\S]*EMULATOR_THROTTLE_RATE: must be a number from 0 to 1, such as 0.25, got "NaN"[\s\S]*EMULATOR_PORT: must be a whole number from 0 to 65535, got "99999"[\s\S]*EMULATOR_HOST: must be an IP address/,
    ],
    [
      "a host that is not this machine's",
      // TEST-NET-1 (RFC 5737): never an address of this machine; binding to it sends nothing.
      () => ({ EMULATOR_SEED: seed, EMULATOR_HOST: "192.0.2.1" }),
      /EMULATOR_HOST: "192\.0\.2\.1" is not an address of this machine/,
    ],
  ])("exits 1 with a message and no stack trace on %s", async (_, env, message) => {
    const run = runMain({ EMULATOR_PORT: "0", ...(await env()) });
    try {
      expect(await run.exit).toBe(1);
      expect(run.stderr()).toMatch(message);
      expect(run.stderr()).not.toMatch(/^\s+at /m);
      expect(run.stdout()).not.toContain("listening");
    } finally {
      run.child.kill("SIGKILL");
    }
  });
});

describe("DEMO_FIXTURE_PATH", () => {
  it("is the absolute path of fixtures/demo.json in the repository", () => {
    expect(isAbsolute(DEMO_FIXTURE_PATH)).toBe(true);
    expect(DEMO_FIXTURE_PATH).toBe(join(REPO, "fixtures", "demo.json"));
  });
});
