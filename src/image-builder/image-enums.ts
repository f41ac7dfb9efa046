// Image Builder's enumerations, with a description for every value.

import {
  BuildType,
  ImageSource,
  ImageStatus,
  ImageType,
  Platform,
  WorkflowExecutionStatus,
  WorkflowType,
} from "@aws-sdk/client-imagebuilder";
import { awsEnum } from "../graph/enums.js";

export const ImageBuildStatusEnum = awsEnum(ImageStatus, {
  name: "ImageBuildStatus",
  description: "Where an image build version stands, from PENDING to AVAILABLE or FAILED.",
  values: {
    PENDING: "Waiting to start.",
    CREATING: "Image Builder is setting the build up.",
    BUILDING: "The build instance is running the recipe's build components.",
    TESTING: "The test instance is running the recipe's tests.",
    DISTRIBUTING: "The output is being copied to the distribution regions and accounts.",
    INTEGRATING: "The output is being registered with integrated services.",
    AVAILABLE: "Built and ready to use.",
    CANCELLED: "The build was cancelled.",
    FAILED: "The build failed; the state's reason says why.",
    DEPRECATED: "Still usable, but marked as superseded.",
    DELETED: "The image was deleted.",
    DISABLED: "The image was disabled and cannot be used to launch instances.",
  },
});

export const ImageBuilderPlatformEnum = awsEnum(Platform, {
  name: "ImageBuilderPlatform",
  description: "The operating system family an Image Builder image or pipeline is for.",
  values: { Linux: "Linux.", Windows: "Microsoft Windows.", macOS: "Apple macOS." },
});

export const ImageBuildOutputTypeEnum = awsEnum(ImageType, {
  name: "ImageBuildOutputType",
  description: "What a build produces.",
  values: { AMI: "An Amazon Machine Image.", DOCKER: "A container image." },
});

export const ImageBuildTypeEnum = awsEnum(BuildType, {
  name: "ImageBuildType",
  description: "What started a build.",
  values: {
    USER_INITIATED: "Someone started the pipeline by hand.",
    SCHEDULED: "The pipeline's schedule, or an EventBridge rule.",
    IMPORT: "A VM import created the image.",
    IMPORT_ISO: "An ISO disk import created the image.",
  },
});

export const ImageBuildSourceEnum = awsEnum(ImageSource, {
  name: "ImageBuildSource",
  description: "Where the image's base image came from.",
  values: {
    AMAZON_MANAGED: "An image AWS publishes.",
    AWS_MARKETPLACE: "An AWS Marketplace image.",
    IMPORTED: "An imported VM or disk image.",
    CUSTOM: "The account's own image.",
  },
});

export const WorkflowExecutionStatusEnum = awsEnum(WorkflowExecutionStatus, {
  name: "WorkflowExecutionStatus",
  description: "Where a whole workflow run stands.",
  values: {
    PENDING: "Not started yet.",
    SKIPPED: "Not run.",
    RUNNING: "Steps are running.",
    COMPLETED: "Every step finished.",
    FAILED: "A step failed.",
    ROLLBACK_IN_PROGRESS: "A step failed and completed steps are being rolled back.",
    ROLLBACK_COMPLETED: "A step failed and the rollback finished.",
    CANCELLED: "The run was cancelled.",
  },
});

export const WorkflowTypeEnum = awsEnum(WorkflowType, {
  name: "WorkflowType",
  description: "The stage of a build a workflow runs.",
  values: {
    BUILD: "Builds the image.",
    TEST: "Tests the image.",
    DISTRIBUTION: "Distributes the image.",
  },
});
