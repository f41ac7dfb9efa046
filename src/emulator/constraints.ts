// Identifier patterns the fixture checks, looked up by shape name in the generated AWS models
// (src/aws/generated), so fixture validation and request validation can never disagree about what
// a well-formed identifier is. Each is the model's pattern with the model's semantics: a search,
// anchored only where the pattern says so.

import { appstreamModel } from "../aws/generated/appstream.js";
import { imagebuilderModel } from "../aws/generated/imagebuilder.js";
import { medicalImagingModel } from "../aws/generated/medical-imaging.js";
import { inputMemberShape, type ServiceModel, shapePattern } from "../aws/model.js";

export const IMAGE_BUILD_VERSION_ARN = shapePattern(imagebuilderModel, "ImageBuildVersionArn");
export const IMAGE_PIPELINE_ARN = shapePattern(imagebuilderModel, "ImagePipelineArn");
export const WORKFLOW_EXECUTION_ID = shapePattern(imagebuilderModel, "WorkflowExecutionId");
export const WORKFLOW_BUILD_VERSION_ARN = shapePattern(
  imagebuilderModel,
  "WorkflowBuildVersionArn",
);
/** Any Image Builder resource ARN, e.g. an image recipe's. */
export const IMAGE_BUILDER_ARN = shapePattern(imagebuilderModel, "ImageBuilderArn");
/** An image pipeline's (or recipe's) display name. */
export const RESOURCE_NAME = shapePattern(imagebuilderModel, "ResourceName");
export const SEMANTIC_VERSION = shapePattern(imagebuilderModel, "VersionNumber");

export const DATASTORE_ID = shapePattern(medicalImagingModel, "DatastoreId");
export const IMAGE_SET_ID = shapePattern(medicalImagingModel, "ImageSetId");
export const IMAGE_SET_VERSION_ID = shapePattern(medicalImagingModel, "ImageSetExternalVersionId");

export const APPSTREAM_ARN = shapePattern(appstreamModel, "Arn");

/**
 * The page size a list uses when the request names none: the largest its model allows, as the
 * services do for the operations the emulator serves.
 */
export function defaultPageSize(model: ServiceModel, operation: string, member: string): number {
  const { max } = inputMemberShape(model, operation, member);
  if (max === undefined) throw new Error(`${model.service} ${operation}.${member} has no maximum`);
  return max;
}

/** A pattern as AWS documents it (`/` unescaped), for error messages. */
export const patternText = (pattern: RegExp): string => pattern.source.replaceAll("\\/", "/");

// STS and account identifiers of the fixture's several-accounts members (STS is not among the
// generated models: these follow the STS API reference).

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^[0-9]{12}$/;

/** An IAM role ARN (AssumeRole's RoleArn), e.g. `arn:aws:iam::111111111111:role/Reader`. */
export const IAM_ROLE_ARN =
  /^arn:aws(?:-cn|-us-gov|-iso|-iso-b)?:iam::[0-9]{12}:role\/(?:[\x21-\x7E]*\/)?[\w+=,.@-]{1,64}$/;

/** AssumeRole's ExternalId (2..1224 characters). */
export const EXTERNAL_ID = /^[\w+=,.@:/-]*$/;

/** AssumeRole's RoleSessionName (2..64 characters). */
export const ROLE_SESSION_NAME = /^[\w+=,.@-]*$/;
