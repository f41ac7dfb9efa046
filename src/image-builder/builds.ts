// What an image build version is beyond its ARN (GetImage, or the pipeline's build list that
// brought it), the workflow runs that built it (ListWorkflowExecutions), and the links back up:
// build → pipeline, workflow run → build.

import type { Image, ImageSummary, WorkflowExecutionMetadata } from "@aws-sdk/client-imagebuilder";
import { PageWalk, walkAllPages } from "../aws/page-walk.js";
import type { GatewayContext } from "../context.js";
import { awsCost } from "../cost/fields.js";
import { pageArgs } from "../graph/arguments.js";
import { builder } from "../graph/builder.js";
import { connectionArgs, resolveTokenConnection } from "../graph/connections.js";
import { gatewayError } from "../graph/errors.js";
import { parseDateTime } from "../graph/scalars.js";
import {
  accountOfArn,
  type ImageBuildVersionRef,
  imageBuildVersionFromArn,
  regionOfArn,
} from "./arns.js";
import { PAGE_CAP } from "./client.js";
import {
  ContainerRecipeType,
  DistributionConfigurationType,
  ImageBuildStateType,
  ImageLoggingConfigurationType,
  ImageRecipeType,
  ImageScanningConfigurationType,
  ImageScanStateType,
  ImageTestsConfigurationType,
  InfrastructureConfigurationType,
  OutputResourcesType,
  ResourceTagType,
  tagList,
  WorkflowConfigurationType,
} from "./image-details.js";
import {
  ImageBuilderPlatformEnum,
  ImageBuildOutputTypeEnum,
  ImageBuildSourceEnum,
  ImageBuildTypeEnum,
  WorkflowExecutionStatusEnum,
  WorkflowTypeEnum,
} from "./image-enums.js";
import { ImagePipelineType } from "./pipelines.js";
import {
  ImageBuildVersionType,
  type WorkflowExecutionRef,
  WorkflowExecutionType,
  workflowStepsPage,
} from "./types.js";

/** GetImage for one build, at most once per request; concurrent reads of many builds overlap. */
export async function readImage(
  image: ImageBuildVersionRef,
  context: GatewayContext,
): Promise<Image> {
  const response = await context.loaders.imageBuilder.image.load({
    region: image.region,
    account: await accountOfArn(image.arn, context),
    imageBuildVersionArn: image.arn,
  });
  return response.image ?? {};
}

/** The members a pipeline's build list and GetImage both have: no call when the list brought them. */
async function imageSummary(
  image: ImageBuildVersionRef,
  context: GatewayContext,
): Promise<ImageSummary> {
  return image.summary ?? readImage(image, context);
}

const fromSummary =
  <Value>(read: (summary: ImageSummary) => Value) =>
  async (image: ImageBuildVersionRef, _args: unknown, context: GatewayContext) =>
    read(await imageSummary(image, context));

export { ImageBuildStateType };

const fromImage =
  <Value>(read: (image: Image) => Value) =>
  async (image: ImageBuildVersionRef, _args: unknown, context: GatewayContext) =>
    read(await readImage(image, context));

/** GetImage, unless the build came from its pipeline's build list, which brought all of it. */
const IMAGE_DETAIL = awsCost.detail("imagebuilder.GetImage", { calls: 1 }, [
  "ImagePipeline.builds",
]);

/** GetImage members no list brings: one read per build, shared with the fields above. */
const IMAGE_ONLY = awsCost.detail("imagebuilder.GetImage", { calls: 1 });

const WorkflowExecutionConnection = builder.connectionObject(
  {
    type: WorkflowExecutionType,
    name: "WorkflowExecutionConnection",
    description: "Workflow runs of one image build version, in the order Image Builder lists them.",
  },
  { name: "WorkflowExecutionEdge", description: "One workflow run in a list, with its cursor." },
);

async function workflowExecutionsPage(
  imageBuildVersionArn: string,
  nextToken: string | undefined,
  context: GatewayContext,
) {
  const region = regionOfArn(imageBuildVersionArn);
  const account = await accountOfArn(imageBuildVersionArn, context);
  const page = await context.loaders.imageBuilder.workflowExecutionsPage.load({
    region,
    account,
    imageBuildVersionArn,
    nextToken,
  });
  return {
    items: (page.workflowExecutions ?? []).flatMap((metadata): WorkflowExecutionRef[] =>
      metadata.workflowExecutionId
        ? [
            {
              region,
              account,
              workflowExecutionId: metadata.workflowExecutionId,
              metadata,
              imageBuildVersionArn,
            },
          ]
        : [],
    ),
    nextToken: page.nextToken,
  };
}

builder.objectFields(ImageBuildVersionType, (t) => ({
  buildState: t.field({
    extensions: IMAGE_DETAIL,
    type: ImageBuildStateType,
    nullable: true,
    description: "Where the build stands (Image Builder's `state`): status and reason.",
    resolve: fromSummary((summary) => summary.state),
  }),
  dateCreated: t.field({
    extensions: IMAGE_DETAIL,
    type: "DateTime",
    nullable: true,
    description: "When Image Builder created the build.",
    resolve: fromSummary((summary) => parseDateTime(summary.dateCreated)),
  }),
  osVersion: t.string({
    extensions: IMAGE_DETAIL,
    nullable: true,
    description:
      "The operating system version of instances launched from it, e.g. Amazon Linux 2023.",
    resolve: fromSummary((summary) => summary.osVersion),
  }),
  osPlatform: t.field({
    extensions: IMAGE_DETAIL,
    type: ImageBuilderPlatformEnum,
    nullable: true,
    description: "The operating system platform (Image Builder's `platform`).",
    resolve: fromSummary((summary) => summary.platform),
  }),
  outputType: t.field({
    extensions: IMAGE_DETAIL,
    type: ImageBuildOutputTypeEnum,
    nullable: true,
    description: "Whether it produces an AMI or a container image (Image Builder's `type`).",
    resolve: fromSummary((summary) => summary.type),
  }),
  buildType: t.field({
    extensions: IMAGE_DETAIL,
    type: ImageBuildTypeEnum,
    nullable: true,
    description: "What started the build.",
    resolve: fromSummary((summary) => summary.buildType),
  }),
  imageSource: t.field({
    extensions: IMAGE_DETAIL,
    type: ImageBuildSourceEnum,
    nullable: true,
    description: "Where its base image came from.",
    resolve: fromSummary((summary) => summary.imageSource),
  }),
  pipeline: t.field({
    extensions: IMAGE_DETAIL,
    type: ImagePipelineType,
    nullable: true,
    description:
      "The pipeline that created the build; null when none did. Known without a call when the build was reached through its pipeline, else read with GetImage.",
    resolve: async (image, _args, context) => {
      if (image.pipeline) return image.pipeline;
      const arn = (await readImage(image, context)).sourcePipelineArn;
      return arn ? { arn, region: regionOfArn(arn) } : null;
    },
  }),
  outputResources: t.field({
    extensions: IMAGE_ONLY,
    type: OutputResourcesType,
    nullable: true,
    description:
      "What the build produced: its AMIs (id, region, account, state) or its container image URIs. Empty until the build is AVAILABLE, and for builds that failed or were cancelled.",
    resolve: fromImage((image) => image.outputResources ?? {}),
  }),
  imageRecipe: t.field({
    extensions: IMAGE_ONLY,
    type: ImageRecipeType,
    nullable: true,
    description:
      "The recipe the build was made from, as it was then (AMI builds): parent image, components with their versions and parameters, volumes.",
    resolve: fromImage((image) => image.imageRecipe),
  }),
  containerRecipe: t.field({
    extensions: IMAGE_ONLY,
    type: ContainerRecipeType,
    nullable: true,
    description:
      "The container recipe the build was made from (container builds): parent image, components, Dockerfile, target repository.",
    resolve: fromImage((image) => image.containerRecipe),
  }),
  infrastructureConfiguration: t.field({
    extensions: IMAGE_ONLY,
    type: InfrastructureConfigurationType,
    nullable: true,
    description: "Where the build's instances ran: instance types, profile, network, logging.",
    resolve: fromImage((image) => image.infrastructureConfiguration),
  }),
  distributionConfiguration: t.field({
    extensions: IMAGE_ONLY,
    type: DistributionConfigurationType,
    nullable: true,
    description: "Where the output was distributed: regions, accounts, names, tags.",
    resolve: fromImage((image) => image.distributionConfiguration),
  }),
  imageTestsConfiguration: t.field({
    extensions: IMAGE_ONLY,
    type: ImageTestsConfigurationType,
    nullable: true,
    description: "Whether the build ran its tests, and their time limit.",
    resolve: fromImage((image) => image.imageTestsConfiguration),
  }),
  imageScanningConfiguration: t.field({
    extensions: IMAGE_ONLY,
    type: ImageScanningConfigurationType,
    nullable: true,
    description: "Whether Amazon Inspector scans the output.",
    resolve: fromImage((image) => image.imageScanningConfiguration),
  }),
  scanState: t.field({
    extensions: IMAGE_ONLY,
    type: ImageScanStateType,
    nullable: true,
    description: "Where the vulnerability scan of the output stands; null when none ran.",
    resolve: fromImage((image) => image.scanState),
  }),
  tags: t.field({
    extensions: IMAGE_ONLY,
    type: [ResourceTagType],
    nullable: true,
    description: "The build's tags, as key and value pairs in the order AWS sent them.",
    resolve: fromImage((image) => tagList(image.tags)),
  }),
  workflows: t.field({
    extensions: IMAGE_ONLY,
    type: [WorkflowConfigurationType],
    nullable: true,
    description:
      "The workflows the build was configured to run, with their parameters; `workflowExecutions` are their runs.",
    resolve: fromImage((image) => image.workflows ?? []),
  }),
  deprecationTime: t.field({
    extensions: IMAGE_ONLY,
    type: "DateTime",
    nullable: true,
    description: "When the build's AMIs are deprecated; null when no deprecation is scheduled.",
    resolve: fromImage((image) => image.deprecationTime ?? null),
  }),
  lifecycleExecutionId: t.string({
    extensions: IMAGE_ONLY,
    nullable: true,
    description: "The lifecycle policy run that last acted on the build (lce-<UUID>).",
    resolve: fromImage((image) => image.lifecycleExecutionId),
  }),
  executionRole: t.string({
    extensions: IMAGE_ONLY,
    nullable: true,
    description: "The IAM role (name or ARN) Image Builder used to run the build's workflows.",
    resolve: fromImage((image) => image.executionRole),
  }),
  loggingConfiguration: t.field({
    extensions: IMAGE_ONLY,
    type: ImageLoggingConfigurationType,
    nullable: true,
    description: "The CloudWatch Logs group the build logged to.",
    resolve: fromImage((image) => image.loggingConfiguration),
  }),
  enhancedImageMetadataEnabled: t.boolean({
    extensions: IMAGE_ONLY,
    nullable: true,
    description: "Whether the build collected OS version and package inventory (packages need it).",
    resolve: fromImage((image) => image.enhancedImageMetadataEnabled),
  }),
  sourcePipelineArn: t.string({
    extensions: IMAGE_DETAIL,
    nullable: true,
    description: "The ARN of the pipeline that created the build; null when none did.",
    resolve: async (image, _args, context) =>
      image.pipeline?.arn ?? (await readImage(image, context)).sourcePipelineArn,
  }),
  sourcePipelineName: t.string({
    extensions: IMAGE_ONLY,
    nullable: true,
    description: "The name of the pipeline that created the build.",
    resolve: fromImage((image) => image.sourcePipelineName),
  }),
  workflowExecutions: t.field({
    type: WorkflowExecutionConnection,
    nullable: true,
    extensions: awsCost.connection(PAGE_CAP),
    description:
      "The workflow runs (build, test, distribution) of this build (ListWorkflowExecutions); each has its steps.",
    args: pageArgs(t.arg),
    resolve: (image, args, context, info) =>
      resolveTokenConnection({
        ...connectionArgs(args, info),
        binding: `ImageBuildVersion.workflowExecutions|${image.arn}`,
        call: {
          service: "imagebuilder",
          operation: "ListWorkflowExecutions",
          region: regionOfArn(image.arn),
        },
        codec: context.cursors,
        limits: context.paging,
        identify: (workflow: WorkflowExecutionRef) => workflow.workflowExecutionId,
        fetchPage: (nextToken) => workflowExecutionsPage(image.arn, nextToken, context),
      }),
  }),
}));

/** The image a workflow ran for: known from its build's list, else from its first page of steps. */
async function imageArnOf(
  workflow: WorkflowExecutionRef,
  context: GatewayContext,
): Promise<string | undefined> {
  if (workflow.imageBuildVersionArn) return workflow.imageBuildVersionArn;
  return (await workflowStepsPage(workflow, undefined, context)).imageBuildVersionArn;
}

/**
 * A run's summary. Image Builder lists summaries per image only, so a run reached by id finds
 * its image from its steps, then itself in that image's (loader-cached) list.
 */
async function workflowMetadata(
  workflow: WorkflowExecutionRef,
  context: GatewayContext,
): Promise<WorkflowExecutionMetadata> {
  if (workflow.metadata) return workflow.metadata;
  const imageArn = await imageArnOf(workflow, context);
  if (!imageArn) return {};
  let metadata: WorkflowExecutionMetadata | undefined;
  await walkAllPages(
    new PageWalk(
      {
        service: "imagebuilder",
        operation: "ListWorkflowExecutions",
        region: regionOfArn(imageArn),
      },
      context.paging.maxPagesPerWalk,
    ),
    (nextToken) => workflowExecutionsPage(imageArn, nextToken, context),
    (page) => page.nextToken,
    (page) => {
      metadata = page.items.find(
        (item) => item.workflowExecutionId === workflow.workflowExecutionId,
      )?.metadata;
      return metadata !== undefined;
    },
  );
  return metadata ?? {};
}

const fromMetadata =
  <Value>(read: (metadata: WorkflowExecutionMetadata) => Value) =>
  async (workflow: WorkflowExecutionRef, _args: unknown, context: GatewayContext) =>
    read(await workflowMetadata(workflow, context));

/** The run's image: its first page of steps, unless it was reached through its image. */
const WORKFLOW_IMAGE = awsCost.detail("imagebuilder.ListWorkflowStepExecutions", { calls: 1 }, [
  "ImageBuildVersion.workflowExecutions",
  "ImageBuildProgressEvent.workflowExecution",
]);

/**
 * The run's summary: its image, then the image's runs until it is found (every page when it is
 * not there), unless it was reached through its image's list of runs.
 */
const WORKFLOW_SUMMARY = awsCost.detail(
  "imagebuilder.ListWorkflowExecutions",
  { calls: 1, walks: 1 },
  ["ImageBuildVersion.workflowExecutions"],
);

builder.objectFields(WorkflowExecutionType, (t) => ({
  executionStatus: t.field({
    extensions: WORKFLOW_SUMMARY,
    type: WorkflowExecutionStatusEnum,
    nullable: true,
    description: "Where the whole run stands (Image Builder's `status`).",
    resolve: fromMetadata((metadata) => metadata.status),
  }),
  workflowType: t.field({
    extensions: WORKFLOW_SUMMARY,
    type: WorkflowTypeEnum,
    nullable: true,
    description: "Which stage of the build the workflow ran (Image Builder's `type`).",
    resolve: fromMetadata((metadata) => metadata.type),
  }),
  workflowBuildVersionArn: t.string({
    extensions: WORKFLOW_SUMMARY,
    nullable: true,
    description: "The workflow build version that ran.",
    resolve: fromMetadata((metadata) => metadata.workflowBuildVersionArn),
  }),
  message: t.string({
    extensions: WORKFLOW_SUMMARY,
    nullable: true,
    description: "The run's output message, when it has one.",
    resolve: fromMetadata((metadata) => metadata.message),
  }),
  totalStepCount: t.int({
    extensions: WORKFLOW_SUMMARY,
    nullable: true,
    description: "Steps in the workflow.",
    resolve: fromMetadata((metadata) => metadata.totalStepCount),
  }),
  totalStepsSucceeded: t.int({
    extensions: WORKFLOW_SUMMARY,
    nullable: true,
    description: "Steps that completed.",
    resolve: fromMetadata((metadata) => metadata.totalStepsSucceeded),
  }),
  totalStepsFailed: t.int({
    extensions: WORKFLOW_SUMMARY,
    nullable: true,
    description: "Steps that failed.",
    resolve: fromMetadata((metadata) => metadata.totalStepsFailed),
  }),
  totalStepsSkipped: t.int({
    extensions: WORKFLOW_SUMMARY,
    nullable: true,
    description: "Steps that were skipped.",
    resolve: fromMetadata((metadata) => metadata.totalStepsSkipped),
  }),
  startTime: t.field({
    extensions: WORKFLOW_SUMMARY,
    type: "DateTime",
    nullable: true,
    description: "When the run started.",
    resolve: fromMetadata((metadata) => parseDateTime(metadata.startTime)),
  }),
  endTime: t.field({
    extensions: WORKFLOW_SUMMARY,
    type: "DateTime",
    nullable: true,
    description: "When the run ended.",
    resolve: fromMetadata((metadata) => parseDateTime(metadata.endTime)),
  }),
  parallelGroup: t.string({
    extensions: WORKFLOW_SUMMARY,
    nullable: true,
    description: "The test group the workflow ran in, for test workflows.",
    resolve: fromMetadata((metadata) => metadata.parallelGroup),
  }),
  retried: t.boolean({
    extensions: WORKFLOW_SUMMARY,
    nullable: true,
    description: "Whether this run was a retry.",
    resolve: fromMetadata((metadata) => metadata.retried),
  }),
  imageBuildVersion: t.field({
    extensions: WORKFLOW_IMAGE,
    type: ImageBuildVersionType,
    description:
      "The image build version the run was for: known when reached through it, else read from the run's first page of steps.",
    resolve: async (workflow, _args, context) => {
      const arn = await imageArnOf(workflow, context);
      if (!arn) {
        throw gatewayError(
          "NOT_FOUND",
          `Image Builder names no image build version for workflow execution ${workflow.workflowExecutionId}.`,
        );
      }
      return imageBuildVersionFromArn(arn);
    },
  }),
}));
