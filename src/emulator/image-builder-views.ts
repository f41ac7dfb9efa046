// The AWS response shapes of Image Builder's read operations, made from the emulator's state.
// A fixture may leave every descriptive member out: what can be derived is derived (an image's
// state from its workflow executions, a pipeline's last run status from its newest build), the
// rest gets a fixed, plausible value, so old fixtures serve the new operations unchanged.

import { createHash } from "node:crypto";
import type {
  ImagePipeline as AwsImagePipeline,
  ContainerRecipe,
  DistributionConfiguration,
  Image,
  ImageRecipe,
  ImageState,
  ImageSummary,
  ImageType,
  InfrastructureConfiguration,
  OutputResources,
  Platform,
  WorkflowConfiguration,
  WorkflowExecutionMetadata,
  WorkflowExecutionStatus,
  WorkflowStepMetadata,
} from "@aws-sdk/client-imagebuilder";
import type { DatesAs } from "./fixture.js";
import type {
  EmulatorState,
  ImageBuilderArnParts,
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

export const TERMINAL_WORKFLOW: ReadonlySet<WorkflowExecutionStatus> = new Set([
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

/** AMI or container: the fixture's word, else what the pipeline builds from. */
function imageType(state: EmulatorState, image: ImageBuildVersion): ImageType {
  if (image.details.type) return image.details.type;
  if (image.details.containerRecipe) return "DOCKER";
  return state.pipelineOf(image)?.containerRecipeArn ? "DOCKER" : "AMI";
}

export function imageSummary(state: EmulatorState, image: ImageBuildVersion): ImageSummary {
  const pipeline = state.pipelineOf(image);
  const platform = image.details.platform ?? pipeline?.platform ?? "Linux";
  return {
    arn: image.arn,
    name: image.imageName,
    type: imageType(state, image),
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

/** States in which a build's output exists: it was built and not deleted. */
const HAS_OUTPUT: ReadonlySet<string> = new Set(["AVAILABLE", "DEPRECATED", "DISABLED"]);

/** A stable hexadecimal id derived from `parts`, so generated ids never change between runs. */
const stableHex = (length: number, ...parts: string[]) =>
  createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, length);

const resourceName = (name: string) => name.toLowerCase().replace(/[^a-z0-9-_]/g, "-");

/** The ARN prefix of Image Builder resources in an image's or pipeline's region and account. */
const arnPrefix = ({ partition, region, account }: ImageBuilderArnParts) =>
  `arn:${partition}:imagebuilder:${region}:${account}`;

/** What a build was made with: the fixture's, else a plausible recipe and configuration. */
function buildInputs(state: EmulatorState, image: ImageBuildVersion, type: ImageType) {
  const { details, imageName, semanticVersion, region, account, partition } = image;
  const pipeline = state.pipelineOf(image);
  const platform = details.platform ?? pipeline?.platform ?? "Linux";
  const created = imageDateCreated(state, image);
  const prefix = arnPrefix(image);
  const configurationName = resourceName(pipeline ? pipelineName(pipeline) : imageName);
  const updateComponent = `arn:${partition}:imagebuilder:${region}:aws:component/${platform === "Windows" ? "update-windows" : "update-linux"}/x.x.x`;
  const components = [{ componentArn: updateComponent }];
  const imageRecipe: ImageRecipe | undefined =
    type === "AMI"
      ? (details.imageRecipe ?? {
          arn: pipeline?.imageRecipeArn ?? `${prefix}:image-recipe/${imageName}/${semanticVersion}`,
          type: "AMI",
          name: imageName,
          platform,
          owner: account,
          version: semanticVersion,
          components,
          parentImage:
            platform === "Windows"
              ? `arn:${partition}:imagebuilder:${region}:aws:image/windows-server-2022-english-full-base-x86/x.x.x`
              : `arn:${partition}:imagebuilder:${region}:aws:image/amazon-linux-2023-x86/x.x.x`,
          blockDeviceMappings: [
            {
              deviceName: platform === "Windows" ? "/dev/sda1" : "/dev/xvda",
              ebs: {
                encrypted: true,
                deleteOnTermination: true,
                volumeSize: 30,
                volumeType: "gp3",
              },
            },
          ],
          dateCreated: created,
          workingDirectory: platform === "Windows" ? "C:/" : "/tmp",
        })
      : undefined;
  const containerRecipe: ContainerRecipe | undefined =
    type === "DOCKER"
      ? (details.containerRecipe ?? {
          arn:
            pipeline?.containerRecipeArn ??
            `${prefix}:container-recipe/${imageName}/${semanticVersion}`,
          containerType: "DOCKER",
          name: imageName,
          platform,
          owner: account,
          version: semanticVersion,
          components,
          parentImage: "amazonlinux:2023",
          dockerfileTemplateData:
            "FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}",
          encrypted: true,
          dateCreated: created,
          workingDirectory: "/tmp",
          targetRepository: { service: "ECR", repositoryName: imageName },
        })
      : undefined;
  const infrastructureConfiguration: InfrastructureConfiguration =
    details.infrastructureConfiguration ?? {
      arn:
        pipeline?.infrastructureConfigurationArn ??
        `${prefix}:infrastructure-configuration/${configurationName}`,
      name: configurationName,
      instanceTypes: ["m5.large"],
      instanceProfileName: "EC2InstanceProfileForImageBuilder",
      terminateInstanceOnFailure: true,
      instanceMetadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 },
      dateCreated: created,
      dateUpdated: created,
    };
  const repositoryName =
    containerRecipe?.targetRepository?.repositoryName ?? resourceName(imageName);
  const distributionConfiguration: DistributionConfiguration =
    details.distributionConfiguration ?? {
      arn:
        pipeline?.distributionConfigurationArn ??
        `${prefix}:distribution-configuration/${configurationName}`,
      name: configurationName,
      distributions: [
        type === "DOCKER"
          ? {
              region,
              containerDistributionConfiguration: {
                targetRepository: { service: "ECR", repositoryName },
              },
            }
          : {
              region,
              amiDistributionConfiguration: { name: `${imageName} {{ imagebuilder:buildDate }}` },
            },
      ],
      timeoutMinutes: 360,
      dateCreated: created,
      dateUpdated: created,
    };
  return { imageRecipe, containerRecipe, infrastructureConfiguration, distributionConfiguration };
}

/**
 * What a finished build produced: an AMI per distribution region (and per target account), or
 * its container image URIs per region. Builds that failed, were cancelled or still run have none.
 */
function outputResources(
  image: ImageBuildVersion,
  type: ImageType,
  status: string | undefined,
  created: string,
  inputs: ReturnType<typeof buildInputs>,
): OutputResources {
  if (image.details.outputResources) return image.details.outputResources;
  if (!HAS_OUTPUT.has(status ?? "")) return {};
  const distributions = inputs.distributionConfiguration.distributions ?? [];
  const buildDate = created.replace(/:/g, "-");
  if (type === "DOCKER") {
    const recipeRepository = inputs.containerRecipe?.targetRepository?.repositoryName;
    return {
      containers: distributions.map((distribution) => {
        const container = distribution.containerDistributionConfiguration;
        const repository =
          container?.targetRepository?.repositoryName ?? recipeRepository ?? image.imageName;
        const tags = container?.containerTags ?? [`${image.semanticVersion}-${image.buildNumber}`];
        const host = `${image.account}.dkr.ecr.${distribution.region}.amazonaws.com`;
        return {
          region: distribution.region,
          imageUris: tags.map((tag) => `${host}/${repository}:${tag}`),
        };
      }),
    };
  }
  return {
    amis: distributions.flatMap((distribution) => {
      const ami = distribution.amiDistributionConfiguration;
      const accounts = ami?.targetAccountIds ?? [image.account];
      const name = (ami?.name ?? `${image.imageName} {{ imagebuilder:buildDate }}`).replace(
        "{{ imagebuilder:buildDate }}",
        buildDate,
      );
      return accounts.map((accountId) => ({
        region: distribution.region,
        image: `ami-${stableHex(17, image.arn, distribution.region ?? "", accountId)}`,
        name,
        description:
          ami?.description ?? `${image.imageName} ${image.semanticVersion}/${image.buildNumber}`,
        state: { status: "AVAILABLE" as const },
        accountId,
      }));
    }),
  };
}

/** GetImage's Image; restJson1 sends its one timestamp member (deprecationTime) in epoch seconds. */
export function imageDetails(
  state: EmulatorState,
  image: ImageBuildVersion,
): DatesAs<Image, number> {
  const pipeline = state.pipelineOf(image);
  const { owner, ...summary } = imageSummary(state, image);
  const { details } = image;
  const type = summary.type ?? "AMI";
  const inputs = buildInputs(state, image, type);
  return {
    ...summary,
    enhancedImageMetadataEnabled:
      details.enhancedImageMetadataEnabled ?? pipeline?.enhancedImageMetadataEnabled ?? true,
    sourcePipelineName: pipeline ? pipelineName(pipeline) : undefined,
    sourcePipelineArn: pipeline?.arn,
    ...inputs,
    imageTestsConfiguration: details.imageTestsConfiguration ??
      pipeline?.imageTestsConfiguration ?? { imageTestsEnabled: true, timeoutMinutes: 720 },
    outputResources: outputResources(
      image,
      type,
      summary.state?.status,
      summary.dateCreated ?? DEFAULT_DATE,
      inputs,
    ),
    tags: details.tags ?? pipeline?.imageTags,
    scanState: details.scanState,
    imageScanningConfiguration: details.imageScanningConfiguration ??
      pipeline?.imageScanningConfiguration ?? { imageScanningEnabled: false },
    deprecationTime: details.deprecationTime
      ? Date.parse(details.deprecationTime) / 1000
      : undefined,
    lifecycleExecutionId: details.lifecycleExecutionId,
    executionRole: details.executionRole ?? pipeline?.executionRole,
    workflows: details.workflows ?? pipeline?.workflows ?? defaultWorkflows(image),
    loggingConfiguration: details.loggingConfiguration ?? {
      logGroupName:
        pipeline?.loggingConfiguration?.imageLogGroupName ?? `/aws/imagebuilder/${image.imageName}`,
    },
  };
}

/** Image Builder's managed build and test workflows, which a build runs when none are named. */
function defaultWorkflows({ partition, region }: ImageBuilderArnParts): WorkflowConfiguration[] {
  const managed = `arn:${partition}:imagebuilder:${region}:aws:workflow`;
  return [
    { workflowArn: `${managed}/build/build-image/x.x.x` },
    { workflowArn: `${managed}/test/test-image/x.x.x` },
  ];
}

function pipelineName(pipeline: ImagePipeline): string {
  return pipeline.name ?? pipeline.resource.replace(/^image-pipeline\//, "");
}

/** The pipeline's builds, newest first (highest build number of its version). */
export function pipelineBuilds(state: EmulatorState, pipeline: ImagePipeline): ImageBuildVersion[] {
  return state.pipelineImages(pipeline).sort((a, b) => b.buildNumber - a.buildNumber);
}

/** Scheduled runs that failed in a row: the newest builds' FAILED streak. */
function failureStreak(state: EmulatorState, builds: ImageBuildVersion[]): number {
  let streak = 0;
  for (const build of builds) {
    if (imageState(state, build).status !== "FAILED") break;
    streak++;
  }
  return streak;
}

export function pipelineShape(state: EmulatorState, pipeline: ImagePipeline): AwsImagePipeline {
  const { imageName, semanticVersion } = pipeline;
  const name = pipelineName(pipeline);
  const builds = pipelineBuilds(state, pipeline);
  const created =
    pipeline.dateCreated ??
    earliest(builds.map((build) => imageSummary(state, build).dateCreated)) ??
    DEFAULT_DATE;
  const newest = builds[0];
  const prefix = arnPrefix(pipeline);
  const configurationName = resourceName(name);
  const container = pipeline.containerRecipeArn !== undefined;
  return {
    arn: pipeline.arn,
    name,
    description: pipeline.description ?? `Builds ${imageName} ${semanticVersion}.`,
    platform: pipeline.platform ?? "Linux",
    enhancedImageMetadataEnabled: pipeline.enhancedImageMetadataEnabled ?? true,
    imageRecipeArn: container
      ? undefined
      : (pipeline.imageRecipeArn ?? `${prefix}:image-recipe/${imageName}/${semanticVersion}`),
    containerRecipeArn: pipeline.containerRecipeArn,
    infrastructureConfigurationArn:
      pipeline.infrastructureConfigurationArn ??
      `${prefix}:infrastructure-configuration/${configurationName}`,
    distributionConfigurationArn:
      pipeline.distributionConfigurationArn ??
      `${prefix}:distribution-configuration/${configurationName}`,
    imageTestsConfiguration: pipeline.imageTestsConfiguration ?? {
      imageTestsEnabled: true,
      timeoutMinutes: 720,
    },
    schedule: pipeline.schedule,
    status: pipeline.status ?? "ENABLED",
    dateCreated: created,
    dateUpdated: pipeline.dateUpdated ?? created,
    dateLastRun:
      pipeline.dateLastRun ?? (newest ? imageSummary(state, newest).dateCreated : undefined),
    lastRunStatus: newest ? imageState(state, newest).status : undefined,
    dateNextRun: pipeline.dateNextRun,
    tags: pipeline.tags,
    imageScanningConfiguration: pipeline.imageScanningConfiguration ?? {
      imageScanningEnabled: false,
    },
    imageTags: pipeline.imageTags,
    executionRole: pipeline.executionRole,
    workflows: pipeline.workflows,
    loggingConfiguration: pipeline.loggingConfiguration ?? {
      imageLogGroupName: `/aws/imagebuilder/${imageName}`,
      pipelineLogGroupName: `/aws/imagebuilder/pipeline/${configurationName}`,
    },
    consecutiveFailures: pipeline.consecutiveFailures ?? failureStreak(state, builds),
  };
}
