import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FIXTURE_PATH, loadFixtureFile } from "../../src/emulator/index.js";
import { type GraphQLResponse, startTestGateway, type TestGateway } from "../helpers/gateway.js";

// One failing AWS call must cost one field, not the response: every connection is nullable.
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({ fixture: await loadFixtureFile(DEMO_FIXTURE_PATH) });
});
afterAll(() => gateway?.close());

type Data = {
  appStreamImages: { edges: Array<{ node: { name: string } }> } | null;
  datastores: {
    edges: Array<{
      node: { datastoreStatus: string | null; imageSets: { edges: unknown[] } | null };
    }>;
  } | null;
};

describe("a field whose AWS call fails", () => {
  it("is null with its error at its own path; siblings and parents keep their data", async () => {
    // The demo data has a data store still CREATING: HealthImaging refuses to search it.
    const response: GraphQLResponse<Data> = await gateway.query<Data>(`{
      appStreamImages(first: 1) { edges { node { name } } }
      datastores(first: 10) { edges { node { datastoreStatus imageSets(first: 1) { edges { cursor } } } } }
    }`);
    expect(response.data?.appStreamImages?.edges).toHaveLength(1);
    const stores = response.data?.datastores?.edges ?? [];
    const creating = stores.filter((edge) => edge.node.datastoreStatus !== "ACTIVE");
    expect(creating.length).toBeGreaterThan(0);
    for (const { node } of creating) expect(node.imageSets).toBeNull();
    for (const { node } of stores.filter((edge) => edge.node.datastoreStatus === "ACTIVE")) {
      expect(node.imageSets?.edges.length).toBeGreaterThan(0);
    }
    expect(response.errors?.length).toBe(creating.length);
    for (const error of response.errors ?? []) {
      expect(error.path?.slice(0, 1)).toEqual(["datastores"]);
      expect(error.path?.at(-1)).toBe("imageSets");
      expect(error.extensions?.code).toBe("CONFLICT");
    }
  });
});
