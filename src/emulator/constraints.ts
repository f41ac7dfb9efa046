// Patterns and limits from the AWS API reference pages (/work/shared/seeds) and the Smithy models
// summarised in /work/shared/specs/aws-wire.md. Shared by fixture validation and request
// validation so the two can never disagree about what a well-formed identifier is.
// No `u` flag unless needed: several AWS character classes (e.g. `[a-z0-9-_]`) are only valid
// regular expressions in non-unicode mode.

// The account part: 12 digits, or AWS itself (`aws`, `aws-marketplace`, …) for images and
// workflows AWS owns. The current model allows the `aws-…` forms for these two ARNs, not yet for
// pipelines.
export const IMAGE_BUILD_VERSION_ARN =
  /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):image\/[a-z0-9-_]+\/[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+$/;

export const IMAGE_PIPELINE_ARN =
  /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):image-pipeline\/[a-z0-9-_]+$/;

export const WORKFLOW_EXECUTION_ID =
  /^wf-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** WorkflowStepExecutionId (Smithy model, GetWorkflowStepExecution's `stepExecutionId`). */
export const STEP_EXECUTION_ID =
  /^step-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const WORKFLOW_BUILD_VERSION_ARN =
  /^arn:aws(?:-[a-z]+)*:imagebuilder:[a-z]{2,}(?:-[a-z]+)+-[0-9]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):workflow\/(build|test|distribution)\/[a-z0-9-_]+\/[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+$/;

/**
 * GetImage's `imageBuildVersionArn` (ImageVersionArnOrBuildVersionArn): a build version ARN, or a
 * version ARN whose nodes may be `x` wildcards (the latest matching build is served).
 */
export const IMAGE_VERSION_OR_BUILD_VERSION_ARN =
  /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):image\/[a-z0-9-_]+\/(?:(?:([0-9]+|x)\.([0-9]+|x)\.([0-9]+|x))|(?:[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+))$/;

/** Any Image Builder resource ARN (the model's ImageBuilderArn), e.g. an image recipe's. */
export const IMAGE_BUILDER_ARN =
  /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):(?:image-recipe|container-recipe|infrastructure-configuration|distribution-configuration|component|image|image-pipeline|lifecycle-policy|workflow\/(?:build|test|distribution))\/[a-z0-9-_]+(?:\/(?:(?:x|[0-9]+)\.(?:x|[0-9]+)\.(?:x|[0-9]+))(?:\/[0-9]+)?)?$/;

/** ResourceName: an image pipeline's (or recipe's) display name. */
export const RESOURCE_NAME = /^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$/;

/** Image Builder list filters (FilterList of Filter): 1..10 filters of 1..10 values each. */
export const FILTER_NAME = /^[a-zA-Z]{1,1024}$/;
export const FILTER_VALUE = /^[0-9a-zA-Z./_ :,{}"-]{1,1024}$/;

/** The `<imageName>` part of an image build version ARN. */
export const IMAGE_NAME = /^[a-z0-9-_]+$/;
export const SEMANTIC_VERSION = /^[0-9]+\.[0-9]+\.[0-9]+$/;

/**
 * Image Builder TagKey (the keys of StartImagePipelineExecution's `tags`), exactly as the model
 * has it: letters, digits, white space and `_ . : / = + - @`, not starting with `aws:` (the length,
 * 1..128, is checked separately). Values (TagValue) have no pattern, only 0..256 characters.
 */
export const TAG_KEY = /^(?!aws:)[a-zA-Z0-9\s_.:/=+\-@]*$/;

export const HEALTH_IMAGING_ID = /^[0-9a-z]{32}$/;
/** DatastoreName (1..256 characters). */
export const DATASTORE_NAME = /^[A-Za-z0-9._/#-]+$/;
/** DICOM UIDs in SearchByAttributeValue and DICOMTags (the current API reference's `[0-9.]+`). */
export const DICOM_UID = /^[0-9.]+$/;
export const IMAGE_SET_VERSION_ID = /^\d+$/;
// The model's `\p{ASCII}{0,8192}` (the length is checked separately).
export const ASCII_ONLY = /^\p{ASCII}*$/u;

export const APPSTREAM_ARN =
  /^arn:aws(?:-cn|-iso-b|-iso|-us-gov)?:[A-Za-z0-9][A-Za-z0-9_/.-]{0,62}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,1023}$/;
export const S3_BUCKET = /^[0-9a-z.-]*(?<!\.)$/;

/** Region names as they appear in ARNs and SigV4 credential scopes, e.g. `us-gov-west-1`. */
export const REGION = /^[a-z]{2,}(?:-[a-z]+)+-[0-9]+$/;

export const PAGE_SIZE = {
  imageBuilder: { min: 1, max: 25, default: 25 },
  medicalImaging: { min: 1, max: 50, default: 50 },
  // AppStream accepts 0 and treats it like an absent MaxResults.
  appStream: { min: 0, max: 25, default: 25 },
} as const;

export const NEXT_TOKEN_LENGTH = {
  imageBuilder: { min: 1, max: 65535 },
  medicalImaging: { min: 1, max: 8192 },
  appStream: { min: 1, max: Number.POSITIVE_INFINITY },
} as const;

/** A pattern as AWS documents it (`/` unescaped), for error messages. */
export const patternText = (pattern: RegExp): string => pattern.source.replaceAll("\\/", "/");
