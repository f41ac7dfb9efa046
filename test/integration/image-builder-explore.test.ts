// The Image Builder graph explored from the top, without typing an identifier: pipelines →
// builds → packages (ListImagePackages) and workflow runs → steps (ListWorkflowStepExecutions),
// on the demo data and on a fixture that has only the members fixtures had before pipelines
// were listable. Then the links back up, the details GetImage adds, and node refetches.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_FIXTURE_PATH,
  type Fixture,
  loadFixtureFile,
  type RecordedCall,
} from "../../src/emulator/index.js";
import {
  fixture,
  imageArn,
  packages,
  pipelineArn,
  steps,
  workflowExecutionId,
} from "../helpers/fixtures.js";
import { expectData, startTestGateway, type TestGateway } from "../helpers/gateway.js";

/** Only the members the fixture format had before: ARNs, names, versions, packages, steps. */
const legacyFixture = () =>
  fixture({
    imageBuilder: {
      images: [
        { arn: imageArn("svc", "1.0.0", 1), packages: packages(30) },
        { arn: imageArn("svc", "1.0.0", 2), packages: packages(3) },
        { arn: imageArn("svc", "2.0.0", 1), packages: packages(1) },
        { arn: imageArn("lonely", "1.0.0", 1), packages: packages(2) },
        { arn: imageArn("euro", "1.0.0", 1, "eu-west-1"), packages: packages(4) },
      ],
      pipelines: [
        { arn: pipelineArn("svc"), imageName: "svc", semanticVersion: "1.0.0" },
        { arn: pipelineArn("idle"), imageName: "idle", semanticVersion: "1.0.0" },
        {
          arn: pipelineArn("euro", "eu-west-1"),
          imageName: "euro",
          semanticVersion: "1.0.0",
        },
      ],
      workflowExecutions: [
        {
          workflowExecutionId: workflowExecutionId(1),
          region: "us-east-1",
          imageBuildVersionArn: imageArn("svc", "1.0.0", 2),
          steps: steps(27),
        },
        {
          workflowExecutionId: workflowExecutionId(2),
          region: "us-east-1",
          imageBuildVersionArn: imageArn("svc", "1.0.0", 2),
          steps: steps(2),
        },
        {
          workflowExecutionId: workflowExecutionId(3),
          region: "eu-west-1",
          imageBuildVersionArn: imageArn("euro", "1.0.0", 1, "eu-west-1"),
          steps: steps(5),
        },
      ],
    },
  });

const WALK = /* GraphQL */ `
  query Walk($region: String, $after: String) {
    imagePipelines(region: $region, first: 2, after: $after) {
      edges {
        node {
          arn
          builds(first: 100) {
            edges {
              node {
                arn
                packages(first: 100) {
                  edges { node { packageName packageVersion } }
                  pageInfo { hasNextPage }
                }
                workflowExecutions(first: 100) {
                  edges {
                    node {
                      workflowExecutionId
                      steps(first: 100) {
                        edges { node { stepExecutionId } }
                        pageInfo { hasNextPage }
                      }
                    }
                  }
                  pageInfo { hasNextPage }
                }
              }
            }
            pageInfo { hasNextPage }
          }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface Walked {
  imagePipelines: {
    edges: Array<{
      node: {
        arn: string;
        builds: {
          edges: Array<{
            node: {
              arn: string;
              packages: {
                edges: Array<{ node: { packageName: string; packageVersion: string } }>;
                pageInfo: { hasNextPage: boolean };
              };
              workflowExecutions: {
                edges: Array<{
                  node: {
                    workflowExecutionId: string;
                    steps: {
                      edges: Array<{ node: { stepExecutionId: string } }>;
                      pageInfo: { hasNextPage: boolean };
                    };
                  };
                }>;
                pageInfo: { hasNextPage: boolean };
              };
            };
          }>;
          pageInfo: { hasNextPage: boolean };
        };
      };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** What the walk reached: pipeline → build → [packages, { workflow: step ids }]. */
type Reached = Record<
  string,
  Record<string, { packages: string[]; workflows: Record<string, string[]> }>
>;

/**
 * Walks every region's pipelines page by page, following only what the gateway hands out, and
 * collects the AWS calls of each request.
 */
async function walk(
  gateway: TestGateway,
  regions: string[],
  requests: RecordedCall[][] = [],
): Promise<Reached> {
  const reached: Reached = {};
  for (const region of regions) {
    let after: string | null = null;
    do {
      gateway.emulator?.resetCalls();
      const data: Walked = expectData(await gateway.query<Walked>(WALK, { region, after }));
      requests.push([...(gateway.emulator?.calls ?? [])]);
      for (const { node: pipeline } of data.imagePipelines.edges) {
        const builds: Reached[string] = {};
        expect(pipeline.builds.pageInfo.hasNextPage).toBe(false);
        for (const { node: build } of pipeline.builds.edges) {
          expect(build.packages.pageInfo.hasNextPage).toBe(false);
          expect(build.workflowExecutions.pageInfo.hasNextPage).toBe(false);
          const workflows: Record<string, string[]> = {};
          for (const { node: workflow } of build.workflowExecutions.edges) {
            expect(workflow.steps.pageInfo.hasNextPage).toBe(false);
            workflows[workflow.workflowExecutionId] = workflow.steps.edges.map(
              (edge) => edge.node.stepExecutionId,
            );
          }
          builds[build.arn] = {
            packages: build.packages.edges.map(
              (edge) => `${edge.node.packageName}@${edge.node.packageVersion}`,
            ),
            workflows,
          };
        }
        reached[pipeline.arn] = builds;
      }
      after = data.imagePipelines.pageInfo.hasNextPage
        ? data.imagePipelines.pageInfo.endCursor
        : null;
    } while (after);
  }
  return reached;
}

/**
 * The same tree computed from the fixture itself: what the walk must reach. The walk reads the
 * gateway's own account, so other accounts' pipelines are not in it.
 */
function expected(data: Fixture): Reached {
  const ib = data.imageBuilder ?? {};
  const result: Reached = {};
  const home = data.homeAccountId ?? "123456789012";
  for (const pipeline of ib.pipelines ?? []) {
    const [, , , region, account] = pipeline.arn.split(":");
    if (account !== home) continue;
    const prefix = `arn:aws:imagebuilder:${region}:${account}:image/${pipeline.imageName}/${pipeline.semanticVersion}/`;
    const builds = (ib.images ?? [])
      .filter((image) => image.arn.startsWith(prefix))
      .sort((a, b) => Number(b.arn.split("/").at(-1)) - Number(a.arn.split("/").at(-1)));
    result[pipeline.arn] = Object.fromEntries(
      builds.map((image) => [
        image.arn,
        {
          packages: (image.packages ?? []).map((p) => `${p.packageName}@${p.packageVersion}`),
          workflows: Object.fromEntries(
            (ib.workflowExecutions ?? [])
              .filter((execution) => execution.imageBuildVersionArn === image.arn)
              .map((execution) => [
                execution.workflowExecutionId,
                (execution.steps ?? []).map((step) => step.stepExecutionId),
              ]),
          ),
        },
      ]),
    );
  }
  return result;
}

describe.each([
  ["the demo data", () => loadFixtureFile(DEMO_FIXTURE_PATH)],
  ["a fixture with only the members fixtures always had", async () => legacyFixture()],
])("walking from imagePipelines on %s", (name, load) => {
  let gateway: TestGateway;
  let data: Fixture;
  beforeAll(async () => {
    data = await load();
    gateway = await startTestGateway({
      fixture: data,
      // The walk asks for whole lists at every level on purpose; the default cost limits would
      // (rightly) refuse that as one request, and they are not what this test is about.
      env: { MAX_RESULT_NODES: "5000000", MAX_AWS_CALLS_PER_REQUEST: "1000000" },
    });
  });
  afterAll(() => gateway?.close());

  it("reaches every pipeline's builds, their packages and every workflow step", async () => {
    const regions = [
      ...new Set(
        (data.imageBuilder?.pipelines ?? [])
          .filter((p) => p.arn.split(":")[4] === (data.homeAccountId ?? "123456789012"))
          .map((p) => p.arn.split(":")[3] ?? ""),
      ),
    ];
    const requests: RecordedCall[][] = [];
    const reached = await walk(gateway, regions, requests);
    expect(reached).toEqual(expected(data));
    // No AWS call twice in one request: every page of every list is read once.
    for (const calls of requests) {
      const keys = calls.map(
        (call) => `${call.region} ${call.operation} ${JSON.stringify(call.input)}`,
      );
      expect(new Set(keys).size).toBe(keys.length);
    }
    const calls = requests.flat();
    const byOperation: Record<string, number> = {};
    for (const call of calls) {
      byOperation[call.operation] = (byOperation[call.operation] ?? 0) + 1;
    }
    expect(Object.keys(byOperation).sort()).toEqual([
      "ListImagePackages",
      "ListImagePipelineImages",
      "ListImagePipelines",
      "ListWorkflowExecutions",
      "ListWorkflowStepExecutions",
    ]);
    console.log(
      `AWS calls of the walk on ${name}: ${calls.length} in ${requests.length} requests`,
      byOperation,
    );
    // The walk is worth something: it reached packages and steps.
    const builds = Object.values(reached).flatMap((pipeline) => Object.values(pipeline));
    expect(builds.some((build) => build.packages.length > 0)).toBe(true);
    expect(
      builds.some((build) => Object.values(build.workflows).some((ids) => ids.length > 0)),
    ).toBe(true);
  });
});

describe("the Image Builder graph's links and details", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ fixture: legacyFixture() });
  });
  afterAll(() => gateway?.close());

  it("describes pipelines and builds with derived values, and links back up", async () => {
    const data = expectData(
      await gateway.query<{
        imagePipelines: {
          edges: Array<{
            node: Record<string, unknown> & {
              builds: { edges: Array<{ node: Record<string, unknown> }> };
            };
          }>;
        };
      }>(`{
        imagePipelines(first: 1) {
          edges { node {
            id arn name region accountId description pipelineStatus osPlatform schedule { scheduleExpression }
            imageRecipeArn lastRunStatus dateCreated
            builds(first: 1) { edges { node {
              arn version buildNumber buildState { status reason } osPlatform osVersion outputType buildType imageSource
              pipeline { arn name }
              workflowExecutions(first: 1) { edges { node {
                workflowExecutionId executionStatus workflowType totalStepCount totalStepsSucceeded
                imageBuildVersion { arn }
              } } }
            } } }
          } }
        }
      }`),
    );
    const pipeline = data.imagePipelines.edges[0]?.node;
    expect(pipeline).toMatchObject({
      arn: pipelineArn("svc"),
      name: "svc",
      region: "us-east-1",
      accountId: "123456789012",
      description: "Builds svc 1.0.0.",
      pipelineStatus: "ENABLED",
      osPlatform: "Linux",
      schedule: null,
      imageRecipeArn: "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/svc/1.0.0",
      lastRunStatus: "AVAILABLE",
    });
    expect(pipeline?.builds.edges[0]?.node).toEqual({
      arn: imageArn("svc", "1.0.0", 2),
      version: "1.0.0",
      buildNumber: 2,
      buildState: { status: "AVAILABLE", reason: null },
      osPlatform: "Linux",
      osVersion: "Amazon Linux 2023",
      outputType: "AMI",
      buildType: "USER_INITIATED",
      imageSource: "CUSTOM",
      pipeline: { arn: pipelineArn("svc"), name: "svc" },
      workflowExecutions: {
        edges: [
          {
            node: {
              workflowExecutionId: workflowExecutionId(1),
              executionStatus: "COMPLETED",
              workflowType: "BUILD",
              totalStepCount: 27,
              totalStepsSucceeded: 27,
              imageBuildVersion: { arn: imageArn("svc", "1.0.0", 2) },
            },
          },
        ],
      },
    });
  });

  it("reads details of a build reached by ARN with GetImage, and finds its pipeline", async () => {
    gateway.emulator?.resetCalls();
    const data = expectData(
      await gateway.query<{ imageBuildVersion: Record<string, unknown> }>(
        `query ($arn: String!) { imageBuildVersion(arn: $arn) { buildState { status } dateCreated pipeline { name pipelineStatus } } }`,
        { arn: imageArn("svc", "1.0.0", 1) },
      ),
    );
    expect(data.imageBuildVersion).toEqual({
      buildState: { status: "AVAILABLE" },
      dateCreated: "2026-01-01T00:00:00.000Z",
      pipeline: { name: "svc", pipelineStatus: "ENABLED" },
    });
    const operations = (gateway.emulator?.calls ?? []).map((call) => call.operation).sort();
    expect(operations).toEqual(["GetImage", "GetImagePipeline", "ListImagePackages"]);
  });

  it("answers a build no pipeline made with a null pipeline", async () => {
    const data = expectData(
      await gateway.query<{ imageBuildVersion: { pipeline: unknown } }>(
        `query ($arn: String!) { imageBuildVersion(arn: $arn) { pipeline { arn } } }`,
        { arn: imageArn("lonely", "1.0.0", 1) },
      ),
    );
    expect(data.imageBuildVersion.pipeline).toBeNull();
  });

  it("summarises a workflow run reached by id from its image's list", async () => {
    const data = expectData(
      await gateway.query<{ workflowExecution: Record<string, unknown> }>(
        `query ($id: String!) { workflowExecution(workflowExecutionId: $id) {
          executionStatus totalStepCount startTime imageBuildVersion { arn }
        } }`,
        { id: workflowExecutionId(2) },
      ),
    );
    expect(data.workflowExecution).toEqual({
      executionStatus: "COMPLETED",
      totalStepCount: 2,
      startTime: "2026-03-01T12:00:00.000Z",
      imageBuildVersion: { arn: imageArn("svc", "1.0.0", 2) },
    });
  });

  it("refetches pipelines with node(id:) and as federation entities", async () => {
    const listed = expectData(
      await gateway.query<{ imagePipelines: { edges: Array<{ node: { id: string } }> } }>(
        `{ imagePipelines(first: 2) { edges { node { id } } } }`,
      ),
    );
    const [first, second] = listed.imagePipelines.edges.map((edge) => edge.node.id);
    const data = expectData(
      await gateway.query<{ nodes: Array<Record<string, unknown>> }>(
        `query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on ImagePipeline { arn name builds(first: 5) { edges { node { buildNumber } } } } } }`,
        { ids: [first, second] },
      ),
    );
    expect(data.nodes).toEqual([
      {
        id: first,
        arn: pipelineArn("svc"),
        name: "svc",
        builds: { edges: [{ node: { buildNumber: 2 } }, { node: { buildNumber: 1 } }] },
      },
      { id: second, arn: pipelineArn("idle"), name: "idle", builds: { edges: [] } },
    ]);
    const entities = expectData(
      await gateway.query<{ _entities: Array<{ name: string } | null> }>(
        `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ImagePipeline { name } } }`,
        {
          representations: [
            { __typename: "ImagePipeline", arn: pipelineArn("idle") },
            { __typename: "ImagePipeline", arn: pipelineArn("ghost") },
          ],
        },
      ),
    );
    expect(entities._entities).toEqual([{ name: "idle" }, null]);
  });

  it("answers an unknown pipeline id with NOT_FOUND and a malformed one with BAD_USER_INPUT", async () => {
    const listed = expectData(
      await gateway.query<{ imagePipelines: { edges: Array<{ node: { id: string } }> } }>(
        `{ imagePipelines(first: 1) { edges { node { id } } } }`,
      ),
    );
    const id = listed.imagePipelines.edges[0]?.node.id ?? "";
    const forged = Buffer.from(`ImagePipeline:${pipelineArn("ghost")}`).toString("base64");
    const malformed = Buffer.from("ImagePipeline:not-an-arn").toString("base64");
    const response = await gateway.query<{ nodes: unknown[] }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      { ids: [id, forged, malformed] },
    );
    expect(response.data?.nodes).toEqual([{ id }, null, null]);
    const errors = response.errors?.map((error) => [error.path, error.extensions?.code]);
    expect(errors?.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      [["nodes", 1], "NOT_FOUND"],
      [["nodes", 2], "BAD_USER_INPUT"],
    ]);
  });

  it("checks the region argument of imagePipelines before calling AWS", async () => {
    gateway.emulator?.resetCalls();
    const response = await gateway.query(`{ imagePipelines(region: "mars") { edges { cursor } } }`);
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0]?.message).toMatch(/region/);
    expect(gateway.emulator?.calls).toEqual([]);
  });
});
