import { describe, expect, it } from "vitest";
import { drawFault, drawLatencyMs } from "../../src/emulator/faults.js";
import { faultsFromEnv } from "../../src/emulator/index.js";

describe("faultsFromEnv", () => {
  it("returns no faults for an environment without the variables", () => {
    expect(faultsFromEnv({})).toEqual({});
    expect(faultsFromEnv({ EMULATOR_LATENCY_MS: "", EMULATOR_ERROR_RATE: " " })).toEqual({});
  });

  it("reads a fixed latency, a latency range and both rates", () => {
    expect(faultsFromEnv({ EMULATOR_LATENCY_MS: "50" })).toEqual({
      latencyMs: { min: 50, max: 50 },
    });
    expect(
      faultsFromEnv({
        EMULATOR_LATENCY_MS: "10-200",
        EMULATOR_THROTTLE_RATE: "0.25",
        EMULATOR_ERROR_RATE: "1",
      }),
    ).toEqual({ latencyMs: { min: 10, max: 200 }, throttleRate: 0.25, errorRate: 1 });
    expect(faultsFromEnv({ EMULATOR_LATENCY_MS: " 0 - 5 ", EMULATOR_THROTTLE_RATE: "0" })).toEqual({
      latencyMs: { min: 0, max: 5 },
      throttleRate: 0,
    });
  });

  it.each([
    ["EMULATOR_LATENCY_MS", "fast", /EMULATOR_LATENCY_MS: must be .*"50".*"10-200".*got "fast"/],
    ["EMULATOR_LATENCY_MS", "200-10", /EMULATOR_LATENCY_MS/],
    ["EMULATOR_LATENCY_MS", "-5", /EMULATOR_LATENCY_MS/],
    ["EMULATOR_LATENCY_MS", "1.5", /EMULATOR_LATENCY_MS/],
    [
      "EMULATOR_THROTTLE_RATE",
      "1.5",
      /EMULATOR_THROTTLE_RATE: must be a number from 0 to 1.*"1.5"/,
    ],
    ["EMULATOR_THROTTLE_RATE", "-0.1", /EMULATOR_THROTTLE_RATE/],
    ["EMULATOR_ERROR_RATE", "half", /EMULATOR_ERROR_RATE: must be a number from 0 to 1/],
    ["EMULATOR_ERROR_RATE", "Infinity", /EMULATOR_ERROR_RATE/],
  ])("rejects %s=%s naming the variable and the allowed form", (name, value, message) => {
    expect(() => faultsFromEnv({ [name]: value })).toThrow(message);
  });
});

describe("fault draws", () => {
  const sequence =
    (...values: number[]) =>
    () =>
      values.shift() ?? 0;

  it("draws nothing when no rates are set", () => {
    const random = sequence(0);
    expect(drawFault({}, random)).toBeUndefined();
    expect(drawLatencyMs({}, random)).toBe(0);
  });

  it("throttles when the throttle draw is below the rate, before drawing errors", () => {
    expect(drawFault({ throttleRate: 0.3, errorRate: 1 }, sequence(0.29))).toEqual({
      kind: "throttle",
    });
  });

  it("draws a server error after a missed throttle draw, picking the 500 or the 503 kind", () => {
    const faults = { throttleRate: 0.3, errorRate: 0.5 };
    expect(drawFault(faults, sequence(0.3, 0.4, 0.1))).toEqual({ kind: "server", which: 0 });
    expect(drawFault(faults, sequence(0.3, 0.4, 0.6))).toEqual({ kind: "server", which: 1 });
    expect(drawFault(faults, sequence(0.3, 0.5))).toBeUndefined();
  });

  it("always faults at rate 1", () => {
    expect(drawFault({ throttleRate: 1 }, sequence(0.999999))).toEqual({ kind: "throttle" });
  });

  it("spreads latency over the configured range", () => {
    const faults = { latencyMs: { min: 10, max: 110 } };
    expect(drawLatencyMs(faults, sequence(0))).toBe(10);
    expect(drawLatencyMs(faults, sequence(0.5))).toBe(60);
  });
});
