// What a StartImagePipelineExecution run leaves behind: a finished `build-image` workflow
// execution whose steps look like the ones Image Builder's managed build workflow reports.

import { randomBytes, randomUUID } from "node:crypto";
import type { WorkflowStepMetadata } from "@aws-sdk/client-imagebuilder";
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

/** A completed build workflow for `imageBuildVersionArn`, ending at `finishedAt`. */
export function simulateImageBuild(
  pipeline: ImagePipeline,
  imageBuildVersionArn: string,
  finishedAt: Date,
): WorkflowExecution {
  const plans = stepPlans(pipeline);
  const totalSeconds = plans.reduce((sum, plan) => sum + plan.durationSeconds, 0);
  let clock = finishedAt.getTime() - totalSeconds * 1000;
  const steps: WorkflowStepMetadata[] = plans.map((plan) => {
    const startTime = new Date(clock).toISOString();
    clock += plan.durationSeconds * 1000;
    return {
      stepExecutionId: `step-${randomUUID()}`,
      name: plan.name,
      description: plan.description,
      action: plan.action,
      status: "COMPLETED",
      rollbackStatus: "SKIPPED",
      message: `${plan.name} completed`,
      inputs: JSON.stringify(plan.inputs),
      outputs: JSON.stringify(plan.outputs),
      startTime,
      endTime: new Date(clock).toISOString(),
    };
  });
  return {
    workflowExecutionId: `wf-${randomUUID()}`,
    region: pipeline.region,
    imageBuildVersionArn,
    workflowBuildVersionArn: `arn:${pipeline.partition}:imagebuilder:${pipeline.region}:aws:workflow/build/build-image/1.0.0/1`,
    message: "Workflow build-image completed successfully",
    steps,
  };
}
