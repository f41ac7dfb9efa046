// EC2 Image Builder (restJson1): ListImagePackages, ListWorkflowStepExecutions,
// StartImagePipelineExecution (every member in the JSON body) and GetWorkflowStepExecution
// (`GET /GetWorkflowStepExecution?stepExecutionId=…`, no body).

import type {
  GetWorkflowStepExecutionResponse,
  ListImagePackagesResponse,
  ListWorkflowStepExecutionsResponse,
  StartImagePipelineExecutionResponse,
} from "@aws-sdk/client-imagebuilder";
import {
  IMAGE_BUILD_VERSION_ARN,
  IMAGE_PIPELINE_ARN,
  NEXT_TOKEN_LENGTH,
  PAGE_SIZE,
  STEP_EXECUTION_ID,
  TAG_KEY,
  WORKFLOW_EXECUTION_ID,
} from "./constraints.js";
import {
  type CallContext,
  type CommonErrors,
  decodeJsonObject,
  type IncomingRequest,
  type Input,
  type Operation,
  ServiceError,
  type ServiceModule,
} from "./protocol.js";
import { simulateImageBuild } from "./simulated-build.js";
import { imageBuildVersionArnFor, imageBuildVersionFromArn } from "./state.js";
import { canonicalParameters, paginate } from "./tokens.js";
import { present, readInteger, readString, readStringMap, Violations } from "./validation.js";

const INVALID_REQUEST = { name: "InvalidRequestException", status: 400 };
const INVALID_TOKEN = { name: "InvalidPaginationTokenException", status: 400 };
const NOT_FOUND = { name: "ResourceNotFoundException", status: 404 };
const IDEMPOTENT_MISMATCH = { name: "IdempotentParameterMismatchException", status: 400 };

const COMMON_ERRORS: CommonErrors = {
  accessDenied: { name: "ForbiddenException", status: 403 },
  throttling: { name: "CallRateLimitExceededException", status: 429 },
  serverFaults: [
    { name: "ServiceException", status: 500 },
    { name: "ServiceUnavailableException", status: 503 },
  ],
  internal: { name: "ServiceException", status: 500 },
  unknownOperation: { name: "UnknownOperationException", status: 404 },
};

const decode = (request: IncomingRequest): Input => decodeJsonObject(request.body, INVALID_REQUEST);

const pageSizeRange = PAGE_SIZE.imageBuilder;
const tokenRules = NEXT_TOKEN_LENGTH.imageBuilder;

const listImagePackages: Operation = {
  name: "ListImagePackages",
  decode,
  handle(input, context): ListImagePackagesResponse {
    const v = new Violations();
    const arn = readString(
      input,
      "imageBuildVersionArn",
      { required: true, pattern: IMAGE_BUILD_VERSION_ARN },
      v,
    );
    const maxResults = readInteger(input, "maxResults", pageSizeRange, v);
    const nextToken = readString(
      input,
      "nextToken",
      { minLength: tokenRules.min, maxLength: tokenRules.max },
      v,
    );
    v.throwIfAny(INVALID_REQUEST);
    const imageBuildVersionArn = present(arn, "imageBuildVersionArn");

    const image = context.state.imageBuildVersions.get(imageBuildVersionArn);
    if (image === undefined || image.region !== context.region) {
      throw new ServiceError(
        NOT_FOUND,
        `The image build version ${imageBuildVersionArn} does not exist in ${context.region}.`,
      );
    }
    const page = paginate({
      items: image.packages,
      pageSize: maxResults ?? pageSizeRange.default,
      nextToken,
      scope: {
        operation: "ListImagePackages",
        parameters: canonicalParameters({ region: context.region, imageBuildVersionArn }),
      },
      tokens: context.tokens,
      emptyTrailingPage: context.emptyTrailingPage,
      invalidToken: INVALID_TOKEN,
      tokenMember: "nextToken",
    });
    return {
      requestId: context.requestId,
      imagePackageList: page.items,
      nextToken: page.nextToken,
    };
  },
};

const listWorkflowStepExecutions: Operation = {
  name: "ListWorkflowStepExecutions",
  decode,
  handle(input, context): ListWorkflowStepExecutionsResponse {
    const v = new Violations();
    const id = readString(
      input,
      "workflowExecutionId",
      { required: true, pattern: WORKFLOW_EXECUTION_ID },
      v,
    );
    const maxResults = readInteger(input, "maxResults", pageSizeRange, v);
    const nextToken = readString(
      input,
      "nextToken",
      { minLength: tokenRules.min, maxLength: tokenRules.max },
      v,
    );
    v.throwIfAny(INVALID_REQUEST);
    const workflowExecutionId = present(id, "workflowExecutionId");

    const execution = context.state.workflowExecutions.get(workflowExecutionId);
    if (execution === undefined || execution.region !== context.region) {
      throw new ServiceError(
        NOT_FOUND,
        `The workflow execution ${workflowExecutionId} does not exist in ${context.region}.`,
      );
    }
    const page = paginate({
      items: execution.steps,
      pageSize: maxResults ?? pageSizeRange.default,
      nextToken,
      scope: {
        operation: "ListWorkflowStepExecutions",
        parameters: canonicalParameters({ region: context.region, workflowExecutionId }),
      },
      tokens: context.tokens,
      emptyTrailingPage: context.emptyTrailingPage,
      invalidToken: INVALID_TOKEN,
      tokenMember: "nextToken",
    });
    return {
      requestId: context.requestId,
      steps: page.items,
      workflowBuildVersionArn: execution.workflowBuildVersionArn,
      workflowExecutionId,
      imageBuildVersionArn: execution.imageBuildVersionArn,
      message: execution.message,
      nextToken: page.nextToken,
    };
  },
};

const getWorkflowStepExecution: Operation = {
  name: "GetWorkflowStepExecution",
  decode(request) {
    // The one member is an httpQuery. A repeated parameter is kept as a list, which then fails
    // validation as "not a string" instead of one of the values winning silently.
    const values = request.query.getAll("stepExecutionId");
    if (values.length === 0) return {};
    return { stepExecutionId: values.length === 1 ? values[0] : values };
  },
  handle(input, context): GetWorkflowStepExecutionResponse {
    const v = new Violations();
    // The model's pattern is `step-<uuid>`, and every id a real service, demo.json or a pipeline
    // run produces has that form. The fixture contract, however, accepts any non-empty step id
    // (its own example is "step-0001"), so an id the state holds is served whatever its form;
    // only ids that break the pattern and name no step the emulator holds are rejected as
    // malformed (InvalidRequestException), so a well-formed unknown id is a 404 instead.
    const id = readString(
      input,
      "stepExecutionId",
      {
        required: true,
        pattern: STEP_EXECUTION_ID,
        patternExempt: (value) => context.state.stepExecutions(value).length > 0,
      },
      v,
    );
    v.throwIfAny(INVALID_REQUEST);
    const stepExecutionId = present(id, "stepExecutionId");

    const found = context.state
      .stepExecutions(stepExecutionId)
      .find(({ execution }) => execution.region === context.region);
    if (found === undefined) {
      throw new ServiceError(
        NOT_FOUND,
        `The workflow step execution ${stepExecutionId} does not exist in ${context.region}.`,
      );
    }
    const { execution, step } = found;
    // onFailure and timeoutSeconds are left out: the fixture has no data for them.
    return {
      requestId: context.requestId,
      stepExecutionId: step.stepExecutionId,
      workflowBuildVersionArn: execution.workflowBuildVersionArn,
      workflowExecutionId: execution.workflowExecutionId,
      imageBuildVersionArn: execution.imageBuildVersionArn,
      name: step.name,
      description: step.description,
      action: step.action,
      status: step.status,
      rollbackStatus: step.rollbackStatus,
      message: step.message,
      inputs: step.inputs,
      outputs: step.outputs,
      startTime: step.startTime,
      endTime: step.endTime,
    };
  },
};

const startImagePipelineExecution: Operation = {
  name: "StartImagePipelineExecution",
  decode,
  handle(input, context: CallContext): StartImagePipelineExecutionResponse {
    const v = new Violations();
    const arn = readString(
      input,
      "imagePipelineArn",
      { required: true, pattern: IMAGE_PIPELINE_ARN },
      v,
    );
    const token = readString(
      input,
      "clientToken",
      { required: true, minLength: 1, maxLength: 64 },
      v,
    );
    const tags = readStringMap(
      input,
      "tags",
      {
        minEntries: 1,
        maxEntries: 50,
        key: { minLength: 1, maxLength: 128, pattern: TAG_KEY },
        value: { minLength: 0, maxLength: 256 },
      },
      v,
    );
    v.throwIfAny(INVALID_REQUEST);
    const imagePipelineArn = present(arn, "imagePipelineArn");
    const clientToken = present(token, "clientToken");
    const { state } = context;

    // A client token names one request: the same parameters replay its result, others conflict.
    const fingerprint = canonicalParameters({
      imagePipelineArn,
      tags: tags && Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    });
    const runKey = `${context.region} ${clientToken}`;
    const earlier = state.pipelineRuns.get(runKey);
    if (earlier !== undefined) {
      if (earlier.fingerprint !== fingerprint) {
        throw new ServiceError(
          IDEMPOTENT_MISMATCH,
          `The client token ${clientToken} was already used with other parameters (imagePipelineArn, tags); use a new client token for a different request.`,
        );
      }
      return {
        requestId: context.requestId,
        clientToken,
        imageBuildVersionArn: earlier.imageBuildVersionArn,
      };
    }

    const pipeline = state.pipelines.get(imagePipelineArn);
    if (pipeline === undefined || pipeline.region !== context.region) {
      throw new ServiceError(
        NOT_FOUND,
        `The image pipeline ${imagePipelineArn} does not exist in ${context.region}.`,
      );
    }
    const imageBuildVersionArn = imageBuildVersionArnFor(pipeline, state.nextBuildNumber(pipeline));
    state.addImageBuildVersion(
      imageBuildVersionFromArn(imageBuildVersionArn, structuredClone(pipeline.packages)),
    );
    state.addWorkflowExecution(simulateImageBuild(pipeline, imageBuildVersionArn, new Date()));
    state.pipelineRuns.set(runKey, { fingerprint, imageBuildVersionArn });
    return { requestId: context.requestId, clientToken, imageBuildVersionArn };
  },
};

const ROUTES: ReadonlyMap<string, Operation> = new Map([
  ["POST /ListImagePackages", listImagePackages],
  ["POST /ListWorkflowStepExecutions", listWorkflowStepExecutions],
  ["PUT /StartImagePipelineExecution", startImagePipelineExecution],
  ["GET /GetWorkflowStepExecution", getWorkflowStepExecution],
]);
const KNOWN_PATHS = new Set([...ROUTES.keys()].map((route) => route.split(" ")[1]));

export const imageBuilderService: ServiceModule = {
  service: "imagebuilder",
  protocol: "restJson1",
  signingName: "imagebuilder",
  errors: COMMON_ERRORS,
  match(request) {
    if (request.headers["x-amz-target"] !== undefined) return undefined;
    const operation = ROUTES.get(`${request.method} ${request.path}`);
    if (operation) return operation;
    // A known operation path with the wrong method is still clearly an Image Builder call.
    if (KNOWN_PATHS.has(request.path)) {
      return { unknownOperation: `${request.method} ${request.path}` };
    }
    return undefined;
  },
};
