import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FIXTURE_PATH, loadFixtureFile } from "../../src/emulator/index.js";
import { startTestGateway, type TestGateway } from "../helpers/gateway.js";

// The demo image set with 120 versions: `first: 100` needs three ListImageSetVersions calls of 50.
const DATASTORE = "4f9e2c7a1b8d4e6f9a3c5b7d2e1f0a8c";
const IMAGE_SET = "b3d8e1f4a7c2495e8d6b1a0f3c9e7d25";
const LATENCY_MS = 500;

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: await loadFixtureFile(DEMO_FIXTURE_PATH),
    faults: { latencyMs: { min: LATENCY_MS, max: LATENCY_MS } },
  });
});
afterAll(() => gateway?.close());

const versionCalls = () =>
  (gateway.emulator?.calls ?? []).filter((call) => call.operation === "ListImageSetVersions");

describe("a client that disconnects", () => {
  it("aborts the AWS calls made for it and makes no more", async () => {
    // Warm: the first request of a process pays for loading, which would blur the timing.
    await gateway.query(
      `{ imageSetVersions(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}", first: 1) { edges { cursor } } }`,
    );
    gateway.emulator?.resetCalls();
    const request = fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `{ imageSetVersions(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}", first: 100) { edges { node { versionId } } pageInfo { hasNextPage } } }`,
      }),
      // Gone during the second call: the first answers after 500 ms.
      signal: AbortSignal.timeout(LATENCY_MS * 1.4),
    });
    await expect(request).rejects.toThrow();
    // The emulator sees the call in flight abandoned by the gateway (normally the second).
    await expect.poll(() => versionCalls().at(-1)?.aborted, { timeout: 5_000 }).toBe(true);
    // Longer than a call takes: a further call would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, LATENCY_MS * 2));
    const calls = versionCalls();
    expect(calls.length).toBeLessThan(3);
    expect(calls.map((call) => call.aborted ?? false)).toEqual([
      ...calls.slice(1).map(() => false),
      true,
    ]);
  });

  // hasNextPage is selected, so the answer takes three calls: two pages of 50 and the look-ahead.
  it("still gets every call when it stays", async () => {
    gateway.emulator?.resetCalls();
    const response = await gateway.query<{ imageSetVersions: { edges: unknown[] } }>(
      `{ imageSetVersions(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}", first: 100) { edges { node { versionId } } pageInfo { hasNextPage } } }`,
    );
    expect(response.data?.imageSetVersions.edges).toHaveLength(100);
    expect(versionCalls().map((call) => call.aborted ?? false)).toEqual([false, false, false]);
  });
});
