import { callLoader, type LoaderMode } from "../aws/call-loader.js";
import type { AwsCaller } from "../aws/calls.js";
import {
  getImage,
  getImagePipeline,
  getWorkflowStepExecution,
  type ImagePackagesPageRequest,
  type ImageRequest,
  listImagePackagesPage,
  listImagePipelineImagesPage,
  listImagePipelinesPage,
  listPipelineHistoryPage,
  listWorkflowExecutionsPage,
  listWorkflowStepsPage,
  type PipelineImagesPageRequest,
  type PipelineRequest,
  type PipelinesPageRequest,
  type WorkflowExecutionsPageRequest,
  type WorkflowStepRequest,
  type WorkflowStepsPageRequest,
} from "./client.js";

export function createImageBuilderLoaders(aws: AwsCaller, mode: LoaderMode) {
  return {
    imagePackagesPage: callLoader(mode, (request: ImagePackagesPageRequest) =>
      listImagePackagesPage(aws, request),
    ),
    workflowStepsPage: callLoader(mode, (request: WorkflowStepsPageRequest) =>
      listWorkflowStepsPage(aws, request),
    ),
    workflowStep: callLoader(mode, (request: WorkflowStepRequest) =>
      getWorkflowStepExecution(aws, request),
    ),
    pipelinesPage: callLoader(mode, (request: PipelinesPageRequest) =>
      listImagePipelinesPage(aws, request),
    ),
    pipeline: callLoader(mode, (request: PipelineRequest) => getImagePipeline(aws, request)),
    pipelineImagesPage: callLoader(mode, (request: PipelineImagesPageRequest) =>
      listImagePipelineImagesPage(aws, request),
    ),
    // Its own loader: a connection over the same pages must still shorten the TTL.
    pipelineHistoryPage: callLoader(mode, (request: PipelineImagesPageRequest) =>
      listPipelineHistoryPage(aws, request),
    ),
    image: callLoader(mode, (request: ImageRequest) => getImage(aws, request)),
    workflowExecutionsPage: callLoader(mode, (request: WorkflowExecutionsPageRequest) =>
      listWorkflowExecutionsPage(aws, request),
    ),
  };
}
