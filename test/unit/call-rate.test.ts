import { RateLimiterMemory } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { AwsCallRate } from "../../src/aws/call-rate.js";

function rateOf(callsPerSecond: number) {
  return new AwsCallRate(
    callsPerSecond,
    new RateLimiterMemory({ points: callsPerSecond, duration: 1 }),
  );
}

describe("AWS_CALLS_PER_SECOND", () => {
  it("lets the rate through at once and makes the rest wait for the next second", async () => {
    const rate = rateOf(5);
    const resolved: number[] = [];
    const takes = Array.from({ length: 10 }, (_, index) =>
      rate.take("imagebuilder:us-east-1").then(() => resolved.push(index)),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(resolved).toHaveLength(5);
    await Promise.all(takes);
    expect(resolved).toHaveLength(10);
  });

  it("keeps each service and region to its own rate", async () => {
    const rate = rateOf(2);
    const started = performance.now();
    await Promise.all(
      ["imagebuilder:us-east-1", "imagebuilder:eu-west-1", "appstream:us-east-1"].flatMap((key) => [
        rate.take(key),
        rate.take(key),
      ]),
    );
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("stops waiting when the request's signal fires", async () => {
    const rate = rateOf(1);
    await rate.take("medical-imaging:us-east-1");
    const controller = new AbortController();
    const waiting = rate.take("medical-imaging:us-east-1", controller.signal);
    const reason = new Error("request deadline");
    setTimeout(() => controller.abort(reason), 50);
    await expect(waiting).rejects.toThrow();
    expect(controller.signal.reason).toBe(reason);
  });

  it("is off at 0", () => {
    expect(AwsCallRate.create(0)).toBeUndefined();
    expect(AwsCallRate.create(3)?.callsPerSecond).toBe(3);
  });
});
