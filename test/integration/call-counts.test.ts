import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appStreamImages,
  fixture,
  imageArn,
  imageSetVersions,
  packages,
  pipelineArn,
  steps,
  storeId,
  workflowExecution,
  workflowExecutionId,
} from "../helpers/fixtures.js";
import { expectData, startTestGateway, type TestGateway } from "../helpers/gateway.js";

const IMAGES = Array.from({ length: 12 }, (_, index) => imageArn(`image-${index}`));
// A pipeline with 30 builds: more than one ListImagePipelineImages page.
const FLEET = Array.from({ length: 30 }, (_, index) => imageArn("fleet", "1.0.0", index + 1));
const BIG = imageArn("big", "1.0.0", 1);
const WORKFLOW = workflowExecutionId(5);
const DATASTORE = storeId(1);
const IMAGE_SET = storeId(2);
const OTHER_DATASTORE = storeId(3);
const SMALL_SETS = [storeId(20), storeId(21), storeId(22), storeId(23)];
const PUBLIC_IMAGES = appStreamImages(30, "us-east-1", "Base");
// 20 images made from 4 distinct base images.
const DERIVED = Array.from({ length: 20 }, (_, index) => ({
  region: "us-east-1",
  Name: `Derived-${index}`,
  Arn: `arn:aws:appstream:us-east-1:123456789012:image/Derived-${index}`,
  BaseImageArn: PUBLIC_IMAGES[index % 4]?.Arn,
  Visibility: "PRIVATE",
  State: "AVAILABLE",
  Applications: [],
}));

const data = () =>
  fixture({
    imageBuilder: {
      images: [
        { arn: BIG, packages: packages(61) },
        ...IMAGES.map((arn) => ({ arn, packages: packages(3) })),
        ...FLEET.map((arn) => ({ arn, packages: packages(2) })),
      ],
      pipelines: [
        {
          arn: pipelineArn("big"),
          imageName: "big",
          semanticVersion: "1.0.0",
          packages: packages(4),
        },
        { arn: pipelineArn("fleet"), imageName: "fleet", semanticVersion: "1.0.0" },
      ],
      workflowExecutions: [
        workflowExecution(WORKFLOW, BIG, steps(30)),
        {
          workflowExecutionId: workflowExecutionId(6),
          region: "us-east-1",
          imageBuildVersionArn: FLEET.at(-1),
          steps: steps(3),
        },
      ],
    },
    medicalImaging: {
      datastores: [
        {
          datastoreId: DATASTORE,
          region: "us-east-1",
          imageSets: [
            { imageSetId: IMAGE_SET, versions: imageSetVersions(120) },
            ...SMALL_SETS.map((imageSetId) => ({ imageSetId, versions: imageSetVersions(2) })),
          ],
        },
        {
          datastoreId: OTHER_DATASTORE,
          region: "us-east-1",
          imageSets: [{ imageSetId: storeId(30), versions: imageSetVersions(1) }],
        },
      ],
    },
    appStream: { images: [...DERIVED, ...PUBLIC_IMAGES] },
  });

type Counts = Record<string, number>;

interface Case {
  name: string;
  query: string | ((gateway: TestGateway) => Promise<string>);
  /** The fewest AWS calls per operation that can answer the query. */
  minimum: Counts;
}

const packagesOf = (arn: string, first: number, alias = "p") =>
  `${alias}: imagePackages(imageBuildVersionArn: "${arn}", first: ${first}) { edges { node { packageName } } pageInfo { hasNextPage } }`;

/** Global IDs of `count` nodes of a connection, read with a query that is not counted. */
async function idsOf(
  gateway: TestGateway,
  query: string,
  pick: (data: never) => Array<{ id: string }>,
) {
  return pick(expectData(await gateway.query(query)) as never).map((node) => node.id);
}

const CASES: Case[] = [
  {
    name: "one page, sliced",
    query: `{ ${packagesOf(BIG, 10)} }`,
    minimum: { ListImagePackages: 1 },
  },
  {
    name: "edges end on a page boundary: one look-ahead",
    query: `{ ${packagesOf(BIG, 25)} }`,
    minimum: { ListImagePackages: 2 },
  },
  {
    name: "edges end on a page boundary, hasNextPage not asked: no look-ahead",
    query: `{ imagePackages(imageBuildVersionArn: "${BIG}", first: 25) { edges { node { packageName } } pageInfo { endCursor } } }`,
    minimum: { ListImagePackages: 1 },
  },
  {
    name: "hasNextPage asked through fragments: one look-ahead",
    query: `query { imagePackages(imageBuildVersionArn: "${BIG}", first: 25) { ...Page } } fragment Page on ImagePackageConnection { edges { node { packageName } } ... on ImagePackageConnection { pageInfo { more: hasNextPage } } }`,
    minimum: { ListImagePackages: 2 },
  },
  {
    name: "the default page size ends mid-page: one call with hasNextPage",
    query: `{ imagePackages(imageBuildVersionArn: "${BIG}") { edges { node { packageName } } pageInfo { hasNextPage } } }`,
    minimum: { ListImagePackages: 1 },
  },
  {
    name: "first: 100 over 61 items follows the token chain",
    query: `{ ${packagesOf(BIG, 100)} }`,
    minimum: { ListImagePackages: 3 },
  },
  {
    name: "the same connection under three aliases",
    query: `{ ${packagesOf(BIG, 10, "a")} ${packagesOf(BIG, 10, "b")} ${packagesOf(BIG, 10, "c")} }`,
    minimum: { ListImagePackages: 1 },
  },
  {
    name: "aliases with different sizes share pages",
    query: `{ ${packagesOf(BIG, 5, "a")} ${packagesOf(BIG, 30, "b")} ${packagesOf(BIG, 60, "c")} }`,
    minimum: { ListImagePackages: 3 },
  },
  {
    name: "imageBuildVersion and its packages",
    query: `{ imageBuildVersion(arn: "${BIG}") { name packages(first: 5) { edges { node { packageName } } } } }`,
    minimum: { ListImagePackages: 1 },
  },
  {
    name: "workflow steps with the image they built and its packages",
    query: `{ workflowStepExecutions(workflowExecutionId: "${WORKFLOW}", first: 5) { edges { node { name } } imageBuildVersion { packages(first: 5) { edges { node { packageName } } } } } }`,
    minimum: { ListWorkflowStepExecutions: 1, ListImagePackages: 1 },
  },
  {
    name: "20 images with their base images (4 distinct)",
    query: `{ appStreamImages(type: PRIVATE, first: 20) { edges { node { name baseImage { name } } } } }`,
    minimum: { DescribeImages: 2 },
  },
  {
    name: "five single images by name in one request",
    query: `{ ${PUBLIC_IMAGES.slice(0, 5)
      .map((image, index) => `i${index}: appStreamImage(name: "${image.Name}") { arn }`)
      .join(" ")} }`,
    minimum: { DescribeImages: 1 },
  },
  {
    name: "single images by ARN and by name",
    query: `{ ${PUBLIC_IMAGES.slice(0, 3)
      .map((image, index) => `a${index}: appStreamImage(arn: "${image.Arn}") { name }`)
      .join(" ")} ${PUBLIC_IMAGES.slice(3, 5)
      .map((image, index) => `n${index}: appStreamImage(name: "${image.Name}") { arn }`)
      .join(" ")} }`,
    minimum: { DescribeImages: 2 },
  },
  {
    name: "a page of 100 image set versions",
    query: `{ imageSetVersions(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}", first: 100) { edges { node { versionId } } pageInfo { hasNextPage } } }`,
    minimum: { ListImageSetVersions: 3 },
  },
  {
    name: "imageSetVersions and imageSet.versions read the same pages",
    query: `{ imageSetVersions(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}", first: 10) { edges { node { versionId } } } imageSet(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}") { versions(first: 20) { edges { node { versionId } } } } }`,
    minimum: { ListImageSetVersions: 1 },
  },
  {
    name: "data stores with their names and statuses",
    query: `{ datastores { edges { node { datastoreName datastoreStatus datastoreArn createdAt } } } }`,
    minimum: { ListDatastores: 1 },
  },
  {
    name: "two data stores' image sets with their DICOM tags and dates: one search each",
    query: `{ datastores { edges { node { imageSets(first: 10) { edges { node { imageSetId dicomTags { dicomPatientId dicomStudyId } createdAt updatedAt isPrimary storageTier latestVersionId } } } } } } }`,
    minimum: { ListDatastores: 1, SearchImageSets: 2 },
  },
  {
    name: "three image sets' latest state and version: one GetImageSet each",
    query: `{ datastores(first: 1) { edges { node { imageSets(first: 3) { edges { node { latestVersionState imageSetWorkflowStatus message latestVersion { versionId } } } } } } } }`,
    minimum: { ListDatastores: 1, SearchImageSets: 1, GetImageSet: 3 },
  },
  {
    name: "image sets, their versions and their data store again",
    query: `{ datastores(first: 1) { edges { node { datastoreName imageSets(first: 2) { edges { node { datastore { datastoreName } versions(first: 5) { edges { node { versionId } } } } } } } } } }`,
    minimum: { ListDatastores: 1, SearchImageSets: 1, ListImageSetVersions: 2 },
  },
  {
    name: "filtered image sets, twice under aliases",
    query: `{ datastores(first: 1) { edges { node { a: imageSets(dicomPatientId: "nobody", updatedAt: { from: "2020-01-01T00:00:00Z" }) { edges { node { imageSetId } } } b: imageSets(dicomPatientId: "nobody", updatedAt: { from: "2020-01-01T00:00:00Z" }) { edges { node { imageSetId } } } } } } }`,
    minimum: { ListDatastores: 1, SearchImageSets: 1 },
  },
  {
    name: "an image set's data store: its id is free, its name one list",
    query: `{ a: imageSet(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}") { datastore { datastoreId region } } b: imageSet(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}") { datastore { datastoreName } latestVersionState createdAt } }`,
    minimum: { ListImageSetVersions: 1, ListDatastores: 1, GetImageSet: 1 },
  },
  {
    name: "nodes over data stores and image sets from datastores",
    query: async (gateway) => {
      const ids = await idsOf(
        gateway,
        `{ datastores { edges { node { id imageSets(first: 3) { edges { node { id } } } } } } }`,
        (data: {
          datastores: {
            edges: Array<{
              node: { id: string; imageSets: { edges: Array<{ node: { id: string } }> } };
            }>;
          };
        }) =>
          data.datastores.edges.flatMap((edge) => [
            edge.node,
            ...edge.node.imageSets.edges.map((inner) => inner.node),
          ]),
      );
      return `{ nodes(ids: ${JSON.stringify(ids)}) { id ... on Datastore { datastoreName } } }`;
    },
    // Data stores share the region's one ListDatastores page; image sets are proven by their
    // first page of versions (4 of them).
    minimum: { ListDatastores: 1, ListImageSetVersions: 4 },
  },
  {
    name: "nodes over 30 mixed IDs",
    query: async (gateway) => {
      const images = await idsOf(
        gateway,
        `{ appStreamImages(type: PUBLIC, first: 10) { edges { node { id } } } }`,
        (data: { appStreamImages: { edges: Array<{ node: { id: string } }> } }) =>
          data.appStreamImages.edges.map((edge) => edge.node),
      );
      const builds = await Promise.all(
        IMAGES.slice(0, 10).map(async (arn) => {
          const response = expectData(
            await gateway.query<{ imageBuildVersion: { id: string } }>(
              `{ imageBuildVersion(arn: "${arn}") { id } }`,
            ),
          );
          return response.imageBuildVersion.id;
        }),
      );
      const versions = await idsOf(
        gateway,
        `{ imageSetVersions(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}", first: 10) { edges { node { id } } } }`,
        (data: { imageSetVersions: { edges: Array<{ node: { id: string } }> } }) =>
          data.imageSetVersions.edges.map((edge) => edge.node),
      );
      const ids = [...images, ...builds, ...versions];
      return `{ nodes(ids: ${JSON.stringify(ids)}) { id __typename } }`;
    },
    // AppStream batches; image build versions are proven by their first page; a version is
    // one GetImageSet each (HealthImaging has no batch read).
    minimum: { DescribeImages: 1, ListImagePackages: 10, GetImageSet: 10 },
  },
  {
    name: "pipelines, one page",
    query: `{ imagePipelines(first: 10) { edges { node { name pipelineStatus osPlatform schedule { scheduleExpression } lastRunStatus } } } }`,
    minimum: { ListImagePipelines: 1 },
  },
  {
    name: "walk: pipeline → latest build → packages (first GraphiQL tab)",
    query: `{ imagePipelines(first: 5) { edges { node { name builds(first: 1) { edges { node { arn buildState { status } dateCreated packages(first: 10) { edges { node { packageName } } } } } } } } } }`,
    // The build list brings each build's state and date: no GetImage.
    minimum: { ListImagePipelines: 1, ListImagePipelineImages: 2, ListImagePackages: 2 },
  },
  {
    name: "walk: pipeline → latest build → workflow runs → steps",
    query: `{ imagePipelines(first: 5) { edges { node { builds(first: 1) { edges { node { workflowExecutions(first: 5) { edges { node { executionStatus totalStepCount steps(first: 10) { edges { node { name status } } } } } } } } } } } } }`,
    minimum: {
      ListImagePipelines: 1,
      ListImagePipelineImages: 2,
      ListWorkflowExecutions: 2,
      ListWorkflowStepExecutions: 2,
    },
  },
  {
    name: "every build of every pipeline with its details and its pipeline: no GetImage",
    query: `{ imagePipelines(first: 5) { edges { node { builds(first: 30) { edges { node { buildState { status } osVersion osPlatform outputType buildType imageSource dateCreated pipeline { name } } } } } } } }`,
    // fleet's 30 builds are two pages; big's one build is one.
    minimum: { ListImagePipelines: 1, ListImagePipelineImages: 3 },
  },
  {
    name: "a build by ARN: GetImage once, whichever fields and aliases select it",
    query: `{ a: imageBuildVersion(arn: "${BIG}") { buildState { status } osVersion pipeline { arn } } b: imageBuildVersion(arn: "${BIG}") { dateCreated outputType } }`,
    minimum: { ListImagePackages: 1, GetImage: 1 },
  },
  {
    name: "a build's pipeline, from GetImage, described with GetImagePipeline",
    query: `{ imageBuildVersion(arn: "${BIG}") { pipeline { name pipelineStatus } } }`,
    minimum: { ListImagePackages: 1, GetImage: 1, GetImagePipeline: 1 },
  },
  {
    name: "a workflow run by id with its summary, image and steps",
    query: `{ workflowExecution(workflowExecutionId: "${WORKFLOW}") { executionStatus totalStepCount imageBuildVersion { arn } steps(first: 5) { edges { node { name } } } } }`,
    // The first page of steps proves the run, names its image and serves the steps.
    minimum: { ListWorkflowStepExecutions: 1, ListWorkflowExecutions: 1 },
  },
  {
    name: "nodes over pipelines",
    query: async (gateway) => {
      const ids = await idsOf(
        gateway,
        `{ imagePipelines(first: 10) { edges { node { id } } } }`,
        (data: { imagePipelines: { edges: Array<{ node: { id: string } }> } }) =>
          data.imagePipelines.edges.map((edge) => edge.node),
      );
      return `{ nodes(ids: ${JSON.stringify(ids)}) { id ... on ImagePipeline { name lastRunStatus } } }`;
    },
    minimum: { GetImagePipeline: 2 },
  },
  {
    name: "a build's outputs, recipe, configurations and tags: one GetImage",
    query: `{ imageBuildVersion(arn: "${BIG}") { outputResources { amis { region image } containers { imageUris } } imageRecipe { arn components { componentArn } } infrastructureConfiguration { instanceTypes } distributionConfiguration { distributions { region } } imageTestsConfiguration { timeoutMinutes } imageScanningConfiguration { imageScanningEnabled } scanState { status } tags { key value } workflows { workflowArn } deprecationTime lifecycleExecutionId executionRole loggingConfiguration { logGroupName } enhancedImageMetadataEnabled sourcePipelineArn buildState { status } } }`,
    minimum: { ListImagePackages: 1, GetImage: 1 },
  },
  {
    name: "every build of a pipeline with its AMIs: one GetImage per build",
    query: `{ imagePipelines(first: 5) { edges { node { name tags { key } imageTags { key } workflows { workflowArn } pipelineLoggingConfiguration { imageLogGroupName } dateLastRun builds(first: 30) { edges { node { buildState { status } outputResources { amis { image region } } } } } } } } }`,
    // fleet's 30 builds (two pages) and big's one; the pipeline list brings every pipeline member.
    minimum: { ListImagePipelines: 1, ListImagePipelineImages: 3, GetImage: 31 },
  },
  {
    name: "packageChanges against a named build: both lists walked once, with the packages connection",
    query: `{ imageBuildVersion(arn: "${BIG}") { packages(first: 30) { edges { node { packageName } } } packageChanges(comparedTo: "${IMAGES[0]}") { added { packageName } removed { packageName } changed { packageName } unchangedCount } } }`,
    // BIG's 61 packages are 3 pages, shared with the connection; the other build's 3 one page.
    minimum: { ListImagePackages: 4 },
  },
  {
    name: "packageChanges of the latest builds: the page that lists a build names the one before",
    query: `{ imagePipelines(first: 5) { edges { node { builds(first: 2) { edges { node { buildNumber packageChanges { comparedTo { buildNumber } changed { packageName } } } } } } } } }`,
    // fleet builds 30 and 29 compared to 29 and 28 (three lists); big's only build has none.
    minimum: { ListImagePipelines: 1, ListImagePipelineImages: 2, ListImagePackages: 3 },
  },
  {
    name: "packageChanges of a build by ARN: GetImage names its pipeline, one page of builds the one before",
    query: `{ imageBuildVersion(arn: "${FLEET[10]}") { packageChanges { comparedTo { buildNumber } added { packageName } } } }`,
    minimum: { ListImagePackages: 2, GetImage: 1, ListImagePipelineImages: 1 },
  },
  {
    name: "the mutation and the packages of the image it creates",
    query: `mutation { startImagePipelineExecution(input: { imagePipelineArn: "${pipelineArn("big")}" }) { imageBuildVersion { packages { edges { node { packageName } } } } } }`,
    minimum: { StartImagePipelineExecution: 1, ListImagePackages: 1 },
  },
];

function countCalls(gateway: TestGateway): Counts {
  const counts: Counts = {};
  for (const call of gateway.emulator?.calls ?? []) {
    counts[call.operation] = (counts[call.operation] ?? 0) + 1;
  }
  return counts;
}

async function measure(gateway: TestGateway, testCase: Case) {
  const query = typeof testCase.query === "string" ? testCase.query : await testCase.query(gateway);
  gateway.emulator?.resetCalls();
  expectData(await gateway.query(query));
  return countCalls(gateway);
}

const naiveCounts = new Map<string, Counts>();
const batchedCounts = new Map<string, Counts>();

describe("AWS calls per query", () => {
  let batched: TestGateway;
  let naive: TestGateway;
  beforeAll(async () => {
    // The calls made are measured here, not the estimate: packageChanges over several builds is
    // estimated at its worst case (two 40-page walks each), over the default limit.
    const env = { MAX_AWS_CALLS_PER_REQUEST: "5000" };
    batched = await startTestGateway({ fixture: data(), env });
    naive = await startTestGateway({ fixture: data(), loaderMode: "naive", env });
  });
  afterAll(async () => {
    await batched?.close();
    await naive?.close();
    const total = (counts?: Counts) =>
      Object.values(counts ?? {}).reduce((sum, count) => sum + count, 0);
    console.table(
      CASES.map((testCase) => ({
        query: testCase.name,
        minimum: total(testCase.minimum),
        gateway: total(batchedCounts.get(testCase.name)),
        "without loaders": total(naiveCounts.get(testCase.name)),
      })),
    );
  });

  it.each(CASES)("$name costs exactly the minimum", async (testCase) => {
    const counts = await measure(batched, testCase);
    batchedCounts.set(testCase.name, counts);
    expect(counts).toEqual(testCase.minimum);
    naiveCounts.set(testCase.name, await measure(naive, testCase));
  });
});

describe("AWS calls of lists over several accounts and regions", () => {
  // Three accounts × three regions, two pipelines and one data store in each.
  const ACCOUNTS = ["123456789012", "111111111111", "222222222222"];
  const REGIONS = ["eu-west-1", "us-east-1", "us-west-2"];
  const role = (account: string) => `arn:aws:iam::${account}:role/ImageGraphReader`;
  const estate = () =>
    fixture({
      accounts: ACCOUNTS.slice(1).map((accountId) => ({
        accountId,
        roles: [{ arn: role(accountId) }],
      })),
      imageBuilder: {
        pipelines: ACCOUNTS.flatMap((account) =>
          REGIONS.flatMap((region) =>
            [0, 1].map((index) => ({
              arn: `arn:aws:imagebuilder:${region}:${account}:image-pipeline/p${index}`,
              imageName: `p${index}`,
              semanticVersion: "1.0.0",
            })),
          ),
        ),
      },
      medicalImaging: {
        datastores: ACCOUNTS.flatMap((accountId) =>
          REGIONS.map((region) => ({ datastoreId: storeId(1), region, accountId })),
        ),
      },
    });
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      fixture: estate(),
      env: {
        AWS_REGIONS: REGIONS.join(","),
        AWS_ACCOUNTS: JSON.stringify(
          ACCOUNTS.slice(1).map((id, index) => ({ id, name: `member${index}`, roleArn: role(id) })),
        ),
      },
    });
    // Credentials are assumed once per account, whatever the query: not counted below.
    await gateway.query(
      `{ imagePipelines(accounts: ["*"], regions: ["*"], first: 100) { edges { cursor } } }`,
    );
  });
  afterAll(() => gateway?.close());

  const pipelines = (first: number, after?: string | null) =>
    `{ imagePipelines(accounts: ["*"], regions: ["*"], first: ${first}${after ? `, after: "${after}"` : ""}) { edges { node { arn } } pageInfo { hasNextPage endCursor } } }`;

  it.each([
    // The first partition holds the item and tells there is another.
    { first: 1, calls: 1 },
    // Partitions 1 and 2; 3 is not read ahead, as partition 2 is enough to fill the page.
    { first: 3, calls: 2 },
    // Partitions 1 and 2 at once, then 3 to 5 at once: 5 was read ahead and not needed.
    { first: 7, calls: 5 },
    // Every partition once: nothing is left to look ahead to.
    { first: 18, calls: 9 },
    { first: 100, calls: 9 },
  ])("imagePipelines(first: $first) over 3 × 3 makes $calls calls", async ({ first, calls }) => {
    gateway.emulator?.resetCalls();
    expectData(await gateway.query(pipelines(first)));
    expect(countCalls(gateway)).toEqual({ ListImagePipelines: calls });
  });

  it("a walk of the 3 × 3 estate at the default page size costs 14 calls", async () => {
    gateway.emulator?.resetCalls();
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      type Info = { hasNextPage: boolean; endCursor: string | null };
      const response: { data?: { imagePipelines: { pageInfo: Info } } | null } =
        await gateway.query<{ imagePipelines: { pageInfo: Info } }>(pipelines(5, after));
      pages++;
      const info: Info | undefined = response.data?.imagePipelines.pageInfo;
      if (!info?.hasNextPage) break;
      after = info.endCursor;
    }
    expect(pages).toBe(4);
    // 18 pipelines, 5 a page: 9 partitions read once each, plus the partition a page ended in,
    // read again by the next page, plus partitions read ahead that the page did not need.
    expect(countCalls(gateway)).toEqual({ ListImagePipelines: 14 });
  });

  it("datastores over 3 × 3 read each partition once", async () => {
    gateway.emulator?.resetCalls();
    expectData(
      await gateway.query(
        `{ datastores(accounts: ["*"], regions: ["*"], first: 50) { edges { node { datastoreId accountId } } } }`,
      ),
    );
    expect(countCalls(gateway)).toEqual({ ListDatastores: 9 });
  });
});
