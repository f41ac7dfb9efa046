import {
  ListImagePackagesCommand,
  type ListImagePackagesResponse,
  ListWorkflowStepExecutionsCommand,
  type ListWorkflowStepExecutionsResponse,
  StartImagePipelineExecutionCommand,
  type StartImagePipelineExecutionResponse,
} from "@aws-sdk/client-imagebuilder";
import type { AwsClients } from "../aws/clients.js";
import { awsError } from "../graph/errors.js";

export const SERVICE = "EC2 Image Builder";

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

export async function listImagePackagesPage(
  clients: AwsClients,
  { region, imageBuildVersionArn, nextToken }: ImagePackagesPageRequest,
): Promise<ListImagePackagesResponse> {
  try {
    return await clients
      .imageBuilder(region)
      .send(
        new ListImagePackagesCommand({ imageBuildVersionArn, nextToken, maxResults: PAGE_CAP }),
      );
  } catch (error) {
    throw awsError(error, { service: SERVICE, operation: "ListImagePackages", region });
  }
}

export async function listWorkflowStepsPage(
  clients: AwsClients,
  { region, workflowExecutionId, nextToken }: WorkflowStepsPageRequest,
): Promise<ListWorkflowStepExecutionsResponse> {
  try {
    return await clients.imageBuilder(region).send(
      new ListWorkflowStepExecutionsCommand({
        workflowExecutionId,
        nextToken,
        maxResults: PAGE_CAP,
      }),
    );
  } catch (error) {
    throw awsError(error, { service: SERVICE, operation: "ListWorkflowStepExecutions", region });
  }
}

export async function startImagePipelineExecution(
  clients: AwsClients,
  { region, imagePipelineArn, clientToken }: StartPipelineRequest,
): Promise<StartImagePipelineExecutionResponse> {
  try {
    return await clients
      .imageBuilder(region)
      .send(new StartImagePipelineExecutionCommand({ imagePipelineArn, clientToken }));
  } catch (error) {
    throw awsError(error, { service: SERVICE, operation: "StartImagePipelineExecution", region });
  }
}
