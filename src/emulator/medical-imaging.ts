// AWS HealthImaging (restJson1): ListDatastores, SearchImageSets, ListImageSetVersions and
// GetImageSet. The ids travel as URI labels; page sizes, tokens, ListDatastores' status and
// GetImageSet's version (`?version=`) in the query string; SearchImageSets' search criteria are
// the JSON body (its payload). Timestamps go out as epoch seconds. Every operation but
// ListDatastores has the host prefix `runtime-` on real AWS; the emulator serves all on one host.

import type {
  DatastoreSummary,
  GetImageSetRequest,
  GetImageSetResponse,
  ImageSetProperties,
  ListDatastoresRequest,
  ListDatastoresResponse,
  ListImageSetVersionsRequest,
  ListImageSetVersionsResponse,
  SearchImageSetsRequest,
  SearchImageSetsResponse,
} from "@aws-sdk/client-medical-imaging";
import stringify from "safe-stable-stringify";
import { medicalImagingModel } from "../aws/generated/medical-imaging.js";
import { PARTITION_REGIONS } from "../aws/generated/regions.js";
import { defaultPageSize } from "./constraints.js";
import type { DatesAs } from "./fixture.js";
import {
  latestVersion,
  readCriteria,
  type SearchCriteriaOnTheWire,
  search,
} from "./medical-imaging-search.js";
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
import type { Datastore, ImageSet, ImageSetVersion } from "./state.js";
import { canonicalParameters, paginate } from "./tokens.js";
import { Violations } from "./validation.js";

const VALIDATION = modelError(medicalImagingModel, "ValidationException");
const NOT_FOUND = modelError(medicalImagingModel, "ResourceNotFoundException");
const CONFLICT = modelError(medicalImagingModel, "ConflictException");

const COMMON_ERRORS: CommonErrors = {
  accessDenied: modelError(medicalImagingModel, "AccessDeniedException"),
  throttling: modelError(medicalImagingModel, "ThrottlingException"),
  // HealthImaging documents only a 500 server fault, so both fault kinds use it.
  serverFaults: [
    modelError(medicalImagingModel, "InternalServerException"),
    modelError(medicalImagingModel, "InternalServerException"),
  ],
  internal: modelError(medicalImagingModel, "InternalServerException"),
  unknownOperation: { name: "UnknownOperationException", status: 404 },
  invalidInput: VALIDATION,
};

const IMAGE_SET_PATH = /^\/datastore\/([^/]*)\/imageSet\/([^/]*)\/([A-Za-z]+)$/;
const SEARCH_PATH = /^\/datastore\/([^/]*)\/searchImageSets$/;
const DATASTORES_PATH = "/datastore";

type WireImageSetProperties = DatesAs<ImageSetProperties, number>;

const epochSeconds = (iso: string | undefined) =>
  iso === undefined ? undefined : Date.parse(iso) / 1000;

function toWire(version: ImageSetVersion): WireImageSetProperties {
  return {
    ...version,
    createdAt: epochSeconds(version.createdAt),
    updatedAt: epochSeconds(version.updatedAt),
    deletedAt: epochSeconds(version.deletedAt),
  };
}

function decodeLabel(raw: string, member: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ServiceError(VALIDATION, `The ${member} path segment is not valid percent-encoding.`);
  }
}

/** The ARN partition of a region, from AWS's partition data; `aws` for a region it does not list. */
function partitionOf(region: string): string {
  const found = Object.entries(PARTITION_REGIONS).find(([, regions]) => regions.includes(region));
  return found?.[0] ?? "aws";
}

/** The labels of the image set operations, percent-decoded. */
function decodeLabels(request: IncomingRequest): Input {
  const [, datastoreId = "", imageSetId = ""] = IMAGE_SET_PATH.exec(request.path) ?? [];
  return {
    datastoreId: decodeLabel(datastoreId, "datastoreId"),
    imageSetId: decodeLabel(imageSetId, "imageSetId"),
  };
}

/**
 * A datastore of the caller's region that image set operations may use: ResourceNotFoundException
 * when it does not exist there (or is DELETED), ConflictException while it is not ACTIVE.
 */
function findDatastore(context: CallContext, datastoreId: string): Datastore {
  const datastore = context.state.datastore(context.region, datastoreId);
  if (datastore === undefined || datastore.datastoreStatus === "DELETED") {
    throw new ServiceError(
      NOT_FOUND,
      `Datastore ${datastoreId} does not exist in ${context.region}.`,
    );
  }
  if (datastore.datastoreStatus !== "ACTIVE") {
    throw new ServiceError(
      CONFLICT,
      `Datastore ${datastoreId} is ${datastore.datastoreStatus}; image sets are available only while it is ACTIVE.`,
    );
  }
  return datastore;
}

/** An image set in the caller's region, or ResourceNotFoundException. */
function findImageSet(context: CallContext, datastoreId: string, imageSetId: string): ImageSet {
  const imageSet = findDatastore(context, datastoreId).imageSets.get(imageSetId);
  if (imageSet === undefined) {
    throw new ServiceError(
      NOT_FOUND,
      `Image set ${imageSetId} does not exist in datastore ${datastoreId}.`,
    );
  }
  return imageSet;
}

/** Every HealthImaging list pages up to the same maximum. */
const pageSize = defaultPageSize(medicalImagingModel, "ListImageSetVersions", "maxResults");

/** One page of a HealthImaging list: its size and token as asked, tokens bound to the request. */
function pageOf<T>(
  items: readonly T[],
  request: { maxResults: number | undefined; nextToken: string | undefined },
  context: CallContext,
  operation: string,
  parameters: Record<string, unknown>,
): { items: T[]; nextToken?: string } {
  return paginate({
    items,
    pageSize: request.maxResults ?? pageSize,
    nextToken: request.nextToken,
    scope: { operation, parameters: canonicalParameters(parameters) },
    tokens: context.tokens,
    emptyTrailingPage: context.emptyTrailingPage,
    invalidToken: VALIDATION,
    tokenMember: "nextToken",
  });
}

const listImageSetVersions: Operation<ListImageSetVersionsRequest> = {
  name: "ListImageSetVersions",
  decode(request) {
    const input = decodeLabels(request);
    queryInteger(request, input, "maxResults");
    queryString(request, input, "nextToken");
    return input;
  },
  handle(input, context): DatesAs<ListImageSetVersionsResponse, number> {
    const { datastoreId, imageSetId, maxResults, nextToken } = input;

    const { versions } = findImageSet(context, datastoreId, imageSetId);
    const page = pageOf(versions, { maxResults, nextToken }, context, "ListImageSetVersions", {
      region: context.region,
      datastoreId,
      imageSetId,
    });
    return { imageSetPropertiesList: page.items.map(toWire), nextToken: page.nextToken };
  },
};

const getImageSet: Operation<GetImageSetRequest> = {
  name: "GetImageSet",
  decode(request) {
    const input = decodeLabels(request);
    // The member is `versionId`; on the wire it is the query parameter `version`. A repeated
    // parameter is kept as a list, which then fails validation as "not a string".
    const versions = request.query.getAll("version");
    if (versions.length > 0) input.versionId = versions.length === 1 ? versions[0] : versions;
    return input;
  },
  handle(input, context): DatesAs<GetImageSetResponse, number> {
    const { datastoreId, imageSetId, versionId } = input;

    const imageSet = findImageSet(context, datastoreId, imageSetId);
    const versions = imageSet.versions;
    const version =
      versionId === undefined
        ? latestVersion(versions)
        : versions.find((each) => each.versionId === versionId);
    if (version === undefined) {
      throw new ServiceError(
        NOT_FOUND,
        versionId === undefined
          ? `Image set ${imageSetId} in datastore ${datastoreId} has no versions.`
          : `Version ${versionId} of image set ${imageSetId} does not exist in datastore ${datastoreId}.`,
      );
    }
    return {
      datastoreId,
      imageSetId,
      versionId: version.versionId,
      imageSetState: version.imageSetState,
      // Lower-case `i` here, unlike ImageSetProperties' `ImageSetWorkflowStatus`.
      imageSetWorkflowStatus: version.ImageSetWorkflowStatus,
      createdAt: epochSeconds(version.createdAt),
      updatedAt: epochSeconds(version.updatedAt),
      deletedAt: epochSeconds(version.deletedAt),
      message: version.message,
      imageSetArn: `${datastoreArn(context.region, context.state.accountId, datastoreId)}/imageset/${imageSetId}`,
      overrides: version.overrides,
      isPrimary: version.isPrimary,
      lastAccessedAt: epochSeconds(imageSet.lastAccessedAt),
      storageTier: imageSet.storageTier,
    };
  },
};

function datastoreArn(region: string, accountId: string, datastoreId: string): string {
  return `arn:${partitionOf(region)}:medical-imaging:${region}:${accountId}:datastore/${datastoreId}`;
}

/** A query parameter that must be an integer: a non-integer stays text and fails validation. */
function queryInteger(request: IncomingRequest, input: Input, member: string): void {
  const value = request.query.get(member);
  if (value !== null) input[member] = /^[+-]?\d+$/.test(value) ? Number(value) : value;
}

function queryString(request: IncomingRequest, input: Input, member: string): void {
  const value = request.query.get(member);
  if (value !== null) input[member] = value;
}

function toDatastoreSummary(
  datastore: Datastore,
  accountId: string,
): DatesAs<DatastoreSummary, number> {
  return {
    datastoreId: datastore.datastoreId,
    datastoreName: datastore.datastoreName,
    datastoreStatus: datastore.datastoreStatus,
    datastoreArn: datastoreArn(datastore.region, accountId, datastore.datastoreId),
    createdAt: epochSeconds(datastore.createdAt),
    updatedAt: epochSeconds(datastore.updatedAt),
  };
}

const listDatastores: Operation<ListDatastoresRequest> = {
  name: "ListDatastores",
  decode(request) {
    const input: Input = {};
    queryString(request, input, "datastoreStatus");
    queryString(request, input, "nextToken");
    queryInteger(request, input, "maxResults");
    return input;
  },
  handle(input, context): DatesAs<ListDatastoresResponse, number> {
    const { datastoreStatus: status, maxResults, nextToken } = input;

    const datastores = [...context.state.datastores.values()].filter(
      (datastore) =>
        datastore.region === context.region &&
        (status === undefined || datastore.datastoreStatus === status),
    );
    const page = pageOf(datastores, { maxResults, nextToken }, context, "ListDatastores", {
      region: context.region,
      status,
    });
    return {
      datastoreSummaries: page.items.map((store) =>
        toDatastoreSummary(store, context.state.accountId),
      ),
      nextToken: page.nextToken,
    };
  },
};

const searchImageSets: Operation<DatesAs<SearchImageSetsRequest, number>> = {
  name: "SearchImageSets",
  decode(request) {
    const [, datastoreId = ""] = SEARCH_PATH.exec(request.path) ?? [];
    const input: Input = { datastoreId: decodeLabel(datastoreId, "datastoreId") };
    queryInteger(request, input, "maxResults");
    queryString(request, input, "nextToken");
    // The search criteria are the whole body (the member's httpPayload trait).
    if (request.body.trim() !== "") {
      input.searchCriteria = decodeJsonObject(request.body, VALIDATION);
    }
    return input;
  },
  handle(input, context): DatesAs<SearchImageSetsResponse, number> {
    const { datastoreId, maxResults, nextToken } = input;
    const v = new Violations();
    // The model's constraints hold, so every filter has its required operator and values.
    const criteria = readCriteria(input.searchCriteria as SearchCriteriaOnTheWire, v);
    v.throwIfAny(VALIDATION);

    const datastore = findDatastore(context, datastoreId);
    const page = pageOf(
      search(datastore.imageSets.values(), criteria),
      { maxResults, nextToken },
      context,
      "SearchImageSets",
      {
        region: context.region,
        datastoreId,
        criteria: stringify(criteria),
      },
    );
    return {
      imageSetsMetadataSummaries: page.items,
      ...(criteria.sort === undefined ? {} : { sort: criteria.sort }),
      nextToken: page.nextToken,
    };
  },
};

const IMAGE_SET_OPERATIONS: ReadonlyMap<string, Operation> = new Map([
  ["listImageSetVersions", listImageSetVersions],
  ["getImageSet", getImageSet],
]);

/** The operation a path names and the method it must come with. */
function route(path: string): { operation: Operation; method: string } | undefined {
  if (path === DATASTORES_PATH) return { operation: listDatastores, method: "GET" };
  if (SEARCH_PATH.test(path)) return { operation: searchImageSets, method: "POST" };
  const operation = IMAGE_SET_OPERATIONS.get(IMAGE_SET_PATH.exec(path)?.[3] ?? "");
  return operation && { operation, method: "POST" };
}

export const medicalImagingService: ServiceModule = {
  service: "medical-imaging",
  model: medicalImagingModel,
  operations: [listDatastores, searchImageSets, listImageSetVersions, getImageSet],
  protocol: "restJson1",
  signingName: "medical-imaging",
  errors: COMMON_ERRORS,
  match(request) {
    const found = route(request.path);
    if (found === undefined) return undefined;
    if (request.method !== found.method) {
      return { unknownOperation: `${request.method} ${request.path}` };
    }
    return found.operation;
  },
};
