// Fault injection: extra latency, throttling and server errors, drawn per call from an
// injectable RNG so tests can make them deterministic.

import { faultsFromConfig, loadEmulatorConfig } from "../config.js";
import type { FaultOptions } from "./types.js";

/**
 * Reads EMULATOR_LATENCY_MS ("50" or "10-200"), EMULATOR_THROTTLE_RATE and EMULATOR_ERROR_RATE
 * (0..1). Unset or empty variables are left out. Throws a ConfigError naming every bad variable
 * and its allowed form.
 */
export function faultsFromEnv(env: NodeJS.ProcessEnv): FaultOptions {
  return faultsFromConfig(loadEmulatorConfig(env));
}

/** Rejects options the emulator cannot honour (programmatic counterpart of faultsFromEnv). */
export function checkFaultOptions(faults: FaultOptions): void {
  const { latencyMs, throttleRate, errorRate } = faults;
  if (latencyMs !== undefined) {
    const { min, max } = latencyMs;
    if (!Number.isFinite(min) || !Number.isFinite(max) || min < 0 || min > max) {
      throw new Error(
        `faults.latencyMs must satisfy 0 <= min <= max, got ${JSON.stringify(latencyMs)}`,
      );
    }
  }
  for (const [name, rate] of [
    ["throttleRate", throttleRate],
    ["errorRate", errorRate],
  ] as const) {
    if (rate !== undefined && !(rate >= 0 && rate <= 1)) {
      throw new Error(`faults.${name} must be a number from 0 to 1, got ${rate}`);
    }
  }
}

export function drawLatencyMs(faults: FaultOptions, random: () => number): number {
  if (faults.latencyMs === undefined) return 0;
  const { min, max } = faults.latencyMs;
  return min + random() * (max - min);
}

export type Fault = { kind: "throttle" } | { kind: "server"; which: 0 | 1 };

/** Whether this call fails: a throttle draw first, then a server error draw. Rates of 0 draw nothing. */
export function drawFault(faults: FaultOptions, random: () => number): Fault | undefined {
  const { throttleRate = 0, errorRate = 0 } = faults;
  if (throttleRate > 0 && random() < throttleRate) return { kind: "throttle" };
  if (errorRate > 0 && random() < errorRate)
    return { kind: "server", which: random() < 0.5 ? 0 : 1 };
  return undefined;
}

export function describeFaults(faults: FaultOptions): string {
  const parts: string[] = [];
  if (faults.latencyMs) parts.push(`latency ${faults.latencyMs.min}-${faults.latencyMs.max} ms`);
  if (faults.throttleRate) parts.push(`throttle rate ${faults.throttleRate}`);
  if (faults.errorRate) parts.push(`error rate ${faults.errorRate}`);
  return parts.length > 0 ? parts.join(", ") : "none";
}
