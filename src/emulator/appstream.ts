// AppStream 2.0 (awsJson1_1): DescribeImages. Every call is `POST /`; the operation is named
// only by `x-amz-target`. Timestamps go out as epoch seconds.

import type { DescribeImagesRequest, DescribeImagesResult, Image } from "@aws-sdk/client-appstream";
import { appstreamModel } from "../aws/generated/appstream.js";
import { defaultPageSize } from "./constraints.js";
import type { DatesAs, FixtureAppStreamImage } from "./fixture.js";
import {
  type CommonErrors,
  decodeJsonObject,
  modelError,
  type Operation,
  ServiceError,
  type ServiceModule,
} from "./protocol.js";
import { canonicalParameters, paginate } from "./tokens.js";

const TARGET_PREFIX = `${appstreamModel.targetPrefix}.`;

// The errors every awsJson service shares are not in the model; they are HTTP 400.
const VALIDATION = { name: "ValidationException", status: 400 };
// Real awsJson services answer unparseable JSON with SerializationException.
const SERIALIZATION = { name: "SerializationException", status: 400 };
const PARAMETER_COMBINATION = modelError(appstreamModel, "InvalidParameterCombinationException");
// The model gives it no status: awsJson1_1 answers 400. The SDK picks the error class by name.
const NOT_FOUND = modelError(appstreamModel, "ResourceNotFoundException");

const COMMON_ERRORS: CommonErrors = {
  accessDenied: { name: "AccessDeniedException", status: 403 },
  throttling: { name: "ThrottlingException", status: 429 },
  serverFaults: [
    { name: "InternalFailure", status: 500 },
    { name: "ServiceUnavailable", status: 503 },
  ],
  internal: { name: "InternalFailure", status: 500 },
  unknownOperation: { name: "UnknownOperationException", status: 400 },
  invalidInput: VALIDATION,
};

type WireImage = DatesAs<Image, number>;

const epochSeconds = (iso: string | undefined) =>
  iso === undefined ? undefined : Date.parse(iso) / 1000;

function toWire(image: FixtureAppStreamImage): WireImage {
  const { region: _fixtureOnly, ...shape } = image;
  return {
    ...shape,
    CreatedTime: epochSeconds(shape.CreatedTime),
    PublicBaseImageReleasedDate: epochSeconds(shape.PublicBaseImageReleasedDate),
    Applications: shape.Applications?.map((app) => ({
      ...app,
      CreatedTime: epochSeconds(app.CreatedTime),
    })),
    ImageErrors: shape.ImageErrors?.map((error) => ({
      ...error,
      ErrorTimestamp: epochSeconds(error.ErrorTimestamp),
    })),
  };
}

/** The images named by `wanted` (via `key`), in fixture order; ResourceNotFound listing any missing. */
function selectExisting(
  images: readonly FixtureAppStreamImage[],
  wanted: readonly string[],
  key: (image: FixtureAppStreamImage) => string | undefined,
  what: string,
  region: string,
): FixtureAppStreamImage[] {
  const available = new Set(images.map(key));
  const missing = [...new Set(wanted)].filter((item) => !available.has(item));
  if (missing.length > 0) {
    throw new ServiceError(
      NOT_FOUND,
      `The following ${what} were not found in ${region}: ${missing.join(", ")}`,
    );
  }
  const wantedSet = new Set(wanted);
  return images.filter((image) => {
    const value = key(image);
    return value !== undefined && wantedSet.has(value);
  });
}

const sortedUnique = (items: readonly string[] | undefined) =>
  items && items.length > 0 ? [...new Set(items)].sort() : undefined;

const pageSize = defaultPageSize(appstreamModel, "DescribeImages", "MaxResults");

const describeImages: Operation<DescribeImagesRequest> = {
  name: "DescribeImages",
  decode: (request) => decodeJsonObject(request.body, SERIALIZATION),
  handle(input, context): DatesAs<DescribeImagesResult, number> {
    const {
      Names: names,
      Arns: arns,
      Type: type,
      NextToken: nextToken,
      MaxResults: maxResults,
    } = input;
    if (names && names.length > 0 && arns && arns.length > 0) {
      throw new ServiceError(
        PARAMETER_COMBINATION,
        "Names and Arns cannot be specified together; describe images either by name or by ARN.",
      );
    }

    let images = context.state.appStreamImages.filter((image) => image.region === context.region);
    if (names && names.length > 0) {
      images = selectExisting(images, names, (image) => image.Name, "image names", context.region);
    }
    if (arns && arns.length > 0) {
      images = selectExisting(images, arns, (image) => image.Arn, "image ARNs", context.region);
    }
    if (type !== undefined) images = images.filter((image) => image.Visibility === type);

    const page = paginate({
      items: images,
      // MaxResults 0 means "the default", like an absent MaxResults.
      pageSize: maxResults || pageSize,
      nextToken,
      scope: {
        operation: "DescribeImages",
        parameters: canonicalParameters({
          region: context.region,
          Names: sortedUnique(names),
          Arns: sortedUnique(arns),
          Type: type,
        }),
      },
      tokens: context.tokens,
      emptyTrailingPage: context.emptyTrailingPage,
      invalidToken: VALIDATION,
      tokenMember: "NextToken",
    });
    return { Images: page.items.map(toWire), NextToken: page.nextToken };
  },
};

const OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  [describeImages].map((operation: Operation) => [operation.name, operation]),
);

export const appStreamService: ServiceModule = {
  service: "appstream",
  model: appstreamModel,
  operations: [...OPERATIONS.values()],
  protocol: "awsJson1_1",
  signingName: "appstream",
  errors: COMMON_ERRORS,
  match(request) {
    const target = request.headers["x-amz-target"];
    if (typeof target !== "string" || !target.startsWith(TARGET_PREFIX)) return undefined;
    const name = target.slice(TARGET_PREFIX.length);
    const operation = OPERATIONS.get(name);
    if (operation === undefined || request.method !== "POST" || request.path !== "/") {
      return { unknownOperation: name };
    }
    return operation;
  },
};
