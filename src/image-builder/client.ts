import {
  CancelImageCreationCommand,
  type CancelImageCreationResponse,
  GetImageCommand,
  GetImagePipelineCommand,
  type GetImagePipelineResponse,
  type GetImageResponse,
  GetWorkflowStepExecutionCommand,
  type GetWorkflowStepExecutionResponse,
  ListImagePackagesCommand,
  type ListImagePackagesResponse,
  ListImagePipelineImagesCommand,
  type ListImagePipelineImagesResponse,
  ListImagePipelinesCommand,
  type ListImagePipelinesResponse,
  ListWorkflowExecutionsCommand,
  type ListWorkflowExecutionsResponse,
  ListWorkflowStepExecutionsCommand,
  type ListWorkflowStepExecutionsResponse,
  StartImagePipelineExecutionCommand,
  type StartImagePipelineExecutionResponse,
} from "@aws-sdk/client-imagebuilder";
import type { AwsCaller } from "../aws/calls.js";
import { cacheNeutral } from "../cache/policy.js";

/** The largest maxResults Image Builder's list operations accept. */
export const PAGE_CAP = 25;

export interface ImagePackagesPageRequest {
  region: string;
  /** The configured account to call as; absent: the home account. */
  account?: string;
  imageBuildVersionArn: string;
  nextToken?: string;
}

export interface WorkflowStepsPageRequest {
  region: string;
  /** The configured account to call as; absent: the home account. */
  account?: string;
  workflowExecutionId: string;
  nextToken?: string;
}

export interface StartPipelineRequest {
  region: string;
  /** The configured account to call as; absent: the home account. */
  account?: string;
  imagePipelineArn: string;
  clientToken: string;
}

// Pages always ask for PAGE_CAP items: the fewest calls for long lists, and page boundaries that
// stay put, which cursors pointing into a page rely on.

export function listImagePackagesPage(
  aws: AwsCaller,
  { region, account, imageBuildVersionArn, nextToken }: ImagePackagesPageRequest,
): Promise<ListImagePackagesResponse> {
  return aws.call(
    { service: "imagebuilder", operation: "ListImagePackages", region, account },
    { imageBuildVersionArn, nextToken, maxResults: PAGE_CAP },
    (clients, input, options) =>
      clients.imageBuilder(region, account).send(new ListImagePackagesCommand(input), options),
  );
}

export function listWorkflowStepsPage(
  aws: AwsCaller,
  { region, account, workflowExecutionId, nextToken }: WorkflowStepsPageRequest,
): Promise<ListWorkflowStepExecutionsResponse> {
  return aws.call(
    { service: "imagebuilder", operation: "ListWorkflowStepExecutions", region, account },
    {
      workflowExecutionId,
      nextToken,
      maxResults: PAGE_CAP,
    },
    (clients, input, options) =>
      clients
        .imageBuilder(region, account)
        .send(new ListWorkflowStepExecutionsCommand(input), options),
  );
}

export function startImagePipelineExecution(
  aws: AwsCaller,
  { region, account, imagePipelineArn, clientToken }: StartPipelineRequest,
): Promise<StartImagePipelineExecutionResponse> {
  return aws.call(
    { service: "imagebuilder", operation: "StartImagePipelineExecution", region, account },
    { imagePipelineArn, clientToken },
    (clients, input, options) =>
      clients
        .imageBuilder(region, account)
        .send(new StartImagePipelineExecutionCommand(input), options),
  );
}

export interface CancelImageRequest {
  region: string;
  /** The configured account to call as; absent: the home account. */
  account?: string;
  imageBuildVersionArn: string;
  clientToken: string;
}

/** Stops a build that is still being created; never deduplicated or retried by the gateway. */
export function cancelImageCreation(
  aws: AwsCaller,
  { region, account, imageBuildVersionArn, clientToken }: CancelImageRequest,
): Promise<CancelImageCreationResponse> {
  return aws.call(
    { service: "imagebuilder", operation: "CancelImageCreation", region, account },
    { imageBuildVersionArn, clientToken },
    (clients, input, options) =>
      clients.imageBuilder(region, account).send(new CancelImageCreationCommand(input), options),
  );
}

export interface WorkflowStepRequest {
  region: string;
  /** The configured account to call as; absent: the home account. */
  account?: string;
  stepExecutionId: string;
}

/** One workflow step's runtime details: refetches a step in one call. */
export function getWorkflowStepExecution(
  aws: AwsCaller,
  { region, account, stepExecutionId }: WorkflowStepRequest,
): Promise<GetWorkflowStepExecutionResponse> {
  return aws.call(
    { service: "imagebuilder", operation: "GetWorkflowStepExecution", region, account },
    { stepExecutionId },
    (clients, input, options) =>
      clients
        .imageBuilder(region, account)
        .send(new GetWorkflowStepExecutionCommand(input), options),
  );
}

export interface PipelinesPageRequest {
  region: string;
  /** The configured account to call as; absent: the home account. */
  account?: string;
  nextToken?: string;
}

export interface PipelineRequest {
  region: string;
  /** The configured account to call as; absent: the home account. */
  account?: string;
  imagePipelineArn: string;
}

export interface PipelineImagesPageRequest extends PipelineRequest {
  nextToken?: string;
}

export interface ImageRequest {
  region: string;
  /** The configured account to call as; absent: the home account. */
  account?: string;
  imageBuildVersionArn: string;
}

export interface WorkflowExecutionsPageRequest extends ImageRequest {
  nextToken?: string;
}

export function listImagePipelinesPage(
  aws: AwsCaller,
  { region, account, nextToken }: PipelinesPageRequest,
): Promise<ListImagePipelinesResponse> {
  return aws.call(
    { service: "imagebuilder", operation: "ListImagePipelines", region, account },
    { nextToken, maxResults: PAGE_CAP },
    (clients, input, options) =>
      clients.imageBuilder(region, account).send(new ListImagePipelinesCommand(input), options),
  );
}

/** One pipeline's details: refetches a pipeline, and follows a build's link to its pipeline. */
export function getImagePipeline(
  aws: AwsCaller,
  { region, account, imagePipelineArn }: PipelineRequest,
): Promise<GetImagePipelineResponse> {
  return aws.call(
    { service: "imagebuilder", operation: "GetImagePipeline", region, account },
    { imagePipelineArn },
    (clients, input, options) =>
      clients.imageBuilder(region, account).send(new GetImagePipelineCommand(input), options),
  );
}

export function listImagePipelineImagesPage(
  aws: AwsCaller,
  { region, account, imagePipelineArn, nextToken }: PipelineImagesPageRequest,
): Promise<ListImagePipelineImagesResponse> {
  return aws.call(
    { service: "imagebuilder", operation: "ListImagePipelineImages", region, account },
    { imagePipelineArn, nextToken, maxResults: PAGE_CAP },
    (clients, input, options) =>
      clients
        .imageBuilder(region, account)
        .send(new ListImagePipelineImagesCommand(input), options),
  );
}

/**
 * A page of a pipeline's builds read only to find the build made before a given one: which
 * build that is never changes, so the answer does not shorten the response cache's TTL.
 */
export function listPipelineHistoryPage(
  aws: AwsCaller,
  { region, imagePipelineArn, nextToken }: PipelineImagesPageRequest,
): Promise<ListImagePipelineImagesResponse> {
  return aws.call(
    cacheNeutral({ service: "imagebuilder", operation: "ListImagePipelineImages", region }),
    { imagePipelineArn, nextToken, maxResults: PAGE_CAP },
    (clients, input, options) =>
      clients.imageBuilder(region).send(new ListImagePipelineImagesCommand(input), options),
  );
}

/** One image build version's details (state, dates, platform…), which its ARN does not tell. */
export function getImage(
  aws: AwsCaller,
  { region, account, imageBuildVersionArn }: ImageRequest,
): Promise<GetImageResponse> {
  return aws.call(
    { service: "imagebuilder", operation: "GetImage", region, account },
    { imageBuildVersionArn },
    (clients, input, options) =>
      clients.imageBuilder(region, account).send(new GetImageCommand(input), options),
  );
}

export function listWorkflowExecutionsPage(
  aws: AwsCaller,
  { region, account, imageBuildVersionArn, nextToken }: WorkflowExecutionsPageRequest,
): Promise<ListWorkflowExecutionsResponse> {
  return aws.call(
    { service: "imagebuilder", operation: "ListWorkflowExecutions", region, account },
    {
      imageBuildVersionArn,
      nextToken,
      maxResults: PAGE_CAP,
    },
    (clients, input, options) =>
      clients.imageBuilder(region, account).send(new ListWorkflowExecutionsCommand(input), options),
  );
}
