// Standalone runner (`npm run emulator`). Environment (see loadEmulatorConfig in src/config.ts):
//   EMULATOR_PORT (default 4566, 0 = ephemeral), EMULATOR_HOST (default 127.0.0.1),
//   EMULATOR_SEED (fixture path; default fixtures/demo.json),
//   EMULATOR_LATENCY_MS, EMULATOR_THROTTLE_RATE, EMULATOR_ERROR_RATE,
//   EMULATOR_BUILD_STEP_MS (duration of each step of a pipeline run's build).
// Configuration errors, all of them together, are printed without a stack trace and exit 1.

import { resolve } from "node:path";
import { faultsFromConfig, loadEmulatorConfig } from "../config.js";
import { describeFaults } from "./faults.js";
import { DEMO_FIXTURE_PATH, loadFixtureFile, startEmulator, summarizeFixture } from "./index.js";

async function main(): Promise<void> {
  const config = loadEmulatorConfig(process.env);
  const port = config.EMULATOR_PORT;
  const host = config.EMULATOR_HOST;
  const faults = faultsFromConfig(config);
  const seed = config.EMULATOR_SEED?.trim();
  const fixturePath = seed ? resolve(seed) : DEMO_FIXTURE_PATH;
  const fixture = await loadFixtureFile(fixturePath);
  const emulator = await startEmulator({
    fixture,
    port,
    host,
    faults,
    buildStepMs: config.EMULATOR_BUILD_STEP_MS,
  });

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
