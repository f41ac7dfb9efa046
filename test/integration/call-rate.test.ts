/** AWS_CALLS_PER_SECOND in one process (the fleet-wide form is in redis-instances.test.ts). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, imageArn, packages } from "../helpers/fixtures.js";
import { startTestGateway, type TestGateway } from "../helpers/gateway.js";

const IMAGES = ["a", "b", "c", "d"].map((name) => imageArn(`rated-${name}`));

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: fixture({
      imageBuilder: { images: IMAGES.map((arn) => ({ arn, packages: packages(3) })) },
    }),
    env: { AWS_CALLS_PER_SECOND: "1", REQUEST_TIMEOUT_MS: "1500" },
  });
});
afterAll(() => gateway.close());

describe("AWS_CALLS_PER_SECOND", () => {
  it("answers calls still waiting for their turn at the deadline with UPSTREAM_TIMEOUT naming the rate, unsent", async () => {
    gateway.emulator?.resetCalls();
    // Four builds' packages: four ListImagePackages calls, one a second.
    const query = `{ ${IMAGES.map(
      (arn, index) =>
        `p${index}: imagePackages(imageBuildVersionArn: "${arn}") { edges { node { packageName } } }`,
    ).join(" ")} }`;
    const response = await gateway.query<Record<string, { edges: unknown[] } | null>>(query);
    const answered = Object.values(response.data ?? {}).filter(Boolean);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(answered.length).toBeLessThanOrEqual(2);
    const errors = response.errors ?? [];
    expect(errors.length).toBe(4 - answered.length);
    for (const error of errors) {
      expect(error.extensions?.code).toBe("UPSTREAM_TIMEOUT");
      expect(error.message).toMatch(
        /waiting for its turn under AWS_CALLS_PER_SECOND \(1 per second\), unsent/,
      );
    }
    // The calls that waited were never sent.
    expect(gateway.emulator?.calls.length).toBe(answered.length);
  });
});
