// The Image Builder read operations that make the graph navigable from the top:
// ListImagePipelines, ListImagePipelineImages, GetImage, GetImagePipeline and
// ListWorkflowExecutions, through the real SDK client and its paginators, and builds that a
// pipeline run starts moving through their steps over time.

import {
  GetImageCommand,
  GetImagePipelineCommand,
  type ImagebuilderClient,
  ListImagePipelineImagesCommand,
  ListImagePipelinesCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  paginateListImagePipelineImages,
  paginateListImagePipelines,
  paginateListWorkflowExecutions,
  StartImagePipelineExecutionCommand,
} from "@aws-sdk/client-imagebuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import {
  ACCOUNT,
  caught,
  collect,
  imageArn,
  imageBuilderClient,
  packages,
  pipelineArn,
  steps,
  workflowId,
} from "../helpers/emulator-clients.js";

const WORKFLOW_BUILD = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:workflow/build/build-image/1.0.0/1`;
// 30 pipelines: more than one page of 25.
const MANY = Array.from({ length: 30 }, (_, i) => `p${String(i).padStart(2, "0")}`);

const fixture: Fixture = {
  imageBuilder: {
    images: [
      ...Array.from({ length: 27 }, (_, i) => ({ arn: imageArn("app", "1.0.0", i + 1) })),
      { arn: imageArn("app", "2.0.0", 1) },
      {
        arn: imageArn("described", "1.0.0", 1),
        platform: "Windows",
        osVersion: "Microsoft Windows Server 2019",
        state: { status: "DEPRECATED", reason: "superseded" },
        dateCreated: "2026-02-01T10:00:00Z",
        buildType: "SCHEDULED",
      },
      { arn: imageArn("broken", "1.0.0", 1) },
      { arn: imageArn("west", "1.0.0", 1, "us-west-2") },
    ],
    pipelines: [
      // Only today's members: everything else is derived or generated.
      { arn: pipelineArn("app"), imageName: "app", semanticVersion: "1.0.0" },
      {
        arn: pipelineArn("described"),
        imageName: "described",
        semanticVersion: "1.0.0",
        name: "Described pipeline",
        description: "Nightly Windows build",
        platform: "Windows",
        status: "DISABLED",
        schedule: {
          scheduleExpression: "cron(0 3 * * ? *)",
          timezone: "Europe/Berlin",
          pipelineExecutionStartCondition: "EXPRESSION_MATCH_ONLY",
        },
        dateCreated: "2025-12-01T00:00:00Z",
        dateNextRun: "2026-03-02T02:00:00Z",
      },
      {
        arn: pipelineArn("slow"),
        imageName: "slow",
        semanticVersion: "1.0.0",
        packages: packages(2),
      },
      {
        arn: pipelineArn("doomed"),
        imageName: "doomed",
        semanticVersion: "1.0.0",
        buildOutcome: "FAILED",
      },
      ...MANY.map((name) => ({
        arn: pipelineArn(name),
        imageName: name,
        semanticVersion: "1.0.0",
      })),
      { arn: pipelineArn("west", "us-west-2"), imageName: "west", semanticVersion: "1.0.0" },
    ],
    workflowExecutions: [
      ...Array.from({ length: 27 }, (_, i) => ({
        workflowExecutionId: workflowId(100 + i),
        region: "us-east-1",
        imageBuildVersionArn: imageArn("app", "1.0.0", 27),
        workflowBuildVersionArn: WORKFLOW_BUILD,
        steps: steps(2),
      })),
      {
        workflowExecutionId: workflowId(1),
        region: "us-east-1",
        imageBuildVersionArn: imageArn("broken", "1.0.0", 1),
        message: "Workflow failed",
        steps: [
          { ...steps(1)[0], stepExecutionId: "step-a" },
          {
            stepExecutionId: "step-b",
            name: "Build",
            status: "FAILED",
            message: "component exited with 1",
            startTime: "2026-03-01T12:05:00Z",
            endTime: "2026-03-01T12:06:00Z",
          },
          { stepExecutionId: "step-c", name: "Skipped", status: "SKIPPED" },
        ],
      },
    ],
  },
};

let emulator: RunningEmulator;
let live: RunningEmulator;
let client: ImagebuilderClient;
let liveClient: ImagebuilderClient;
let west: ImagebuilderClient;

beforeAll(async () => {
  emulator = await startEmulator({ fixture });
  live = await startEmulator({ fixture, buildStepMs: 300 });
  client = imageBuilderClient(emulator);
  liveClient = imageBuilderClient(live);
  west = imageBuilderClient(emulator, { region: "us-west-2" });
});

afterAll(async () => {
  for (const each of [client, liveClient, west]) each?.destroy();
  await emulator?.close();
  await live?.close();
});

async function expectInvalid(call: Promise<unknown>, ...fragments: string[]) {
  const error = await caught(call);
  expect(error.name).toBe("InvalidRequestException");
  expect(error.$metadata.httpStatusCode).toBe(400);
  for (const fragment of fragments) expect(error.message).toContain(fragment);
}

describe("ListImagePipelines", () => {
  it("pages every pipeline of the region exactly once, in fixture order", async () => {
    for (const pageSize of [1, 7, 25, undefined]) {
      const { items, pageCount } = await collect(
        paginateListImagePipelines({ client, pageSize }, {}),
        (page) => page.imagePipelineList,
      );
      const names = ["app", "described", "slow", "doomed", ...MANY];
      expect(items.map((pipeline) => pipeline.arn)).toEqual(names.map((name) => pipelineArn(name)));
      expect(pageCount).toBe(Math.ceil(names.length / (pageSize ?? 25)));
    }
    const { items } = await collect(
      paginateListImagePipelines({ client: west }, {}),
      (page) => page.imagePipelineList,
    );
    expect(items.map((pipeline) => pipeline.arn)).toEqual([pipelineArn("west", "us-west-2")]);
  });

  it("derives what a fixture with only today's members leaves out", async () => {
    const out = await client.send(new ListImagePipelinesCommand({ maxResults: 1 }));
    expect(out.imagePipelineList?.[0]).toMatchObject({
      arn: pipelineArn("app"),
      name: "app",
      description: "Builds app 1.0.0.",
      platform: "Linux",
      enhancedImageMetadataEnabled: true,
      imageRecipeArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image-recipe/app/1.0.0`,
      infrastructureConfigurationArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:infrastructure-configuration/app`,
      imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 720 },
      status: "ENABLED",
      // The earliest of its builds' dates; builds without workflows have the generated one.
      dateCreated: "2026-01-01T00:00:00.000Z",
      dateUpdated: "2026-01-01T00:00:00.000Z",
      lastRunStatus: "AVAILABLE",
    });
    expect(out.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("serves the fixture's own members", async () => {
    const out = await client.send(
      new ListImagePipelinesCommand({
        filters: [{ name: "name", values: ["Described pipeline"] }],
      }),
    );
    expect(out.imagePipelineList).toHaveLength(1);
    expect(out.imagePipelineList?.[0]).toMatchObject({
      name: "Described pipeline",
      description: "Nightly Windows build",
      platform: "Windows",
      status: "DISABLED",
      schedule: {
        scheduleExpression: "cron(0 3 * * ? *)",
        timezone: "Europe/Berlin",
        pipelineExecutionStartCondition: "EXPRESSION_MATCH_ONLY",
      },
      dateCreated: "2025-12-01T00:00:00Z",
      dateUpdated: "2025-12-01T00:00:00Z",
      dateNextRun: "2026-03-02T02:00:00Z",
      lastRunStatus: "DEPRECATED",
    });
  });

  it("ANDs filters and ORs a filter's values", async () => {
    const out = await client.send(
      new ListImagePipelinesCommand({
        filters: [
          { name: "status", values: ["ENABLED"] },
          { name: "name", values: ["app", "described", "p03"] },
        ],
      }),
    );
    expect(out.imagePipelineList?.map((pipeline) => pipeline.name)).toEqual(["app", "p03"]);
  });

  it("pages a filtered list and binds its tokens to the filters", async () => {
    const filters = [{ name: "status", values: ["ENABLED"] }];
    const { items } = await collect(
      paginateListImagePipelines({ client, pageSize: 4 }, { filters }),
      (page) => page.imagePipelineList,
    );
    expect(items).toHaveLength(33);
    const first = await client.send(new ListImagePipelinesCommand({ filters, maxResults: 2 }));
    const error = await caught(
      client.send(new ListImagePipelinesCommand({ maxResults: 2, nextToken: first.nextToken })),
    );
    expect(error.name).toBe("InvalidPaginationTokenException");
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it("rejects an unsupported filter name, naming the supported ones", async () => {
    await expectInvalid(
      client.send(new ListImagePipelinesCommand({ filters: [{ name: "owner", values: ["x"] }] })),
      "owner",
      "description, status, imageRecipeArn",
    );
  });

  it.each([
    ["no filters in the list", [], "length between 1 and 10"],
    [
      "11 filters",
      Array.from({ length: 11 }, () => ({ name: "name", values: ["a"] })),
      "length between 1 and 10",
    ],
    ["a filter without values", [{ name: "name" }], "filters.1.member.values"],
    [
      "a filter with 11 values",
      [{ name: "name", values: Array(11).fill("a") }],
      "between 1 and 10",
    ],
    ["a filter name with digits", [{ name: "name1", values: ["a"] }], "^[a-zA-Z]{1,1024}$"],
    ["a filter value with a forbidden character", [{ name: "name", values: ["a*b"] }], "pattern"],
  ])("rejects %s with InvalidRequestException", async (_, filters, fragment) => {
    await expectInvalid(
      client.send(new ListImagePipelinesCommand({ filters: filters as never })),
      fragment,
    );
  });

  it.each([0, 26, 1.5])("rejects maxResults %s", async (maxResults) => {
    await expectInvalid(client.send(new ListImagePipelinesCommand({ maxResults })), "maxResults");
  });

  it("rejects a token it did not issue with InvalidPaginationTokenException", async () => {
    const error = await caught(client.send(new ListImagePipelinesCommand({ nextToken: "forged" })));
    expect(error.name).toBe("InvalidPaginationTokenException");
  });
});

describe("ListImagePipelineImages", () => {
  it("pages a pipeline's builds newest first, exactly once", async () => {
    for (const pageSize of [1, 5, 25, undefined]) {
      const { items, pageCount } = await collect(
        paginateListImagePipelineImages(
          { client, pageSize },
          { imagePipelineArn: pipelineArn("app") },
        ),
        (page) => page.imageSummaryList,
      );
      // app/1.0.0 builds 27 down to 1; app/2.0.0 is another version.
      expect(items.map((image) => image.arn)).toEqual(
        Array.from({ length: 27 }, (_, i) => imageArn("app", "1.0.0", 27 - i)),
      );
      expect(pageCount).toBe(Math.ceil(27 / (pageSize ?? 25)));
    }
  });

  it("summarises each build, derived where the fixture is silent", async () => {
    const out = await client.send(
      new ListImagePipelineImagesCommand({ imagePipelineArn: pipelineArn("app"), maxResults: 1 }),
    );
    expect(out.imageSummaryList?.[0]).toEqual({
      arn: imageArn("app", "1.0.0", 27),
      name: "app",
      type: "AMI",
      version: "1.0.0/27",
      platform: "Linux",
      osVersion: "Amazon Linux 2023",
      state: { status: "AVAILABLE" },
      owner: ACCOUNT,
      dateCreated: "2026-03-01T12:00:00Z",
      buildType: "USER_INITIATED",
      imageSource: "CUSTOM",
    });
    const described = await client.send(
      new ListImagePipelineImagesCommand({ imagePipelineArn: pipelineArn("described") }),
    );
    expect(described.imageSummaryList?.[0]).toMatchObject({
      platform: "Windows",
      osVersion: "Microsoft Windows Server 2019",
      state: { status: "DEPRECATED", reason: "superseded" },
      dateCreated: "2026-02-01T10:00:00Z",
      buildType: "SCHEDULED",
    });
  });

  it("filters by version, a semantic version or one build", async () => {
    const build = await client.send(
      new ListImagePipelineImagesCommand({
        imagePipelineArn: pipelineArn("app"),
        filters: [{ name: "version", values: ["1.0.0/3", "1.0.0/5"] }],
      }),
    );
    expect(build.imageSummaryList?.map((image) => image.version)).toEqual(["1.0.0/5", "1.0.0/3"]);
    const none = await client.send(
      new ListImagePipelineImagesCommand({
        imagePipelineArn: pipelineArn("app"),
        filters: [{ name: "version", values: ["2.0.0"] }],
      }),
    );
    expect(none.imageSummaryList).toEqual([]);
    await expectInvalid(
      client.send(
        new ListImagePipelineImagesCommand({
          imagePipelineArn: pipelineArn("app"),
          filters: [{ name: "status", values: ["AVAILABLE"] }],
        }),
      ),
      "name, version",
    );
  });

  it("answers a pipeline without builds with one empty page", async () => {
    const out = await client.send(
      new ListImagePipelineImagesCommand({ imagePipelineArn: pipelineArn("p07") }),
    );
    expect(out.imageSummaryList).toEqual([]);
    expect(out.nextToken).toBeUndefined();
  });

  it("answers an unknown pipeline, or one of another region, with ResourceNotFoundException 404", async () => {
    for (const imagePipelineArn of [pipelineArn("ghost"), pipelineArn("west", "us-west-2")]) {
      const error = await caught(
        client.send(new ListImagePipelineImagesCommand({ imagePipelineArn })),
      );
      expect(error.name).toBe("ResourceNotFoundException");
      expect(error.$metadata.httpStatusCode).toBe(404);
    }
  });

  it("requires a well-formed pipeline ARN", async () => {
    await expectInvalid(
      client.send(new ListImagePipelineImagesCommand({ imagePipelineArn: undefined })),
      "imagePipelineArn",
      "must not be null",
    );
    await expectInvalid(
      client.send(
        new ListImagePipelineImagesCommand({ imagePipelineArn: imageArn("app", "1.0.0", 1) }),
      ),
      "image-pipeline/[a-z0-9-_]+$",
    );
  });
});

describe("GetImage", () => {
  it("describes a build, with the pipeline that made it", async () => {
    const out = await client.send(
      new GetImageCommand({ imageBuildVersionArn: imageArn("app", "1.0.0", 2) }),
    );
    expect(out.image).toMatchObject({
      arn: imageArn("app", "1.0.0", 2),
      name: "app",
      type: "AMI",
      version: "1.0.0/2",
      platform: "Linux",
      osVersion: "Amazon Linux 2023",
      state: { status: "AVAILABLE" },
      dateCreated: "2026-01-01T00:00:00.000Z",
      buildType: "USER_INITIATED",
      imageSource: "CUSTOM",
      enhancedImageMetadataEnabled: true,
      sourcePipelineName: "app",
      sourcePipelineArn: pipelineArn("app"),
    });
  });

  it("derives a failed build's state and reason from its failed step", async () => {
    const out = await client.send(
      new GetImageCommand({ imageBuildVersionArn: imageArn("broken", "1.0.0", 1) }),
    );
    expect(out.image?.state).toEqual({ status: "FAILED", reason: "component exited with 1" });
    expect(out.image?.sourcePipelineArn).toBeUndefined();
  });

  it("serves the newest build for a version ARN, wildcards included", async () => {
    const version = await client.send(
      new GetImageCommand({
        imageBuildVersionArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/app/1.0.0`,
      }),
    );
    expect(version.image?.arn).toBe(imageArn("app", "1.0.0", 27));
    const wildcard = await client.send(
      new GetImageCommand({
        imageBuildVersionArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/app/x.x.x`,
      }),
    );
    expect(wildcard.image?.arn).toBe(imageArn("app", "2.0.0", 1));
  });

  it("answers an unknown image, or one of another region, with ResourceNotFoundException 404", async () => {
    for (const imageBuildVersionArn of [
      imageArn("ghost", "1.0.0", 1),
      imageArn("west", "1.0.0", 1, "us-west-2"),
    ]) {
      const error = await caught(client.send(new GetImageCommand({ imageBuildVersionArn })));
      expect(error.name).toBe("ResourceNotFoundException");
      expect(error.$metadata.httpStatusCode).toBe(404);
    }
  });

  it("requires a well-formed ARN in the query string", async () => {
    await expectInvalid(
      client.send(new GetImageCommand({ imageBuildVersionArn: undefined })),
      "must not be null",
    );
    await expectInvalid(
      client.send(new GetImageCommand({ imageBuildVersionArn: pipelineArn("app") })),
      "imageBuildVersionArn",
    );
  });
});

describe("GetImagePipeline", () => {
  it("describes a pipeline as ListImagePipelines lists it", async () => {
    const listed = await client.send(new ListImagePipelinesCommand({ maxResults: 2 }));
    const out = await client.send(
      new GetImagePipelineCommand({ imagePipelineArn: pipelineArn("described") }),
    );
    expect(out.imagePipeline).toEqual(listed.imagePipelineList?.[1]);
  });

  it("answers unknown and malformed pipelines with the documented errors", async () => {
    const error = await caught(
      client.send(new GetImagePipelineCommand({ imagePipelineArn: pipelineArn("ghost") })),
    );
    expect(error.name).toBe("ResourceNotFoundException");
    expect(error.$metadata.httpStatusCode).toBe(404);
    await expectInvalid(
      client.send(new GetImagePipelineCommand({ imagePipelineArn: "arn:aws:nope" })),
      "imagePipelineArn",
    );
  });
});

describe("ListWorkflowExecutions", () => {
  it("pages an image's workflow executions exactly once, with counts derived from the steps", async () => {
    const imageBuildVersionArn = imageArn("app", "1.0.0", 27);
    for (const pageSize of [1, 10, 25, undefined]) {
      const { items, pageCount } = await collect(
        paginateListWorkflowExecutions({ client, pageSize }, { imageBuildVersionArn }),
        (page) => page.workflowExecutions,
      );
      expect(items.map((item) => item.workflowExecutionId)).toEqual(
        Array.from({ length: 27 }, (_, i) => workflowId(100 + i)),
      );
      expect(pageCount).toBe(Math.ceil(27 / (pageSize ?? 25)));
    }
    const out = await client.send(
      new ListWorkflowExecutionsCommand({ imageBuildVersionArn, maxResults: 1 }),
    );
    expect(out.imageBuildVersionArn).toBe(imageBuildVersionArn);
    expect(out.workflowExecutions?.[0]).toEqual({
      workflowBuildVersionArn: WORKFLOW_BUILD,
      workflowExecutionId: workflowId(100),
      type: "BUILD",
      status: "COMPLETED",
      totalStepCount: 2,
      totalStepsSucceeded: 2,
      totalStepsFailed: 0,
      totalStepsSkipped: 0,
      startTime: "2026-03-01T12:00:00Z",
      endTime: "2026-03-01T12:03:00Z",
    });
  });

  it("reports a failed workflow and the image's failure message", async () => {
    const out = await client.send(
      new ListWorkflowExecutionsCommand({ imageBuildVersionArn: imageArn("broken", "1.0.0", 1) }),
    );
    expect(out.message).toBe("component exited with 1");
    expect(out.workflowExecutions).toEqual([
      expect.objectContaining({
        status: "FAILED",
        message: "Workflow failed",
        totalStepCount: 3,
        totalStepsSucceeded: 1,
        totalStepsFailed: 1,
        totalStepsSkipped: 1,
        endTime: "2026-03-01T12:06:00Z",
      }),
    ]);
  });

  it("answers an image without executions with one empty page, an unknown one with 404", async () => {
    const empty = await client.send(
      new ListWorkflowExecutionsCommand({ imageBuildVersionArn: imageArn("app", "1.0.0", 1) }),
    );
    expect(empty.workflowExecutions).toEqual([]);
    expect(empty.nextToken).toBeUndefined();
    const error = await caught(
      client.send(
        new ListWorkflowExecutionsCommand({ imageBuildVersionArn: imageArn("ghost", "1.0.0", 1) }),
      ),
    );
    expect(error.name).toBe("ResourceNotFoundException");
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it("validates its members", async () => {
    await expectInvalid(
      client.send(
        new ListWorkflowExecutionsCommand({
          imageBuildVersionArn: "arn:aws:imagebuilder:us-east-1:123456789012:image/app/1.0.0",
          maxResults: 30,
        }),
      ),
      "2 validation errors",
      "imageBuildVersionArn",
      "maxResults",
    );
    const error = await caught(
      client.send(
        new ListWorkflowExecutionsCommand({
          imageBuildVersionArn: imageArn("app", "1.0.0", 27),
          nextToken: "forged",
        }),
      ),
    );
    expect(error.name).toBe("InvalidPaginationTokenException");
  });
});

describe("a build started by a pipeline run", () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function progress(imageBuildVersionArn: string) {
    const [image, executions] = await Promise.all([
      liveClient.send(new GetImageCommand({ imageBuildVersionArn })),
      liveClient.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn })),
    ]);
    const [execution] = executions.workflowExecutions ?? [];
    const listed = await liveClient.send(
      new ListWorkflowStepExecutionsCommand({
        workflowExecutionId: execution?.workflowExecutionId ?? "",
      }),
    );
    return {
      image: image.image?.state,
      workflow: execution?.status,
      steps: listed.steps?.map((step) => step.status),
    };
  }

  it("moves through its steps one at a time and ends AVAILABLE", async () => {
    const started = await liveClient.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn("slow") }),
    );
    const arn = started.imageBuildVersionArn ?? "";
    // The pipeline lists it as its newest build, still building.
    const builds = await liveClient.send(
      new ListImagePipelineImagesCommand({ imagePipelineArn: pipelineArn("slow") }),
    );
    expect(builds.imageSummaryList?.[0]).toMatchObject({ arn, state: { status: "BUILDING" } });

    // Watch it to the end; every look must be one moment of one step-after-step run.
    const seen: Awaited<ReturnType<typeof progress>>[] = [];
    const deadline = Date.now() + 15_000;
    for (;;) {
      const now = await progress(arn);
      seen.push(now);
      if (now.image?.status !== "BUILDING" || Date.now() > deadline) break;
      await sleep(40);
    }
    for (const look of seen.slice(0, -1)) {
      expect(look.image).toEqual({ status: "BUILDING" });
      // A look is three calls: it may straddle the end, the image (and the workflow) read just
      // before it, the steps just after.
      if (look.steps?.every((step) => step === "COMPLETED")) {
        expect(["RUNNING", "COMPLETED"]).toContain(look.workflow);
        continue;
      }
      expect(look.workflow).not.toBe("COMPLETED");
      expect(look.workflow).toBe("RUNNING");
      expect(look.steps?.join(" ")).toMatch(/^(COMPLETED )*RUNNING( PENDING)*$/);
    }
    // It was seen running more than one step: the steps took turns.
    const running = new Set(seen.map((look) => look.steps?.indexOf("RUNNING")));
    expect(running.size).toBeGreaterThan(2);
    expect(seen.at(-1)).toEqual({
      image: { status: "AVAILABLE" },
      workflow: "COMPLETED",
      steps: ["COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED"],
    });
    const pipeline = await liveClient.send(
      new GetImagePipelineCommand({ imagePipelineArn: pipelineArn("slow") }),
    );
    expect(pipeline.imagePipeline?.lastRunStatus).toBe("AVAILABLE");
  });

  it("fails at a step, skips the rest and ends FAILED with the step's message", async () => {
    const started = await liveClient.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn("doomed") }),
    );
    const arn = started.imageBuildVersionArn ?? "";
    let done = await progress(arn);
    for (const deadline = Date.now() + 15_000; done.image?.status === "BUILDING"; ) {
      expect(Date.now()).toBeLessThan(deadline);
      await sleep(40);
      done = await progress(arn);
    }
    expect(done.image?.status).toBe("FAILED");
    expect(done.image?.reason).toMatch(/ApplyBuildComponents failed/);
    expect(done.workflow).toBe("FAILED");
    expect(done.steps).toEqual(["COMPLETED", "FAILED", "SKIPPED", "SKIPPED", "SKIPPED"]);
  });
});
