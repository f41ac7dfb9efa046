import { createSchema, createYoga } from "graphql-yoga";
import { describe, expect, it } from "vitest";
import { closeConnectionsWhileDraining } from "../../src/observability/plugins.js";
import type { Readiness } from "../../src/observability/readiness.js";

const schema = createSchema({
  typeDefs: "type Query { ok: Boolean } type Subscription { tick: Int }",
  resolvers: {
    Subscription: {
      tick: {
        async *subscribe() {
          yield { tick: 1 };
        },
      },
    },
  },
});

async function eventStreamConnection(draining: boolean): Promise<string | null> {
  const readiness = { isDraining: draining } as Readiness;
  const yoga = createYoga({ schema, plugins: [closeConnectionsWhileDraining(readiness)] });
  const response = await yoga.fetch("http://gateway/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ query: "subscription { tick }" }),
  });
  await response.text();
  return response.headers.get("connection");
}

describe("closeConnectionsWhileDraining", () => {
  it("makes an event stream, which yoga sends with keep-alive, say close once draining", async () => {
    expect(await eventStreamConnection(false)).toBe("keep-alive");
    expect(await eventStreamConnection(true)).toBe("close");
  });
});
