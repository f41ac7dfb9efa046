import type { InitializeHandlerArguments } from "@smithy/types";
import { describe, expect, it } from "vitest";
import {
  type CallCounter,
  countCalls,
  MAX_REGIONS_PER_SERVICE,
  RegionalClients,
} from "../../src/aws/clients.js";

/** A stand-in SDK client: `call()` runs through the counting middleware until `finish()`. */
function fakeClient(region: string, counter: CallCounter) {
  const middleware = countCalls<object, object>(counter);
  const client = {
    region,
    destroyed: false,
    destroy() {
      client.destroyed = true;
    },
    call() {
      let finish = () => {};
      const done = middleware(
        () =>
          new Promise((resolve) => {
            finish = () => resolve({ output: {}, response: {} });
          }),
        { logger: undefined } as never,
      )({ input: {} } as InitializeHandlerArguments<object>);
      return { done, finish: () => finish() };
    },
  };
  return client;
}

describe("per-region SDK clients", () => {
  it("destroys the least recently used client past the bound, once its last call ends", async () => {
    const clients = new RegionalClients(fakeClient);
    const first = clients.get("region-0");
    const busy = first.call();
    for (let index = 1; index < MAX_REGIONS_PER_SERVICE; index++) clients.get(`region-${index}`);
    // Using region-1 and then region-0 again moves them to the end of the eviction order.
    const second = clients.get("region-1");
    expect(clients.get("region-0")).toBe(first);

    clients.get("new-region-a"); // evicts region-2, idle: destroyed at once
    clients.get("new-region-b"); // evicts region-3
    expect(second.destroyed).toBe(false);
    for (let index = 4; index < MAX_REGIONS_PER_SERVICE; index++) clients.get(`other-${index}`);
    clients.get("evicts-region-1");
    expect(second.destroyed).toBe(true);

    clients.get("evicts-region-0");
    // region-0 left the cache while its call was in flight: it lives until the call ends.
    expect(first.destroyed).toBe(false);
    busy.finish();
    await busy.done;
    expect(first.destroyed).toBe(true);
    expect(clients.get("region-0")).not.toBe(first);
  });
});
