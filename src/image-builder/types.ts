import { randomUUID } from "node:crypto";
import {
  type ImagePackage,
  type ListWorkflowStepExecutionsResponse,
  WorkflowStepExecutionRollbackStatus,
  WorkflowStepExecutionStatus,
  type WorkflowStepMetadata,
} from "@aws-sdk/client-imagebuilder";
import { z } from "zod";
import type { GatewayContext } from "../context.js";
import { pageArgs, patterned, regionArg, regionOrDefault } from "../graph/arguments.js";
import { builder } from "../graph/builder.js";
import { resolveTokenConnection } from "../graph/connections.js";
import { isNotFound } from "../graph/errors.js";
import { parseDateTime } from "../graph/scalars.js";
import {
  IMAGE_BUILD_VERSION_ARN,
  IMAGE_BUILD_VERSION_ARN_FORM,
  IMAGE_PIPELINE_ARN,
  IMAGE_PIPELINE_ARN_FORM,
  type ImageBuildVersionRef,
  imageBuildVersionFromArn,
  regionOfArn,
  WORKFLOW_EXECUTION_ID,
  WORKFLOW_EXECUTION_ID_FORM,
} from "./arns.js";
import { startImagePipelineExecution } from "./client.js";

const imageBuildVersionArn = patterned(IMAGE_BUILD_VERSION_ARN, IMAGE_BUILD_VERSION_ARN_FORM);

// ---------------------------------------------------------------------------------------------
// ImagePackage and ImageBuildVersion (ListImagePackages)

export const ImagePackageType = builder.objectRef<ImagePackage>("ImagePackage").implement({
  description:
    "A package installed on an image build version, as Systems Manager Inventory recorded it at build time.",
  fields: (t) => ({
    packageName: t.exposeString("packageName", {
      nullable: true,
      description: "The package's name, e.g. openssl.",
    }),
    packageVersion: t.exposeString("packageVersion", {
      nullable: true,
      description: "The package's version as the distribution labels it.",
    }),
  }),
});

export const ImagePackageConnection = builder.connectionObject(
  {
    type: ImagePackageType,
    name: "ImagePackageConnection",
    description: "Packages of an image build version, in the order Image Builder lists them.",
  },
  { name: "ImagePackageEdge" },
);

function resolveImagePackages(
  field: string,
  image: ImageBuildVersionRef,
  args: { first?: number | null; after?: string | null },
  context: GatewayContext,
) {
  return resolveTokenConnection({
    ...args,
    binding: `${field}|${image.arn}`,
    codec: context.cursors,
    limits: context.paging,
    identify: (item: ImagePackage) => `${item.packageName}\0${item.packageVersion}`,
    fetchPage: async (nextToken) => {
      const page = await context.loaders.imageBuilder.imagePackagesPage.load({
        region: image.region,
        imageBuildVersionArn: image.arn,
        nextToken,
      });
      return { items: page.imagePackageList ?? [], nextToken: page.nextToken };
    },
  });
}

export const ImageBuildVersionType = builder
  .objectRef<ImageBuildVersionRef>("ImageBuildVersion")
  .implement({
    description:
      "One build of an Image Builder image: a semantic version of a named image plus a build number.",
    fields: (t) => ({
      arn: t.exposeString("arn", { description: "The image build version's ARN." }),
      region: t.exposeString("region", { description: "The region the image was built in." }),
      accountId: t.exposeString("accountId", {
        description: "The owning AWS account, or `aws` for images AWS publishes.",
      }),
      name: t.exposeString("name", { description: "The image's name." }),
      version: t.exposeString("version", {
        description: "The semantic version, major.minor.patch.",
      }),
      buildNumber: t.exposeInt("buildNumber", {
        description: "The build number of this version, counting from 1.",
      }),
      packages: t.field({
        type: ImagePackageConnection,
        description: "Packages installed on this image build version (ListImagePackages).",
        args: pageArgs(t.arg),
        resolve: (image, args, context) =>
          resolveImagePackages("ImageBuildVersion.packages", image, args, context),
      }),
    }),
  });

builder.queryFields((t) => ({
  imagePackages: t.field({
    type: ImagePackageConnection,
    description:
      "Packages installed on an image build version, as recorded by Systems Manager Inventory at build time (ListImagePackages).",
    args: {
      imageBuildVersionArn: t.arg.string({
        required: true,
        description: `The image build version's ARN: ${IMAGE_BUILD_VERSION_ARN_FORM}.`,
        validate: imageBuildVersionArn,
      }),
      ...pageArgs(t.arg),
    },
    resolve: (_root, { imageBuildVersionArn, ...args }, context) =>
      resolveImagePackages(
        "Query.imagePackages",
        imageBuildVersionFromArn(imageBuildVersionArn),
        args,
        context,
      ),
  }),
  imageBuildVersion: t.field({
    type: ImageBuildVersionType,
    nullable: true,
    description:
      "An image build version by ARN, or null when Image Builder does not know it. The ARN's region is the region called.",
    args: {
      arn: t.arg.string({
        required: true,
        description: `The image build version's ARN: ${IMAGE_BUILD_VERSION_ARN_FORM}.`,
        validate: imageBuildVersionArn,
      }),
    },
    resolve: async (_root, { arn }, context) => {
      const image = imageBuildVersionFromArn(arn);
      try {
        // Proves the image exists; the page is the one `packages` reads first, fetched once.
        await context.loaders.imageBuilder.imagePackagesPage.load({
          region: image.region,
          imageBuildVersionArn: arn,
        });
        return image;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
  }),
}));

// ---------------------------------------------------------------------------------------------
// WorkflowStepExecution (ListWorkflowStepExecutions)

const WorkflowStepStatusEnum = builder.enumType(WorkflowStepExecutionStatus, {
  name: "WorkflowStepExecutionStatus",
  description: "Where a workflow step's run stands.",
});

const WorkflowStepRollbackStatusEnum = builder.enumType(WorkflowStepExecutionRollbackStatus, {
  name: "WorkflowStepExecutionRollbackStatus",
  description: "Where the rollback of a workflow step stands, when the workflow failed.",
});

export const WorkflowStepExecutionType = builder
  .objectRef<WorkflowStepMetadata>("WorkflowStepExecution")
  .implement({
    description: "Runtime details of one step of an Image Builder workflow execution.",
    fields: (t) => ({
      stepExecutionId: t.exposeString("stepExecutionId", {
        nullable: true,
        description: "Identifier of this run of the step (step-<UUID>).",
      }),
      name: t.exposeString("name", { nullable: true, description: "The step's name." }),
      description: t.exposeString("description", {
        nullable: true,
        description: "What the step does.",
      }),
      action: t.exposeString("action", {
        nullable: true,
        description: "The step action the workflow ran, e.g. LaunchInstance or ExecuteComponents.",
      }),
      status: t.expose("status", {
        type: WorkflowStepStatusEnum,
        nullable: true,
        description: "The step's run status.",
      }),
      rollbackStatus: t.expose("rollbackStatus", {
        type: WorkflowStepRollbackStatusEnum,
        nullable: true,
        description: "The step's rollback status.",
      }),
      message: t.exposeString("message", {
        nullable: true,
        description: "The step's detail or error message.",
      }),
      inputs: t.exposeString("inputs", {
        nullable: true,
        description: "The step's input parameters, as JSON text.",
      }),
      outputs: t.exposeString("outputs", {
        nullable: true,
        description: "The step's outputs, as JSON text.",
      }),
      startTime: t.field({
        type: "DateTime",
        nullable: true,
        description: "When the step started.",
        resolve: (step) => parseDateTime(step.startTime),
      }),
      endTime: t.field({
        type: "DateTime",
        nullable: true,
        description: "When the step ended.",
        resolve: (step) => parseDateTime(step.endTime),
      }),
    }),
  });

export const WorkflowStepExecutionConnection = builder.connectionObject<
  typeof WorkflowStepExecutionType,
  { page: ListWorkflowStepExecutionsResponse; region: string }
>(
  {
    type: WorkflowStepExecutionType,
    name: "WorkflowStepExecutionConnection",
    description: "The steps of one workflow execution, in run order, and what the workflow ran on.",
    fields: (t) => ({
      workflowExecutionId: t.string({
        nullable: true,
        description: "The workflow execution these steps belong to.",
        resolve: ({ page }) => page.workflowExecutionId,
      }),
      workflowBuildVersionArn: t.string({
        nullable: true,
        description: "ARN of the workflow build version that defines these steps.",
        resolve: ({ page }) => page.workflowBuildVersionArn,
      }),
      message: t.string({
        nullable: true,
        description: "The workflow execution's output message, when it has one.",
        resolve: ({ page }) => page.message,
      }),
      imageBuildVersion: t.field({
        type: ImageBuildVersionType,
        nullable: true,
        description: "The image build version the workflow ran for.",
        resolve: ({ page }) =>
          page.imageBuildVersionArn ? imageBuildVersionFromArn(page.imageBuildVersionArn) : null,
      }),
    }),
  },
  { name: "WorkflowStepExecutionEdge" },
);

builder.queryFields((t) => ({
  workflowStepExecutions: t.field({
    type: WorkflowStepExecutionConnection,
    description: "Runtime data for each step of a workflow execution (ListWorkflowStepExecutions).",
    args: {
      workflowExecutionId: t.arg.string({
        required: true,
        description: `The workflow execution's id: ${WORKFLOW_EXECUTION_ID_FORM}.`,
        validate: patterned(WORKFLOW_EXECUTION_ID, WORKFLOW_EXECUTION_ID_FORM),
      }),
      region: regionArg(t.arg),
      ...pageArgs(t.arg),
    },
    resolve: async (_root, { workflowExecutionId, region, ...args }, context) => {
      const callRegion = regionOrDefault(region, context);
      const connection = await resolveTokenConnection({
        ...args,
        binding: `Query.workflowStepExecutions|${callRegion}|${workflowExecutionId}`,
        codec: context.cursors,
        limits: context.paging,
        identify: (step: WorkflowStepMetadata) => step.stepExecutionId ?? `${step.name}`,
        fetchPage: async (nextToken) => {
          const page = await context.loaders.imageBuilder.workflowStepsPage.load({
            region: callRegion,
            workflowExecutionId,
            nextToken,
          });
          return { ...page, items: page.steps ?? [] };
        },
      });
      return { ...connection, region: callRegion };
    },
  }),
}));

// ---------------------------------------------------------------------------------------------
// StartImagePipelineExecution

builder.relayMutationField(
  "startImagePipelineExecution",
  {
    description: "Starts an image pipeline by hand.",
    inputFields: (t) => ({
      imagePipelineArn: t.string({
        required: true,
        description: `The pipeline to run: ${IMAGE_PIPELINE_ARN_FORM}. Its region is the region called.`,
        validate: patterned(IMAGE_PIPELINE_ARN, IMAGE_PIPELINE_ARN_FORM),
      }),
      clientToken: t.string({
        description:
          "Idempotency token of 1 to 36 characters. Repeating a request with the same token and pipeline returns the first result instead of starting another build; a UUID is generated when absent.",
        validate: z
          .string()
          .min(1, "must be 1 to 36 characters")
          .max(36, "must be 1 to 36 characters"),
      }),
    }),
  },
  {
    description:
      "Manually triggers an image pipeline, creating a new image build version (StartImagePipelineExecution).",
    resolve: async (_root, { input }, context) => {
      const clientToken = input.clientToken ?? randomUUID();
      const result = await startImagePipelineExecution(context.clients, {
        region: regionOfArn(input.imagePipelineArn),
        imagePipelineArn: input.imagePipelineArn,
        clientToken,
      });
      return { ...result, clientToken: result.clientToken ?? clientToken };
    },
  },
  {
    description: "What starting the pipeline produced.",
    outputFields: (t) => ({
      clientToken: t.string({
        description: "The idempotency token of this request; send it again to retry safely.",
        resolve: (result) => result.clientToken,
      }),
      requestId: t.string({
        nullable: true,
        description: "Image Builder's id of this request.",
        resolve: (result) => result.requestId,
      }),
      imageBuildVersion: t.field({
        type: ImageBuildVersionType,
        nullable: true,
        description: "The image build version the run creates.",
        resolve: (result) =>
          result.imageBuildVersionArn
            ? imageBuildVersionFromArn(result.imageBuildVersionArn)
            : null,
      }),
    }),
  },
);
