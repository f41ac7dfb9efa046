// Public API of the embedded AWS emulator (Image Builder, HealthImaging, AppStream 2.0).

import { fileURLToPath } from "node:url";

export { faultsFromEnv } from "./faults.js";
export {
  type Fixture,
  FixtureError,
  type FixtureIssue,
  loadFixtureFile,
  parseFixture,
  summarizeFixture,
} from "./fixture.js";
export { startEmulator } from "./server.js";
export type {
  EmulatorOptions,
  FaultOptions,
  RecordedCall,
  RunningEmulator,
  ServiceName,
} from "./types.js";

/** Absolute path of the demo fixture shipped in the repository (`fixtures/demo.json`). */
export const DEMO_FIXTURE_PATH: string = fileURLToPath(
  new URL("../../fixtures/demo.json", import.meta.url),
);
