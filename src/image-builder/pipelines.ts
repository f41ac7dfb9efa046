// Image pipelines (ListImagePipelines, GetImagePipeline) and their builds
// (ListImagePipelineImages): where the Image Builder part of the graph starts.

import {
  type ImagePipeline,
  PipelineExecutionStartCondition,
  PipelineStatus,
  type Schedule,
} from "@aws-sdk/client-imagebuilder";
import { parseArn } from "../aws/arn.js";
import type { GatewayContext } from "../context.js";
import { awsCost, REFETCHED } from "../cost/fields.js";
import { pageArgs, regionArg, regionOrDefault } from "../graph/arguments.js";
import { builder } from "../graph/builder.js";
import {
  type ConnectionArgs,
  connectionArgs,
  resolveTokenConnection,
} from "../graph/connections.js";
import { awsEnum } from "../graph/enums.js";
import { nullIfNotFound } from "../graph/errors.js";
import { resolvePartitionedList } from "../graph/merged-connections.js";
import { invalidId, refetchable } from "../graph/nodes.js";
import { accountNamed, callAccount, partitionArgs } from "../graph/partitions.js";
import { parseDateTime } from "../graph/scalars.js";
import {
  accountOfArn,
  type ImageBuildVersionRef,
  imageBuildVersionFromArn,
  isImagePipelineArn,
  regionOfArn,
} from "./arns.js";
import { PAGE_CAP } from "./client.js";
import {
  ImageScanningConfigurationType,
  ImageTestsConfigurationType,
  PipelineLoggingConfigurationType,
  ResourceTagType,
  tagList,
  WorkflowConfigurationType,
} from "./image-details.js";
import { ImageBuilderPlatformEnum, ImageBuildStatusEnum } from "./image-enums.js";
import { ImageBuildVersionType } from "./types.js";

/** A pipeline: its ARN, and its description when a list or a read already brought it. */
export interface ImagePipelineRef {
  arn: string;
  region: string;
  /** The configured account whose credentials read it; absent: the home account. */
  account?: string;
  shape?: ImagePipeline;
}

const ImagePipelineStatusEnum = awsEnum(PipelineStatus, {
  name: "ImagePipelineStatus",
  description: "Whether a pipeline runs on its schedule.",
  values: {
    ENABLED: "The pipeline runs on its schedule and can be started by hand.",
    DISABLED: "The pipeline does not run on its schedule.",
  },
});

const StartConditionEnum = awsEnum(PipelineExecutionStartCondition, {
  name: "ImagePipelineStartCondition",
  description: "When a scheduled pipeline actually builds.",
  values: {
    EXPRESSION_MATCH_ONLY: "Every time the schedule expression matches.",
    EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE:
      "When the schedule matches and the base image or a component has a newer matching version (the default).",
  },
});

const ScheduleType = builder.objectRef<Schedule>("ImagePipelineSchedule").implement({
  description: "When a pipeline builds on its own.",
  fields: (t) => ({
    scheduleExpression: t.exposeString("scheduleExpression", {
      nullable: true,
      description: "The cron expression, e.g. cron(0 3 * * ? *).",
    }),
    timezone: t.exposeString("timezone", {
      nullable: true,
      description: "The IANA time zone of the expression, e.g. Etc/UTC (UTC when absent).",
    }),
    pipelineExecutionStartCondition: t.expose("pipelineExecutionStartCondition", {
      type: StartConditionEnum,
      nullable: true,
      description: "Whether a match alone starts a build, or only a match with newer dependencies.",
    }),
    autoDisableFailureCount: t.int({
      nullable: true,
      description:
        "Consecutive failed scheduled runs after which Image Builder disables the pipeline.",
      resolve: (schedule) => schedule.autoDisablePolicy?.failureCount,
    }),
  }),
});

/** The pipeline's description: the one already at hand, else GetImagePipeline (per request, once). */
async function pipelineShape(pipeline: ImagePipelineRef, context: GatewayContext) {
  if (pipeline.shape) return pipeline.shape;
  const response = await context.loaders.imageBuilder.pipeline.load({
    region: pipeline.region,
    account: pipeline.account ?? (await accountOfArn(pipeline.arn, context)),
    imagePipelineArn: pipeline.arn,
  });
  return response.imagePipeline ?? {};
}

export const ImagePipelineType = builder.objectRef<ImagePipelineRef>("ImagePipeline");

const ImageBuildVersionConnection = builder.connectionObject(
  {
    type: ImageBuildVersionType,
    name: "ImageBuildVersionConnection",
    description: "Image build versions, newest first as Image Builder lists them.",
  },
  {
    name: "ImageBuildVersionEdge",
    description: "One image build version in a list, with its cursor.",
  },
);

async function resolveBuilds(
  pipeline: ImagePipelineRef,
  args: ConnectionArgs,
  context: GatewayContext,
) {
  const account = pipeline.account ?? (await accountOfArn(pipeline.arn, context));
  return resolveTokenConnection({
    ...args,
    binding: `ImagePipeline.builds|${pipeline.arn}`,
    call: {
      service: "imagebuilder",
      operation: "ListImagePipelineImages",
      region: pipeline.region,
      account,
    },
    codec: context.cursors,
    limits: context.paging,
    identify: (build: ImageBuildVersionRef) => build.arn,
    fetchPage: async (nextToken) => {
      const page = await context.loaders.imageBuilder.pipelineImagesPage.load({
        region: pipeline.region,
        account,
        imagePipelineArn: pipeline.arn,
        nextToken,
      });
      const summaries = (page.imageSummaryList ?? []).filter((summary) => summary.arn);
      return {
        items: summaries.map((summary, index) => ({
          ...imageBuildVersionFromArn(summary.arn ?? ""),
          summary,
          pipeline,
          // Newest first: the next one was made before it (beyond the page: unknown here).
          olderBuildArn: summaries[index + 1]?.arn ?? (page.nextToken ? undefined : null),
        })),
        nextToken: page.nextToken,
      };
    },
  });
}

/** A field of the pipeline's description, read through `pipelineShape`. */
const fromShape =
  <Value>(read: (shape: ImagePipeline) => Value) =>
  async (pipeline: ImagePipelineRef, _args: unknown, context: GatewayContext) =>
    read(await pipelineShape(pipeline, context));

/** The description: GetImagePipeline, unless the list or look-up that found the pipeline brought it. */
const PIPELINE_DETAIL = awsCost.detail("imagebuilder.GetImagePipeline", { calls: 1 }, [
  "Query.imagePipelines",
  REFETCHED,
]);

builder.node(ImagePipelineType, {
  id: { resolve: (pipeline) => pipeline.arn },
  description:
    "An Image Builder pipeline: it builds new versions of an image from a recipe, by hand or on a schedule.",
  fields: (t) => ({
    arn: t.exposeString("arn", { description: "The pipeline's ARN." }),
    region: t.exposeString("region", { description: "The region the pipeline lives in." }),
    accountId: t.string({
      // Nullable like every node's accountId (AWS's public AppStream images have none).
      nullable: true,
      description: "The AWS account that owns the pipeline.",
      resolve: (pipeline) => parseArn(pipeline.arn)?.accountId ?? "",
    }),
    name: t.string({
      extensions: PIPELINE_DETAIL,
      description: "The pipeline's name.",
      resolve: async (pipeline, _args, context) =>
        (await pipelineShape(pipeline, context)).name ?? pipeline.arn.split("/").at(-1) ?? "",
    }),
    description: t.string({
      extensions: PIPELINE_DETAIL,
      nullable: true,
      description: "What the pipeline is for.",
      resolve: fromShape((shape) => shape.description),
    }),
    pipelineStatus: t.field({
      extensions: PIPELINE_DETAIL,
      type: ImagePipelineStatusEnum,
      nullable: true,
      description: "Whether the pipeline runs on its schedule (Image Builder's `status`).",
      resolve: fromShape((shape) => shape.status),
    }),
    osPlatform: t.field({
      extensions: PIPELINE_DETAIL,
      type: ImageBuilderPlatformEnum,
      nullable: true,
      description: "The operating system platform it builds for (Image Builder's `platform`).",
      resolve: fromShape((shape) => shape.platform),
    }),
    schedule: t.field({
      extensions: PIPELINE_DETAIL,
      type: ScheduleType,
      nullable: true,
      description: "When it builds on its own; null for pipelines run only by hand.",
      resolve: fromShape((shape) => shape.schedule),
    }),
    dateCreated: t.field({
      extensions: PIPELINE_DETAIL,
      type: "DateTime",
      nullable: true,
      description: "When the pipeline was created.",
      resolve: fromShape((shape) => parseDateTime(shape.dateCreated)),
    }),
    dateUpdated: t.field({
      extensions: PIPELINE_DETAIL,
      type: "DateTime",
      nullable: true,
      description: "When the pipeline was last changed.",
      resolve: fromShape((shape) => parseDateTime(shape.dateUpdated)),
    }),
    dateNextRun: t.field({
      extensions: PIPELINE_DETAIL,
      type: "DateTime",
      nullable: true,
      description: "When the schedule runs it next.",
      resolve: fromShape((shape) => parseDateTime(shape.dateNextRun)),
    }),
    lastRunStatus: t.field({
      extensions: PIPELINE_DETAIL,
      type: ImageBuildStatusEnum,
      nullable: true,
      description: "The state of the last image the pipeline built.",
      resolve: fromShape((shape) => shape.lastRunStatus),
    }),
    imageRecipeArn: t.string({
      extensions: PIPELINE_DETAIL,
      nullable: true,
      description: "The image recipe it builds (AMI pipelines).",
      resolve: fromShape((shape) => shape.imageRecipeArn),
    }),
    containerRecipeArn: t.string({
      extensions: PIPELINE_DETAIL,
      nullable: true,
      description: "The container recipe it builds (container pipelines).",
      resolve: fromShape((shape) => shape.containerRecipeArn),
    }),
    infrastructureConfigurationArn: t.string({
      extensions: PIPELINE_DETAIL,
      nullable: true,
      description: "Where its build and test instances run.",
      resolve: fromShape((shape) => shape.infrastructureConfigurationArn),
    }),
    distributionConfigurationArn: t.string({
      extensions: PIPELINE_DETAIL,
      nullable: true,
      description: "Where its images are distributed to.",
      resolve: fromShape((shape) => shape.distributionConfigurationArn),
    }),
    enhancedImageMetadataEnabled: t.boolean({
      extensions: PIPELINE_DETAIL,
      nullable: true,
      description: "Whether builds collect OS version and package inventory (packages need it).",
      resolve: fromShape((shape) => shape.enhancedImageMetadataEnabled),
    }),
    dateLastRun: t.field({
      extensions: PIPELINE_DETAIL,
      type: "DateTime",
      nullable: true,
      description: "When the pipeline last ran.",
      resolve: fromShape((shape) => parseDateTime(shape.dateLastRun)),
    }),
    imageTestsConfiguration: t.field({
      extensions: PIPELINE_DETAIL,
      type: ImageTestsConfigurationType,
      nullable: true,
      description: "Whether its builds run their tests, and their time limit.",
      resolve: fromShape((shape) => shape.imageTestsConfiguration),
    }),
    imageScanningConfiguration: t.field({
      extensions: PIPELINE_DETAIL,
      type: ImageScanningConfigurationType,
      nullable: true,
      description: "Whether Amazon Inspector scans its builds' output.",
      resolve: fromShape((shape) => shape.imageScanningConfiguration),
    }),
    tags: t.field({
      extensions: PIPELINE_DETAIL,
      type: [ResourceTagType],
      nullable: true,
      description: "The pipeline's own tags.",
      resolve: fromShape((shape) => tagList(shape.tags)),
    }),
    imageTags: t.field({
      extensions: PIPELINE_DETAIL,
      type: [ResourceTagType],
      nullable: true,
      description: "Tags put on the images it builds.",
      resolve: fromShape((shape) => tagList(shape.imageTags)),
    }),
    executionRole: t.string({
      extensions: PIPELINE_DETAIL,
      nullable: true,
      description: "The IAM role (name or ARN) Image Builder runs its builds' workflows with.",
      resolve: fromShape((shape) => shape.executionRole),
    }),
    workflows: t.field({
      extensions: PIPELINE_DETAIL,
      type: [WorkflowConfigurationType],
      nullable: true,
      description:
        "The workflows its builds run, with their parameters; empty when it runs Image Builder's default ones.",
      resolve: fromShape((shape) => shape.workflows ?? []),
    }),
    pipelineLoggingConfiguration: t.field({
      extensions: PIPELINE_DETAIL,
      type: PipelineLoggingConfigurationType,
      nullable: true,
      description:
        "The CloudWatch Logs groups of the pipeline and its builds (Image Builder's `loggingConfiguration`).",
      resolve: fromShape((shape) => shape.loggingConfiguration),
    }),
    consecutiveFailures: t.int({
      extensions: PIPELINE_DETAIL,
      nullable: true,
      description: "Scheduled runs that failed in a row.",
      resolve: fromShape((shape) => shape.consecutiveFailures),
    }),
    builds: t.field({
      type: ImageBuildVersionConnection,
      nullable: true,
      extensions: awsCost.connection(PAGE_CAP),
      description:
        "The image build versions this pipeline created, newest first (ListImagePipelineImages).",
      args: pageArgs(t.arg),
      resolve: (pipeline, args, context, info) =>
        resolveBuilds(pipeline, connectionArgs(args, info), context),
    }),
  }),
});

const ImagePipelineConnection = builder.connectionObject(
  {
    type: ImagePipelineType,
    name: "ImagePipelineConnection",
    description:
      "Image pipelines in the order Image Builder lists them; over several accounts and regions, account by account (configuration order), region by region (in the order `regions` names them).",
  },
  { name: "ImagePipelineEdge", description: "One image pipeline in a list, with its cursor." },
);

/**
 * A pipeline by ARN, proven to exist with GetImagePipeline; NOT_FOUND otherwise. It is read in
 * its ARN's region, as its ARN's account when that account is configured.
 */
export async function existingPipeline(
  arn: string,
  context: GatewayContext,
): Promise<ImagePipelineRef> {
  const region = regionOfArn(arn);
  const account = await accountNamed(parseArn(arn)?.accountId, context);
  const response = await context.loaders.imageBuilder.pipeline.load({
    region,
    account,
    imagePipelineArn: arn,
  });
  return { arn, region, account, shape: response.imagePipeline };
}

refetchable("ImagePipeline", { calls: 1 }, (arn, context) => {
  if (!isImagePipelineArn(arn)) throw invalidId("it does not hold an image pipeline ARN");
  return nullIfNotFound(existingPipeline(arn, context));
});

builder.queryFields((t) => ({
  imagePipelines: t.field({
    type: ImagePipelineConnection,
    nullable: true,
    extensions: awsCost.connection(PAGE_CAP, "imagebuilder"),
    description:
      "Image pipelines (ListImagePipelines) of one region of the gateway's account, or of several accounts and regions merged into one list (`accounts`, `regions`): the place to start exploring Image Builder, through each pipeline's builds to their packages and workflow steps.",
    args: { region: regionArg(t.arg), ...partitionArgs(t.arg), ...pageArgs(t.arg) },
    resolve: (_root, { region, accounts, regions, ...args }, context, info) => {
      if (accounts || regions) {
        return resolvePartitionedList(
          {
            ...connectionArgs(args, info),
            service: "imagebuilder",
            operation: "ListImagePipelines",
            binding: "Query.imagePipelines",
            where: { accounts, regions, region },
            identify: (pipeline: ImagePipelineRef) => pipeline.arn,
            fetchPage: async ({ account, region: partitionRegion }, nextToken) => {
              const page = await context.loaders.imageBuilder.pipelinesPage.load({
                region: partitionRegion,
                account: callAccount(account),
                nextToken,
              });
              return {
                items: (page.imagePipelineList ?? []).flatMap((shape) =>
                  shape.arn
                    ? [
                        {
                          arn: shape.arn,
                          region: partitionRegion,
                          account: callAccount(account),
                          shape,
                        },
                      ]
                    : [],
                ),
                nextToken: page.nextToken,
              };
            },
          },
          context,
          info,
        );
      }
      const callRegion = regionOrDefault(region, context, "imagebuilder");
      return resolveTokenConnection({
        ...connectionArgs(args, info),
        binding: `Query.imagePipelines|${callRegion}`,
        call: { service: "imagebuilder", operation: "ListImagePipelines", region: callRegion },
        codec: context.cursors,
        limits: context.paging,
        identify: (pipeline: ImagePipelineRef) => pipeline.arn,
        fetchPage: async (nextToken) => {
          const page = await context.loaders.imageBuilder.pipelinesPage.load({
            region: callRegion,
            nextToken,
          });
          return {
            items: (page.imagePipelineList ?? []).flatMap((shape) =>
              shape.arn ? [{ arn: shape.arn, region: callRegion, shape }] : [],
            ),
            nextToken: page.nextToken,
          };
        },
      });
    },
  }),
}));

builder.asEntity(ImagePipelineType, {
  key: builder.selection<{ arn: string }>("arn"),
  resolveReference: ({ arn }, context) =>
    isImagePipelineArn(arn) ? nullIfNotFound(existingPipeline(arn, context)) : null,
});
