import { randomUUID } from "node:crypto";
import {
  type ImagePackage,
  type ListWorkflowStepExecutionsResponse,
  type WorkflowExecutionMetadata,
  WorkflowStepExecutionRollbackStatus,
  WorkflowStepExecutionStatus,
  type WorkflowStepMetadata,
} from "@aws-sdk/client-imagebuilder";
import { z } from "zod";
import { READ_ACCESS } from "../auth/scopes.js";
import { PageWalk, walkAllPages } from "../aws/page-walk.js";
import { REGION_PATTERN } from "../config.js";
import type { GatewayContext } from "../context.js";
import { awsCost } from "../cost/fields.js";
import { pageArgs, patterned, regionArg, regionOrDefault } from "../graph/arguments.js";
import { builder } from "../graph/builder.js";
import {
  type ConnectionArgs,
  connectionArgs,
  resolveTokenConnection,
} from "../graph/connections.js";
import { referenceLocation } from "../graph/entities.js";
import { awsEnum } from "../graph/enums.js";
import { nullIfNotFound } from "../graph/errors.js";
import {
  accountIdPart,
  compositeId,
  invalidId,
  parseCompositeId,
  parseCompositeIdWithAccount,
  refetchable,
} from "../graph/nodes.js";
import { accountIdField, accountNamed } from "../graph/partitions.js";
import { parseDateTime } from "../graph/scalars.js";
import {
  accountOfArn,
  IMAGE_BUILD_VERSION_ARN_FORM,
  IMAGE_PIPELINE_ARN_FORM,
  type ImageBuildVersionRef,
  imageBuildVersionArnSchema,
  imageBuildVersionFromArn,
  imagePipelineArnSchema,
  isImageBuildVersionArn,
  regionOfArn,
  WORKFLOW_EXECUTION_ID,
  WORKFLOW_EXECUTION_ID_FORM,
} from "./arns.js";
import { cancelImageCreation, PAGE_CAP, startImagePipelineExecution } from "./client.js";

const imageBuildVersionArn = imageBuildVersionArnSchema;

// ---------------------------------------------------------------------------------------------
// ImagePackage and ImageBuildVersion (ListImagePackages)

/** A package as listed for one image build version. */
export interface ImagePackageItem extends ImagePackage {
  imageBuildVersionArn: string;
}

export const ImagePackageType = builder.objectRef<ImagePackageItem>("ImagePackage");

builder.node(ImagePackageType, {
  id: {
    resolve: (item) =>
      compositeId(item.imageBuildVersionArn, item.packageName ?? "", item.packageVersion ?? ""),
  },
  description:
    "A package installed on an image build version, as Systems Manager Inventory recorded it at build time.",
  fields: (t) => ({
    imageBuildVersion: t.field({
      type: ImageBuildVersionType,
      description: "The image build version the package is installed on.",
      resolve: (item) => imageBuildVersionFromArn(item.imageBuildVersionArn),
    }),
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

async function imagePackagesPage(
  image: ImageBuildVersionRef,
  nextToken: string | undefined,
  context: GatewayContext,
) {
  const page = await context.loaders.imageBuilder.imagePackagesPage.load({
    region: image.region,
    account: await accountOfArn(image.arn, context),
    imageBuildVersionArn: image.arn,
    nextToken,
  });
  return {
    items: (page.imagePackageList ?? []).map((item) => ({
      ...item,
      imageBuildVersionArn: image.arn,
    })),
    nextToken: page.nextToken,
  };
}

function resolveImagePackages(
  field: string,
  image: ImageBuildVersionRef,
  args: ConnectionArgs,
  context: GatewayContext,
) {
  return resolveTokenConnection({
    ...args,
    binding: `${field}|${image.arn}`,
    codec: context.cursors,
    limits: context.paging,
    call: { service: "imagebuilder", operation: "ListImagePackages", region: image.region },
    identify: (item: ImagePackageItem) => `${item.packageName}\0${item.packageVersion}`,
    fetchPage: (nextToken) => imagePackagesPage(image, nextToken, context),
  });
}

export const ImageBuildVersionType = builder.objectRef<ImageBuildVersionRef>("ImageBuildVersion");

builder.node(ImageBuildVersionType, {
  id: { resolve: (image) => image.arn },
  description:
    "One build of an Image Builder image: a semantic version of a named image plus a build number.",
  fields: (t) => ({
    arn: t.exposeString("arn", { description: "The image build version's ARN." }),
    region: t.exposeString("region", { description: "The region the image was built in." }),
    accountId: t.exposeString("accountId", {
      // Nullable like every node's accountId (AWS's public AppStream images have none).
      nullable: true,
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
      nullable: true,
      description: "Packages installed on this image build version (ListImagePackages).",
      args: pageArgs(t.arg),
      extensions: awsCost.connection(PAGE_CAP),
      resolve: (image, args, context, info) =>
        resolveImagePackages(
          "ImageBuildVersion.packages",
          image,
          connectionArgs(args, info),
          context,
        ),
    }),
  }),
});

/**
 * The image build version behind an ARN; NOT_FOUND when Image Builder does not know it. Existence
 * is proven with the first page of its packages: the page `packages` reads first, fetched once.
 */
async function existingImageBuildVersion(
  arn: string,
  context: GatewayContext,
): Promise<ImageBuildVersionRef> {
  const image = imageBuildVersionFromArn(arn);
  await imagePackagesPage(image, undefined, context);
  return image;
}

// A package has no read operation of its own: find it in its image's pages (loader-cached).
// Not found, it reads every page of its image's packages.
refetchable("ImagePackage", { walks: 1 }, async (rawId, context) => {
  const [arn = "", name, version] = parseCompositeId(rawId, 3);
  if (!isImageBuildVersionArn(arn)) throw invalidId("it does not hold an image build version ARN");
  const image = imageBuildVersionFromArn(arn);
  const find = async () => {
    let found: ImagePackageItem | undefined;
    await walkAllPages(
      new PageWalk(
        { service: "imagebuilder", operation: "ListImagePackages", region: image.region },
        context.paging.maxPagesPerWalk,
      ),
      (nextToken) => imagePackagesPage(image, nextToken, context),
      (page) => page.nextToken,
      (page) => {
        found = page.items.find(
          (item) => (item.packageName ?? "") === name && (item.packageVersion ?? "") === version,
        );
        return found !== undefined;
      },
    );
    return found ?? null;
  };
  return nullIfNotFound(find());
});

refetchable("ImageBuildVersion", { calls: 1 }, (arn, context) => {
  if (!isImageBuildVersionArn(arn)) throw invalidId("it does not hold an image build version ARN");
  return nullIfNotFound(existingImageBuildVersion(arn, context));
});

builder.queryFields((t) => ({
  imagePackages: t.field({
    type: ImagePackageConnection,
    nullable: true,
    description:
      "Packages installed on an image build version, as recorded by Systems Manager Inventory at build time (ListImagePackages).",
    extensions: awsCost.connection(PAGE_CAP),
    args: {
      imageBuildVersionArn: t.arg.string({
        required: true,
        description: `The image build version's ARN: ${IMAGE_BUILD_VERSION_ARN_FORM}.`,
        validate: imageBuildVersionArn,
      }),
      ...pageArgs(t.arg),
    },
    resolve: (_root, { imageBuildVersionArn, ...args }, context, info) =>
      resolveImagePackages(
        "Query.imagePackages",
        imageBuildVersionFromArn(imageBuildVersionArn),
        connectionArgs(args, info),
        context,
      ),
  }),
  imageBuildVersion: t.field({
    type: ImageBuildVersionType,
    nullable: true,
    description:
      "An image build version by ARN; null with a NOT_FOUND error when Image Builder does not know it. The ARN's region is the region called.",
    extensions: awsCost.lookUp(),
    args: {
      arn: t.arg.string({
        required: true,
        description: `The image build version's ARN: ${IMAGE_BUILD_VERSION_ARN_FORM}.`,
        validate: imageBuildVersionArn,
      }),
    },
    resolve: (_root, { arn }, context) => existingImageBuildVersion(arn, context),
  }),
}));

// ---------------------------------------------------------------------------------------------
// WorkflowExecution and WorkflowStepExecution (ListWorkflowStepExecutions)

/** A workflow execution: what ListWorkflowStepExecutions needs to list its steps. */
export interface WorkflowExecutionRef {
  region: string;
  /** The configured account it ran in; absent: the home account. */
  account?: string;
  workflowExecutionId: string;
  /** What the image's workflow list said about the run, when it was reached through one. */
  metadata?: WorkflowExecutionMetadata;
  /** The image build version it ran for, when known without a call. */
  imageBuildVersionArn?: string;
}

/** A step as listed for one workflow execution. */
export interface WorkflowStepItem extends WorkflowStepMetadata {
  region: string;
  account?: string;
  workflowExecutionId: string;
}

export const WorkflowStepStatusEnum = awsEnum(WorkflowStepExecutionStatus, {
  name: "WorkflowStepExecutionStatus",
  description: "Where a workflow step's run stands.",
  values: {
    CANCELLED: "The step was cancelled.",
    COMPLETED: "The step finished successfully.",
    FAILED: "The step failed.",
    PENDING: "The step has not started yet.",
    RUNNING: "The step is running.",
    SKIPPED: "The step was skipped.",
  },
});

const WorkflowStepRollbackStatusEnum = awsEnum(WorkflowStepExecutionRollbackStatus, {
  name: "WorkflowStepExecutionRollbackStatus",
  description: "Where the rollback of a workflow step stands, when the workflow failed.",
  values: {
    COMPLETED: "The rollback finished.",
    FAILED: "The rollback failed.",
    RUNNING: "The rollback is running.",
    SKIPPED: "No rollback was needed or it was skipped.",
  },
});

export const WorkflowExecutionType = builder.objectRef<WorkflowExecutionRef>("WorkflowExecution");
export const WorkflowStepExecutionType =
  builder.objectRef<WorkflowStepItem>("WorkflowStepExecution");

builder.node(WorkflowStepExecutionType, {
  id: {
    resolve: (step, _args, context) =>
      compositeId(
        step.region,
        step.workflowExecutionId,
        step.stepExecutionId ?? "",
        ...accountIdPart(step.account, context),
      ),
  },
  description: "Runtime details of one step of an Image Builder workflow execution.",
  fields: (t) => ({
    stepExecutionId: t.exposeString("stepExecutionId", {
      nullable: true,
      description: "Identifier of this run of the step (step-<UUID>).",
    }),
    // Non-null like every other Node's `name`, so one selection can ask for it across types.
    name: t.string({
      description: "The step's name (empty in the rare answer where AWS omits it).",
      resolve: (step) => step.name ?? "",
    }),
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
    accountId: t.string(accountIdField("the step ran in")),
    workflowExecution: t.field({
      type: WorkflowExecutionType,
      description: "The workflow execution this step ran in.",
      resolve: ({ region, account, workflowExecutionId }) => ({
        region,
        account,
        workflowExecutionId,
      }),
    }),
  }),
});

export const WorkflowStepExecutionConnection = builder.connectionObject<
  typeof WorkflowStepExecutionType,
  { page: ListWorkflowStepExecutionsResponse; workflow: WorkflowExecutionRef }
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
      workflowExecution: t.field({
        type: WorkflowExecutionType,
        description: "The workflow execution these steps belong to, as an object.",
        resolve: ({ workflow }) => workflow,
      }),
    }),
  },
  { name: "WorkflowStepExecutionEdge" },
);

export async function workflowStepsPage(
  workflow: WorkflowExecutionRef,
  nextToken: string | undefined,
  context: GatewayContext,
) {
  const { region, account, workflowExecutionId } = workflow;
  const page = await context.loaders.imageBuilder.workflowStepsPage.load({
    region,
    account,
    workflowExecutionId,
    nextToken,
  });
  return {
    ...page,
    items: (page.steps ?? []).map((step) => ({ ...step, region, account, workflowExecutionId })),
  };
}

async function resolveWorkflowSteps(
  field: string,
  workflow: WorkflowExecutionRef,
  args: ConnectionArgs,
  context: GatewayContext,
) {
  const connection = await resolveTokenConnection({
    ...args,
    binding: `${field}|${workflow.region}|${workflow.workflowExecutionId}|${workflow.account ?? ""}`,
    codec: context.cursors,
    limits: context.paging,
    call: {
      service: "imagebuilder",
      operation: "ListWorkflowStepExecutions",
      region: workflow.region,
    },
    identify: (step: WorkflowStepItem) => step.stepExecutionId ?? `${step.name}`,
    fetchPage: (nextToken) => workflowStepsPage(workflow, nextToken, context),
  });
  return { ...connection, workflow };
}

builder.node(WorkflowExecutionType, {
  id: {
    resolve: (workflow, _args, context) =>
      compositeId(
        workflow.region,
        workflow.workflowExecutionId,
        ...accountIdPart(workflow.account, context),
      ),
  },
  description: "One run of an Image Builder workflow, with its steps.",
  fields: (t) => ({
    workflowExecutionId: t.exposeString("workflowExecutionId", {
      description: "The workflow execution's id (wf-<UUID>).",
    }),
    region: t.exposeString("region", { description: "The region the workflow ran in." }),
    accountId: t.string(accountIdField("the workflow ran in")),
    steps: t.field({
      type: WorkflowStepExecutionConnection,
      nullable: true,
      description: "The workflow's steps, in run order (ListWorkflowStepExecutions).",
      args: pageArgs(t.arg),
      extensions: awsCost.connection(PAGE_CAP),
      resolve: (workflow, args, context, info) =>
        resolveWorkflowSteps(
          "WorkflowExecution.steps",
          workflow,
          connectionArgs(args, info),
          context,
        ),
    }),
  }),
});

/** A workflow execution that exists, proven with its first page of steps; NOT_FOUND otherwise. */
async function existingWorkflowExecution(
  workflow: WorkflowExecutionRef,
  context: GatewayContext,
): Promise<WorkflowExecutionRef> {
  await workflowStepsPage(workflow, undefined, context);
  return workflow;
}

/**
 * A workflow execution from its raw id: region, id, (step), and the account id of another
 * account than the gateway's own (IDs from before accounts carry none: the home account's).
 */
async function workflowFromRawId(
  rawId: string,
  parts: number,
  context: GatewayContext,
): Promise<[WorkflowExecutionRef, string[]]> {
  const all = parseCompositeIdWithAccount(rawId, parts);
  const [region = "", workflowExecutionId = "", ...rest] = all.parts;
  if (!REGION_PATTERN.test(region) || !WORKFLOW_EXECUTION_ID.test(workflowExecutionId)) {
    throw invalidId("it does not hold a region and a workflow execution id");
  }
  const account = await accountNamed(all.accountId, context);
  return [{ region, account, workflowExecutionId }, rest];
}

refetchable("WorkflowExecution", { calls: 1 }, async (rawId, context) =>
  nullIfNotFound(
    existingWorkflowExecution((await workflowFromRawId(rawId, 2, context))[0], context),
  ),
);

refetchable("WorkflowStepExecution", { calls: 1 }, async (rawId, context) => {
  const [{ region, account }, [stepExecutionId = ""]] = await workflowFromRawId(rawId, 3, context);
  const response = await nullIfNotFound(
    context.loaders.imageBuilder.workflowStep.load({ region, account, stepExecutionId }),
  );
  if (!response) return null;
  const { requestId, onFailure, timeoutSeconds, ...step } = response;
  return { ...step, region, account, workflowExecutionId: step.workflowExecutionId ?? "" };
});

const workflowExecutionIdArg = (arg: Parameters<typeof pageArgs>[0]) =>
  arg.string({
    required: true,
    description: `The workflow execution's id: ${WORKFLOW_EXECUTION_ID_FORM}.`,
    validate: patterned(WORKFLOW_EXECUTION_ID, WORKFLOW_EXECUTION_ID_FORM),
  });

builder.queryFields((t) => ({
  workflowStepExecutions: t.field({
    type: WorkflowStepExecutionConnection,
    nullable: true,
    description: "Runtime data for each step of a workflow execution (ListWorkflowStepExecutions).",
    extensions: awsCost.connection(PAGE_CAP),
    args: {
      workflowExecutionId: workflowExecutionIdArg(t.arg),
      region: regionArg(t.arg),
      ...pageArgs(t.arg),
    },
    resolve: (_root, { workflowExecutionId, region, ...args }, context, info) =>
      resolveWorkflowSteps(
        "Query.workflowStepExecutions",
        { region: regionOrDefault(region, context, "imagebuilder"), workflowExecutionId },
        connectionArgs(args, info),
        context,
      ),
  }),
  workflowExecution: t.field({
    type: WorkflowExecutionType,
    nullable: true,
    description:
      "A workflow execution by id; null with a NOT_FOUND error when Image Builder does not know it.",
    extensions: awsCost.lookUp(),
    args: { workflowExecutionId: workflowExecutionIdArg(t.arg), region: regionArg(t.arg) },
    resolve: (_root, { workflowExecutionId, region }, context) =>
      existingWorkflowExecution(
        { region: regionOrDefault(region, context, "imagebuilder"), workflowExecutionId },
        context,
      ),
  }),
}));

// ---------------------------------------------------------------------------------------------
// StartImagePipelineExecution

/** Image Builder's idempotency tokens, for both mutations. */
const CLIENT_TOKEN = z
  .string()
  .min(1, "must be 1 to 64 characters")
  .max(64, "must be 1 to 64 characters");

builder.relayMutationField(
  "startImagePipelineExecution",
  {
    description: "Starts an image pipeline by hand.",
    inputFields: (t) => ({
      imagePipelineArn: t.string({
        required: true,
        description: `The pipeline to run: ${IMAGE_PIPELINE_ARN_FORM}. Its region is the region called.`,
        validate: imagePipelineArnSchema,
      }),
      clientToken: t.string({
        description:
          "Idempotency token of 1 to 64 characters. Repeating a request with the same token and pipeline returns the first result instead of starting another build; a UUID is generated when absent.",
        validate: CLIENT_TOKEN,
      }),
    }),
  },
  {
    description:
      "Manually triggers an image pipeline, creating a new image build version (StartImagePipelineExecution).",
    resolve: async (_root, { input }, context) => {
      const clientToken = input.clientToken ?? randomUUID();
      const result = await startImagePipelineExecution(context.aws, {
        region: regionOfArn(input.imagePipelineArn),
        // The pipeline's account starts it, with that account's role.
        account: await accountOfArn(input.imagePipelineArn, context),
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
        // Its packages are reads: starting a pipeline does not grant them.
        authScopes: READ_ACCESS,
        resolve: (result) =>
          result.imageBuildVersionArn
            ? imageBuildVersionFromArn(result.imageBuildVersionArn)
            : null,
      }),
    }),
  },
);

// ---------------------------------------------------------------------------------------------
// CancelImageCreation

builder.relayMutationField(
  "cancelImageCreation",
  {
    description: "Cancels a build that is still being created.",
    inputFields: (t) => ({
      imageBuildVersionArn: t.string({
        required: true,
        description: `The build to cancel: ${IMAGE_BUILD_VERSION_ARN_FORM}. Its region is the region called.`,
        validate: imageBuildVersionArn,
      }),
      clientToken: t.string({
        description:
          "Idempotency token of 1 to 64 characters. Repeating a request with the same token and build returns the first result, even once the build is CANCELLED; the same token with another build is a CONFLICT. A UUID is generated when absent.",
        validate: CLIENT_TOKEN,
      }),
    }),
  },
  {
    description:
      "Stops a build that is still being created (CancelImageCreation): it ends CANCELLED, its running workflow step is cancelled and the steps not yet run are skipped; `imageBuildProgress` subscribers see the change and their stream completes. A build that already ended (AVAILABLE, FAILED, CANCELLED…) cannot be cancelled: that is a CONFLICT error naming its state.",
    resolve: async (_root, { input }, context) => {
      const clientToken = input.clientToken ?? randomUUID();
      const result = await cancelImageCreation(context.aws, {
        region: regionOfArn(input.imageBuildVersionArn),
        // The build's account cancels it, with that account's role.
        account: await accountOfArn(input.imageBuildVersionArn, context),
        imageBuildVersionArn: input.imageBuildVersionArn,
        clientToken,
      });
      return {
        ...result,
        clientToken: result.clientToken ?? clientToken,
        imageBuildVersionArn: result.imageBuildVersionArn ?? input.imageBuildVersionArn,
      };
    },
  },
  {
    description: "What cancelling the build did.",
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
        description: "The cancelled build (null, with FORBIDDEN, for a token that may not read).",
        // Reading it is a read: cancelling does not grant it.
        authScopes: READ_ACCESS,
        resolve: (result) => imageBuildVersionFromArn(result.imageBuildVersionArn),
      }),
    }),
  },
);

// ---------------------------------------------------------------------------------------------
// Federation entities: other subgraphs reference these by key.

builder.asEntity(ImageBuildVersionType, {
  key: builder.selection<{ arn: string }>("arn"),
  resolveReference: ({ arn }, context) =>
    isImageBuildVersionArn(arn) ? nullIfNotFound(existingImageBuildVersion(arn, context)) : null,
});

/**
 * Executions live in a region of an account. A reference that names them resolves there (see
 * referenceAccount for an account that is not configured); one from before the account joined
 * the key resolves in the home account, and one from before the region did
 * (`workflowExecutionId` alone) in AWS_REGION.
 */
builder.asEntity(WorkflowExecutionType, {
  key: [
    builder.selection<{ workflowExecutionId: string; region: string; accountId?: string | null }>(
      "workflowExecutionId region accountId",
    ),
    builder.selection<{ workflowExecutionId: string; region: string }>(
      "workflowExecutionId region",
    ),
    builder.selection<{ workflowExecutionId: string }>("workflowExecutionId"),
  ],
  resolveReference: async (key, context) => {
    const { workflowExecutionId } = key;
    if (!WORKFLOW_EXECUTION_ID.test(workflowExecutionId)) return null;
    const where = await referenceLocation(key, context);
    return (
      where && nullIfNotFound(existingWorkflowExecution({ ...where, workflowExecutionId }, context))
    );
  },
});
