// Everything GetImage and GetImagePipeline say about a build and a pipeline (recipes,
// configurations, output resources, tags, workflows…), from the fixture or generated, and
// CancelImageCreation: its constraints, its errors, its idempotency and the build it stops.
// Through the real SDK client.

import {
  CancelImageCreationCommand,
  GetImageCommand,
  GetImagePipelineCommand,
  type ImagebuilderClient,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  StartImagePipelineExecutionCommand,
} from "@aws-sdk/client-imagebuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFixture } from "../../src/emulator/fixture.js";
import { type Fixture, type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import {
  ACCOUNT,
  caught,
  imageArn,
  imageBuilderClient,
  packages,
  pipelineArn,
  steps,
  workflowId,
} from "../helpers/emulator-clients.js";

const DISTRIBUTED = imageArn("web", "1.0.0", 1);
const CONTAINER = imageArn("svc", "2.0.0", 1);
const FAILED = imageArn("web", "1.0.0", 2);
const DESCRIBED = imageArn("described", "1.0.0", 1);
const RUNNING = imageArn("running", "1.0.0", 1);

const fixture: Fixture = {
  imageBuilder: {
    images: [
      {
        arn: DISTRIBUTED,
        packages: packages(3),
        dateCreated: "2026-02-01T10:00:00Z",
        distributionConfiguration: {
          name: "web-everywhere",
          timeoutMinutes: 360,
          distributions: [
            {
              region: "us-east-1",
              amiDistributionConfiguration: { name: "web {{ imagebuilder:buildDate }}" },
            },
            {
              region: "eu-west-1",
              amiDistributionConfiguration: { targetAccountIds: ["111111111111", "222222222222"] },
            },
          ],
        },
      },
      { arn: FAILED, state: { status: "FAILED", reason: "component failed" } },
      { arn: CONTAINER, dateCreated: "2026-02-02T10:00:00Z" },
      {
        arn: DESCRIBED,
        type: "AMI",
        tags: { team: "platform" },
        deprecationTime: "2027-01-01T00:00:00Z",
        lifecycleExecutionId: "lce-0123abcd-0123-4abc-8def-0123456789ab",
        executionRole: "ImageBuilderExecution",
        scanState: { status: "COMPLETED", reason: "no findings" },
        imageScanningConfiguration: { imageScanningEnabled: true },
        outputResources: {
          amis: [{ region: "us-east-1", image: "ami-0123456789abcdef0", accountId: ACCOUNT }],
        },
        workflows: [
          {
            workflowArn: "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.0/1",
            onFailure: "ABORT",
          },
        ],
        loggingConfiguration: { logGroupName: "/custom/logs" },
      },
      { arn: RUNNING },
    ],
    pipelines: [
      {
        arn: pipelineArn("web"),
        imageName: "web",
        semanticVersion: "1.0.0",
        packages: packages(2),
      },
      {
        arn: pipelineArn("svc"),
        imageName: "svc",
        semanticVersion: "2.0.0",
        containerRecipeArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:container-recipe/svc/2.0.0`,
        tags: { owner: "platform" },
        imageTags: { built: "by-pipeline" },
        schedule: {
          scheduleExpression: "cron(0 4 * * ? *)",
          autoDisablePolicy: { failureCount: 3 },
        },
        dateLastRun: "2026-02-02T10:00:00Z",
      },
    ],
    workflowExecutions: [
      {
        workflowExecutionId: workflowId(1),
        region: "us-east-1",
        imageBuildVersionArn: RUNNING,
        steps: [
          ...steps(2),
          {
            stepExecutionId: "step-3",
            name: "Step3",
            status: "RUNNING",
            startTime: "2026-03-01T13:00:00Z",
          },
          { stepExecutionId: "step-4", name: "Step4", status: "PENDING" },
        ],
      },
    ],
  },
};

let emulator: RunningEmulator;
let client: ImagebuilderClient;

beforeAll(async () => {
  emulator = await startEmulator({ fixture, buildStepMs: 60_000 });
  client = imageBuilderClient(emulator);
});

afterAll(async () => {
  client?.destroy();
  await emulator?.close();
});

const getImage = async (arn: string) =>
  (await client.send(new GetImageCommand({ imageBuildVersionArn: arn }))).image ?? {};

describe("GetImage: every member of Image", () => {
  it("gives an AVAILABLE AMI build one AMI per distribution region and target account", async () => {
    const image = await getImage(DISTRIBUTED);
    expect(image.outputResources?.amis).toEqual([
      {
        region: "us-east-1",
        image: expect.stringMatching(/^ami-[0-9a-f]{17}$/),
        name: "web 2026-02-01T10-00-00Z",
        description: "web 1.0.0/1",
        state: { status: "AVAILABLE" },
        accountId: ACCOUNT,
      },
      ...["111111111111", "222222222222"].map((accountId) => ({
        region: "eu-west-1",
        image: expect.stringMatching(/^ami-[0-9a-f]{17}$/),
        name: "web 2026-02-01T10-00-00Z",
        description: "web 1.0.0/1",
        state: { status: "AVAILABLE" },
        accountId,
      })),
    ]);
    const ids = image.outputResources?.amis?.map((ami) => ami.image);
    expect(new Set(ids).size).toBe(3);
    // Deterministic: the same ids on every read.
    expect((await getImage(DISTRIBUTED)).outputResources?.amis?.map((ami) => ami.image)).toEqual(
      ids,
    );
  });

  it("generates the recipe and configurations a fixture leaves out", async () => {
    const image = await getImage(DISTRIBUTED);
    expect(image.imageRecipe).toMatchObject({
      arn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image-recipe/web/1.0.0`,
      type: "AMI",
      name: "web",
      version: "1.0.0",
      owner: ACCOUNT,
      components: [
        { componentArn: "arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x" },
      ],
      blockDeviceMappings: [
        { deviceName: "/dev/xvda", ebs: { volumeType: "gp3", volumeSize: 30 } },
      ],
    });
    expect(image.containerRecipe).toBeUndefined();
    expect(image.infrastructureConfiguration).toMatchObject({
      arn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:infrastructure-configuration/web`,
      instanceTypes: ["m5.large"],
      instanceMetadataOptions: { httpTokens: "required" },
    });
    expect(image.distributionConfiguration?.name).toBe("web-everywhere");
    expect(image.imageTestsConfiguration).toEqual({ imageTestsEnabled: true, timeoutMinutes: 720 });
    expect(image.imageScanningConfiguration).toEqual({ imageScanningEnabled: false });
    expect(image.workflows?.map((workflow) => workflow.workflowArn)).toEqual([
      "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/x.x.x",
      "arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/x.x.x",
    ]);
    expect(image.loggingConfiguration).toEqual({ logGroupName: "/aws/imagebuilder/web" });
    expect(image.sourcePipelineArn).toBe(pipelineArn("web"));
  });

  it("gives a container build its image URIs, and its pipeline's image tags", async () => {
    const image = await getImage(CONTAINER);
    expect(image.type).toBe("DOCKER");
    expect(image.containerRecipe).toMatchObject({
      arn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:container-recipe/svc/2.0.0`,
      containerType: "DOCKER",
      targetRepository: { service: "ECR", repositoryName: "svc" },
    });
    expect(image.imageRecipe).toBeUndefined();
    expect(image.outputResources).toEqual({
      containers: [
        {
          region: "us-east-1",
          imageUris: [`${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/svc:2.0.0-1`],
        },
      ],
    });
    expect(image.tags).toEqual({ built: "by-pipeline" });
  });

  it("gives a FAILED build and one still building no output", async () => {
    expect((await getImage(FAILED)).outputResources).toEqual({});
    const running = await getImage(RUNNING);
    expect(running.state?.status).toBe("BUILDING");
    expect(running.outputResources).toEqual({});
  });

  it("serves every member a fixture gives, timestamps as the SDK types them", async () => {
    const image = await getImage(DESCRIBED);
    expect(image).toMatchObject({
      tags: { team: "platform" },
      lifecycleExecutionId: "lce-0123abcd-0123-4abc-8def-0123456789ab",
      executionRole: "ImageBuilderExecution",
      scanState: { status: "COMPLETED", reason: "no findings" },
      imageScanningConfiguration: { imageScanningEnabled: true },
      outputResources: {
        amis: [{ region: "us-east-1", image: "ami-0123456789abcdef0", accountId: ACCOUNT }],
      },
      workflows: [{ onFailure: "ABORT" }],
      loggingConfiguration: { logGroupName: "/custom/logs" },
    });
    expect(image.deprecationTime).toEqual(new Date("2027-01-01T00:00:00Z"));
  });
});

describe("GetImagePipeline: every member of ImagePipeline", () => {
  it("serves a container pipeline's members and derives the rest", async () => {
    const { imagePipeline } = await client.send(
      new GetImagePipelineCommand({ imagePipelineArn: pipelineArn("svc") }),
    );
    expect(imagePipeline).toMatchObject({
      containerRecipeArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:container-recipe/svc/2.0.0`,
      tags: { owner: "platform" },
      imageTags: { built: "by-pipeline" },
      schedule: { autoDisablePolicy: { failureCount: 3 } },
      dateLastRun: "2026-02-02T10:00:00Z",
      distributionConfigurationArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:distribution-configuration/svc`,
      imageScanningConfiguration: { imageScanningEnabled: false },
      loggingConfiguration: {
        imageLogGroupName: "/aws/imagebuilder/svc",
        pipelineLogGroupName: "/aws/imagebuilder/pipeline/svc",
      },
      consecutiveFailures: 0,
    });
    expect(imagePipeline?.imageRecipeArn).toBeUndefined();
  });

  it("counts the newest builds' failures in a row", async () => {
    const { imagePipeline } = await client.send(
      new GetImagePipelineCommand({ imagePipelineArn: pipelineArn("web") }),
    );
    expect(imagePipeline).toMatchObject({ consecutiveFailures: 1, lastRunStatus: "FAILED" });
  });
});

describe("fixture validation of the new members", () => {
  it("names the JSON path of a malformed member", () => {
    expect(() =>
      parseFixture({
        imageBuilder: {
          images: [
            {
              arn: DISTRIBUTED,
              lifecycleExecutionId: "not-an-id",
              distributionConfiguration: { distributions: [] },
            },
          ],
        },
      }),
    ).toThrow(
      /imageBuilder\.images\[0\]\.distributionConfiguration\.timeoutMinutes: required member is missing\n {2}imageBuilder\.images\[0\]\.lifecycleExecutionId: "not-an-id" does not match/,
    );
  });
});

describe("CancelImageCreation", () => {
  it("stops a running build: the running step is CANCELLED, the rest SKIPPED, the image CANCELLED", async () => {
    const started = await client.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn("web") }),
    );
    const arn = started.imageBuildVersionArn ?? "";
    // The new build is made like the pipeline's newest build was.
    expect((await getImage(arn)).state?.status).toBe("BUILDING");
    const cancelled = await client.send(
      new CancelImageCreationCommand({ imageBuildVersionArn: arn, clientToken: "cancel-1" }),
    );
    expect(cancelled).toMatchObject({ clientToken: "cancel-1", imageBuildVersionArn: arn });
    expect(cancelled.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const image = await getImage(arn);
    expect(image.state).toEqual({
      status: "CANCELLED",
      reason: "Image creation was cancelled by CancelImageCreation.",
    });
    expect(image.outputResources).toEqual({});
    const { workflowExecutions } = await client.send(
      new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }),
    );
    expect(workflowExecutions?.[0]?.status).toBe("CANCELLED");
    const { steps: after } = await client.send(
      new ListWorkflowStepExecutionsCommand({
        workflowExecutionId: workflowExecutions?.[0]?.workflowExecutionId,
      }),
    );
    expect(after?.map((step) => step.status)).toEqual([
      "CANCELLED",
      "SKIPPED",
      "SKIPPED",
      "SKIPPED",
      "SKIPPED",
    ]);
    expect(after?.[0]?.endTime).toBeDefined();

    // Nothing advances any more.
    const { imagePipeline } = await client.send(
      new GetImagePipelineCommand({ imagePipelineArn: pipelineArn("web") }),
    );
    expect(imagePipeline?.lastRunStatus).toBe("CANCELLED");
  });

  it("is idempotent by client token; the token with another image is a mismatch", async () => {
    const replay = await client.send(
      new CancelImageCreationCommand({ imageBuildVersionArn: RUNNING, clientToken: "cancel-2" }),
    );
    const again = await client.send(
      new CancelImageCreationCommand({ imageBuildVersionArn: RUNNING, clientToken: "cancel-2" }),
    );
    expect(again).toMatchObject({ clientToken: "cancel-2", imageBuildVersionArn: RUNNING });
    expect(replay.imageBuildVersionArn).toBe(RUNNING);
    // A fixture build's workflow ends as a run's does.
    const { steps: after } = await client.send(
      new ListWorkflowStepExecutionsCommand({ workflowExecutionId: workflowId(1) }),
    );
    expect(after?.map((step) => step.status)).toEqual([
      "COMPLETED",
      "COMPLETED",
      "CANCELLED",
      "SKIPPED",
    ]);
    const mismatch = await caught(
      client.send(
        new CancelImageCreationCommand({ imageBuildVersionArn: FAILED, clientToken: "cancel-2" }),
      ),
    );
    expect(mismatch.name).toBe("IdempotentParameterMismatchException");
    expect(mismatch.$metadata.httpStatusCode).toBe(400);
  });

  it("refuses a finished build with ResourceInUseException naming its state", async () => {
    for (const [arn, status] of [
      [DISTRIBUTED, "AVAILABLE"],
      [FAILED, "FAILED"],
      [RUNNING, "CANCELLED"],
    ] as const) {
      const error = await caught(
        client.send(new CancelImageCreationCommand({ imageBuildVersionArn: arn })),
      );
      expect(error.name).toBe("ResourceInUseException");
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toContain(status);
    }
  });

  it("answers an unknown image with ResourceNotFoundException", async () => {
    const error = await caught(
      client.send(
        new CancelImageCreationCommand({ imageBuildVersionArn: imageArn("nope", "1.0.0", 1) }),
      ),
    );
    expect(error.name).toBe("ResourceNotFoundException");
  });

  it("checks the ARN's pattern and the token's length", async () => {
    const error = await caught(
      client.send(
        new CancelImageCreationCommand({
          imageBuildVersionArn: pipelineArn("web"),
          clientToken: "x".repeat(65),
        }),
      ),
    );
    expect(error.name).toBe("InvalidRequestException");
    expect(error.message).toContain("2 validation errors");
    expect(error.message).toContain("'imageBuildVersionArn'");
    expect(error.message).toContain(
      "'clientToken' failed to satisfy constraint: Member must have length between 1 and 64",
    );
  });
});
