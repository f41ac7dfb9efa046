// The AWS response shapes of Image Builder's read operations, made from the emulator's state.
// A fixture may leave every descriptive member out: what can be derived is derived (an image's
// state from its workflow executions, a pipeline's last run status from its newest build), the
// rest gets a fixed, plausible value, so old fixtures serve the new operations unchanged.

import type {
  ImagePipeline as AwsImagePipeline,
  Image,
  ImageState,
  ImageSummary,
  Platform,
  WorkflowExecutionMetadata,
  WorkflowExecutionStatus,
  WorkflowStepMetadata,
} from "@aws-sdk/client-imagebuilder";
import type {
  EmulatorState,
  ImageBuildVersion,
  ImagePipeline,
  WorkflowExecution,
} from "./state.js";

/** When a fixture gives an object no date and nothing to derive one from. */
export const DEFAULT_DATE = "2026-01-01T00:00:00.000Z";

const OS_VERSIONS: Record<Platform, string> = {
  Linux: "Amazon Linux 2023",
  Windows: "Microsoft Windows Server 2022",
  macOS: "macOS 14",
};

const earliest = (dates: (string | undefined)[]) =>
  dates.filter((date): date is string => date !== undefined).sort()[0];
const latest = (dates: (string | undefined)[]) =>
  dates
    .filter((date): date is string => date !== undefined)
    .sort()
    .at(-1);

/** A workflow's status as its steps tell it, unless the fixture says otherwise. */
export function workflowStatus(execution: WorkflowExecution): WorkflowExecutionStatus {
  if (execution.status) return execution.status;
  const statuses = new Set(execution.steps.map((step) => step.status));
  if (statuses.has("FAILED")) return "FAILED";
  if (statuses.has("CANCELLED")) return "CANCELLED";
  if (statuses.has("RUNNING")) return "RUNNING";
  if (statuses.has("PENDING")) {
    return statuses.has("COMPLETED") || statuses.has("SKIPPED") ? "RUNNING" : "PENDING";
  }
  return "COMPLETED";
}

const TERMINAL_WORKFLOW: ReadonlySet<WorkflowExecutionStatus> = new Set([
  "COMPLETED",
  "FAILED",
  "CANCELLED",
  "SKIPPED",
  "ROLLBACK_COMPLETED",
]);

export function workflowMetadata(execution: WorkflowExecution): WorkflowExecutionMetadata {
  const count = (status: WorkflowStepMetadata["status"]) =>
    execution.steps.filter((step) => step.status === status).length;
  const status = workflowStatus(execution);
  return {
    workflowBuildVersionArn: execution.workflowBuildVersionArn,
    workflowExecutionId: execution.workflowExecutionId,
    type: execution.type ?? "BUILD",
    status,
    message: execution.message,
    totalStepCount: execution.steps.length,
    totalStepsSucceeded: count("COMPLETED"),
    totalStepsFailed: count("FAILED"),
    totalStepsSkipped: count("SKIPPED"),
    startTime:
      execution.startTime ?? earliest(execution.steps.map((step) => step.startTime)) ?? undefined,
    endTime:
      execution.endTime ??
      (TERMINAL_WORKFLOW.has(status)
        ? latest(execution.steps.map((step) => step.endTime))
        : undefined),
  };
}

/** An image's state: the fixture's, its simulated build's, or what its workflows tell. */
export function imageState(state: EmulatorState, image: ImageBuildVersion): ImageState {
  if (image.details.state?.status) return image.details.state;
  const simulated = state.simulatedBuilds.get(image.arn);
  if (simulated) return simulated.imageState;
  const executions = state.executionsOf(image.arn);
  const failed = executions.find((execution) => workflowStatus(execution) === "FAILED");
  if (failed) {
    const step = failed.steps.find((each) => each.status === "FAILED");
    return { status: "FAILED", reason: step?.message || failed.message || "The build failed." };
  }
  if (executions.some((execution) => workflowStatus(execution) === "CANCELLED")) {
    return { status: "CANCELLED", reason: "The build was cancelled." };
  }
  if (executions.some((execution) => !TERMINAL_WORKFLOW.has(workflowStatus(execution)))) {
    return { status: "BUILDING" };
  }
  return { status: "AVAILABLE" };
}

function imageDateCreated(state: EmulatorState, image: ImageBuildVersion): string {
  if (image.details.dateCreated) return image.details.dateCreated;
  const executions = state.executionsOf(image.arn);
  return (
    earliest(executions.map((execution) => workflowMetadata(execution).startTime)) ?? DEFAULT_DATE
  );
}

export function imageSummary(state: EmulatorState, image: ImageBuildVersion): ImageSummary {
  const pipeline = state.pipelineOf(image);
  const platform = image.details.platform ?? pipeline?.platform ?? "Linux";
  return {
    arn: image.arn,
    name: image.imageName,
    type: image.details.type ?? "AMI",
    version: `${image.semanticVersion}/${image.buildNumber}`,
    platform,
    osVersion: image.details.osVersion ?? OS_VERSIONS[platform],
    state: imageState(state, image),
    owner: image.account,
    dateCreated: imageDateCreated(state, image),
    buildType: image.details.buildType ?? "USER_INITIATED",
    imageSource:
      image.details.imageSource ?? (image.account === "aws" ? "AMAZON_MANAGED" : "CUSTOM"),
  };
}

export function imageDetails(state: EmulatorState, image: ImageBuildVersion): Image {
  const pipeline = state.pipelineOf(image);
  const { owner, ...summary } = imageSummary(state, image);
  return {
    ...summary,
    enhancedImageMetadataEnabled: pipeline?.enhancedImageMetadataEnabled ?? true,
    sourcePipelineName: pipeline ? pipelineName(pipeline) : undefined,
    sourcePipelineArn: pipeline?.arn,
  };
}

function pipelineName(pipeline: ImagePipeline): string {
  return pipeline.name ?? pipeline.resource.replace(/^image-pipeline\//, "");
}

/** The pipeline's builds, newest first (highest build number of its version). */
export function pipelineBuilds(state: EmulatorState, pipeline: ImagePipeline): ImageBuildVersion[] {
  return state.pipelineImages(pipeline).sort((a, b) => b.buildNumber - a.buildNumber);
}

export function pipelineShape(state: EmulatorState, pipeline: ImagePipeline): AwsImagePipeline {
  const { partition, region, account, imageName, semanticVersion } = pipeline;
  const name = pipelineName(pipeline);
  const builds = pipelineBuilds(state, pipeline);
  const created =
    pipeline.dateCreated ??
    earliest(builds.map((build) => imageSummary(state, build).dateCreated)) ??
    DEFAULT_DATE;
  const newest = builds[0];
  const prefix = `arn:${partition}:imagebuilder:${region}:${account}`;
  return {
    arn: pipeline.arn,
    name,
    description: pipeline.description ?? `Builds ${imageName} ${semanticVersion}.`,
    platform: pipeline.platform ?? "Linux",
    enhancedImageMetadataEnabled: pipeline.enhancedImageMetadataEnabled ?? true,
    imageRecipeArn:
      pipeline.imageRecipeArn ?? `${prefix}:image-recipe/${imageName}/${semanticVersion}`,
    infrastructureConfigurationArn:
      pipeline.infrastructureConfigurationArn ??
      `${prefix}:infrastructure-configuration/${name.toLowerCase().replace(/[^a-z0-9-_]/g, "-")}`,
    distributionConfigurationArn: pipeline.distributionConfigurationArn,
    imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 720 },
    schedule: pipeline.schedule,
    status: pipeline.status ?? "ENABLED",
    dateCreated: created,
    dateUpdated: pipeline.dateUpdated ?? created,
    lastRunStatus: newest ? imageState(state, newest).status : undefined,
    dateNextRun: pipeline.dateNextRun,
  };
}
