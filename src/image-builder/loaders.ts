import { callLoader, type LoaderMode } from "../aws/call-loader.js";
import type { AwsCaller } from "../aws/calls.js";
import {
  getWorkflowStepExecution,
  type ImagePackagesPageRequest,
  listImagePackagesPage,
  listWorkflowStepsPage,
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
  };
}
