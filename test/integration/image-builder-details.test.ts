// Over HTTP to the gateway, through the SDK clients to the emulator: everything a build and a
// pipeline expose (outputs, recipes, configurations, tags…), cancelling a build (with its live
// progress and the response cache), and what changed in the packages between two builds.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, imageArn, packages, pipelineArn } from "../helpers/fixtures.js";
import { expectData, expectError, startTestGateway, type TestGateway } from "../helpers/gateway.js";
import { subscribe } from "../helpers/sse.js";

const ACCOUNT = "123456789012";
const WEB_1 = imageArn("web", "1.0.0", 1);
const WEB_2 = imageArn("web", "1.0.0", 2);
const WEB_3 = imageArn("web", "1.0.0", 3);
const SVC = imageArn("svc", "2.0.0", 1);
const LONG_S = 600;

const base = packages(30);
/** Build 2: one package updated, one removed, one added, a second kernel alongside the first. */
const updated = [
  ...base
    .slice(1, 29)
    .map((item, index) => (index === 4 ? { ...item, packageVersion: "9.9.9" } : item)),
  { packageName: "zz-new", packageVersion: "1.0.0" },
  { packageName: "kernel", packageVersion: "6.1.0" },
  { packageName: "kernel", packageVersion: "6.2.0" },
];

const data = () =>
  fixture({
    imageBuilder: {
      images: [
        { arn: WEB_1, packages: [...base, { packageName: "kernel", packageVersion: "6.1.0" }] },
        {
          arn: WEB_2,
          packages: updated,
          tags: { team: "platform", env: "prod" },
          scanState: { status: "COMPLETED" },
          distributionConfiguration: {
            name: "web",
            timeoutMinutes: 360,
            distributions: [
              { region: "us-east-1", amiDistributionConfiguration: {} },
              { region: "eu-west-1", amiDistributionConfiguration: {} },
            ],
          },
        },
        { arn: SVC, packages: packages(2) },
      ],
      pipelines: [
        {
          arn: pipelineArn("web"),
          imageName: "web",
          semanticVersion: "1.0.0",
          packages: updated,
          tags: { owner: "platform" },
          imageTags: { built: "by-pipeline" },
          workflows: [
            {
              workflowArn: "arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/x.x.x",
              onFailure: "CONTINUE",
            },
          ],
          dateLastRun: "2026-02-10T04:00:00Z",
        },
        {
          arn: pipelineArn("svc"),
          imageName: "svc",
          semanticVersion: "2.0.0",
          containerRecipeArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:container-recipe/svc/2.0.0`,
        },
      ],
    },
  });

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: data(),
    env: {
      // Builds started here run long enough to be cancelled.
      EMULATOR_BUILD_STEP_MS: "60000",
      BUILD_PROGRESS_POLL_MS: "40",
      BUILD_PROGRESS_POLL_MAX_MS: "80",
      RESPONSE_CACHE: "memory",
      RESPONSE_CACHE_LONG_TTL_S: String(LONG_S),
      RESPONSE_CACHE_SHORT_TTL_S: "60",
    },
  });
});

afterAll(() => gateway?.close());

const callCounts = () => {
  const counts: Record<string, number> = {};
  for (const call of gateway.emulator?.calls ?? []) {
    counts[call.operation] = (counts[call.operation] ?? 0) + 1;
  }
  return counts;
};

async function debugQuery<Data>(query: string, variables?: Record<string, unknown>) {
  const response = await gateway.post({ query, variables }, { "x-gateway-debug": "cache,calls" });
  return (await response.json()) as {
    data?: Data;
    errors?: { extensions?: { code?: string } }[];
    extensions?: {
      responseCache?: { hit: boolean; ttlSeconds?: number };
      cost?: { estimated: number; actual: number };
    };
  };
}

describe("ImageBuildVersion: every member of GetImage", () => {
  it("shows the AMIs a build produced per region, its recipe, configurations and tags", async () => {
    gateway.emulator?.resetCalls();
    const result = expectData(
      await gateway.query<{ imageBuildVersion: Record<string, unknown> }>(`{
        imageBuildVersion(arn: "${WEB_2}") {
          outputResources { amis { region image name accountId state { status } } containers { region } }
          imageRecipe { arn version parentImage components { componentArn parameters { name value } }
            blockDeviceMappings { deviceName ebs { volumeType volumeSize encrypted } } }
          containerRecipe { arn }
          infrastructureConfiguration { instanceTypes instanceMetadataOptions { httpTokens } }
          distributionConfiguration { name distributions { region } }
          imageTestsConfiguration { imageTestsEnabled timeoutMinutes }
          imageScanningConfiguration { imageScanningEnabled }
          scanState { status }
          tags { key value }
          workflows { workflowArn onFailure }
          loggingConfiguration { logGroupName }
          enhancedImageMetadataEnabled sourcePipelineArn sourcePipelineName
          deprecationTime lifecycleExecutionId executionRole
          buildState { status }
        }
      }`),
    );
    const build = result.imageBuildVersion;
    expect(build.outputResources).toEqual({
      amis: ["us-east-1", "eu-west-1"].map((region) => ({
        region,
        image: expect.stringMatching(/^ami-[0-9a-f]{17}$/),
        name: expect.stringMatching(/^web /),
        accountId: ACCOUNT,
        state: { status: "AVAILABLE" },
      })),
      containers: [],
    });
    expect(build.imageRecipe).toMatchObject({
      arn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image-recipe/web/1.0.0`,
      version: "1.0.0",
      components: [
        { componentArn: expect.stringContaining("component/update-linux"), parameters: [] },
      ],
      blockDeviceMappings: [
        { deviceName: "/dev/xvda", ebs: { volumeType: "gp3", volumeSize: 30, encrypted: true } },
      ],
    });
    expect(build).toMatchObject({
      containerRecipe: null,
      infrastructureConfiguration: {
        instanceTypes: ["m5.large"],
        instanceMetadataOptions: { httpTokens: "required" },
      },
      distributionConfiguration: {
        name: "web",
        distributions: [{ region: "us-east-1" }, { region: "eu-west-1" }],
      },
      imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 720 },
      imageScanningConfiguration: { imageScanningEnabled: false },
      scanState: { status: "COMPLETED" },
      tags: [
        { key: "team", value: "platform" },
        { key: "env", value: "prod" },
      ],
      // The pipeline's workflows, as the build ran them.
      workflows: [{ workflowArn: expect.stringContaining("test-image"), onFailure: "CONTINUE" }],
      loggingConfiguration: { logGroupName: "/aws/imagebuilder/web" },
      enhancedImageMetadataEnabled: true,
      sourcePipelineArn: pipelineArn("web"),
      sourcePipelineName: "web",
      deprecationTime: null,
      lifecycleExecutionId: null,
      buildState: { status: "AVAILABLE" },
    });
    // Every field above came from one GetImage (the ARN was proven by its first package page).
    expect(callCounts()).toEqual({ ListImagePackages: 1, GetImage: 1 });
  });

  it("shows a container build's image URIs", async () => {
    const result = expectData(
      await gateway.query<{ imageBuildVersion: Record<string, unknown> }>(
        `{ imageBuildVersion(arn: "${SVC}") { outputType outputResources { amis { image } containers { region imageUris } } containerRecipe { containerType targetRepository { service repositoryName } } imageRecipe { arn } } }`,
      ),
    );
    expect(result.imageBuildVersion).toEqual({
      outputType: "DOCKER",
      outputResources: {
        amis: [],
        containers: [
          {
            region: "us-east-1",
            imageUris: [`${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/svc:2.0.0-1`],
          },
        ],
      },
      containerRecipe: {
        containerType: "DOCKER",
        targetRepository: { service: "ECR", repositoryName: "svc" },
      },
      imageRecipe: null,
    });
  });

  it("reads either kind of recipe through one ImageBuilderRecipe fragment", async () => {
    const query = (arn: string) =>
      `fragment R on ImageBuilderRecipe { __typename arn version } { imageBuildVersion(arn: "${arn}") { imageRecipe { ...R } containerRecipe { ...R } } }`;
    const [container, ami] = await Promise.all(
      [SVC, WEB_1].map(async (arn) =>
        expectData(await gateway.query<{ imageBuildVersion: Record<string, unknown> }>(query(arn))),
      ),
    );
    expect(container?.imageBuildVersion).toEqual({
      imageRecipe: null,
      containerRecipe: {
        __typename: "ContainerRecipe",
        arn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:container-recipe/svc/2.0.0`,
        version: expect.any(String),
      },
    });
    expect(ami?.imageBuildVersion).toMatchObject({
      imageRecipe: { __typename: "ImageRecipe", arn: expect.stringContaining(":image-recipe/") },
      containerRecipe: null,
    });
  });

  it("declares one GetImage per build in the cost estimate, however many fields read it", async () => {
    const result = await debugQuery(
      `{ imageBuildVersion(arn: "${WEB_1}") { outputResources { amis { image } } tags { key } imageRecipe { arn } workflows { workflowArn } } }`,
    );
    // The look-up of the build itself, plus one shared GetImage.
    expect(result.extensions?.cost).toEqual({ estimated: 2, actual: 2 });
  });
});

describe("ImagePipeline: every member of the model", () => {
  it("shows tags, image tags, workflows, logging, tests, scanning and links by ARN", async () => {
    const result = expectData(
      await gateway.query<{ imagePipelines: { edges: { node: Record<string, unknown> }[] } }>(`{
        imagePipelines { edges { node {
          name imageRecipeArn containerRecipeArn infrastructureConfigurationArn distributionConfigurationArn
          tags { key value } imageTags { key value } dateLastRun
          workflows { workflowArn onFailure parameters { name } }
          pipelineLoggingConfiguration { imageLogGroupName pipelineLogGroupName }
          imageTestsConfiguration { imageTestsEnabled } imageScanningConfiguration { imageScanningEnabled }
          executionRole consecutiveFailures
        } } }
      }`),
    );
    const [web, svc] = result.imagePipelines.edges.map((edge) => edge.node);
    expect(web).toMatchObject({
      name: "web",
      imageRecipeArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image-recipe/web/1.0.0`,
      containerRecipeArn: null,
      distributionConfigurationArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:distribution-configuration/web`,
      tags: [{ key: "owner", value: "platform" }],
      imageTags: [{ key: "built", value: "by-pipeline" }],
      dateLastRun: "2026-02-10T04:00:00.000Z",
      workflows: [{ onFailure: "CONTINUE", parameters: [] }],
      pipelineLoggingConfiguration: { imageLogGroupName: "/aws/imagebuilder/web" },
      imageTestsConfiguration: { imageTestsEnabled: true },
      imageScanningConfiguration: { imageScanningEnabled: false },
      executionRole: null,
      consecutiveFailures: 0,
    });
    expect(svc).toMatchObject({
      imageRecipeArn: null,
      containerRecipeArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:container-recipe/svc/2.0.0`,
      tags: [],
    });
  });
});

describe("packageChanges", () => {
  const CHANGES = `
    query Changes($arn: String!, $comparedTo: String) {
      imageBuildVersion(arn: $arn) {
        packageChanges(comparedTo: $comparedTo) {
          comparedTo { arn version buildNumber }
          added { packageName packageVersion imageBuildVersion { arn } }
          removed { packageName packageVersion imageBuildVersion { arn } }
          changed { packageName fromVersion toVersion }
          unchangedCount
        }
      }
    }`;

  interface Changes {
    imageBuildVersion: {
      packageChanges: {
        comparedTo: { arn: string; version: string; buildNumber: number };
        added: {
          packageName: string;
          packageVersion: string;
          imageBuildVersion: { arn: string };
        }[];
        removed: {
          packageName: string;
          packageVersion: string;
          imageBuildVersion: { arn: string };
        }[];
        changed: { packageName: string; fromVersion: string; toVersion: string }[];
        unchangedCount: number;
      } | null;
    };
  }

  it("compares a build with the previous build of its pipeline, from both complete lists", async () => {
    gateway.emulator?.resetCalls();
    const result = await debugQuery<Changes>(CHANGES, { arn: WEB_2 });
    expect(result.errors).toBeUndefined();
    expect(result.data?.imageBuildVersion.packageChanges).toEqual({
      comparedTo: { arn: WEB_1, version: "1.0.0", buildNumber: 1 },
      added: [
        { packageName: "kernel", packageVersion: "6.2.0", imageBuildVersion: { arn: WEB_2 } },
        { packageName: "zz-new", packageVersion: "1.0.0", imageBuildVersion: { arn: WEB_2 } },
      ],
      removed: [
        { packageName: "pkg-000", packageVersion: "1.0.0", imageBuildVersion: { arn: WEB_1 } },
        { packageName: "pkg-029", packageVersion: "1.29.0", imageBuildVersion: { arn: WEB_1 } },
      ],
      changed: [{ packageName: "pkg-005", fromVersion: "1.5.0", toVersion: "9.9.9" }],
      unchangedCount: 28,
    });
    // Build 2's 31 packages are 2 pages, build 1's 31 too; GetImage names the pipeline, one
    // page of its builds names build 1. Both builds finished: cached long.
    expect(callCounts()).toEqual({ ListImagePackages: 4, GetImage: 1, ListImagePipelineImages: 1 });
    expect(result.extensions?.responseCache).toEqual({ hit: false, ttlSeconds: LONG_S });
    expect(result.extensions?.cost?.actual).toBe(6);
    // Three walks of at most 40 pages and one GetImage, plus the build's own look-up.
    expect(result.extensions?.cost?.estimated).toBe(3 * 40 + 1 + 1);

    const again = await debugQuery<Changes>(CHANGES, { arn: WEB_2 });
    expect(again.extensions?.responseCache).toEqual({ hit: true });
    expect(again.data).toEqual(result.data);
    expect(callCounts()).toEqual({ ListImagePackages: 4, GetImage: 1, ListImagePipelineImages: 1 });
  });

  it("compares with the build named in comparedTo, reading no build list", async () => {
    gateway.emulator?.resetCalls();
    const result = await debugQuery<Changes>(CHANGES, { arn: WEB_1, comparedTo: WEB_2 });
    const changes = result.data?.imageBuildVersion.packageChanges;
    expect(changes?.comparedTo.arn).toBe(WEB_2);
    expect(changes?.changed).toEqual([
      { packageName: "pkg-005", fromVersion: "9.9.9", toVersion: "1.5.0" },
    ]);
    expect(callCounts()).toEqual({ ListImagePackages: 4 });
    expect(result.extensions?.cost?.estimated).toBe(2 * 40 + 1);
  });

  it("is null for a pipeline's first build", async () => {
    const result = expectData(await gateway.query<Changes>(CHANGES, { arn: WEB_1 }));
    expect(result.imageBuildVersion.packageChanges).toBeNull();
  });

  it("walks each package list once, whatever else reads it; builds from a list need no search", async () => {
    gateway.emulator?.resetCalls();
    const result = expectData(
      await gateway.query<{
        imagePipeline: unknown;
      }>(`{
        imagePipelines(first: 1) { edges { node { builds(first: 1) { edges { node {
          packages(first: 30) { edges { node { packageName } } }
          packageChanges { comparedTo { buildNumber } changed { packageName } }
        } } } } } }
      }`),
    );
    expect(JSON.stringify(result)).toContain('"buildNumber":1');
    // The page of builds that listed build 2 also listed build 1: no second list, no GetImage.
    expect(callCounts()).toEqual({
      ListImagePipelines: 1,
      ListImagePipelineImages: 1,
      ListImagePackages: 4,
    });
  });

  it("refuses a malformed comparedTo before reading any package", async () => {
    gateway.emulator?.resetCalls();
    const error = expectError(
      await gateway.query(CHANGES, { arn: WEB_2, comparedTo: "not-an-arn" }),
      "BAD_USER_INPUT",
    );
    expect(error.message).toContain("comparedTo");
    expect(error.path).toEqual(["imageBuildVersion", "packageChanges"]);
    // Only the build's own look-up ran.
    expect(callCounts()).toEqual({ ListImagePackages: 1 });
  });
});

describe("cancelImageCreation", () => {
  const CANCEL = `mutation ($input: CancelImageCreationInput!) {
    cancelImageCreation(input: $input) { clientToken requestId imageBuildVersion { id arn buildState { status reason } } }
  }`;

  interface Cancelled {
    cancelImageCreation: {
      clientToken: string;
      requestId: string;
      imageBuildVersion: {
        id: string;
        arn: string;
        buildState: { status: string; reason: string };
      };
    };
  }

  async function startBuild(): Promise<string> {
    const result = expectData(
      await gateway.query<{ startImagePipelineExecution: { imageBuildVersion: { arn: string } } }>(
        `mutation { startImagePipelineExecution(input: { imagePipelineArn: "${pipelineArn("web")}" }) { imageBuildVersion { arn } } }`,
      ),
    );
    return result.startImagePipelineExecution.imageBuildVersion.arn;
  }

  it("stops a running build; the live progress stream shows it and completes", async () => {
    const arn = await startBuild();
    expect(arn).toBe(WEB_3);
    const stream = await subscribe<{
      imageBuildProgress: {
        buildState: { status: string };
        step: { name: string; status: string } | null;
        finished: boolean;
      };
    }>(
      gateway.url,
      `subscription ($arn: String!) { imageBuildProgress(imageBuildVersionArn: $arn) { buildState { status } step { name status } finished } }`,
      { arn },
    );
    // The cached state before the cancellation…
    const before = await debugQuery<{ imageBuildVersion: { buildState: { status: string } } }>(
      `{ imageBuildVersion(arn: "${arn}") { id buildState { status } } }`,
    );
    expect(before.data?.imageBuildVersion.buildState.status).toBe("BUILDING");
    const cached = await debugQuery(
      `{ imageBuildVersion(arn: "${arn}") { id buildState { status } } }`,
    );
    expect(cached.extensions?.responseCache).toEqual({ hit: true });

    const cancelled = expectData(
      await gateway.query<Cancelled>(CANCEL, {
        input: { imageBuildVersionArn: arn, clientToken: "stop-1" },
      }),
    );
    expect(cancelled.cancelImageCreation).toMatchObject({
      clientToken: "stop-1",
      requestId: expect.any(String),
      imageBuildVersion: { arn, buildState: { status: "CANCELLED" } },
    });

    // …is dropped: the next read sees the cancellation.
    const after = await debugQuery<{ imageBuildVersion: { buildState: { status: string } } }>(
      `{ imageBuildVersion(arn: "${arn}") { id buildState { status } } }`,
    );
    expect(after.extensions?.responseCache?.hit).toBe(false);
    expect(after.data?.imageBuildVersion.buildState.status).toBe("CANCELLED");

    const events = (await stream.rest()).map((result) => expectData(result).imageBuildProgress);
    const last = events.at(-1);
    expect(last).toMatchObject({ buildState: { status: "CANCELLED" }, step: null, finished: true });
    expect(events).toContainEqual(
      expect.objectContaining({ step: { name: "LaunchBuildInstance", status: "CANCELLED" } }),
    );
  });

  it("repeats the first answer for a repeated token; the token with another build is a CONFLICT", async () => {
    const again = expectData(
      await gateway.query<Cancelled>(CANCEL, {
        input: { imageBuildVersionArn: WEB_3, clientToken: "stop-1" },
      }),
    );
    expect(again.cancelImageCreation.imageBuildVersion.arn).toBe(WEB_3);
    expectError(
      await gateway.query(CANCEL, {
        input: { imageBuildVersionArn: WEB_2, clientToken: "stop-1" },
      }),
      "CONFLICT",
    );
  });

  it("refuses to cancel a finished build with CONFLICT naming its state", async () => {
    const error = expectError(
      await gateway.query(CANCEL, { input: { imageBuildVersionArn: WEB_1 } }),
      "CONFLICT",
    );
    expect(error.message).toContain("AVAILABLE");
  });

  it("refuses a malformed ARN or token before calling AWS", async () => {
    gateway.emulator?.resetCalls();
    const error = expectError(
      await gateway.query(CANCEL, {
        input: { imageBuildVersionArn: pipelineArn("web"), clientToken: "x".repeat(65) },
      }),
      "BAD_USER_INPUT",
    );
    expect(error.message).toContain("imageBuildVersionArn");
    expect(gateway.emulator?.calls).toHaveLength(0);
  });
});
