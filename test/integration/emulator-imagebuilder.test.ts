import {
  type ImagebuilderClient,
  ListImagePackagesCommand,
  ListWorkflowStepExecutionsCommand,
  paginateListImagePackages,
  paginateListWorkflowStepExecutions,
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

const BIG = imageArn("big", "1.0.0", 1);
const EMPTY = imageArn("empty", "1.0.0", 1);
const FULL_PAGE = imageArn("full-page", "1.0.0", 1);
const WEST = imageArn("west", "1.0.0", 1, "us-west-2");
const WORKFLOW_BUILD = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:workflow/build/build-image/1.0.0/1`;
// AWS-owned resources carry `aws` or `aws-<owner>` where an account id would be.
const MARKETPLACE = "arn:aws:imagebuilder:us-east-1:aws-marketplace:image/cis-hardened/1.0.0/1";

const fixture: Fixture = {
  imageBuilder: {
    images: [
      { arn: BIG, packages: packages(53) },
      { arn: EMPTY, packages: [] },
      { arn: FULL_PAGE, packages: packages(25) },
      { arn: imageArn("web", "2.0.0", 3), packages: packages(2) },
      { arn: imageArn("web", "2.0.0", 1), packages: packages(1) },
      { arn: imageArn("web", "3.0.0", 9), packages: packages(1) },
      { arn: WEST, packages: packages(3) },
      { arn: MARKETPLACE, packages: packages(2) },
    ],
    pipelines: [
      {
        arn: pipelineArn("web"),
        imageName: "web",
        semanticVersion: "2.0.0",
        packages: packages(4, "nginx"),
      },
      { arn: pipelineArn("fresh"), imageName: "fresh", semanticVersion: "1.0.0" },
      {
        arn: pipelineArn("tagged"),
        imageName: "tagged",
        semanticVersion: "1.0.0",
        packages: packages(1),
      },
      {
        arn: pipelineArn("west-pipe", "us-west-2"),
        imageName: "west",
        semanticVersion: "1.0.0",
        packages: packages(2, "west"),
      },
    ],
    workflowExecutions: [
      {
        workflowExecutionId: workflowId(1),
        region: "us-east-1",
        imageBuildVersionArn: BIG,
        workflowBuildVersionArn: WORKFLOW_BUILD,
        message: "workflow completed",
        steps: steps(12),
      },
      { workflowExecutionId: workflowId(2), region: "us-east-1", steps: [] },
      { workflowExecutionId: workflowId(3), region: "us-west-2", steps: steps(2) },
    ],
  },
};

let emulator: RunningEmulator;
let client: ImagebuilderClient;
let west: ImagebuilderClient;

beforeAll(async () => {
  emulator = await startEmulator({ fixture });
  client = imageBuilderClient(emulator);
  west = imageBuilderClient(emulator, { region: "us-west-2" });
});

afterAll(async () => {
  client?.destroy();
  west?.destroy();
  await emulator?.close();
});

describe("ListImagePackages", () => {
  it("returns the first page with a next token and a request id", async () => {
    const out = await client.send(
      new ListImagePackagesCommand({ imageBuildVersionArn: BIG, maxResults: 5 }),
    );
    expect(out.imagePackageList).toEqual(packages(53).slice(0, 5));
    expect(out.nextToken).toEqual(expect.any(String));
    expect(out.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.$metadata.requestId).toBe(out.requestId);
  });

  it.each([1, 7, 25, undefined])(
    "paginates 53 packages exactly once, in order, with page size %s",
    async (pageSize) => {
      const { items, pageCount } = await collect(
        paginateListImagePackages({ client, pageSize }, { imageBuildVersionArn: BIG }),
        (page) => page.imagePackageList,
      );
      expect(items).toEqual(packages(53));
      expect(pageCount).toBe(Math.ceil(53 / (pageSize ?? 25)));
    },
  );

  it("continues from the token's offset when the page size changes between pages", async () => {
    const first = await client.send(
      new ListImagePackagesCommand({ imageBuildVersionArn: BIG, maxResults: 10 }),
    );
    const second = await client.send(
      new ListImagePackagesCommand({
        imageBuildVersionArn: BIG,
        maxResults: 3,
        nextToken: first.nextToken,
      }),
    );
    expect(second.imagePackageList).toEqual(packages(53).slice(10, 13));
    expect(second.nextToken).toBeDefined();
  });

  it("serves an empty list as one page without a token", async () => {
    const out = await client.send(new ListImagePackagesCommand({ imageBuildVersionArn: EMPTY }));
    expect(out.imagePackageList).toEqual([]);
    expect(out.nextToken).toBeUndefined();
  });

  it("serves a list of exactly one page without a token", async () => {
    const out = await client.send(
      new ListImagePackagesCommand({ imageBuildVersionArn: FULL_PAGE }),
    );
    expect(out.imagePackageList).toHaveLength(25);
    expect(out.nextToken).toBeUndefined();
  });

  it("answers an unknown image build version with ResourceNotFoundException 404", async () => {
    const error = await caught(
      client.send(
        new ListImagePackagesCommand({ imageBuildVersionArn: imageArn("nope", "1.0.0", 1) }),
      ),
    );
    expect(error.name).toBe("ResourceNotFoundException");
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it("takes an ARN whose account part is AWS itself (aws-marketplace), as the model allows", async () => {
    const out = await client.send(
      new ListImagePackagesCommand({ imageBuildVersionArn: MARKETPLACE }),
    );
    expect(out.imagePackageList).toEqual(packages(2));
    const unknown = await caught(
      client.send(
        new ListImagePackagesCommand({
          imageBuildVersionArn: "arn:aws:imagebuilder:us-east-1:aws-other-owner:image/x/1.0.0/1",
        }),
      ),
    );
    expect(unknown.name).toBe("ResourceNotFoundException");
  });

  it("finds an image only from the region in its ARN", async () => {
    const error = await caught(
      client.send(new ListImagePackagesCommand({ imageBuildVersionArn: WEST })),
    );
    expect(error.name).toBe("ResourceNotFoundException");
    const out = await west.send(new ListImagePackagesCommand({ imageBuildVersionArn: WEST }));
    expect(out.imagePackageList).toEqual(packages(3));
  });

  it.each([
    ["a missing ARN", { imageBuildVersionArn: undefined }, "imageBuildVersionArn", "not be null"],
    [
      "a malformed ARN",
      { imageBuildVersionArn: "arn:aws:s3:::bucket" },
      "imageBuildVersionArn",
      "pattern",
    ],
    [
      "an account part that is neither 12 digits nor aws-…",
      { imageBuildVersionArn: "arn:aws:imagebuilder:us-east-1:marketplace:image/x/1.0.0/1" },
      "imageBuildVersionArn",
      "pattern",
    ],
    [
      "an ARN without a build number",
      { imageBuildVersionArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/big/1.0.0` },
      "imageBuildVersionArn",
      "pattern",
    ],
    [
      "maxResults 0",
      { imageBuildVersionArn: BIG, maxResults: 0 },
      "maxResults",
      "greater than or equal to 1",
    ],
    [
      "maxResults 26",
      { imageBuildVersionArn: BIG, maxResults: 26 },
      "maxResults",
      "less than or equal to 25",
    ],
    [
      "an empty nextToken",
      { imageBuildVersionArn: BIG, nextToken: "" },
      "nextToken",
      "between 1 and 65535",
    ],
    [
      "a nextToken over 65535 characters",
      { imageBuildVersionArn: BIG, nextToken: "x".repeat(65536) },
      "nextToken",
      "between 1 and 65535",
    ],
  ])("rejects %s with InvalidRequestException 400", async (_, input, member, constraint) => {
    const error = await caught(client.send(new ListImagePackagesCommand(input)));
    expect(error.name).toBe("InvalidRequestException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain(`'${member}'`);
    expect(error.message).toContain(constraint);
  });

  it("reports every violation at once", async () => {
    const error = await caught(
      client.send(new ListImagePackagesCommand({ imageBuildVersionArn: "bad", maxResults: 99 })),
    );
    expect(error.message).toMatch(/^2 validation errors detected/);
  });

  describe("next tokens", () => {
    let token: string;
    beforeAll(async () => {
      const out = await client.send(
        new ListImagePackagesCommand({ imageBuildVersionArn: BIG, maxResults: 2 }),
      );
      token = out.nextToken ?? "";
    });

    const expectInvalidToken = async (nextToken: string, reason: RegExp) => {
      const error = await caught(
        client.send(new ListImagePackagesCommand({ imageBuildVersionArn: BIG, nextToken })),
      );
      expect(error.name).toBe("InvalidPaginationTokenException");
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toMatch(reason);
    };

    it("rejects a token that was altered", async () => {
      const altered = `${token.slice(0, 5)}${token[5] === "A" ? "B" : "A"}${token.slice(6)}`;
      await expectInvalidToken(altered, /not issued by this service or has been modified/);
    });

    it("rejects a token it never issued", async () => {
      await expectInvalidToken("page2", /not issued by this service/);
    });

    it("rejects a token reused for another image", async () => {
      const error = await caught(
        client.send(
          new ListImagePackagesCommand({ imageBuildVersionArn: FULL_PAGE, nextToken: token }),
        ),
      );
      expect(error.name).toBe("InvalidPaginationTokenException");
      expect(error.message).toMatch(/other parameters/);
    });

    it("rejects a token issued by another operation", async () => {
      const steps = await client.send(
        new ListWorkflowStepExecutionsCommand({
          workflowExecutionId: workflowId(1),
          maxResults: 1,
        }),
      );
      await expectInvalidToken(steps.nextToken ?? "", /issued for ListWorkflowStepExecutions/);
    });

    it("rejects a token issued by another emulator instance", async () => {
      const other = await startEmulator({ fixture });
      const otherClient = imageBuilderClient(other);
      try {
        const out = await otherClient.send(
          new ListImagePackagesCommand({ imageBuildVersionArn: BIG, maxResults: 2 }),
        );
        await expectInvalidToken(out.nextToken ?? "", /not issued by this service/);
      } finally {
        otherClient.destroy();
        await other.close();
      }
    });

    it("accepts the same token twice (pages are re-readable)", async () => {
      const input = { imageBuildVersionArn: BIG, maxResults: 2, nextToken: token };
      const a = await client.send(new ListImagePackagesCommand(input));
      const b = await client.send(new ListImagePackagesCommand(input));
      expect(a.imagePackageList).toEqual(packages(53).slice(2, 4));
      expect(b.imagePackageList).toEqual(a.imagePackageList);
    });
  });
});

describe("ListWorkflowStepExecutions", () => {
  it("returns the execution's members and steps", async () => {
    const out = await client.send(
      new ListWorkflowStepExecutionsCommand({ workflowExecutionId: workflowId(1), maxResults: 3 }),
    );
    expect(out).toMatchObject({
      workflowExecutionId: workflowId(1),
      imageBuildVersionArn: BIG,
      workflowBuildVersionArn: WORKFLOW_BUILD,
      message: "workflow completed",
      steps: steps(12).slice(0, 3),
    });
    expect(out.requestId).toEqual(expect.any(String));
    expect(out.nextToken).toBeDefined();
  });

  it.each([1, 5, 12, 25])("paginates 12 steps exactly once with page size %s", async (pageSize) => {
    const { items, pageCount } = await collect(
      paginateListWorkflowStepExecutions(
        { client, pageSize },
        { workflowExecutionId: workflowId(1) },
      ),
      (page) => page.steps,
    );
    expect(items).toEqual(steps(12));
    expect(pageCount).toBe(Math.ceil(12 / pageSize));
  });

  it("serves an execution without steps as one empty page", async () => {
    const out = await client.send(
      new ListWorkflowStepExecutionsCommand({ workflowExecutionId: workflowId(2) }),
    );
    expect(out.steps).toEqual([]);
    expect(out.nextToken).toBeUndefined();
  });

  it("answers an unknown execution with ResourceNotFoundException 404", async () => {
    const error = await caught(
      client.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: workflowId(99) })),
    );
    expect(error.name).toBe("ResourceNotFoundException");
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it("finds an execution only from its own region", async () => {
    const error = await caught(
      client.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: workflowId(3) })),
    );
    expect(error.name).toBe("ResourceNotFoundException");
    const out = await west.send(
      new ListWorkflowStepExecutionsCommand({ workflowExecutionId: workflowId(3) }),
    );
    expect(out.steps).toHaveLength(2);
  });

  it.each([
    ["a missing id", { workflowExecutionId: undefined }, "workflowExecutionId"],
    [
      "an id without the wf- prefix",
      { workflowExecutionId: "0123abcd-0123-4abc-8def-0123456789ab" },
      "workflowExecutionId",
    ],
    ["a short id", { workflowExecutionId: "wf-1234" }, "workflowExecutionId"],
    ["maxResults 0", { workflowExecutionId: workflowId(1), maxResults: 0 }, "maxResults"],
    ["maxResults 26", { workflowExecutionId: workflowId(1), maxResults: 26 }, "maxResults"],
    ["an empty nextToken", { workflowExecutionId: workflowId(1), nextToken: "" }, "nextToken"],
  ])("rejects %s with InvalidRequestException 400", async (_, input, member) => {
    const error = await caught(client.send(new ListWorkflowStepExecutionsCommand(input)));
    expect(error.name).toBe("InvalidRequestException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain(`'${member}'`);
  });

  it("rejects a token issued for another execution", async () => {
    const out = await west.send(
      new ListWorkflowStepExecutionsCommand({ workflowExecutionId: workflowId(3), maxResults: 1 }),
    );
    const error = await caught(
      client.send(
        new ListWorkflowStepExecutionsCommand({
          workflowExecutionId: workflowId(1),
          nextToken: out.nextToken,
        }),
      ),
    );
    expect(error.name).toBe("InvalidPaginationTokenException");
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe("StartImagePipelineExecution", () => {
  it("creates the next build of the pipeline's image, with the pipeline's packages", async () => {
    const out = await client.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn("web") }),
    );
    // web/2.0.0 has builds 1 and 3 in the fixture (web/3.0.0/9 is another version).
    expect(out.imageBuildVersionArn).toBe(imageArn("web", "2.0.0", 4));
    expect(out.clientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.requestId).toEqual(expect.any(String));

    const listed = await client.send(
      new ListImagePackagesCommand({ imageBuildVersionArn: out.imageBuildVersionArn }),
    );
    expect(listed.imagePackageList).toEqual(packages(4, "nginx"));

    const again = await client.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn("web") }),
    );
    expect(again.imageBuildVersionArn).toBe(imageArn("web", "2.0.0", 5));
  });

  it("starts at build 1 when no image of that version exists", async () => {
    const out = await client.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn("fresh") }),
    );
    expect(out.imageBuildVersionArn).toBe(imageArn("fresh", "1.0.0", 1));
    const listed = await client.send(
      new ListImagePackagesCommand({ imageBuildVersionArn: out.imageBuildVersionArn }),
    );
    expect(listed.imagePackageList).toEqual([]);
  });

  it("records a finished build workflow whose steps are listed afterwards", async () => {
    const out = await client.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn("web") }),
    );
    const ids = emulator.workflowExecutionIds(out.imageBuildVersionArn);
    expect(ids).toHaveLength(1);
    const [id = ""] = ids;
    expect(id).toMatch(/^wf-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const { items } = await collect(
      paginateListWorkflowStepExecutions({ client, pageSize: 2 }, { workflowExecutionId: id }),
      (page) => page.steps,
    );
    expect(items.map((step) => step.name)).toEqual([
      "LaunchBuildInstance",
      "ApplyBuildComponents",
      "InventoryCollection",
      "CreateOutputAMI",
      "TerminateBuildInstance",
    ]);
    let previousEnd = "";
    for (const step of items) {
      expect(step.stepExecutionId).toMatch(
        /^step-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
      expect(step).toMatchObject({ status: "COMPLETED", rollbackStatus: "SKIPPED" });
      expect(step.action).toMatch(/^[A-Za-z][A-Za-z0-9-_]{1,99}$/);
      expect(() => JSON.parse(step.inputs ?? "")).not.toThrow();
      expect(() => JSON.parse(step.outputs ?? "")).not.toThrow();
      const start = step.startTime ?? "";
      const end = step.endTime ?? "";
      expect(new Date(start).toISOString()).toBe(start);
      expect(end > start).toBe(true);
      expect(start >= previousEnd).toBe(true);
      previousEnd = end;
    }

    const first = await client.send(
      new ListWorkflowStepExecutionsCommand({ workflowExecutionId: id }),
    );
    expect(first.imageBuildVersionArn).toBe(out.imageBuildVersionArn);
    expect(first.workflowBuildVersionArn).toBe(
      "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.0/1",
    );
    expect(first.message).toEqual(expect.any(String));
  });

  it("runs a pipeline in its own region only", async () => {
    const missing = await caught(
      client.send(
        new StartImagePipelineExecutionCommand({
          imagePipelineArn: pipelineArn("west-pipe", "us-west-2"),
        }),
      ),
    );
    expect(missing.name).toBe("ResourceNotFoundException");
    expect(missing.$metadata.httpStatusCode).toBe(404);

    const out = await west.send(
      new StartImagePipelineExecutionCommand({
        imagePipelineArn: pipelineArn("west-pipe", "us-west-2"),
      }),
    );
    const arn = out.imageBuildVersionArn ?? "";
    expect(arn).toBe(imageArn("west", "1.0.0", 2, "us-west-2"));
    const [id = ""] = emulator.workflowExecutionIds(arn);
    const inWest = await west.send(
      new ListWorkflowStepExecutionsCommand({ workflowExecutionId: id }),
    );
    expect(inWest.steps).toHaveLength(5);
    expect(inWest.workflowBuildVersionArn).toContain(":us-west-2:aws:workflow/build/");
    const fromEast = await caught(
      client.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: id })),
    );
    expect(fromEast.name).toBe("ResourceNotFoundException");
  });

  it("answers an unknown pipeline with ResourceNotFoundException 404", async () => {
    const error = await caught(
      client.send(
        new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn("ghost") }),
      ),
    );
    expect(error.name).toBe("ResourceNotFoundException");
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  describe("idempotency", () => {
    it("replays the original result for the same token and parameters, creating nothing", async () => {
      const input = {
        imagePipelineArn: pipelineArn("tagged"),
        clientToken: "token-same-params",
        tags: { team: "imaging", env: "test" },
      };
      const first = await client.send(new StartImagePipelineExecutionCommand(input));
      const replay = await client.send(
        new StartImagePipelineExecutionCommand({
          ...input,
          tags: { env: "test", team: "imaging" },
        }),
      );
      expect(replay.imageBuildVersionArn).toBe(first.imageBuildVersionArn);
      expect(replay.clientToken).toBe("token-same-params");
      expect(replay.requestId).not.toBe(first.requestId);
      expect(emulator.workflowExecutionIds(first.imageBuildVersionArn)).toHaveLength(1);

      const next = await client.send(
        new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn("tagged") }),
      );
      expect(next.imageBuildVersionArn).toBe(imageArn("tagged", "1.0.0", 2));
    });

    it.each([
      ["another pipeline", { imagePipelineArn: pipelineArn("fresh") }],
      ["other tags", { imagePipelineArn: pipelineArn("web"), tags: { a: "b" } }],
      ["an unknown pipeline", { imagePipelineArn: pipelineArn("ghost") }],
    ])(
      "rejects the same token with %s as IdempotentParameterMismatchException 400",
      async (_, other) => {
        const clientToken = `mismatch-${Math.random().toString(36).slice(2, 10)}`;
        await client.send(
          new StartImagePipelineExecutionCommand({
            imagePipelineArn: pipelineArn("web"),
            clientToken,
          }),
        );
        const error = await caught(
          client.send(new StartImagePipelineExecutionCommand({ ...other, clientToken })),
        );
        expect(error.name).toBe("IdempotentParameterMismatchException");
        expect(error.$metadata.httpStatusCode).toBe(400);
        expect(error.message).toContain(clientToken);
      },
    );

    it("treats the same token in another region as a new request", async () => {
      const clientToken = "token-per-region";
      await client.send(
        new StartImagePipelineExecutionCommand({
          imagePipelineArn: pipelineArn("fresh"),
          clientToken,
        }),
      );
      const out = await west.send(
        new StartImagePipelineExecutionCommand({
          imagePipelineArn: pipelineArn("west-pipe", "us-west-2"),
          clientToken,
        }),
      );
      expect(out.imageBuildVersionArn).toContain(":us-west-2:");
    });
  });

  it.each([
    [
      "a malformed pipeline ARN",
      { imagePipelineArn: "arn:aws:imagebuilder:us-east-1:123:image-pipeline/x" },
      "imagePipelineArn",
    ],
    ["an upper-case pipeline name", { imagePipelineArn: pipelineArn("Web") }, "imagePipelineArn"],
    ["a missing pipeline ARN", { imagePipelineArn: undefined }, "imagePipelineArn"],
    [
      "a 65-character client token",
      { imagePipelineArn: pipelineArn("web"), clientToken: "x".repeat(65) },
      "clientToken",
    ],
    ["an empty tag map", { imagePipelineArn: pipelineArn("web"), tags: {} }, "tags"],
    [
      "51 tags",
      {
        imagePipelineArn: pipelineArn("web"),
        tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])),
      },
      "tags",
    ],
    [
      "a tag key starting with aws:",
      { imagePipelineArn: pipelineArn("web"), tags: { "aws:owner": "x" } },
      "tags.key",
    ],
    [
      "a 129-character tag key",
      { imagePipelineArn: pipelineArn("web"), tags: { ["k".repeat(129)]: "x" } },
      "tags.key",
    ],
    [
      "a tag key with characters outside the model's set (a;b<c)",
      { imagePipelineArn: pipelineArn("web"), tags: { "a;b<c": "x" } },
      "tags.key",
    ],
    [
      "a tag key with a comma",
      { imagePipelineArn: pipelineArn("web"), tags: { "a,b": "x" } },
      "tags.key",
    ],
    [
      "a 257-character tag value",
      { imagePipelineArn: pipelineArn("web"), tags: { k: "v".repeat(257) } },
      "tags.k",
    ],
  ])("rejects %s with InvalidRequestException 400", async (_, input, member) => {
    const before = emulator.workflowExecutionIds().length;
    const error = await caught(client.send(new StartImagePipelineExecutionCommand(input)));
    expect(error.name).toBe("InvalidRequestException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain(`'${member}'`);
    expect(emulator.workflowExecutionIds()).toHaveLength(before);
  });

  it("accepts tags at the limits (50 entries, 128-character keys, 256-character and empty values)", async () => {
    const tags = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`k${i}`, "v"]));
    tags["k".repeat(128)] = "v".repeat(256);
    tags["a+-=._:/Z9"] = "";
    const out = await client.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn("fresh"), tags }),
    );
    expect(out.imageBuildVersionArn).toContain("image/fresh/1.0.0/");
  });

  it("accepts every character the model's tag key pattern allows (owner@team, spaces, = + -)", async () => {
    const tags = { "owner@team": "imaging", "cost center": "42", "a=b+c-d_e.f:g/h": "x" };
    const out = await client.send(
      new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn("fresh"), tags }),
    );
    expect(out.imageBuildVersionArn).toContain("image/fresh/1.0.0/");
  });

  it("accepts client tokens of 1 to 64 characters", async () => {
    for (const clientToken of ["t", "t".repeat(64)]) {
      const out = await client.send(
        new StartImagePipelineExecutionCommand({
          imagePipelineArn: pipelineArn("fresh"),
          clientToken,
        }),
      );
      expect(out.clientToken).toBe(clientToken);
    }
  });
});

describe("Image Builder with emptyTrailingPage and tokenTtlMs", () => {
  it("follows an exactly-full last page with an empty page that carries no token", async () => {
    const trailing = await startEmulator({ fixture, emptyTrailingPage: true });
    const trailingClient = imageBuilderClient(trailing);
    try {
      const first = await trailingClient.send(
        new ListImagePackagesCommand({ imageBuildVersionArn: FULL_PAGE }),
      );
      expect(first.imagePackageList).toHaveLength(25);
      expect(first.nextToken).toEqual(expect.any(String));
      const last = await trailingClient.send(
        new ListImagePackagesCommand({
          imageBuildVersionArn: FULL_PAGE,
          nextToken: first.nextToken,
        }),
      );
      expect(last.imagePackageList).toEqual([]);
      expect(last.nextToken).toBeUndefined();

      const sizes: number[] = [];
      const seen: unknown[] = [];
      for await (const page of paginateListWorkflowStepExecutions(
        { client: trailingClient, pageSize: 6 },
        { workflowExecutionId: workflowId(1) },
      )) {
        sizes.push(page.steps?.length ?? -1);
        seen.push(...(page.steps ?? []));
      }
      expect(sizes).toEqual([6, 6, 0]);
      expect(seen).toEqual(steps(12));

      const empty = await trailingClient.send(
        new ListImagePackagesCommand({ imageBuildVersionArn: EMPTY }),
      );
      expect(empty.nextToken).toBeUndefined();
    } finally {
      trailingClient.destroy();
      await trailing.close();
    }
  });

  it("rejects an expired token with InvalidPaginationTokenException 400", async () => {
    const expiring = await startEmulator({ fixture, tokenTtlMs: 1 });
    const expiringClient = imageBuilderClient(expiring);
    try {
      const first = await expiringClient.send(
        new ListImagePackagesCommand({ imageBuildVersionArn: BIG, maxResults: 5 }),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      const error = await caught(
        expiringClient.send(
          new ListImagePackagesCommand({ imageBuildVersionArn: BIG, nextToken: first.nextToken }),
        ),
      );
      expect(error.name).toBe("InvalidPaginationTokenException");
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toMatch(/expired/);
    } finally {
      expiringClient.destroy();
      await expiring.close();
    }
  });
});
