import {
  GetWorkflowStepExecutionCommand,
  type GetWorkflowStepExecutionResponse,
  ListImagePackagesCommand,
  type ListImagePackagesResponse,
  ListWorkflowStepExecutionsCommand,
  type ListWorkflowStepExecutionsResponse,
  StartImagePipelineExecutionCommand,
  type StartImagePipelineExecutionResponse,
} from "@aws-sdk/client-imagebuilder";
import type { AwsCaller } from "../aws/calls.js";

/** The largest maxResults Image Builder's list operations accept. */
export const PAGE_CAP = 25;

export interface ImagePackagesPageRequest {
  region: string;
  imageBuildVersionArn: string;
  nextToken?: string;
}

export interface WorkflowStepsPageRequest {
  region: string;
  workflowExecutionId: string;
  nextToken?: string;
}

export interface StartPipelineRequest {
  region: string;
  imagePipelineArn: string;
  clientToken: string;
}

// Pages always ask for PAGE_CAP items: the fewest calls for long lists, and page boundaries that
// stay put, which cursors pointing into a page rely on.

export function listImagePackagesPage(
  aws: AwsCaller,
  { region, imageBuildVersionArn, nextToken }: ImagePackagesPageRequest,
): Promise<ListImagePackagesResponse> {
  return aws.call(
    { service: "imagebuilder", operation: "ListImagePackages", region },
    (clients, options) =>
      clients
        .imageBuilder(region)
        .send(
          new ListImagePackagesCommand({ imageBuildVersionArn, nextToken, maxResults: PAGE_CAP }),
          options,
        ),
  );
}

export function listWorkflowStepsPage(
  aws: AwsCaller,
  { region, workflowExecutionId, nextToken }: WorkflowStepsPageRequest,
): Promise<ListWorkflowStepExecutionsResponse> {
  return aws.call(
    { service: "imagebuilder", operation: "ListWorkflowStepExecutions", region },
    (clients, options) =>
      clients.imageBuilder(region).send(
        new ListWorkflowStepExecutionsCommand({
          workflowExecutionId,
          nextToken,
          maxResults: PAGE_CAP,
        }),
        options,
      ),
  );
}

export function startImagePipelineExecution(
  aws: AwsCaller,
  { region, imagePipelineArn, clientToken }: StartPipelineRequest,
): Promise<StartImagePipelineExecutionResponse> {
  return aws.call(
    { service: "imagebuilder", operation: "StartImagePipelineExecution", region },
    (clients, options) =>
      clients
        .imageBuilder(region)
        .send(new StartImagePipelineExecutionCommand({ imagePipelineArn, clientToken }), options),
  );
}

export interface WorkflowStepRequest {
  region: string;
  stepExecutionId: string;
}

/** One workflow step's runtime details: refetches a step in one call. */
export function getWorkflowStepExecution(
  aws: AwsCaller,
  { region, stepExecutionId }: WorkflowStepRequest,
): Promise<GetWorkflowStepExecutionResponse> {
  return aws.call(
    { service: "imagebuilder", operation: "GetWorkflowStepExecution", region },
    (clients, options) =>
      clients
        .imageBuilder(region)
        .send(new GetWorkflowStepExecutionCommand({ stepExecutionId }), options),
  );
}
