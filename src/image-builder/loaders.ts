import { callLoader } from "../aws/call-loader.js";
import type { AwsClients } from "../aws/clients.js";
import {
  type ImagePackagesPageRequest,
  listImagePackagesPage,
  listWorkflowStepsPage,
  type WorkflowStepsPageRequest,
} from "./client.js";

export function createImageBuilderLoaders(clients: AwsClients) {
  return {
    imagePackagesPage: callLoader((request: ImagePackagesPageRequest) =>
      listImagePackagesPage(clients, request),
    ),
    workflowStepsPage: callLoader((request: WorkflowStepsPageRequest) =>
      listWorkflowStepsPage(clients, request),
    ),
  };
}

export type ImageBuilderLoaders = ReturnType<typeof createImageBuilderLoaders>;
