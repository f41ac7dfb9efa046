// AWS HealthImaging (restJson1): ListImageSetVersions. The ids travel as URI labels, the page
// size and token in the query string; there is no body. Timestamps go out as epoch seconds.

import type {
  ImageSetProperties,
  ListImageSetVersionsResponse,
} from "@aws-sdk/client-medical-imaging";
import { ASCII_ONLY, HEALTH_IMAGING_ID, NEXT_TOKEN_LENGTH, PAGE_SIZE } from "./constraints.js";
import type { DatesAs } from "./fixture.js";
import {
  type CommonErrors,
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

const PATH = /^\/datastore\/([^/]*)\/imageSet\/([^/]*)\/listImageSetVersions$/;

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

const pageSizeRange = PAGE_SIZE.medicalImaging;
const tokenRules = NEXT_TOKEN_LENGTH.medicalImaging;

const listImageSetVersions: Operation = {
  name: "ListImageSetVersions",
  decode(request) {
    const [, datastoreId = "", imageSetId = ""] = PATH.exec(request.path) ?? [];
    const input: Input = {
      datastoreId: decodeLabel(datastoreId, "datastoreId"),
      imageSetId: decodeLabel(imageSetId, "imageSetId"),
    };
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
    const idRules = { required: true, minLength: 1, pattern: HEALTH_IMAGING_ID };
    const storeId = readString(input, "datastoreId", idRules, v);
    const setId = readString(input, "imageSetId", idRules, v);
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

export const medicalImagingService: ServiceModule = {
  service: "medical-imaging",
  protocol: "restJson1",
  signingName: "medical-imaging",
  errors: COMMON_ERRORS,
  match(request) {
    if (!PATH.test(request.path)) return undefined;
    if (request.method !== "POST") {
      return { unknownOperation: `${request.method} ${request.path}` };
    }
    return listImageSetVersions;
  },
};
