// subscription imageBuildProgress end to end: a build started with the mutation, followed over
// Server-Sent Events from a gateway whose SDK clients poll the emulator, where the build moves
// one step every EMULATOR_BUILD_STEP_MS.

import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeBuildWatches } from "../../src/image-builder/build-progress.js";
import {
  EVERY_TRANSITION,
  PROGRESS as FOLLOW,
  type ProgressEvent as FollowEvent,
  transitions as followed,
  spendBudget,
} from "../helpers/build-progress.js";
import { fixture, imageArn, packages, pipelineArn } from "../helpers/fixtures.js";
import { expectData, expectError, startTestGateway, type TestGateway } from "../helpers/gateway.js";
import { subscribe } from "../helpers/sse.js";
import { bearer } from "../helpers/tokens.js";

// Long against the poll interval (40 to 80 ms), so every RUNNING state is seen on a busy machine.
const STEP_MS = 800;
const STEPS = [
  "LaunchBuildInstance",
  "ApplyBuildComponents",
  "InventoryCollection",
  "CreateOutputAMI",
  "TerminateBuildInstance",
];

const PROGRESS = /* GraphQL */ `
  subscription Progress($arn: String!) {
    imageBuildProgress(imageBuildVersionArn: $arn) {
      buildState { status reason }
      step { name status startTime }
      stepStatus
      workflowExecution { workflowExecutionId }
      imageBuildVersion { arn buildState { status } }
      finished
    }
  }
`;

interface ProgressEvent {
  imageBuildProgress: {
    buildState: { status: string; reason: string | null };
    step: { name: string; status: string; startTime: string | null } | null;
    stepStatus: string | null;
    workflowExecution: { workflowExecutionId: string } | null;
    imageBuildVersion: { arn: string; buildState: { status: string } };
    finished: boolean;
  };
}

// A member account the gateway reads with a role; its builds in us-west-2 are denied to it.
const MEMBER = "111122223333";
const MEMBER_ROLE = `arn:aws:iam::${MEMBER}:role/ImageGraphReader`;
const MEMBER_PIPELINE = `arn:aws:imagebuilder:us-east-1:${MEMBER}:image-pipeline/checkout-api`;

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: fixture({
      accounts: [
        {
          accountId: MEMBER,
          roles: [{ arn: MEMBER_ROLE }],
          denied: [{ service: "imagebuilder", region: "us-west-2" }],
        },
      ],
      imageBuilder: {
        images: [{ arn: imageArn("web"), packages: packages(3) }],
        pipelines: [
          { arn: pipelineArn("web"), imageName: "web", semanticVersion: "1.0.0" },
          {
            arn: pipelineArn("doomed"),
            imageName: "doomed",
            semanticVersion: "1.0.0",
            buildOutcome: "FAILED",
          },
          { arn: MEMBER_PIPELINE, imageName: "checkout-api", semanticVersion: "1.0.0" },
        ],
      },
    }),
    env: {
      AWS_ACCOUNTS: JSON.stringify([{ id: MEMBER, name: "checkout", roleArn: MEMBER_ROLE }]),
      AWS_REGIONS: "us-east-1,us-west-2",
      EMULATOR_BUILD_STEP_MS: String(STEP_MS),
      BUILD_PROGRESS_POLL_MS: "40",
      BUILD_PROGRESS_POLL_MAX_MS: "80",
    },
  });
});

afterAll(() => gateway?.close());

const START = `mutation ($arn: String!) { startImagePipelineExecution(input: { imagePipelineArn: $arn }) { imageBuildVersion { arn } } }`;
type Started = { startImagePipelineExecution: { imageBuildVersion: { arn: string } } };

/** Starts a build of a home pipeline by name, or of any pipeline by ARN. */
async function startBuild(pipeline: string): Promise<string> {
  const arn = pipeline.startsWith("arn:") ? pipeline : pipelineArn(pipeline);
  const data = expectData(await gateway.query<Started>(START, { arn }));
  return data.startImagePipelineExecution.imageBuildVersion.arn;
}

/** One per poll of a build: the loop lists its workflow runs (events select none). */
function pollCalls(arn: string) {
  return (gateway.emulator?.calls ?? []).filter(
    (call) =>
      call.operation === "ListWorkflowExecutions" && call.input.imageBuildVersionArn === arn,
  );
}

const transitions = (events: ProgressEvent[]) =>
  events.map(({ imageBuildProgress: event }) =>
    event.step ? `${event.step.name} ${event.stepStatus}` : `build ${event.buildState.status}`,
  );

describe("imageBuildProgress over Server-Sent Events", () => {
  it("streams every step transition in order, then the build's end, then completes", async () => {
    const arn = await startBuild("web");
    const stream = await subscribe<ProgressEvent>(gateway.url, PROGRESS, { arn });
    const events = (await stream.rest()).map((result) => expectData(result));

    expect(transitions(events)).toEqual([
      "LaunchBuildInstance RUNNING",
      "build BUILDING",
      ...STEPS.flatMap((name, index) => [
        `${name} COMPLETED`,
        ...(STEPS[index + 1] ? [`${STEPS[index + 1]} RUNNING`] : []),
      ]),
      "build AVAILABLE",
    ]);
    const last = events.at(-1)?.imageBuildProgress;
    expect(last?.finished).toBe(true);
    expect(events.slice(0, -1).every((event) => !event.imageBuildProgress.finished)).toBe(true);
    // Each event carries the build's state when it was seen, and reads the build afresh.
    expect(events[0]?.imageBuildProgress.buildState.status).toBe("BUILDING");
    expect(last?.imageBuildVersion).toEqual({ arn, buildState: { status: "AVAILABLE" } });
    const workflows = new Set(
      events.flatMap(
        (event) => event.imageBuildProgress.workflowExecution?.workflowExecutionId ?? [],
      ),
    );
    expect(workflows.size).toBe(1);
    expect(
      events.find((event) => event.imageBuildProgress.step)?.imageBuildProgress.step?.startTime,
    ).toEqual(expect.any(String));

    // The loop is gone once the build ended: no more polls.
    await sleep(100);
    const calls = pollCalls(arn).length;
    await sleep(200);
    expect(pollCalls(arn).length).toBe(calls);
  });

  it("reports a failed step, the skipped ones and a FAILED build with its reason", async () => {
    const arn = await startBuild("doomed");
    const stream = await subscribe<ProgressEvent>(gateway.url, PROGRESS, { arn });
    const events = (await stream.rest()).map((result) => expectData(result));
    expect(transitions(events)).toEqual([
      "LaunchBuildInstance RUNNING",
      "build BUILDING",
      "LaunchBuildInstance COMPLETED",
      "ApplyBuildComponents RUNNING",
      "ApplyBuildComponents FAILED",
      "InventoryCollection SKIPPED",
      "CreateOutputAMI SKIPPED",
      "TerminateBuildInstance SKIPPED",
      "build FAILED",
    ]);
    expect(events.at(-1)?.imageBuildProgress.buildState.reason).toMatch(
      /ApplyBuildComponents failed/,
    );
  });

  it("shares one poll loop among subscribers, replays the story to late ones, and stops with the last", async () => {
    const arn = await startBuild("web");
    const first = await subscribe<ProgressEvent>(gateway.url, PROGRESS, { arn });
    const second = await subscribe<ProgressEvent>(gateway.url, PROGRESS, { arn });
    await first.next();
    await sleep(STEP_MS);
    // A late subscriber first gets everything that already happened, in order.
    const late = await subscribe<ProgressEvent>(gateway.url, PROGRESS, { arn });
    const replayed = [await late.next(), await late.next(), await late.next()].map((result) =>
      expectData(result ?? {}),
    );
    expect(transitions(replayed)).toEqual([
      "LaunchBuildInstance RUNNING",
      "build BUILDING",
      "LaunchBuildInstance COMPLETED",
    ]);
    expect(activeBuildWatches(gateway.services.gate)).toBe(1);

    // Three subscribers, one loop: polls are spaced by the loop's wait, never doubled up.
    const starts = pollCalls(arn).map((call) => call.startedAt);
    expect(starts.length).toBeGreaterThan(3);
    const gaps = starts.slice(1).map((start, index) => start - (starts[index] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(30);
    // Polls that see no change back off from 40 ms to the 80 ms maximum.
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(75);

    first.close();
    late.close();
    await sleep(150);
    const whileOneListens = pollCalls(arn).length;
    await sleep(150);
    expect(pollCalls(arn).length).toBeGreaterThan(whileOneListens);

    second.close();
    await sleep(150);
    const afterLast = pollCalls(arn).length;
    await sleep(300);
    expect(pollCalls(arn).length).toBe(afterLast);
    expect(activeBuildWatches(gateway.services.gate)).toBe(0);
  });

  it("tells a subscriber about an unknown build with NOT_FOUND and ends", async () => {
    const stream = await subscribe<ProgressEvent>(gateway.url, PROGRESS, {
      arn: imageArn("ghost"),
    });
    const results = await stream.rest();
    expect(results).toHaveLength(1);
    expectError(results[0] ?? {}, "NOT_FOUND");
  });

  it("follows a member account's build with that account's role, every call of the loop", async () => {
    const arn = await startBuild(MEMBER_PIPELINE);
    expect(arn).toContain(`:${MEMBER}:image/checkout-api/`);
    gateway.emulator?.resetCalls();
    const stream = await subscribe<FollowEvent>(gateway.url, FOLLOW, { arn });
    const results = await stream.rest();
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    expect(followed(results)).toEqual(EVERY_TRANSITION);
    expect(results.at(-1)?.data?.imageBuildProgress.finished).toBe(true);
    const polls = (gateway.emulator?.calls ?? []).filter((call) => call.service === "imagebuilder");
    expect(new Set(polls.map((call) => call.operation))).toEqual(
      new Set(["GetImage", "ListWorkflowExecutions", "ListWorkflowStepExecutions"]),
    );
    for (const call of polls) {
      expect({ account: call.accountId, role: call.roleArn }).toEqual({
        account: MEMBER,
        role: MEMBER_ROLE,
      });
    }
  });

  it("tells a subscriber to a build its account may not read there with FORBIDDEN", async () => {
    const stream = await subscribe<ProgressEvent>(gateway.url, PROGRESS, {
      arn: `arn:aws:imagebuilder:us-west-2:${MEMBER}:image/checkout-api/1.0.0/1`,
    });
    const results = await stream.rest();
    expect(results).toHaveLength(1);
    expectError(results[0] ?? {}, "FORBIDDEN");
  });

  it("refuses a malformed ARN before calling AWS", async () => {
    gateway.emulator?.resetCalls();
    const stream = await subscribe<ProgressEvent>(gateway.url, PROGRESS, { arn: "arn:nope" });
    const results = await stream.rest();
    const error = expectError(results[0] ?? {}, "BAD_USER_INPUT");
    expect(error.message).toMatch(/imageBuildVersionArn/);
    expect(gateway.emulator?.calls).toEqual([]);
  });
});

describe("imageBuildProgress and the caller's budget", () => {
  let budgeted: TestGateway;
  beforeAll(async () => {
    budgeted = await startTestGateway({
      fixture: fixture({
        imageBuilder: { images: [{ arn: imageArn("done"), packages: packages(1) }] },
      }),
      env: { CALLER_AWS_CALLS_PER_MINUTE: "6", BUILD_PROGRESS_POLL_MS: "40" },
    });
  });
  afterAll(() => budgeted?.close());

  it("charges the polls to the subscriber who starts them, so subscribing cannot outrun it", async () => {
    const arn = imageArn("done");
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const stream = await subscribe<ProgressEvent>(budgeted.url, PROGRESS, { arn });
      const results = await stream.rest();
      const codes = results.flatMap((result) => result.errors ?? []).map((e) => e.extensions?.code);
      outcomes.push(codes.includes("RATE_LIMITED") ? "RATE_LIMITED" : "events");
    }
    // A finished build costs a few calls per subscription; the budget of 6 runs out and stays out.
    expect(outcomes).toContain("events");
    expect(outcomes.at(-1)).toBe("RATE_LIMITED");
    expect(budgeted.emulator?.calls.length ?? 0).toBeLessThanOrEqual(6);
  });
});

describe("imageBuildProgress with callers of their own budgets", () => {
  const SECRET = "build-progress-test-secret-of-at-least-32-characters";
  const BUDGET = 45;
  let budgeted: TestGateway;
  beforeAll(async () => {
    budgeted = await startTestGateway({
      fixture: fixture({
        imageBuilder: {
          pipelines: [{ arn: pipelineArn("web"), imageName: "web", semanticVersion: "1.0.0" }],
        },
      }),
      env: {
        AUTH_JWT_SECRET: SECRET,
        CALLER_AWS_CALLS_PER_MINUTE: String(BUDGET),
        // Steps outlast a poll, so each one's RUNNING is seen; the whole build costs one caller
        // about 33 calls.
        EMULATOR_BUILD_STEP_MS: "2000",
        BUILD_PROGRESS_POLL_MS: "1000",
        BUILD_PROGRESS_POLL_MAX_MS: "1000",
      },
    });
  });
  afterAll(() => budgeted?.close());

  const as = (sub: string) => bearer(SECRET, sub);

  it("ends only the stream of the caller whose budget ran out; the others get every transition", async () => {
    const started = await budgeted.post(
      { query: START, variables: { arn: pipelineArn("web") } },
      await as("starter"),
    );
    const arn = ((await started.json()) as { data: Started }).data.startImagePipelineExecution
      .imageBuildVersion.arn;
    const a = await subscribe<FollowEvent>(budgeted.url, FOLLOW, { arn }, await as("a"));
    await a.next();
    const b = await subscribe<FollowEvent>(budgeted.url, FOLLOW, { arn }, await as("b"));
    const bResults = b.rest();

    // A spends the rest of its budget on queries.
    const ask = async (body: object) => (await budgeted.post(body, await as("a"))).json();
    expect(await spendBudget(ask, arn, BUDGET)).toBe(true);

    const aResults = await a.rest();
    const aError = expectError(aResults.at(-1) ?? {}, "RATE_LIMITED");
    expect(aError.message).toMatch(/This caller has used its budget/);
    expect(aResults.some((result) => result.data?.imageBuildProgress.finished)).toBe(false);

    const all = await bResults;
    expect(all.flatMap((result) => result.errors ?? [])).toEqual([]);
    expect(followed(all)).toEqual(EVERY_TRANSITION);
    expect(all.at(-1)?.data?.imageBuildProgress.finished).toBe(true);
  });
});
