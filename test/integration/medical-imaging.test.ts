import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, imageSetVersions, storeId } from "../helpers/fixtures.js";
import { expectData, expectError, startTestGateway, type TestGateway } from "../helpers/gateway.js";
import { pageToEnd } from "../helpers/paging.js";

const DATASTORE = storeId(1);
const EU_DATASTORE = storeId(2);
const MANY = storeId(10);
const FIFTY = storeId(11);
const EMPTY = storeId(12);

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: fixture({
      medicalImaging: {
        datastores: [
          {
            datastoreId: DATASTORE,
            region: "us-east-1",
            imageSets: [
              { imageSetId: MANY, versions: imageSetVersions(120) },
              { imageSetId: FIFTY, versions: imageSetVersions(50) },
              { imageSetId: EMPTY, versions: [] },
            ],
          },
          {
            datastoreId: EU_DATASTORE,
            region: "eu-west-1",
            imageSets: [{ imageSetId: MANY, versions: imageSetVersions(3) }],
          },
        ],
      },
    }),
  });
});

afterAll(() => gateway?.close());

const VERSIONS = /* GraphQL */ `
  query Versions($datastoreId: String!, $imageSetId: String!, $region: String, $first: Int, $after: String) {
    imageSetVersions(datastoreId: $datastoreId, imageSetId: $imageSetId, region: $region, first: $first, after: $after) {
      edges { cursor node {
        datastoreId imageSetId versionId imageSetState imageSetWorkflowStatus
        createdAt updatedAt deletedAt message overrides { forced } isPrimary
      } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

type VersionNode = { versionId: string } & Record<string, unknown>;
type VersionsData = {
  imageSetVersions: {
    edges: Array<{ cursor: string; node: VersionNode }>;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
  };
};
const pick = (data: Record<string, unknown>) => (data as VersionsData).imageSetVersions;
const ids = (count: number) => Array.from({ length: count }, (_, index) => String(index + 1));

describe("imageSetVersions", () => {
  it("returns every documented member, typed", async () => {
    const data = expectData(
      await gateway.query<VersionsData>(VERSIONS, {
        datastoreId: DATASTORE,
        imageSetId: MANY,
        first: 1,
      }),
    );
    expect(data.imageSetVersions.edges[0]?.node).toEqual({
      datastoreId: DATASTORE,
      imageSetId: MANY,
      versionId: "1",
      imageSetState: "LOCKED",
      imageSetWorkflowStatus: "CREATED",
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
      deletedAt: null,
      message: "version 1",
      overrides: { forced: true },
      isPrimary: null,
    });
  });

  it.each([1, 3, 49, 50, 51, 100])(
    "pages 120 versions %i at a time exactly once",
    async (first) => {
      const nodes = await pageToEnd(
        gateway,
        VERSIONS,
        { datastoreId: DATASTORE, imageSetId: MANY },
        pick,
        first,
      );
      expect(nodes.map((node) => node.versionId)).toEqual(ids(120));
    },
  );

  it("serves exactly one AWS page of 50 in one call", async () => {
    gateway.emulator?.resetCalls();
    const data = expectData(
      await gateway.query<VersionsData>(VERSIONS, {
        datastoreId: DATASTORE,
        imageSetId: FIFTY,
        first: 50,
      }),
    );
    expect(data.imageSetVersions.edges.map((edge) => edge.node.versionId)).toEqual(ids(50));
    expect(data.imageSetVersions.pageInfo.hasNextPage).toBe(false);
    expect(gateway.emulator?.calls).toHaveLength(1);
  });

  it("answers an image set without versions with no edges", async () => {
    const data = expectData(
      await gateway.query<VersionsData>(VERSIONS, { datastoreId: DATASTORE, imageSetId: EMPTY }),
    );
    expect(data.imageSetVersions.edges).toEqual([]);
    expect(data.imageSetVersions.pageInfo.hasNextPage).toBe(false);
  });

  it("calls the region given", async () => {
    gateway.emulator?.resetCalls();
    const data = expectData(
      await gateway.query<VersionsData>(VERSIONS, {
        datastoreId: EU_DATASTORE,
        imageSetId: MANY,
        region: "eu-west-1",
      }),
    );
    expect(data.imageSetVersions.edges).toHaveLength(3);
    expect(gateway.emulator?.calls.map((call) => call.region)).toEqual(["eu-west-1"]);
  });

  it("reports an unknown data store or image set as NOT_FOUND", async () => {
    const missingStore = expectError(
      await gateway.query(VERSIONS, { datastoreId: storeId(99), imageSetId: MANY }),
      "NOT_FOUND",
    );
    expect(missingStore.extensions?.awsErrorName).toBe("ResourceNotFoundException");
    expectError(
      await gateway.query(VERSIONS, { datastoreId: DATASTORE, imageSetId: storeId(98) }),
      "NOT_FOUND",
    );
    // The EU data store is not in the default region.
    expectError(
      await gateway.query(VERSIONS, { datastoreId: EU_DATASTORE, imageSetId: MANY }),
      "NOT_FOUND",
    );
  });

  it("rejects malformed identifiers before calling AWS, naming each", async () => {
    gateway.emulator?.resetCalls();
    const badStore = expectError(
      await gateway.query(VERSIONS, { datastoreId: "ABC", imageSetId: MANY }),
      "BAD_USER_INPUT",
    );
    expect(badStore.message).toContain("datastoreId");
    expect(badStore.message).toContain("32 lowercase letters or digits");
    const badSet = expectError(
      await gateway.query(VERSIONS, { datastoreId: DATASTORE, imageSetId: "x".repeat(33) }),
      "BAD_USER_INPUT",
    );
    expect(badSet.message).toContain("imageSetId");
    expect(gateway.emulator?.calls).toHaveLength(0);
  });
});
