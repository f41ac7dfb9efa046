// EC2 Image Builder (restJson1): ListImagePackages, ListWorkflowStepExecutions,
// ListImagePipelines, ListImagePipelineImages, ListWorkflowExecutions and
// StartImagePipelineExecution (every member in the JSON body); GetWorkflowStepExecution, GetImage
// and GetImagePipeline (`GET /<operation>?<member>=…`, no body).

import type {
  GetImagePipelineResponse,
  GetImageResponse,
  GetWorkflowStepExecutionResponse,
  ImageSummary,
  ListImagePackagesResponse,
  ListImagePipelineImagesResponse,
  ListImagePipelinesResponse,
  ListWorkflowExecutionsResponse,
  ListWorkflowStepExecutionsResponse,
  StartImagePipelineExecutionResponse,
} from "@aws-sdk/client-imagebuilder";
import {
  FILTER_NAME,
  FILTER_VALUE,
  IMAGE_BUILD_VERSION_ARN,
  IMAGE_PIPELINE_ARN,
  IMAGE_VERSION_OR_BUILD_VERSION_ARN,
  NEXT_TOKEN_LENGTH,
  PAGE_SIZE,
  STEP_EXECUTION_ID,
  TAG_KEY,
  WORKFLOW_EXECUTION_ID,
} from "./constraints.js";
import {
  imageDetails,
  imageSummary,
  pipelineBuilds,
  pipelineShape,
  workflowMetadata,
} from "./image-builder-views.js";
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
import { startSimulatedBuild } from "./simulated-build.js";
import {
  type ImageBuildVersion,
  type ImagePipeline,
  imageBuildVersionArnFor,
  imageBuildVersionFromArn,
} from "./state.js";
import { canonicalParameters, paginate } from "./tokens.js";
import {
  type ListFilter,
  present,
  readFilters,
  readInteger,
  readString,
  readStringMap,
  Violations,
} from "./validation.js";

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

/** maxResults (1..25) and nextToken (1..65535 characters), as every Image Builder list takes them. */
function readPaging(input: Input, v: Violations) {
  return {
    maxResults: readInteger(input, "maxResults", pageSizeRange, v),
    nextToken: readString(
      input,
      "nextToken",
      { minLength: tokenRules.min, maxLength: tokenRules.max },
      v,
    ),
  };
}

/** One page of an Image Builder list, its token bound to the operation and its parameters. */
function imageBuilderPage<T>(
  context: CallContext,
  request: {
    operation: string;
    parameters: string;
    items: readonly T[];
    maxResults: number | undefined;
    nextToken: string | undefined;
  },
) {
  return paginate({
    items: request.items,
    pageSize: request.maxResults ?? pageSizeRange.default,
    nextToken: request.nextToken,
    scope: { operation: request.operation, parameters: request.parameters },
    tokens: context.tokens,
    emptyTrailingPage: context.emptyTrailingPage,
    invalidToken: INVALID_TOKEN,
    tokenMember: "nextToken",
  });
}

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
    const { maxResults, nextToken } = readPaging(input, v);
    v.throwIfAny(INVALID_REQUEST);
    const imageBuildVersionArn = present(arn, "imageBuildVersionArn");

    const image = findImage(context, imageBuildVersionArn);
    const page = imageBuilderPage(context, {
      operation: "ListImagePackages",
      parameters: canonicalParameters({ region: context.region, imageBuildVersionArn }),
      items: image.packages,
      maxResults,
      nextToken,
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
    const { maxResults, nextToken } = readPaging(input, v);
    v.throwIfAny(INVALID_REQUEST);
    const workflowExecutionId = present(id, "workflowExecutionId");

    const execution = context.state.workflowExecutions.get(workflowExecutionId);
    if (execution === undefined || execution.region !== context.region) {
      throw new ServiceError(
        NOT_FOUND,
        `The workflow execution ${workflowExecutionId} does not exist in ${context.region}.`,
      );
    }
    const page = imageBuilderPage(context, {
      operation: "ListWorkflowStepExecutions",
      parameters: canonicalParameters({ region: context.region, workflowExecutionId }),
      items: execution.steps,
      maxResults,
      nextToken,
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
  decode: queryMember("stepExecutionId"),
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

    const pipeline = findPipeline(context, imagePipelineArn);
    const imageBuildVersionArn = imageBuildVersionArnFor(pipeline, state.nextBuildNumber(pipeline));
    state.addImageBuildVersion(
      imageBuildVersionFromArn(imageBuildVersionArn, structuredClone(pipeline.packages)),
    );
    state.addSimulatedBuild(
      startSimulatedBuild(pipeline, imageBuildVersionArn, Date.now(), context.buildStepMs),
    );
    state.pipelineRuns.set(runKey, { fingerprint, imageBuildVersionArn });
    return { requestId: context.requestId, clientToken, imageBuildVersionArn };
  },
};

const FILTER_RULES = { namePattern: FILTER_NAME, valuePattern: FILTER_VALUE };

/** Reads one query-string member; a repeated one stays a list and then fails as "not a string". */
function queryMember(member: string) {
  return (request: IncomingRequest): Input => {
    const values = request.query.getAll(member);
    if (values.length === 0) return {};
    return { [member]: values.length === 1 ? values[0] : values };
  };
}

/**
 * Keeps the items every filter matches (filters AND, a filter's values OR). A filter name the
 * operation does not support is InvalidRequestException naming the supported ones.
 */
function applyFilters<T>(
  items: readonly T[],
  filters: readonly ListFilter[] | undefined,
  supported: Record<string, (item: T) => readonly (string | undefined)[]>,
): T[] {
  for (const filter of filters ?? []) {
    if (!Object.hasOwn(supported, filter.name)) {
      throw new ServiceError(
        INVALID_REQUEST,
        `The filter name ${filter.name} is not supported; supported filter names are: ${Object.keys(supported).join(", ")}.`,
      );
    }
  }
  return items.filter((item) =>
    (filters ?? []).every((filter) => {
      const actual = supported[filter.name]?.(item) ?? [];
      return filter.values.some((value) => actual.includes(value));
    }),
  );
}

/** Filters as token scope: order-insensitive, so a reordered request continues the same list. */
const canonicalFilters = (filters: readonly ListFilter[] | undefined) =>
  filters
    ?.map((filter) => [filter.name, [...filter.values].sort()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function findPipeline(context: CallContext, imagePipelineArn: string): ImagePipeline {
  const pipeline = context.state.pipelines.get(imagePipelineArn);
  if (pipeline === undefined || pipeline.region !== context.region) {
    throw new ServiceError(
      NOT_FOUND,
      `The image pipeline ${imagePipelineArn} does not exist in ${context.region}.`,
    );
  }
  return pipeline;
}

function findImage(context: CallContext, imageBuildVersionArn: string): ImageBuildVersion {
  const image = context.state.imageBuildVersions.get(imageBuildVersionArn);
  if (image === undefined || image.region !== context.region) {
    throw new ServiceError(
      NOT_FOUND,
      `The image build version ${imageBuildVersionArn} does not exist in ${context.region}.`,
    );
  }
  return image;
}

const listImagePipelines: Operation = {
  name: "ListImagePipelines",
  decode,
  handle(input, context): ListImagePipelinesResponse {
    const v = new Violations();
    const filters = readFilters(input, "filters", FILTER_RULES, v);
    const { maxResults, nextToken } = readPaging(input, v);
    v.throwIfAny(INVALID_REQUEST);
    const { state } = context;
    const pipelines = [...state.pipelines.values()]
      .filter((pipeline) => pipeline.region === context.region)
      .map((pipeline) => pipelineShape(state, pipeline));
    const matching = applyFilters(pipelines, filters, {
      name: (pipeline) => [pipeline.name],
      description: (pipeline) => [pipeline.description],
      status: (pipeline) => [pipeline.status],
      imageRecipeArn: (pipeline) => [pipeline.imageRecipeArn],
      infrastructureConfigurationArn: (pipeline) => [pipeline.infrastructureConfigurationArn],
      distributionConfigurationArn: (pipeline) => [pipeline.distributionConfigurationArn],
    });
    const page = imageBuilderPage(context, {
      operation: "ListImagePipelines",
      parameters: canonicalParameters({
        region: context.region,
        filters: canonicalFilters(filters),
      }),
      items: matching,
      maxResults,
      nextToken,
    });
    return {
      requestId: context.requestId,
      imagePipelineList: page.items,
      nextToken: page.nextToken,
    };
  },
};

const listImagePipelineImages: Operation = {
  name: "ListImagePipelineImages",
  decode,
  handle(input, context): ListImagePipelineImagesResponse {
    const v = new Violations();
    const arn = readString(
      input,
      "imagePipelineArn",
      { required: true, pattern: IMAGE_PIPELINE_ARN },
      v,
    );
    const filters = readFilters(input, "filters", FILTER_RULES, v);
    const { maxResults, nextToken } = readPaging(input, v);
    v.throwIfAny(INVALID_REQUEST);
    const imagePipelineArn = present(arn, "imagePipelineArn");
    const { state } = context;
    const pipeline = findPipeline(context, imagePipelineArn);
    const builds = pipelineBuilds(state, pipeline).map((image) => imageSummary(state, image));
    const matching = applyFilters<ImageSummary>(builds, filters, {
      name: (image) => [image.name],
      // A version filter names a semantic version (1.2.0) or one build of it (1.2.0/3).
      version: (image) => [image.version, image.version?.split("/")[0]],
    });
    const page = imageBuilderPage(context, {
      operation: "ListImagePipelineImages",
      parameters: canonicalParameters({
        region: context.region,
        imagePipelineArn,
        filters: canonicalFilters(filters),
      }),
      items: matching,
      maxResults,
      nextToken,
    });
    return {
      requestId: context.requestId,
      imageSummaryList: page.items,
      nextToken: page.nextToken,
    };
  },
};

/** Semantic versions compare node by node, numerically. */
function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let index = 0; index < 3; index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * The image a GetImage ARN names: a build version ARN names one build; a version ARN
 * (`…/1.2.0`, nodes may be `x`) names the newest build of the newest matching version.
 */
function imageForGetImage(context: CallContext, arn: string): ImageBuildVersion {
  const [, , , , account = "", resource = ""] = arn.split(":");
  const [, imageName = "", version = "", build] = resource.split("/");
  if (build !== undefined) return findImage(context, arn);
  const wanted = version.split(".");
  const candidates = [...context.state.imageBuildVersions.values()]
    .filter(
      (image) =>
        image.region === context.region &&
        image.account === account &&
        image.imageName === imageName &&
        image.semanticVersion
          .split(".")
          .every((node, index) => wanted[index] === "x" || wanted[index] === node),
    )
    .sort(
      (a, b) =>
        compareVersions(b.semanticVersion, a.semanticVersion) || b.buildNumber - a.buildNumber,
    );
  const newest = candidates[0];
  if (newest === undefined) {
    throw new ServiceError(NOT_FOUND, `No image matches ${arn} in ${context.region}.`);
  }
  return newest;
}

const getImage: Operation = {
  name: "GetImage",
  decode: queryMember("imageBuildVersionArn"),
  handle(input, context): GetImageResponse {
    const v = new Violations();
    const arn = readString(
      input,
      "imageBuildVersionArn",
      { required: true, pattern: IMAGE_VERSION_OR_BUILD_VERSION_ARN },
      v,
    );
    v.throwIfAny(INVALID_REQUEST);
    const image = imageForGetImage(context, present(arn, "imageBuildVersionArn"));
    return { requestId: context.requestId, image: imageDetails(context.state, image) };
  },
};

const getImagePipeline: Operation = {
  name: "GetImagePipeline",
  decode: queryMember("imagePipelineArn"),
  handle(input, context): GetImagePipelineResponse {
    const v = new Violations();
    const arn = readString(
      input,
      "imagePipelineArn",
      { required: true, pattern: IMAGE_PIPELINE_ARN },
      v,
    );
    v.throwIfAny(INVALID_REQUEST);
    const pipeline = findPipeline(context, present(arn, "imagePipelineArn"));
    return { requestId: context.requestId, imagePipeline: pipelineShape(context.state, pipeline) };
  },
};

const listWorkflowExecutions: Operation = {
  name: "ListWorkflowExecutions",
  decode,
  handle(input, context): ListWorkflowExecutionsResponse {
    const v = new Violations();
    const arn = readString(
      input,
      "imageBuildVersionArn",
      { required: true, pattern: IMAGE_BUILD_VERSION_ARN },
      v,
    );
    const { maxResults, nextToken } = readPaging(input, v);
    v.throwIfAny(INVALID_REQUEST);
    const imageBuildVersionArn = present(arn, "imageBuildVersionArn");
    const image = findImage(context, imageBuildVersionArn);
    const executions = context.state
      .executionsOf(imageBuildVersionArn)
      .filter((execution) => execution.region === context.region);
    const page = imageBuilderPage(context, {
      operation: "ListWorkflowExecutions",
      parameters: canonicalParameters({ region: context.region, imageBuildVersionArn }),
      items: executions.map(workflowMetadata),
      maxResults,
      nextToken,
    });
    return {
      requestId: context.requestId,
      workflowExecutions: page.items,
      imageBuildVersionArn,
      message: imageSummary(context.state, image).state?.reason,
      nextToken: page.nextToken,
    };
  },
};

/** Every operation first moves simulated builds to the present, so reads see them progress. */
const advancingBuilds = (operation: Operation): Operation => ({
  ...operation,
  handle(input, context) {
    context.state.advanceBuilds(Date.now());
    return operation.handle(input, context);
  },
});

const ROUTES: ReadonlyMap<string, Operation> = new Map(
  (
    [
      ["POST /ListImagePackages", listImagePackages],
      ["POST /ListWorkflowStepExecutions", listWorkflowStepExecutions],
      ["PUT /StartImagePipelineExecution", startImagePipelineExecution],
      ["GET /GetWorkflowStepExecution", getWorkflowStepExecution],
      ["POST /ListImagePipelines", listImagePipelines],
      ["POST /ListImagePipelineImages", listImagePipelineImages],
      ["GET /GetImage", getImage],
      ["GET /GetImagePipeline", getImagePipeline],
      ["POST /ListWorkflowExecutions", listWorkflowExecutions],
    ] as const
  ).map(([route, operation]) => [route, advancingBuilds(operation)]),
);
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
