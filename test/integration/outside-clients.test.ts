import { execFile, spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_FIXTURE_PATH,
  loadFixtureFile,
  type RunningEmulator,
  startEmulator,
} from "../../src/emulator/index.js";

// docs/emulator.md's examples of AWS clients against the standalone emulator, run as written with the
// emulator's address put in for http://127.0.0.1:4566.
const REPO = fileURLToPath(new URL("../../", import.meta.url));
const DOCUMENTED_ENDPOINT = "http://127.0.0.1:4566";
const run = promisify(execFile);

let emulator: RunningEmulator;
let page: string;

/** The code block after `<!-- example: name -->` in docs/emulator.md, aimed at the test's emulator. */
function example(name: string): string {
  const match = new RegExp(`<!-- example: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(
    page,
  );
  if (!match?.[1]) throw new Error(`docs/emulator.md has no example "${name}"`);
  expect(match[1]).toContain(DOCUMENTED_ENDPOINT);
  return match[1].replaceAll(DOCUMENTED_ENDPOINT, emulator.url);
}

// Only what the examples set themselves: no AWS profile, region or key from the machine.
const isolated = () => ({
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  AWS_CONFIG_FILE: "/dev/null",
  AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
  AWS_EC2_METADATA_DISABLED: "true",
});

const has = (command: string, ...args: string[]) =>
  spawnSync(command, args, { stdio: "ignore" }).status === 0;
const AWS_CLI = has("aws", "--version");
const BOTO3 = has("python3", "-c", "import boto3");
for (const [present, what] of [
  [AWS_CLI, "the AWS CLI (aws)"],
  [BOTO3, "python3 with boto3"],
] as const) {
  if (!present)
    console.warn(`Skipping the docs/emulator.md example for ${what}: not on this machine.`);
}

beforeAll(async () => {
  page = await readFile(new URL("docs/emulator.md", `file://${REPO}`), "utf8");
  emulator = await startEmulator({ fixture: await loadFixtureFile(DEMO_FIXTURE_PATH) });
});

afterAll(async () => {
  await emulator?.close();
});

describe("docs/emulator.md: outside AWS clients against the standalone emulator", () => {
  it("AWS SDK for JavaScript v3, with disableHostPrefix", async () => {
    const { stdout } = await run(
      process.execPath,
      ["--input-type=module", "--eval", example("sdk-v3")],
      { cwd: REPO, env: isolated() },
    );
    expect(JSON.parse(stdout.replaceAll("'", '"'))).toEqual(["1", "2", "3"]);
    expect(emulator.calls.at(-1)).toMatchObject({ operation: "ListImageSetVersions" });
  });

  it.skipIf(!BOTO3)("boto3, with inject_host_prefix=False", async () => {
    const { stdout } = await run("python3", ["-c", example("boto3")], { env: isolated() });
    const [versions, images] = stdout.trim().split("\n");
    expect(versions).toBe("['1', '2', '3']");
    expect(images).toContain("finance-desktop-win2022-2026-02");
  });

  it.skipIf(!AWS_CLI)(
    "the AWS CLI, with AWS_DEFAULT_REGION and AWS_DISABLE_HOST_PREFIX_INJECTION",
    async () => {
      const { stdout } = await run("sh", ["-c", `set -e\n${example("aws-cli")}`], {
        env: isolated(),
      });
      expect(stdout).toContain("Finance Desktop (Windows Server 2022, February 2026)");
      expect(stdout).toContain("amazon-ec2-net-utils");
      expect(stdout).toContain('"versionId": "3"');
    },
    60_000,
  );
});
