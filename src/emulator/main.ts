// Standalone runner (`npm run emulator`). Environment:
//   EMULATOR_PORT (default 4566, 0 = ephemeral), EMULATOR_HOST (default 127.0.0.1),
//   EMULATOR_SEED (fixture path; default fixtures/demo.json),
//   EMULATOR_LATENCY_MS, EMULATOR_THROTTLE_RATE, EMULATOR_ERROR_RATE (see faultsFromEnv),
//   EMULATOR_BUILD_STEP_MS (duration of each step of a pipeline run's build, as in src/config.ts).
// Configuration errors are printed without a stack trace and exit with status 1.

import { resolve } from "node:path";
import { loadConfig } from "../config.js";
import { describeFaults } from "./faults.js";
import {
  DEMO_FIXTURE_PATH,
  faultsFromEnv,
  loadFixtureFile,
  startEmulator,
  summarizeFixture,
} from "./index.js";

function portFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 4566;
  const port = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || port > 65535) {
    throw new Error(
      `EMULATOR_PORT must be a port number from 0 to 65535, got ${JSON.stringify(raw)}`,
    );
  }
  return port;
}

async function main(): Promise<void> {
  const port = portFromEnv(process.env.EMULATOR_PORT);
  const host = process.env.EMULATOR_HOST?.trim() || "127.0.0.1";
  const faults = faultsFromEnv(process.env);
  const seed = process.env.EMULATOR_SEED?.trim();
  const fixturePath = seed ? resolve(seed) : DEMO_FIXTURE_PATH;
  const fixture = await loadFixtureFile(fixturePath);
  const { EMULATOR_BUILD_STEP_MS: buildStepMs } = loadConfig({
    EMULATOR_BUILD_STEP_MS: process.env.EMULATOR_BUILD_STEP_MS,
  });
  const emulator = await startEmulator({ fixture, port, host, faults, buildStepMs });

  console.log(`AWS emulator listening on ${emulator.url}`);
  console.log(`fixture: ${fixturePath}`);
  console.log(summarizeFixture(fixture));
  console.log(`faults: ${describeFaults(faults)}`);

  const stop = (signal: string) => {
    console.log(`${signal} received, shutting down`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  // Configuration problems are the user's to fix: the message is enough, a stack trace is noise.
  console.error(`emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
