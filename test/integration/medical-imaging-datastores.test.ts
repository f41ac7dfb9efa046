import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, imageSetVersions, storeId } from "../helpers/fixtures.js";
import { expectData, expectError, startTestGateway, type TestGateway } from "../helpers/gateway.js";

const RADIOLOGY = storeId(1);
const PLAIN = storeId(2);
const CREATING = storeId(3);
const WEST = storeId(4);
const CHEST = storeId(101);
const BRAIN = storeId(102);
const KNEE = storeId(103);
const EMPTY = storeId(104);

const tags = (patient: string, study: string) => ({
  DICOMPatientId: patient,
  DICOMPatientName: `DOE^${patient}`,
  DICOMStudyId: study,
  DICOMStudyInstanceUID: "1.2.840.113619.2.55",
  DICOMSeriesModality: "CT",
  DICOMNumberOfStudyRelatedSeries: 3,
});

/** `count` versions, the last one updated `day` days into 2026. */
const versionsUpdatedOn = (count: number, day: number) =>
  imageSetVersions(count).map((version, index) => ({
    ...version,
    updatedAt: new Date(Date.UTC(2026, 0, day, index)).toISOString(),
    createdAt: new Date(Date.UTC(2026, 0, day, 0)).toISOString(),
  }));

const data = fixture({
  medicalImaging: {
    datastores: [
      {
        datastoreId: RADIOLOGY,
        region: "us-east-1",
        datastoreName: "radiology",
        datastoreStatus: "ACTIVE",
        createdAt: "2025-06-01T00:00:00Z",
        updatedAt: "2025-06-02T00:00:00Z",
        imageSets: [
          { imageSetId: CHEST, versions: versionsUpdatedOn(3, 10), DICOMTags: tags("P1", "S1") },
          { imageSetId: BRAIN, versions: versionsUpdatedOn(2, 20), DICOMTags: tags("P2", "S2") },
          { imageSetId: KNEE, versions: versionsUpdatedOn(1, 5), DICOMTags: tags("P1", "S3") },
          { imageSetId: EMPTY, versions: [] },
        ],
      },
      {
        datastoreId: PLAIN,
        region: "us-east-1",
        imageSets: [{ imageSetId: storeId(201), versions: imageSetVersions(2) }],
      },
      { datastoreId: CREATING, region: "us-east-1", datastoreStatus: "CREATING" },
      { datastoreId: WEST, region: "us-west-2", datastoreName: "west" },
    ],
  },
});

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({ fixture: data });
});

afterAll(async () => {
  await gateway?.close();
});

interface Edges<Node> {
  edges: Array<{ cursor: string; node: Node }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const imageSetsOf = async (args: string, selection = "imageSetId") => {
  const response = await gateway.query<{
    datastores: Edges<{ imageSets: Edges<Record<string, unknown>> }>;
  }>(
    `{ datastores(first: 1) { edges { node { imageSets${args} { edges { cursor node { ${selection} } } pageInfo { hasNextPage endCursor } } } } } }`,
  );
  return response;
};

const idsOf = (response: Awaited<ReturnType<typeof imageSetsOf>>) =>
  expectData(response).datastores.edges[0]?.node.imageSets.edges.map(
    (edge) => edge.node.imageSetId,
  );

describe("datastores", () => {
  it("lists the region's data stores with their members, given or generated", async () => {
    const { datastores } = expectData(
      await gateway.query<{ datastores: Edges<Record<string, unknown>> }>(
        `{ datastores { edges { node { datastoreId region datastoreName datastoreStatus datastoreArn createdAt updatedAt } } pageInfo { hasNextPage } } }`,
      ),
    );
    expect(datastores.edges.map((edge) => edge.node)).toEqual([
      {
        datastoreId: RADIOLOGY,
        region: "us-east-1",
        datastoreName: "radiology",
        datastoreStatus: "ACTIVE",
        datastoreArn: `arn:aws:medical-imaging:us-east-1:123456789012:datastore/${RADIOLOGY}`,
        createdAt: "2025-06-01T00:00:00.000Z",
        updatedAt: "2025-06-02T00:00:00.000Z",
      },
      expect.objectContaining({
        datastoreId: PLAIN,
        datastoreName: `datastore-${PLAIN.slice(0, 8)}`,
        datastoreStatus: "ACTIVE",
      }),
      expect.objectContaining({ datastoreId: CREATING, datastoreStatus: "CREATING" }),
    ]);
    expect(datastores.pageInfo.hasNextPage).toBe(false);
  });

  it("filters by status and reads another region", async () => {
    const response = await gateway.query<{
      creating: Edges<{ datastoreId: string }>;
      west: Edges<{ datastoreName: string }>;
    }>(
      `{ creating: datastores(status: CREATING) { edges { node { datastoreId } } } west: datastores(region: "us-west-2") { edges { node { datastoreName } } } }`,
    );
    const { creating, west } = expectData(response);
    expect(creating.edges.map((edge) => edge.node.datastoreId)).toEqual([CREATING]);
    expect(west.edges.map((edge) => edge.node.datastoreName)).toEqual(["west"]);
  });

  it("pages with cursors from any edge", async () => {
    const first = expectData(
      await gateway.query<{ datastores: Edges<{ datastoreId: string }> }>(
        `{ datastores(first: 2) { edges { cursor node { datastoreId } } pageInfo { hasNextPage endCursor } } }`,
      ),
    ).datastores;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = expectData(
      await gateway.query<{ datastores: Edges<{ datastoreId: string }> }>(
        `query ($after: String) { datastores(after: $after) { edges { node { datastoreId } } } }`,
        { after: first.edges[0]?.cursor },
      ),
    ).datastores;
    expect(rest.edges.map((edge) => edge.node.datastoreId)).toEqual([PLAIN, CREATING]);
  });

  it.each([
    ["a malformed region", `{ datastores(region: "moon") { edges { node { datastoreId } } } }`],
    ["first over the maximum", `{ datastores(first: 1000) { edges { node { datastoreId } } } }`],
  ])("rejects %s with BAD_USER_INPUT", async (_, query) => {
    gateway.emulator?.resetCalls();
    const response = await gateway.query(query);
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(gateway.emulator?.calls).toEqual([]);
  });
});

describe("Datastore.imageSets", () => {
  it("lists image sets most recently updated first, with their search details", async () => {
    const response = await imageSetsOf(
      "",
      "imageSetId latestVersionId createdAt updatedAt storageTier dicomTags { dicomPatientId dicomStudyId dicomStudyInstanceUid dicomSeriesModality dicomNumberOfStudyRelatedSeries }",
    );
    const edges = expectData(response).datastores.edges[0]?.node.imageSets.edges ?? [];
    expect(edges.map((edge) => edge.node.imageSetId)).toEqual([BRAIN, CHEST, KNEE, EMPTY]);
    expect(edges[0]?.node).toEqual({
      imageSetId: BRAIN,
      latestVersionId: "2",
      createdAt: "2026-01-20T00:00:00.000Z",
      updatedAt: "2026-01-20T01:00:00.000Z",
      storageTier: "FREQUENT_ACCESS",
      dicomTags: {
        dicomPatientId: "P2",
        dicomStudyId: "S2",
        dicomStudyInstanceUid: "1.2.840.113619.2.55",
        dicomSeriesModality: "CT",
        dicomNumberOfStudyRelatedSeries: 3,
      },
    });
    expect(edges[3]?.node).toMatchObject({ imageSetId: EMPTY, latestVersionId: null });
  });

  it.each([
    ["a patient", `(dicomPatientId: "P1")`, [CHEST, KNEE]],
    ["a study", `(dicomStudyId: "S2")`, [BRAIN]],
    [
      "an update span",
      `(updatedAt: { from: "2026-01-09T00:00:00Z", to: "2026-01-15T00:00:00Z" })`,
      [CHEST],
    ],
    ["an open creation span", `(createdAt: { from: "2026-01-08T00:00:00Z" })`, [BRAIN, CHEST]],
    [
      "a patient and a span",
      `(dicomPatientId: "P1", createdAt: { to: "2026-01-06T00:00:00Z" })`,
      [KNEE],
    ],
  ])("filters by %s", async (_, args, expected) => {
    expect(idsOf(await imageSetsOf(args))).toEqual(expected);
  });

  it("binds cursors to the filter", async () => {
    const all = expectData(await imageSetsOf("(first: 1)")).datastores.edges[0]?.node.imageSets;
    const next = await imageSetsOf(`(first: 1, after: "${all?.pageInfo.endCursor}")`);
    expect(idsOf(next)).toEqual([CHEST]);
    const error = expectError(
      await imageSetsOf(`(dicomPatientId: "P1", after: "${all?.pageInfo.endCursor}")`),
      "BAD_USER_INPUT",
    );
    expect(error.message).toMatch(/Invalid cursor/);
  });

  it.each([
    [
      "three filters",
      `(dicomPatientId: "P1", dicomStudyId: "S1", createdAt: { from: "2026-01-01T00:00:00Z" })`,
      /at most 2 of createdAt, updatedAt, dicomPatientId and dicomStudyId/,
    ],
    [
      "a span that ends before it starts",
      `(updatedAt: { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" })`,
      /updatedAt.*is after/,
    ],
    ["a span without bounds", `(createdAt: {})`, /createdAt: give `from`, `to` or both/],
    ["a 513-character patient id", `(dicomPatientId: "${"x".repeat(513)}")`, /dicomPatientId/],
  ])("rejects %s with BAD_USER_INPUT before searching", async (_, args, message) => {
    gateway.emulator?.resetCalls();
    const error = expectError(await imageSetsOf(args), "BAD_USER_INPUT");
    expect(error.message).toMatch(message);
    expect(gateway.emulator?.calls.map((call) => call.operation)).not.toContain("SearchImageSets");
  });

  it("answers CONFLICT for a data store that is not ACTIVE yet", async () => {
    const response = await gateway.query(
      `{ datastores(status: CREATING) { edges { node { datastoreName imageSets { edges { node { imageSetId } } } } } } }`,
    );
    const error = expectError(response, "CONFLICT");
    expect(error.extensions?.awsErrorName).toBe("ConflictException");
  });
});

describe("ImageSet details", () => {
  it("come from GetImageSet's latest version when the image set was not searched", async () => {
    const { imageSet } = expectData(
      await gateway.query<{ imageSet: Record<string, unknown> }>(
        `{ imageSet(datastoreId: "${RADIOLOGY}", imageSetId: "${CHEST}") { latestVersionId latestVersionState imageSetWorkflowStatus createdAt updatedAt message imageSetArn overrides { forced } storageTier dicomTags { dicomPatientId } latestVersion { versionId imageSetState } datastore { datastoreName } } }`,
      ),
    );
    const last = versionsUpdatedOn(3, 10)[2];
    expect(imageSet).toEqual({
      latestVersionId: "3",
      latestVersionState: last?.imageSetState,
      imageSetWorkflowStatus: last?.ImageSetWorkflowStatus,
      createdAt: "2026-01-10T00:00:00.000Z",
      updatedAt: "2026-01-10T02:00:00.000Z",
      message: last?.message,
      imageSetArn: `arn:aws:medical-imaging:us-east-1:123456789012:datastore/${RADIOLOGY}/imageset/${CHEST}`,
      overrides: { forced: last?.overrides.forced },
      storageTier: "FREQUENT_ACCESS",
      dicomTags: null,
      latestVersion: { versionId: "3", imageSetState: last?.imageSetState },
      datastore: { datastoreName: "radiology" },
    });
  });

  it("are null, without an error, for an image set without versions", async () => {
    const response = await imageSetsOf(
      "",
      "imageSetId latestVersionState message latestVersion { versionId }",
    );
    const edges = expectData(response).datastores.edges[0]?.node.imageSets.edges ?? [];
    expect(edges.find((edge) => edge.node.imageSetId === EMPTY)?.node).toEqual({
      imageSetId: EMPTY,
      latestVersionState: null,
      message: null,
      latestVersion: null,
    });
  });
});

describe("Datastore as a node and an entity", () => {
  const datastoreId = async (id: string) =>
    expectData(
      await gateway.query<{ datastores: Edges<{ id: string; datastoreId: string }> }>(
        `{ datastores { edges { node { id datastoreId } } } }`,
      ),
    ).datastores.edges.find((edge) => edge.node.datastoreId === id)?.node.id ?? "";

  it("is refetched by node(id:)", async () => {
    const id = await datastoreId(RADIOLOGY);
    const { node } = expectData(
      await gateway.query<{ node: Record<string, unknown> }>(
        `query ($id: ID!) { node(id: $id) { __typename id ... on Datastore { datastoreName region } } }`,
        { id },
      ),
    );
    expect(node).toEqual({
      __typename: "Datastore",
      id,
      datastoreName: "radiology",
      region: "us-east-1",
    });
  });

  it.each([
    ["NOT_FOUND", encodeGlobalID("Datastore", JSON.stringify(["us-east-1", storeId(999)]))],
    ["BAD_USER_INPUT", encodeGlobalID("Datastore", JSON.stringify(["us-east-1", "x"]))],
  ])("answers %s for a missing or malformed data store id", async (code, id) => {
    const response = await gateway.query(`query ($id: ID!) { node(id: $id) { id } }`, { id });
    expectError(response, code);
  });

  it("resolves federation references by datastoreId and region", async () => {
    const { _entities } = expectData(
      await gateway.query<{ _entities: Array<Record<string, unknown> | null> }>(
        `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Datastore { datastoreName } } }`,
        {
          representations: [
            { __typename: "Datastore", datastoreId: RADIOLOGY, region: "us-east-1" },
            { __typename: "Datastore", datastoreId: WEST, region: "us-west-2" },
            { __typename: "Datastore", datastoreId: RADIOLOGY, region: "us-west-2" },
          ],
        },
      ),
    );
    expect(_entities).toEqual([{ datastoreName: "radiology" }, { datastoreName: "west" }, null]);
  });
});
