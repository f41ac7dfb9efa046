// Walks HealthImaging from the top, `datastores` → `imageSets` → `versions`, to every image set
// version a fixture holds, without typing an identifier: every further page is asked for with
// the `id` and `endCursor` the gateway handed out. Runs on the demo data and on a fixture that has
// only the members the format had before data stores and DICOM tags were added.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FIXTURE_PATH, type Fixture, loadFixtureFile } from "../../src/emulator/index.js";
import { fixture, imageSetVersions, storeId } from "../helpers/fixtures.js";
import { expectData, startTestGateway, type TestGateway } from "../helpers/gateway.js";

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
interface Connection<Node> {
  edges: Array<{ node: Node }>;
  pageInfo: PageInfo;
}
interface VersionNode {
  versionId: string;
}
interface ImageSetNode {
  id: string;
  imageSetId: string;
  latestVersionId: string | null;
  dicomTags: { dicomPatientId: string | null; dicomStudyInstanceUid: string | null } | null;
  versions: Connection<VersionNode>;
}
interface DatastoreNode {
  id: string;
  datastoreId: string;
  datastoreName: string;
  datastoreStatus: string;
  datastoreArn: string | null;
  imageSets: Connection<ImageSetNode>;
}

const PAGE = `pageInfo { hasNextPage endCursor }`;
const VERSIONS = `versions(first: 100, after: $versionsAfter) { edges { node { versionId } } ${PAGE} }`;
const IMAGE_SET = `id imageSetId latestVersionId dicomTags { dicomPatientId dicomStudyInstanceUid } ${VERSIONS}`;
const IMAGE_SETS = `imageSets(first: 100, after: $imageSetsAfter) { edges { node { ${IMAGE_SET} } } ${PAGE} }`;
const DATASTORE = `id datastoreId datastoreName datastoreStatus datastoreArn ${IMAGE_SETS}`;

const WALK = `query Walk($region: String, $after: String, $imageSetsAfter: String, $versionsAfter: String) {
  datastores(region: $region, status: ACTIVE, first: 100, after: $after) {
    edges { node { ${DATASTORE} } } ${PAGE}
  }
}`;
const MORE_IMAGE_SETS = `query MoreImageSets($id: ID!, $imageSetsAfter: String, $versionsAfter: String) {
  node(id: $id) { ... on Datastore { ${IMAGE_SETS} } }
}`;
const MORE_VERSIONS = `query MoreVersions($id: ID!, $versionsAfter: String) {
  node(id: $id) { ... on ImageSet { ${VERSIONS} } }
}`;

/** Every node of a connection, following `endCursor` while `hasNextPage`. */
async function everyNode<Node>(
  first: Connection<Node>,
  next: (after: string) => Promise<Connection<Node>>,
): Promise<Node[]> {
  const nodes = first.edges.map((edge) => edge.node);
  let page = first;
  while (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
    page = await next(page.pageInfo.endCursor);
    nodes.push(...page.edges.map((edge) => edge.node));
  }
  return nodes;
}

/** datastore id → image set id → version ids, as the walk found them. */
type Reached = Map<string, Map<string, string[]>>;

async function walk(gateway: TestGateway, regions: readonly string[]): Promise<Reached> {
  const reached: Reached = new Map();
  for (const region of regions) {
    const query = async (after?: string) =>
      expectData(
        await gateway.query<{ datastores: Connection<DatastoreNode> }>(WALK, { region, after }),
      ).datastores;
    for (const store of await everyNode(await query(), query)) {
      expect(store.datastoreName).not.toBe("");
      expect(store.datastoreArn).toContain(`:${region}:`);
      const moreImageSets = async (imageSetsAfter: string) =>
        expectData(
          await gateway.query<{ node: { imageSets: Connection<ImageSetNode> } }>(MORE_IMAGE_SETS, {
            id: store.id,
            imageSetsAfter,
          }),
        ).node.imageSets;
      const sets = new Map<string, string[]>();
      for (const imageSet of await everyNode(store.imageSets, moreImageSets)) {
        expect(imageSet.dicomTags?.dicomPatientId).toBeTruthy();
        const moreVersions = async (versionsAfter: string) =>
          expectData(
            await gateway.query<{ node: { versions: Connection<VersionNode> } }>(MORE_VERSIONS, {
              id: imageSet.id,
              versionsAfter,
            }),
          ).node.versions;
        const versions = await everyNode(imageSet.versions, moreVersions);
        sets.set(
          imageSet.imageSetId,
          versions.map((version) => version.versionId),
        );
        // The latest version is the highest id, compared as a number.
        const highest = versions.map((each) => Number(each.versionId)).sort((a, b) => b - a)[0];
        expect(imageSet.latestVersionId).toBe(highest === undefined ? null : String(highest));
      }
      reached.set(store.datastoreId, sets);
    }
  }
  return reached;
}

/**
 * What the walk must reach: every ACTIVE data store's image sets and versions, in fixture order,
 * of the gateway's own account (the one the walk reads).
 */
function expected(data: Fixture): Reached {
  const all: Reached = new Map();
  for (const store of data.medicalImaging?.datastores ?? []) {
    if ((store.datastoreStatus ?? "ACTIVE") !== "ACTIVE") continue;
    if (store.accountId !== undefined && store.accountId !== data.homeAccountId) continue;
    all.set(
      store.datastoreId,
      new Map(
        (store.imageSets ?? []).map((set) => [
          set.imageSetId,
          (set.versions ?? []).map((version) => version.versionId),
        ]),
      ),
    );
  }
  return all;
}

const regionsOf = (data: Fixture) => [
  ...new Set(
    (data.medicalImaging?.datastores ?? [])
      .filter((store) => store.accountId === undefined || store.accountId === data.homeAccountId)
      .map((store) => store.region),
  ),
];

/** Sorted entries, since SearchImageSets orders image sets by update time, not fixture order. */
const comparable = (reached: Reached) =>
  [...reached.entries()]
    .map(([store, sets]) => [store, [...sets.entries()].sort(([a], [b]) => a.localeCompare(b))])
    .sort(([a], [b]) => String(a).localeCompare(String(b)));

function callCounts(gateway: TestGateway): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of gateway.emulator?.calls ?? []) {
    counts[call.operation] = (counts[call.operation] ?? 0) + 1;
  }
  return counts;
}

// A fixture with only the members the format had before: no names, statuses, dates or DICOM
// tags. 60 image sets in one data store (two SearchImageSets pages), 120 versions in one set.
const PLAIN: Fixture = fixture({
  medicalImaging: {
    datastores: [
      {
        datastoreId: storeId(1),
        region: "us-east-1",
        imageSets: Array.from({ length: 60 }, (_, index) => ({
          imageSetId: storeId(1000 + index),
          versions: imageSetVersions(index === 0 ? 120 : 1 + (index % 4)),
        })),
      },
      { datastoreId: storeId(2), region: "us-east-1", imageSets: [] },
      {
        datastoreId: storeId(3),
        region: "eu-west-1",
        imageSets: [
          { imageSetId: storeId(3000), versions: imageSetVersions(2) },
          { imageSetId: storeId(3001), versions: [] },
        ],
      },
    ],
  },
});

const walks: Array<{ fixture: string; calls: Record<string, number> }> = [];

// What each walk costs: one ListDatastores per region; one SearchImageSets per ACTIVE data store
// with up to 50 image sets; one ListImageSetVersions per image set with up to 100 versions. The
// 120-version set costs 3 for its first 100 (the third page proves hasNextPage) and 3 for the
// rest: `node` proves the image set with its first page, then pages 2 and 3 after the cursor.
// Demo: 2 regions, 3 ACTIVE data stores, 12 image sets. Plain: 2 regions, 3 data stores (one
// with 60 image sets, two pages), 62 image sets.
describe.each([
  [
    "the demo data",
    () => loadFixtureFile(DEMO_FIXTURE_PATH),
    { ListDatastores: 2, SearchImageSets: 3, ListImageSetVersions: 12 + 6 },
  ],
  [
    "a fixture with only the original members",
    async () => PLAIN,
    { ListDatastores: 2, SearchImageSets: 4, ListImageSetVersions: 62 + 5 },
  ],
])("walking HealthImaging from datastores on %s", (name, load, cost) => {
  let data: Fixture;
  let gateway: TestGateway;
  beforeAll(async () => {
    data = await load();
    gateway = await startTestGateway({
      fixture: data,
      // The walk asks for whole lists at every level on purpose; the default cost limits would
      // (rightly) refuse that as one request, and they are not what this test is about.
      env: { MAX_RESULT_NODES: "2000000", MAX_AWS_CALLS_PER_REQUEST: "100000" },
    });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it("reaches every version of every image set of every ACTIVE data store", async () => {
    gateway.emulator?.resetCalls();
    const reached = await walk(gateway, regionsOf(data));
    const calls = callCounts(gateway);
    walks.push({ fixture: name, calls });
    expect(comparable(reached)).toEqual(comparable(expected(data)));
    expect([...reached.values()].flatMap((sets) => [...sets.values()]).flat().length).toBe(
      [...expected(data).values()].flatMap((sets) => [...sets.values()]).flat().length,
    );
    // Only list calls: every detail the walk reads comes with SearchImageSets.
    expect(calls).toEqual(cost);
  });
});

afterAll(() => {
  console.table(walks.map((each) => ({ fixture: each.fixture, ...each.calls })));
});
