// EC2 Image Builder (restJson1): ListImagePackages, ListWorkflowStepExecutions,
// ListImagePipelines, ListImagePipelineImages, ListWorkflowExecutions,
// StartImagePipelineExecution and CancelImageCreation (every member in the JSON body);
// GetWorkflowStepExecution, GetImage and GetImagePipeline (`GET /<operation>?<member>=…`, no body).

import type {
  CancelImageCreationRequest,
  CancelImageCreationResponse,
  Filter,
  GetImagePipelineRequest,
  GetImagePipelineResponse,
  GetImageRequest,
  GetImageResponse,
  GetWorkflowStepExecutionRequest,
  GetWorkflowStepExecutionResponse,
  ImageSummary,
  ListImagePackagesRequest,
  ListImagePackagesResponse,
  ListImagePipelineImagesRequest,
  ListImagePipelineImagesResponse,
  ListImagePipelinesRequest,
  ListImagePipelinesResponse,
  ListWorkflowExecutionsRequest,
  ListWorkflowExecutionsResponse,
  ListWorkflowStepExecutionsRequest,
  ListWorkflowStepExecutionsResponse,
  StartImagePipelineExecutionRequest,
  StartImagePipelineExecutionResponse,
} from "@aws-sdk/client-imagebuilder";
import { imagebuilderModel } from "../aws/generated/imagebuilder.js";
import { defaultPageSize } from "./constraints.js";
import type { DatesAs } from "./fixture.js";
import {
  imageDetails,
  imageState,
  imageSummary,
  pipelineBuilds,
  pipelineShape,
  TERMINAL_WORKFLOW,
  workflowMetadata,
  workflowStatus,
} from "./image-builder-views.js";
import {
  type CallContext,
  type CommonErrors,
  decodeJsonObject,
  type IncomingRequest,
  type Input,
  modelError,
  type Operation,
  ServiceError,
  type ServiceModule,
} from "./protocol.js";
import {
  CANCELLED_REASON,
  cancelSimulatedBuild,
  cancelWorkflowExecution,
  startSimulatedBuild,
} from "./simulated-build.js";
import {
  type EmulatorState,
  type ImageBuildVersion,
  type ImageDetails,
  type ImagePipeline,
  imageBuildVersionArnFor,
  imageBuildVersionFromArn,
} from "./state.js";
import { canonicalParameters, paginate } from "./tokens.js";
import { Violations } from "./validation.js";

const INVALID_REQUEST = modelError(imagebuilderModel, "InvalidRequestException");
const INVALID_TOKEN = modelError(imagebuilderModel, "InvalidPaginationTokenException");
const NOT_FOUND = modelError(imagebuilderModel, "ResourceNotFoundException");
const IDEMPOTENT_MISMATCH = modelError(imagebuilderModel, "IdempotentParameterMismatchException");
const RESOURCE_IN_USE = modelError(imagebuilderModel, "ResourceInUseException");

const COMMON_ERRORS: CommonErrors = {
  accessDenied: modelError(imagebuilderModel, "ForbiddenException"),
  throttling: modelError(imagebuilderModel, "CallRateLimitExceededException"),
  serverFaults: [
    modelError(imagebuilderModel, "ServiceException"),
    modelError(imagebuilderModel, "ServiceUnavailableException"),
  ],
  internal: modelError(imagebuilderModel, "ServiceException"),
  unknownOperation: { name: "UnknownOperationException", status: 404 },
  invalidInput: INVALID_REQUEST,
};

const decode = (request: IncomingRequest): Input => decodeJsonObject(request.body, INVALID_REQUEST);

/** Every Image Builder list pages by the same model shape (RestrictedInteger). */
const pageSize = defaultPageSize(imagebuilderModel, "ListImagePackages", "maxResults");

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
    pageSize: request.maxResults ?? pageSize,
    nextToken: request.nextToken,
    scope: { operation: request.operation, parameters: request.parameters },
    tokens: context.tokens,
    emptyTrailingPage: context.emptyTrailingPage,
    invalidToken: INVALID_TOKEN,
    tokenMember: "nextToken",
  });
}

const listImagePackages: Operation<ListImagePackagesRequest> = {
  name: "ListImagePackages",
  decode,
  handle(input, context): ListImagePackagesResponse {
    const { imageBuildVersionArn, maxResults, nextToken } = input;

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

const listWorkflowStepExecutions: Operation<ListWorkflowStepExecutionsRequest> = {
  name: "ListWorkflowStepExecutions",
  decode,
  handle(input, context): ListWorkflowStepExecutionsResponse {
    const { workflowExecutionId, maxResults, nextToken } = input;

    const execution = context.state.workflowExecution(context.region, workflowExecutionId);
    if (execution === undefined) {
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

const getWorkflowStepExecution: Operation<GetWorkflowStepExecutionRequest> = {
  name: "GetWorkflowStepExecution",
  decode: queryMember("stepExecutionId"),
  // The model's pattern is `step-<uuid>`, and every id a real service, demo.json or a pipeline
  // run produces has that form. The fixture contract, however, accepts any non-empty step id
  // (its own example is "step-0001"), so an id the state holds is served whatever its form;
  // only ids that break the pattern and name no step the emulator holds are rejected as
  // malformed (InvalidRequestException), so a well-formed unknown id is a 404 instead.
  patternExemptions: (context) => ({
    stepExecutionId: (value) => context.state.stepExecutions(value).length > 0,
  }),
  handle(input, context): GetWorkflowStepExecutionResponse {
    const { stepExecutionId } = input;

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

const startImagePipelineExecution: Operation<StartImagePipelineExecutionRequest> = {
  name: "StartImagePipelineExecution",
  decode,
  handle(input, context: CallContext): StartImagePipelineExecutionResponse {
    const { imagePipelineArn, clientToken, tags } = input;
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
      imageBuildVersionFromArn(
        imageBuildVersionArn,
        structuredClone(pipeline.packages),
        inheritedDetails(state, pipeline),
      ),
    );
    state.addSimulatedBuild(
      startSimulatedBuild(pipeline, imageBuildVersionArn, Date.now(), context.buildStepMs),
    );
    state.pipelineRuns.set(runKey, { fingerprint, imageBuildVersionArn });
    return { requestId: context.requestId, clientToken, imageBuildVersionArn };
  },
};

/**
 * A new build is made with what the pipeline's newest build was made with: its recipe,
 * configurations, tags and workflows, so its outputs go where the earlier ones went.
 */
function inheritedDetails(state: EmulatorState, pipeline: ImagePipeline): ImageDetails {
  const newest = pipelineBuilds(state, pipeline)[0];
  if (newest === undefined) return {};
  const {
    state: _state,
    dateCreated: _dateCreated,
    outputResources: _outputResources,
    scanState: _scanState,
    deprecationTime: _deprecationTime,
    lifecycleExecutionId: _lifecycleExecutionId,
    buildType: _buildType,
    ...inherited
  } = structuredClone(newest.details);
  return { ...inherited, dateCreated: new Date().toISOString() };
}

/** Statuses a build no longer leaves by itself: there is nothing left to cancel. */
const FINISHED_IMAGE = new Set([
  "AVAILABLE",
  "CANCELLED",
  "FAILED",
  "DEPRECATED",
  "DELETED",
  "DISABLED",
]);

const cancelImageCreation: Operation<CancelImageCreationRequest> = {
  name: "CancelImageCreation",
  decode,
  handle(input, context: CallContext): CancelImageCreationResponse {
    const { imageBuildVersionArn } = input;
    const { state } = context;
    // An idempotency token: the SDK fills it in when the caller leaves it out.
    const clientToken = input.clientToken ?? context.requestId;

    // The same token and image replay the first answer, though the build is cancelled by now.
    const key = `${context.region} ${clientToken}`;
    const earlier = state.cancellations.get(key);
    if (earlier !== undefined) {
      if (earlier !== imageBuildVersionArn) {
        throw new ServiceError(
          IDEMPOTENT_MISMATCH,
          `The client token ${clientToken} was already used to cancel ${earlier}; use a new client token to cancel another image.`,
        );
      }
      return { requestId: context.requestId, clientToken, imageBuildVersionArn };
    }

    const image = findImage(context, imageBuildVersionArn);
    const status = imageState(state, image).status ?? "";
    if (FINISHED_IMAGE.has(status)) {
      throw new ServiceError(
        RESOURCE_IN_USE,
        `The image ${imageBuildVersionArn} cannot be cancelled: it is ${status}, and only images that are still being created (PENDING, CREATING, BUILDING, TESTING, DISTRIBUTING, INTEGRATING) can be.`,
      );
    }
    const now = Date.now();
    const simulated = state.simulatedBuilds.get(imageBuildVersionArn);
    if (simulated) cancelSimulatedBuild(simulated, now);
    for (const execution of state.executionsOf(imageBuildVersionArn)) {
      if (!TERMINAL_WORKFLOW.has(workflowStatus(execution))) {
        cancelWorkflowExecution(execution, now);
      }
    }
    image.details.state = { status: "CANCELLED", reason: CANCELLED_REASON };
    state.cancellations.set(key, imageBuildVersionArn);
    return { requestId: context.requestId, clientToken, imageBuildVersionArn };
  },
};

/** A list filter the model allowed: a name and values (both optional in the model). */
type ListFilter = { name: string; values: string[] };
/** Reads one query-string member; a repeated one stays a list and then fails as "not a string". */
function queryMember(member: string) {
  return (request: IncomingRequest): Input => {
    const values = request.query.getAll(member);
    if (values.length === 0) return {};
    return { [member]: values.length === 1 ? values[0] : values };
  };
}

/**
 * The filters of a request, each with a name the operation supports and its values. The model
 * leaves both members optional, but a filter without either selects nothing, so the service
 * refuses it (InvalidRequestException), as it refuses a name the operation does not support.
 */
function supportedFilters(
  filters: readonly Filter[] | undefined,
  supported: readonly string[],
): ListFilter[] | undefined {
  if (filters === undefined) return undefined;
  const v = new Violations();
  filters.forEach((filter, index) => {
    const at = `filters.${index + 1}.member`;
    if (filter.name === undefined) v.add(`${at}.name`, undefined, "Member must not be null");
    if (filter.values === undefined) v.add(`${at}.values`, undefined, "Member must not be null");
  });
  v.throwIfAny(INVALID_REQUEST);
  return filters.map(({ name = "", values = [] }) => {
    if (!supported.includes(name)) {
      throw new ServiceError(
        INVALID_REQUEST,
        `The filter name ${name} is not supported; supported filter names are: ${supported.join(", ")}.`,
      );
    }
    return { name, values };
  });
}

/** Keeps the items every filter matches (filters AND, a filter's values OR). */
function applyFilters<T>(
  items: readonly T[],
  requested: readonly Filter[] | undefined,
  supported: Record<string, (item: T) => readonly (string | undefined)[]>,
): { items: T[]; filters: ListFilter[] | undefined } {
  const filters = supportedFilters(requested, Object.keys(supported));
  const matching = items.filter((item) =>
    (filters ?? []).every((filter) => {
      const actual = supported[filter.name]?.(item) ?? [];
      return filter.values.some((value) => actual.includes(value));
    }),
  );
  return { items: matching, filters };
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

const listImagePipelines: Operation<ListImagePipelinesRequest> = {
  name: "ListImagePipelines",
  decode,
  handle(input, context): ListImagePipelinesResponse {
    const { maxResults, nextToken } = input;
    const { state } = context;
    const pipelines = [...state.pipelines.values()]
      .filter((pipeline) => pipeline.region === context.region)
      .map((pipeline) => pipelineShape(state, pipeline));
    const { items: matching, filters } = applyFilters(pipelines, input.filters, {
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

const listImagePipelineImages: Operation<ListImagePipelineImagesRequest> = {
  name: "ListImagePipelineImages",
  decode,
  handle(input, context): ListImagePipelineImagesResponse {
    const { imagePipelineArn, maxResults, nextToken } = input;
    const { state } = context;
    const pipeline = findPipeline(context, imagePipelineArn);
    const builds = pipelineBuilds(state, pipeline).map((image) => imageSummary(state, image));
    const { items: matching, filters } = applyFilters<ImageSummary>(builds, input.filters, {
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

const getImage: Operation<GetImageRequest> = {
  name: "GetImage",
  decode: queryMember("imageBuildVersionArn"),
  handle(input, context): DatesAs<GetImageResponse, number> {
    const image = imageForGetImage(context, input.imageBuildVersionArn);
    return { requestId: context.requestId, image: imageDetails(context.state, image) };
  },
};

const getImagePipeline: Operation<GetImagePipelineRequest> = {
  name: "GetImagePipeline",
  decode: queryMember("imagePipelineArn"),
  handle(input, context): GetImagePipelineResponse {
    const pipeline = findPipeline(context, input.imagePipelineArn);
    return { requestId: context.requestId, imagePipeline: pipelineShape(context.state, pipeline) };
  },
};

const listWorkflowExecutions: Operation<ListWorkflowExecutionsRequest> = {
  name: "ListWorkflowExecutions",
  decode,
  handle(input, context): ListWorkflowExecutionsResponse {
    const { imageBuildVersionArn, maxResults, nextToken } = input;
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
const advancingBuilds = <I extends object>(operation: Operation<I>): Operation<I> => ({
  ...operation,
  handle(input, context) {
    context.state.advanceBuilds(Date.now());
    return operation.handle(input, context);
  },
});

const OPERATIONS: readonly Operation[] = [
  listImagePackages,
  listWorkflowStepExecutions,
  startImagePipelineExecution,
  cancelImageCreation,
  getWorkflowStepExecution,
  listImagePipelines,
  listImagePipelineImages,
  getImage,
  getImagePipeline,
  listWorkflowExecutions,
].map((operation: Operation) => advancingBuilds(operation));

/** `<method> <path>` of each operation, as the model binds it to HTTP. */
const ROUTES: ReadonlyMap<string, Operation> = new Map(
  OPERATIONS.map((operation) => {
    const { method, requestUri } = imagebuilderModel.operations[operation.name]?.http ?? {};
    return [`${method} ${requestUri}`, operation];
  }),
);
const KNOWN_PATHS = new Set([...ROUTES.keys()].map((route) => route.split(" ")[1]));

export const imageBuilderService: ServiceModule = {
  service: "imagebuilder",
  model: imagebuilderModel,
  operations: OPERATIONS,
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
