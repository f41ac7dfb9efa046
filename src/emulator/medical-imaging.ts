// AWS HealthImaging (restJson1): ListImageSetVersions and GetImageSet. The ids travel as URI
// labels; ListImageSetVersions' page size and token and GetImageSet's version (`?version=`) in
// the query string; there is no body. Timestamps go out as epoch seconds.

import type {
  GetImageSetResponse,
  ImageSetProperties,
  ListImageSetVersionsResponse,
} from "@aws-sdk/client-medical-imaging";
import {
  ASCII_ONLY,
  HEALTH_IMAGING_ID,
  IMAGE_SET_VERSION_ID,
  NEXT_TOKEN_LENGTH,
  PAGE_SIZE,
} from "./constraints.js";
import type { DatesAs } from "./fixture.js";
import {
  type CallContext,
  type CommonErrors,
  type IncomingRequest,
  type Input,
  type Operation,
  ServiceError,
  type ServiceModule,
} from "./protocol.js";
import type { ImageSetVersion } from "./state.js";
import { canonicalParameters, paginate } from "./tokens.js";
import { present, readInteger, readString, Violations } from "./validation.js";

const VALIDATION = { name: "ValidationException", status: 400 };
const NOT_FOUND = { name: "ResourceNotFoundException", status: 404 };

const COMMON_ERRORS: CommonErrors = {
  accessDenied: { name: "AccessDeniedException", status: 403 },
  throttling: { name: "ThrottlingException", status: 429 },
  // HealthImaging documents only a 500 server fault, so both fault kinds use it.
  serverFaults: [
    { name: "InternalServerException", status: 500 },
    { name: "InternalServerException", status: 500 },
  ],
  internal: { name: "InternalServerException", status: 500 },
  unknownOperation: { name: "UnknownOperationException", status: 404 },
};

const PATH = /^\/datastore\/([^/]*)\/imageSet\/([^/]*)\/([A-Za-z]+)$/;

/**
 * The fixture names no account for a datastore, so image set ARNs use the account every demo
 * and test resource uses.
 */
const ACCOUNT = "123456789012";

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

/** The ARN partition of a region (the model's Arn pattern allows exactly these). */
function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  if (region.startsWith("us-iso-")) return "aws-iso";
  return "aws";
}

/** The labels both operations share, percent-decoded. */
function decodeLabels(request: IncomingRequest): Input {
  const [, datastoreId = "", imageSetId = ""] = PATH.exec(request.path) ?? [];
  return {
    datastoreId: decodeLabel(datastoreId, "datastoreId"),
    imageSetId: decodeLabel(imageSetId, "imageSetId"),
  };
}

const ID_RULES = { required: true, minLength: 1, pattern: HEALTH_IMAGING_ID };

/** The versions of an image set in the caller's region, or ResourceNotFoundException. */
function findImageSet(
  context: CallContext,
  datastoreId: string,
  imageSetId: string,
): ImageSetVersion[] {
  const datastore = context.state.datastores.get(datastoreId);
  if (datastore === undefined || datastore.region !== context.region) {
    throw new ServiceError(
      NOT_FOUND,
      `Datastore ${datastoreId} does not exist in ${context.region}.`,
    );
  }
  const versions = datastore.imageSets.get(imageSetId);
  if (versions === undefined) {
    throw new ServiceError(
      NOT_FOUND,
      `Image set ${imageSetId} does not exist in datastore ${datastoreId}.`,
    );
  }
  return versions;
}

const pageSizeRange = PAGE_SIZE.medicalImaging;
const tokenRules = NEXT_TOKEN_LENGTH.medicalImaging;

const listImageSetVersions: Operation = {
  name: "ListImageSetVersions",
  decode(request) {
    const input = decodeLabels(request);
    const maxResults = request.query.get("maxResults");
    if (maxResults !== null) {
      // Query members arrive as text; a non-integer stays text and fails validation.
      input.maxResults = /^[+-]?\d+$/.test(maxResults) ? Number(maxResults) : maxResults;
    }
    const nextToken = request.query.get("nextToken");
    if (nextToken !== null) input.nextToken = nextToken;
    return input;
  },
  handle(input, context): DatesAs<ListImageSetVersionsResponse, number> {
    const v = new Violations();
    const storeId = readString(input, "datastoreId", ID_RULES, v);
    const setId = readString(input, "imageSetId", ID_RULES, v);
    const maxResults = readInteger(input, "maxResults", pageSizeRange, v);
    const nextToken = readString(
      input,
      "nextToken",
      { minLength: tokenRules.min, maxLength: tokenRules.max, pattern: ASCII_ONLY },
      v,
    );
    v.throwIfAny(VALIDATION);
    const datastoreId = present(storeId, "datastoreId");
    const imageSetId = present(setId, "imageSetId");

    const versions = findImageSet(context, datastoreId, imageSetId);
    const page = paginate({
      items: versions,
      pageSize: maxResults ?? pageSizeRange.default,
      nextToken,
      scope: {
        operation: "ListImageSetVersions",
        parameters: canonicalParameters({ region: context.region, datastoreId, imageSetId }),
      },
      tokens: context.tokens,
      emptyTrailingPage: context.emptyTrailingPage,
      invalidToken: VALIDATION,
      tokenMember: "nextToken",
    });
    return { imageSetPropertiesList: page.items.map(toWire), nextToken: page.nextToken };
  },
};

/** The highest version id (the model's `^\d+$`, so compared as integers); later wins a tie. */
function latestVersion(versions: readonly ImageSetVersion[]): ImageSetVersion | undefined {
  let latest: ImageSetVersion | undefined;
  for (const version of versions) {
    if (latest === undefined || BigInt(version.versionId) >= BigInt(latest.versionId)) {
      latest = version;
    }
  }
  return latest;
}

const getImageSet: Operation = {
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
    const v = new Violations();
    const storeId = readString(input, "datastoreId", ID_RULES, v);
    const setId = readString(input, "imageSetId", ID_RULES, v);
    const versionId = readString(input, "versionId", { pattern: IMAGE_SET_VERSION_ID }, v);
    v.throwIfAny(VALIDATION);
    const datastoreId = present(storeId, "datastoreId");
    const imageSetId = present(setId, "imageSetId");

    const versions = findImageSet(context, datastoreId, imageSetId);
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
    // lastAccessedAt and storageTier are left out: the fixture has no data for them.
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
      imageSetArn: `arn:${partitionOf(context.region)}:medical-imaging:${context.region}:${ACCOUNT}:datastore/${datastoreId}/imageset/${imageSetId}`,
      overrides: version.overrides,
      isPrimary: version.isPrimary,
    };
  },
};

const OPERATIONS: ReadonlyMap<string, Operation> = new Map([
  ["listImageSetVersions", listImageSetVersions],
  ["getImageSet", getImageSet],
]);

export const medicalImagingService: ServiceModule = {
  service: "medical-imaging",
  protocol: "restJson1",
  signingName: "medical-imaging",
  errors: COMMON_ERRORS,
  match(request) {
    const operation = OPERATIONS.get(PATH.exec(request.path)?.[3] ?? "");
    if (operation === undefined) return undefined;
    if (request.method !== "POST") {
      return { unknownOperation: `${request.method} ${request.path}` };
    }
    return operation;
  },
};
