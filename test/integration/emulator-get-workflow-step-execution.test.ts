import {
  GetWorkflowStepExecutionCommand,
  type ImagebuilderClient,
  ListWorkflowStepExecutionsCommand,
  StartImagePipelineExecutionCommand,
} from "@aws-sdk/client-imagebuilder";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type EmulatorOptions,
  type Fixture,
  type RunningEmulator,
  startEmulator,
} from "../../src/emulator/index.js";
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

const BUILD = imageArn("web", "1.0.0", 1);
const WEST_BUILD = imageArn("west", "1.0.0", 1, "us-west-2");
const WORKFLOW_BUILD = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:workflow/build/build-image/1.0.0/1`;
/** Step ids of the documented `step-<uuid>` form. */
const stepId = (n: number) => `step-0123abcd-0123-4abc-8def-${n.toString(16).padStart(12, "0")}`;

const DETAILED_STEP = {
  stepExecutionId: stepId(1),
  name: "ApplyBuildComponents",
  description: "Run the build phase",
  action: "ExecuteComponents",
  status: "FAILED" as const,
  rollbackStatus: "COMPLETED" as const,
  message: "component failed",
  inputs: JSON.stringify({ instanceId: "i-0123" }),
  outputs: JSON.stringify({ exitCode: 1 }),
  startTime: "2026-03-01T12:00:00Z",
  endTime: "2026-03-01T12:07:00.500Z",
};
const PENDING_STEP = { stepExecutionId: stepId(2), name: "Later", status: "PENDING" as const };
const WEST_STEP = { stepExecutionId: stepId(3), name: "WestStep", status: "COMPLETED" as const };

const fixture: Fixture = {
  imageBuilder: {
    images: [
      { arn: BUILD, packages: packages(2) },
      { arn: WEST_BUILD, packages: [] },
    ],
    pipelines: [
      {
        arn: pipelineArn("web"),
        imageName: "web",
        semanticVersion: "1.0.0",
        packages: packages(3, "nginx"),
      },
    ],
    workflowExecutions: [
      {
        workflowExecutionId: workflowId(1),
        region: "us-east-1",
        imageBuildVersionArn: BUILD,
        workflowBuildVersionArn: WORKFLOW_BUILD,
        message: "workflow failed",
        steps: [DETAILED_STEP, PENDING_STEP],
      },
      // The test helper's step ids ("step-0000"…) do not have the model's form.
      { workflowExecutionId: workflowId(2), region: "us-east-1", steps: steps(3) },
      {
        workflowExecutionId: workflowId(3),
        region: "us-west-2",
        imageBuildVersionArn: WEST_BUILD,
        steps: [WEST_STEP, ...steps(1).map((step) => ({ ...step, name: "WestCopy" }))],
      },
    ],
  },
};

const running: RunningEmulator[] = [];
async function emulatorWith(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const started = await startEmulator({ fixture, ...options });
  running.push(started);
  return started;
}

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

afterEach(async () => {
  await Promise.all(running.splice(0).map((each) => each.close()));
});

const authorization = (region: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/${region}/imagebuilder/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;

async function raw(
  target: RunningEmulator,
  path: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(`${target.url}${path}`, {
    method: init.method ?? "GET",
    headers: init.headers ?? { authorization: authorization("us-east-1") },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

describe("GetWorkflowStepExecution", () => {
  it("returns a fixture step with its execution's members and a request id", async () => {
    const out = await client.send(
      new GetWorkflowStepExecutionCommand({ stepExecutionId: stepId(1) }),
    );
    const { $metadata, ...body } = out;
    expect(body).toEqual({
      requestId: $metadata.requestId,
      ...DETAILED_STEP,
      workflowExecutionId: workflowId(1),
      workflowBuildVersionArn: WORKFLOW_BUILD,
      imageBuildVersionArn: BUILD,
    });
    expect(out.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("leaves out what the fixture does not give", async () => {
    const out = await client.send(
      new GetWorkflowStepExecutionCommand({ stepExecutionId: stepId(2) }),
    );
    const { $metadata: _metadata, requestId: _requestId, ...body } = out;
    expect(body).toEqual({
      ...PENDING_STEP,
      workflowExecutionId: workflowId(1),
      workflowBuildVersionArn: WORKFLOW_BUILD,
      imageBuildVersionArn: BUILD,
    });
  });

  it("agrees with ListWorkflowStepExecutions for every step", async () => {
    const listed = await client.send(
      new ListWorkflowStepExecutionsCommand({ workflowExecutionId: workflowId(1) }),
    );
    for (const step of listed.steps ?? []) {
      const out = await client.send(
        new GetWorkflowStepExecutionCommand({ stepExecutionId: step.stepExecutionId }),
      );
      expect(out).toMatchObject(step);
    }
  });

  it("finds the steps of a workflow execution a pipeline run created", async () => {
    const started = await emulatorWith();
    const ib = imageBuilderClient(started);
    try {
      const run = await ib.send(
        new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn("web") }),
      );
      const [workflowExecutionId = ""] = started.workflowExecutionIds(run.imageBuildVersionArn);
      const listed = await ib.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId }));
      expect(listed.steps?.length).toBeGreaterThan(0);
      for (const step of listed.steps ?? []) {
        expect(step.stepExecutionId).toMatch(/^step-[0-9a-f-]{36}$/);
        const out = await ib.send(
          new GetWorkflowStepExecutionCommand({ stepExecutionId: step.stepExecutionId }),
        );
        const { $metadata: _metadata, requestId: _requestId, ...body } = out;
        expect(body).toEqual({
          ...step,
          workflowExecutionId,
          workflowBuildVersionArn: listed.workflowBuildVersionArn,
          imageBuildVersionArn: run.imageBuildVersionArn,
        });
      }
    } finally {
      ib.destroy();
    }
  });

  it("serves step ids of another form when the fixture holds them", async () => {
    const out = await client.send(
      new GetWorkflowStepExecutionCommand({ stepExecutionId: "step-0002" }),
    );
    expect(out).toMatchObject({ ...steps(3)[2], workflowExecutionId: workflowId(2) });
  });

  it("serves a step from its own region, and the region's step when an id repeats", async () => {
    const out = await west.send(
      new GetWorkflowStepExecutionCommand({ stepExecutionId: stepId(3) }),
    );
    expect(out).toMatchObject({ ...WEST_STEP, workflowExecutionId: workflowId(3) });
    expect(out.imageBuildVersionArn).toBe(WEST_BUILD);
    expect(out.workflowBuildVersionArn).toBeUndefined();

    // "step-0000" is a step of workflowId(2) in us-east-1 and of workflowId(3) in us-west-2.
    const east = await client.send(
      new GetWorkflowStepExecutionCommand({ stepExecutionId: "step-0000" }),
    );
    const westCopy = await west.send(
      new GetWorkflowStepExecutionCommand({ stepExecutionId: "step-0000" }),
    );
    expect([east.workflowExecutionId, east.name]).toEqual([workflowId(2), "Step0"]);
    expect([westCopy.workflowExecutionId, westCopy.name]).toEqual([workflowId(3), "WestCopy"]);
  });

  it.each([
    ["an unknown step id", "us-east-1", stepId(99)],
    [
      "an unknown step id in upper case",
      "us-east-1",
      stepId(1).toUpperCase().replace("STEP", "step"),
    ],
    ["a step of another region", "us-east-1", stepId(3)],
    ["a fixture-only step id of another region", "us-west-2", "step-0002"],
  ])("answers %s with ResourceNotFoundException 404", async (_, region, stepExecutionId) => {
    const regional = imageBuilderClient(emulator, { region });
    try {
      const error = await caught(
        regional.send(new GetWorkflowStepExecutionCommand({ stepExecutionId })),
      );
      expect(error.name).toBe("ResourceNotFoundException");
      expect(error.$metadata.httpStatusCode).toBe(404);
      expect(error.message).toContain(stepExecutionId);
      expect(error.message).toContain(region);
    } finally {
      regional.destroy();
    }
  });

  it.each([
    ["a missing id", undefined, "not be null"],
    ["an empty id", "", "pattern"],
    ["an id without the step- prefix", "0123abcd-0123-4abc-8def-000000000001", "pattern"],
    ["a workflow execution id", workflowId(1), "pattern"],
    ["a short id the fixture does not hold", "step-1234", "pattern"],
    ["an id with non-hex characters", "step-0123abcd-0123-4abc-8def-00000000000g", "pattern"],
  ])("rejects %s with InvalidRequestException 400", async (_, stepExecutionId, constraint) => {
    const error = await caught(
      client.send(
        new GetWorkflowStepExecutionCommand({ stepExecutionId } as { stepExecutionId: string }),
      ),
    );
    expect(error.name).toBe("InvalidRequestException");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain("'stepExecutionId'");
    expect(error.message).toContain(constraint);
  });

  describe("on the wire", () => {
    it("reads the id from the query string of a GET without a body", async () => {
      const out = await raw(
        emulator,
        `/GetWorkflowStepExecution?stepExecutionId=${encodeURIComponent(stepId(1))}`,
      );
      expect(out.status).toBe(200);
      expect(out.headers.get("content-type")).toBe("application/json");
      expect(out.body).toMatchObject({
        stepExecutionId: stepId(1),
        startTime: DETAILED_STEP.startTime,
      });
    });

    it("rejects a repeated stepExecutionId with InvalidRequestException 400", async () => {
      const out = await raw(
        emulator,
        `/GetWorkflowStepExecution?stepExecutionId=${stepId(1)}&stepExecutionId=${stepId(2)}`,
      );
      expect(out.status).toBe(400);
      expect(out.headers.get("x-amzn-errortype")).toBe("InvalidRequestException");
      expect(out.body.message).toMatch(/'stepExecutionId'.*must be a string/);
    });

    it("answers the path with another method with UnknownOperationException 404", async () => {
      const out = await raw(emulator, `/GetWorkflowStepExecution?stepExecutionId=${stepId(1)}`, {
        method: "POST",
      });
      expect(out.status).toBe(404);
      expect(out.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    });

    it("answers a call without a SigV4 header with ForbiddenException 403", async () => {
      const out = await raw(emulator, `/GetWorkflowStepExecution?stepExecutionId=${stepId(1)}`, {
        headers: {},
      });
      expect(out.status).toBe(403);
      expect(out.headers.get("x-amzn-errortype")).toBe("ForbiddenException");
    });
  });

  describe("fault injection", () => {
    it("throttles with CallRateLimitExceededException 429", async () => {
      const throttled = await emulatorWith({ faults: { throttleRate: 1 } });
      const ib = imageBuilderClient(throttled);
      try {
        const error = await caught(
          ib.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: stepId(1) })),
        );
        expect(error.name).toBe("CallRateLimitExceededException");
        expect(error.$metadata.httpStatusCode).toBe(429);
      } finally {
        ib.destroy();
      }
    });

    it.each([
      [0.2, "ServiceException", 500],
      [0.7, "ServiceUnavailableException", 503],
    ])("answers server faults (draw %s) with %s %s", async (draw, name, status) => {
      const faulty = await emulatorWith({ faults: { errorRate: 1 }, random: () => draw });
      const ib = imageBuilderClient(faulty);
      try {
        const error = await caught(
          ib.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: stepId(1) })),
        );
        expect([error.name, error.$metadata.httpStatusCode]).toEqual([name, status]);
      } finally {
        ib.destroy();
      }
    });

    it("lets the SDK retry a throttled call until it succeeds", async () => {
      const draws = [0, 0.9];
      const flaky = await emulatorWith({
        faults: { throttleRate: 0.5 },
        random: () => draws.shift() ?? 0.9,
      });
      const ib = imageBuilderClient(flaky, { attempts: 3 });
      try {
        const out = await ib.send(
          new GetWorkflowStepExecutionCommand({ stepExecutionId: stepId(1) }),
        );
        expect(out.stepExecutionId).toBe(stepId(1));
        expect(out.$metadata.attempts).toBe(2);
      } finally {
        ib.destroy();
      }
    });
  });

  it("is recorded with its operation name, region, status, error and input", async () => {
    const recorded = await emulatorWith();
    const ib = imageBuilderClient(recorded, { region: "us-west-2" });
    try {
      await ib.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: stepId(3) }));
      await caught(ib.send(new GetWorkflowStepExecutionCommand({ stepExecutionId: "bad" })));
      expect(recorded.calls).toEqual([
        expect.objectContaining({
          service: "imagebuilder",
          operation: "GetWorkflowStepExecution",
          region: "us-west-2",
          status: 200,
          input: { stepExecutionId: stepId(3) },
        }),
        expect.objectContaining({
          service: "imagebuilder",
          operation: "GetWorkflowStepExecution",
          region: "us-west-2",
          status: 400,
          errorName: "InvalidRequestException",
          input: { stepExecutionId: "bad" },
        }),
      ]);
      expect(recorded.calls[0]?.errorName).toBeUndefined();
    } finally {
      ib.destroy();
    }
  });
});
