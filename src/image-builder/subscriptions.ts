// subscription imageBuildProgress: a build's step and state changes as they happen.

import { createRequestLoaders } from "../context.js";
import { awsCost } from "../cost/fields.js";
import { builder } from "../graph/builder.js";
import {
  IMAGE_BUILD_VERSION_ARN_FORM,
  imageBuildVersionArnSchema,
  imageBuildVersionFromArn,
} from "./arns.js";
import { type BuildProgressEvent, watchBuild } from "./build-progress.js";
import { ImageBuildStateType } from "./builds.js";
import {
  ImageBuildVersionType,
  WorkflowExecutionType,
  WorkflowStepExecutionType,
  WorkflowStepStatusEnum,
} from "./types.js";

const ImageBuildProgressEventType = builder
  .objectRef<BuildProgressEvent>("ImageBuildProgressEvent")
  .implement({
    description:
      "One change in a build: a workflow step moved to a new status, or the build itself changed state.",
    fields: (t) => ({
      imageBuildVersion: t.field({
        type: ImageBuildVersionType,
        description: "The build being watched; its fields are read afresh for every event.",
        resolve: (event) => imageBuildVersionFromArn(event.imageBuildVersionArn),
      }),
      buildState: t.field({
        type: ImageBuildStateType,
        description: "The build's state when the change was seen.",
        resolve: (event) => event.buildState,
      }),
      step: t.field({
        type: WorkflowStepExecutionType,
        nullable: true,
        description: "The step that changed, as it is now; null when the build itself changed.",
        resolve: (event) => event.step,
      }),
      stepStatus: t.field({
        type: WorkflowStepStatusEnum,
        nullable: true,
        description: "The step's new status; null when the build itself changed.",
        resolve: (event) => event.step?.status,
      }),
      workflowExecution: t.field({
        type: WorkflowExecutionType,
        nullable: true,
        description: "The workflow run the step belongs to; null when the build itself changed.",
        resolve: (event) =>
          event.step
            ? {
                region: event.step.region,
                workflowExecutionId: event.step.workflowExecutionId,
                imageBuildVersionArn: event.imageBuildVersionArn,
              }
            : null,
      }),
      finished: t.boolean({
        description: "True on the last event: the build reached a final state and the stream ends.",
        resolve: (event) => event.finished,
      }),
    }),
  });

builder.subscriptionField("imageBuildProgress", (t) =>
  t.field({
    type: ImageBuildProgressEventType,
    extensions: awsCost.subscription(),
    description:
      "Follows a build as it runs: first what already happened, then an event whenever a workflow step changes status or the build changes state; completes when the build is AVAILABLE, FAILED or otherwise final. The gateway polls Image Builder (GetImage, ListWorkflowExecutions, ListWorkflowStepExecutions) with backoff, once per build however many clients watch it (with REDIS_URL, once for the whole fleet of gateway instances).",
    args: {
      imageBuildVersionArn: t.arg.string({
        required: true,
        description: `The build to follow: ${IMAGE_BUILD_VERSION_ARN_FORM}, e.g. from startImagePipelineExecution or a pipeline's builds.`,
        validate: imageBuildVersionArnSchema,
      }),
    },
    subscribe: (_root, { imageBuildVersionArn }, context) =>
      watchBuild(
        context.gate,
        context.buildProgressPolling,
        imageBuildVersionArn,
        context.caller.id,
        context.buildProgressFleet,
      ),
    resolve: (event, _args, context) => {
      // One subscription shares one context; fresh loaders keep each event's reads current.
      context.loaders = createRequestLoaders(
        context.aws,
        context.loaderMode,
        context.paging.maxPagesPerWalk,
      );
      return event;
    },
  }),
);
