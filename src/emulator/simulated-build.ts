// What a StartImagePipelineExecution run leaves behind: a `build-image` workflow execution whose
// steps look like the ones Image Builder's managed build workflow reports, running one after the
// other as time passes, and the state of the image it builds.

import { randomBytes, randomUUID } from "node:crypto";
import type { ImageStatus } from "@aws-sdk/client-imagebuilder";
import type { ImagePipeline, WorkflowExecution } from "./state.js";

interface StepPlan {
  name: string;
  action: string;
  description: string;
  durationSeconds: number;
  inputs: object;
  outputs: object;
}

const hexId = (prefix: string) => `${prefix}-${randomBytes(9).toString("hex").slice(0, 17)}`;

function stepPlans(pipeline: ImagePipeline): StepPlan[] {
  const instanceId = hexId("i");
  return [
    {
      name: "LaunchBuildInstance",
      action: "LaunchInstance",
      description: "Launch the build instance from the recipe's parent image",
      durationSeconds: 95,
      inputs: { imageIdInput: hexId("ami"), instanceTypesInput: ["m5.large"] },
      outputs: { instanceId },
    },
    {
      name: "ApplyBuildComponents",
      action: "ExecuteComponents",
      description: "Run the build phase of the recipe's components",
      durationSeconds: 420,
      inputs: { instanceId },
      outputs: { runCommandId: randomUUID(), status: "Success" },
    },
    {
      name: "InventoryCollection",
      action: "CollectImageMetadata",
      description: "Collect the installed package inventory with Systems Manager",
      durationSeconds: 40,
      inputs: { instanceId },
      outputs: { packageCount: pipeline.packages.length },
    },
    {
      name: "CreateOutputAMI",
      action: "CreateImage",
      description: "Create the output image from the build instance",
      durationSeconds: 600,
      inputs: { instanceId },
      outputs: { imageId: hexId("ami") },
    },
    {
      name: "TerminateBuildInstance",
      action: "TerminateInstance",
      description: "Terminate the build instance",
      durationSeconds: 30,
      inputs: { instanceId },
      outputs: {},
    },
  ];
}

/** An image's state as GetImage reports it. */
export interface SimulatedImageState {
  status: ImageStatus;
  reason?: string;
}

/**
 * A build a pipeline run started. Its `build-image` workflow execution runs one step after the
 * other; `advanceSimulatedBuild` moves the steps (and the image's state) to where they stand at a
 * given time, so clients polling the emulator see the build progress.
 */
export interface SimulatedBuild {
  execution: WorkflowExecution;
  plans: StepPlan[];
  /** Each step's planned start and end, epoch milliseconds. */
  windows: { start: number; end: number }[];
  /** Index of the step that fails, when the build is to fail. */
  failAt?: number;
  imageState: SimulatedImageState;
  finished: boolean;
}

/** The step that fails when a pipeline's builds are to fail. */
const FAILING_STEP = "ApplyBuildComponents";

/**
 * Starts a build of `imageBuildVersionArn` at `now`. With `stepMs` > 0 each step takes that long
 * and the build ends `steps × stepMs` later; with 0 it has already finished, its steps backdated
 * by realistic durations.
 */
export function startSimulatedBuild(
  pipeline: ImagePipeline,
  imageBuildVersionArn: string,
  now: number,
  stepMs: number,
): SimulatedBuild {
  const plans = stepPlans(pipeline);
  const totalSeconds = plans.reduce((sum, plan) => sum + plan.durationSeconds, 0);
  let clock = stepMs > 0 ? now : now - totalSeconds * 1000;
  const windows = plans.map((plan) => {
    const start = clock;
    clock += stepMs > 0 ? stepMs : plan.durationSeconds * 1000;
    return { start, end: clock };
  });
  const failIndex = plans.findIndex((plan) => plan.name === FAILING_STEP);
  const build: SimulatedBuild = {
    execution: {
      workflowExecutionId: `wf-${randomUUID()}`,
      region: pipeline.region,
      imageBuildVersionArn,
      workflowBuildVersionArn: `arn:${pipeline.partition}:imagebuilder:${pipeline.region}:aws:workflow/build/build-image/1.0.0/1`,
      type: "BUILD",
      startTime: new Date(windows[0]?.start ?? now).toISOString(),
      steps: plans.map((plan) => ({
        stepExecutionId: `step-${randomUUID()}`,
        name: plan.name,
        description: plan.description,
        action: plan.action,
        status: "PENDING",
        rollbackStatus: "SKIPPED",
        inputs: JSON.stringify(plan.inputs),
        outputs: "{}",
      })),
    },
    plans,
    windows,
    failAt: pipeline.buildOutcome === "FAILED" && failIndex >= 0 ? failIndex : undefined,
    imageState: { status: "PENDING" },
    finished: false,
  };
  advanceSimulatedBuild(build, now);
  return build;
}

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** Moves a build's steps, workflow and image state to where they stand at `now`. */
export function advanceSimulatedBuild(build: SimulatedBuild, now: number): void {
  if (build.finished) return;
  const { execution, windows, failAt, plans } = build;
  const failed = failAt !== undefined && now >= (windows[failAt]?.end ?? 0);
  const failedName = failAt === undefined ? "" : (execution.steps[failAt]?.name ?? "");
  execution.steps = execution.steps.map((step, index) => {
    const window = windows[index] ?? { start: now, end: now };
    const plan = plans[index];
    const base = {
      stepExecutionId: step.stepExecutionId,
      name: step.name,
      description: step.description,
      action: step.action,
      inputs: step.inputs,
    };
    if (failed && failAt !== undefined && index > failAt) {
      return {
        ...base,
        status: "SKIPPED",
        rollbackStatus: "SKIPPED",
        message: `Skipped: step ${failedName} failed`,
        outputs: "{}",
      };
    }
    if (now < window.start) {
      return { ...base, status: "PENDING", rollbackStatus: "SKIPPED", outputs: "{}" };
    }
    if (now < window.end) {
      return {
        ...base,
        status: "RUNNING",
        rollbackStatus: "SKIPPED",
        message: `${step.name} running`,
        outputs: "{}",
        startTime: iso(window.start),
      };
    }
    if (index === failAt) {
      return {
        ...base,
        status: "FAILED",
        rollbackStatus: "COMPLETED",
        message: `${step.name} failed: a component exited with status 1`,
        outputs: JSON.stringify({ status: "Failed" }),
        startTime: iso(window.start),
        endTime: iso(window.end),
      };
    }
    return {
      ...base,
      status: "COMPLETED",
      rollbackStatus: "SKIPPED",
      message: `${step.name} completed`,
      outputs: JSON.stringify(plan?.outputs ?? {}),
      startTime: iso(window.start),
      endTime: iso(window.end),
    };
  });
  const last = windows.at(-1)?.end ?? now;
  if (failed) {
    const failedStep = execution.steps[failAt ?? 0];
    build.imageState = { status: "FAILED", reason: failedStep?.message };
    execution.status = "FAILED";
    execution.message = `Workflow build-image failed at step ${failedName}`;
    execution.endTime = failedStep?.endTime;
    build.finished = true;
  } else if (now >= last) {
    build.imageState = { status: "AVAILABLE" };
    execution.status = "COMPLETED";
    execution.message = "Workflow build-image completed successfully";
    execution.endTime = iso(last);
    build.finished = true;
  } else {
    build.imageState = { status: "BUILDING" };
    execution.status = "RUNNING";
    execution.message = undefined;
  }
}

/**
 * Stops a build at `now`, as CancelImageCreation does: the running step ends CANCELLED, steps
 * not yet started are SKIPPED, finished ones keep their outcome; the workflow and the image are
 * CANCELLED and nothing advances any more.
 */
export function cancelSimulatedBuild(build: SimulatedBuild, now: number): void {
  advanceSimulatedBuild(build, now);
  if (build.finished) return;
  cancelWorkflowExecution(build.execution, now);
  build.imageState = { status: "CANCELLED", reason: CANCELLED_REASON };
  build.finished = true;
}

export const CANCELLED_REASON = "Image creation was cancelled by CancelImageCreation.";

/** Ends a workflow execution that has not finished as a cancellation ends it. */
export function cancelWorkflowExecution(execution: WorkflowExecution, now: number): void {
  const at = iso(now);
  execution.steps = execution.steps.map((step) => {
    if (step.status === "RUNNING") {
      return {
        ...step,
        status: "CANCELLED",
        message: `${step.name} cancelled: image creation was cancelled`,
        endTime: at,
      };
    }
    if (step.status === "PENDING") {
      return {
        ...step,
        status: "SKIPPED",
        message: "Skipped: image creation was cancelled",
      };
    }
    return step;
  });
  execution.status = "CANCELLED";
  execution.message = "Workflow cancelled: image creation was cancelled";
  execution.endTime = at;
}
