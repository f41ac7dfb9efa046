// The emulator's fixture format (public contract: /work/shared/specs/emulator-fixture.md).
// Objects mirror the AWS response shapes; every timestamp is an ISO 8601 string. The schema is
// checked against the SDK's own types (`satisfies`), so a drift from the AWS shapes fails to
// compile instead of silently serving wrong members.

import { readFile } from "node:fs/promises";
import {
  type Image as AppStreamImage,
  DynamicAppProvidersEnabled,
  FleetErrorCode,
  ImageSharedWithOthers,
  ImageState,
  ImageStateChangeReasonCode,
  ImageType,
  LatestAppstreamAgentVersion,
  PlatformType,
  VisibilityType,
} from "@aws-sdk/client-appstream";
import {
  type ImagePackage,
  WorkflowExecutionStatus,
  WorkflowStepExecutionRollbackStatus,
  WorkflowStepExecutionStatus,
  type WorkflowStepMetadata,
  WorkflowType,
} from "@aws-sdk/client-imagebuilder";
import {
  DatastoreStatus,
  type DatastoreSummary,
  type DICOMTags,
  type ImageSetProperties,
  ImageSetState,
  type ImageSetsMetadataSummary,
  ImageSetWorkflowStatus,
  StorageTier,
} from "@aws-sdk/client-medical-imaging";
import { z } from "zod";
import { appstreamModel } from "../aws/generated/appstream.js";
import { imagebuilderModel } from "../aws/generated/imagebuilder.js";
import { medicalImagingModel } from "../aws/generated/medical-imaging.js";
import { codePointLength, memberShape, modelPattern, type ServiceModel } from "../aws/model.js";
import {
  ACCOUNT_ID,
  APPSTREAM_ARN,
  DATASTORE_ID,
  EXTERNAL_ID,
  EXTERNAL_ID_SHAPE,
  IAM_ROLE_ARN,
  IMAGE_BUILD_VERSION_ARN,
  IMAGE_PIPELINE_ARN,
  IMAGE_SET_ID,
  IMAGE_SET_VERSION_ID,
  patternText,
  RESOURCE_NAME,
  SEMANTIC_VERSION,
  WORKFLOW_BUILD_VERSION_ARN,
  WORKFLOW_EXECUTION_ID,
} from "./constraints.js";
import { fixtureImageMembers, fixturePipelineMembers } from "./image-builder-shapes.js";

/** An SDK shape with every `Date` replaced by `D` (ISO string in fixtures, epoch number on the wire). */
export type DatesAs<T, D> = T extends Date
  ? D
  : T extends readonly (infer U)[]
    ? DatesAs<U, D>[]
    : T extends object
      ? { [K in keyof T]: DatesAs<T[K], D> }
      : T;

const matching = (pattern: RegExp) =>
  z.string().regex(pattern, {
    error: (issue) => `${JSON.stringify(issue.input)} does not match ${patternText(pattern)}`,
  });

/**
 * A text member of an AWS shape, constrained as the model constrains it: its length in code points
 * and its pattern (a search, as Smithy patterns are).
 */
function modelText(model: ServiceModel, structure: string, member: string) {
  const {
    min = 0,
    max = Number.POSITIVE_INFINITY,
    pattern,
  } = memberShape(model, structure, member);
  const text = z
    .string()
    .refine((value) => codePointLength(value) >= min, {
      error: `must be at least ${min} characters long`,
    })
    .refine((value) => codePointLength(value) <= max, {
      error: `must be at most ${max} characters long`,
    });
  return pattern === undefined ? text : text.and(matching(modelPattern(pattern)));
}

const lengthBetween = (min: number, max: number) =>
  z
    .string()
    .min(min, { error: `must be at least ${min} characters long` })
    .max(max, { error: `must be at most ${max} characters long` });

const timestamp = z.iso.datetime({
  offset: true,
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not an ISO 8601 timestamp such as 2026-03-01T12:00:00Z`,
});

/**
 * Where an item lives: a region name as ARNs and SigV4 credential scopes write it, e.g.
 * `us-gov-west-1` (the fixture's own member, not an AWS one).
 */
const region = matching(/^[a-z]{2,}(?:-[a-z]+)+-[0-9]+$/);

/** The account an item belongs to when its ARN names none (fixture-only; default: home). */
const accountId = matching(ACCOUNT_ID);

// --- Image Builder ---------------------------------------------------------------------------

const imagePackage = z.strictObject({
  packageName: modelText(imagebuilderModel, "ImagePackage", "packageName"),
  packageVersion: modelText(imagebuilderModel, "ImagePackage", "packageVersion"),
}) satisfies z.ZodType<ImagePackage>;

// Descriptive members are optional: what is left out is derived or given a generated value
// (see fixtures/README.md), so fixtures written before they existed still load.
const imageBuilderImage = z.strictObject({
  arn: matching(IMAGE_BUILD_VERSION_ARN),
  packages: z.array(imagePackage).optional(),
  ...fixtureImageMembers,
});

const imagePipeline = z.strictObject({
  arn: matching(IMAGE_PIPELINE_ARN),
  // Checked with the ARN of the builds a run creates (see consistencyIssues).
  imageName: z.string().min(1, { error: "must not be empty" }),
  semanticVersion: matching(SEMANTIC_VERSION),
  packages: z.array(imagePackage).optional(),
  name: matching(RESOURCE_NAME).optional(),
  ...fixturePipelineMembers,
  /** Fixture-only: how the builds StartImagePipelineExecution starts end (default AVAILABLE). */
  buildOutcome: z.enum(["AVAILABLE", "FAILED"]).optional(),
});

const workflowStep = z.strictObject({
  // The seed pages give no pattern for step ids (the fixture contract's own example is
  // "step-0001"), so only presence and uniqueness are enforced.
  stepExecutionId: lengthBetween(1, 1024),
  name: z.string().optional(),
  description: modelText(imagebuilderModel, "WorkflowStepMetadata", "description").optional(),
  action: z.string().optional(),
  status: z.enum(WorkflowStepExecutionStatus).optional(),
  rollbackStatus: z.enum(WorkflowStepExecutionRollbackStatus).optional(),
  message: modelText(imagebuilderModel, "WorkflowStepMetadata", "message").optional(),
  inputs: z.string().optional(),
  outputs: z.string().optional(),
  startTime: timestamp.optional(),
  endTime: timestamp.optional(),
}) satisfies z.ZodType<WorkflowStepMetadata>;

const workflowExecution = z.strictObject({
  workflowExecutionId: matching(WORKFLOW_EXECUTION_ID),
  region,
  accountId: accountId.optional(),
  imageBuildVersionArn: matching(IMAGE_BUILD_VERSION_ARN).optional(),
  workflowBuildVersionArn: matching(WORKFLOW_BUILD_VERSION_ARN).max(1024).optional(),
  message: modelText(imagebuilderModel, "WorkflowExecutionMetadata", "message").optional(),
  steps: z.array(workflowStep).optional(),
  type: z.enum(WorkflowType).optional(),
  status: z.enum(WorkflowExecutionStatus).optional(),
  startTime: timestamp.optional(),
  endTime: timestamp.optional(),
});

const imageBuilderSection = z.strictObject({
  images: z.array(imageBuilderImage).optional(),
  pipelines: z.array(imagePipeline).optional(),
  workflowExecutions: z.array(workflowExecution).optional(),
});

// --- HealthImaging ---------------------------------------------------------------------------

const imageSetVersion = z.strictObject({
  // Optional here: taken from the parent image set when left out.
  imageSetId: matching(IMAGE_SET_ID).optional(),
  // Whole numbers only, beyond the model's pattern: the emulator orders versions numerically.
  versionId: matching(IMAGE_SET_VERSION_ID).regex(/^\d+$/, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} does not match ^\\d+$ (versions are ordered as numbers)`,
  }),
  imageSetState: z.enum(ImageSetState),
  ImageSetWorkflowStatus: z.enum(ImageSetWorkflowStatus).optional(),
  createdAt: timestamp.optional(),
  updatedAt: timestamp.optional(),
  deletedAt: timestamp.optional(),
  message: modelText(medicalImagingModel, "ImageSetProperties", "message").optional(),
  overrides: z.strictObject({ forced: z.boolean().optional() }).optional(),
  isPrimary: z.boolean().optional(),
}) satisfies z.ZodType<
  Omit<DatesAs<ImageSetProperties, string>, "imageSetId"> & { imageSetId?: string }
>;

/** A DICOMTags text member, constrained as the HealthImaging model constrains it. */
const dicomText = (member: keyof DICOMTags) =>
  modelText(medicalImagingModel, "DICOMTags", member).optional();

/** A DICOMTags number member, in the HealthImaging model's range. */
function dicomNumber(member: keyof DICOMTags) {
  const { min, max } = memberShape(medicalImagingModel, "DICOMTags", member);
  return z
    .number()
    .int()
    .min(min ?? Number.MIN_SAFE_INTEGER)
    .max(max ?? Number.MAX_SAFE_INTEGER)
    .optional();
}

/** DICOMTags as SearchImageSets returns them. */
const dicomTags = z.strictObject({
  DICOMPatientId: dicomText("DICOMPatientId"),
  DICOMPatientName: dicomText("DICOMPatientName"),
  DICOMPatientBirthDate: dicomText("DICOMPatientBirthDate"),
  DICOMPatientSex: dicomText("DICOMPatientSex"),
  DICOMStudyInstanceUID: dicomText("DICOMStudyInstanceUID"),
  DICOMStudyId: dicomText("DICOMStudyId"),
  DICOMStudyDescription: dicomText("DICOMStudyDescription"),
  DICOMNumberOfStudyRelatedSeries: dicomNumber("DICOMNumberOfStudyRelatedSeries"),
  DICOMNumberOfStudyRelatedInstances: dicomNumber("DICOMNumberOfStudyRelatedInstances"),
  DICOMAccessionNumber: dicomText("DICOMAccessionNumber"),
  DICOMSeriesInstanceUID: dicomText("DICOMSeriesInstanceUID"),
  DICOMSeriesModality: dicomText("DICOMSeriesModality"),
  DICOMSeriesBodyPart: dicomText("DICOMSeriesBodyPart"),
  DICOMSeriesNumber: dicomNumber("DICOMSeriesNumber"),
  DICOMStudyDate: dicomText("DICOMStudyDate"),
  DICOMStudyTime: dicomText("DICOMStudyTime"),
}) satisfies z.ZodType<DICOMTags>;

const imageSet = z.strictObject({
  imageSetId: matching(IMAGE_SET_ID),
  versions: z.array(imageSetVersion).optional(),
  // Optional, SearchImageSets members of the image set; generated when left out.
  DICOMTags: dicomTags.optional(),
  storageTier: z.enum(StorageTier).optional(),
  lastAccessedAt: timestamp.optional(),
}) satisfies z.ZodType<
  Pick<DatesAs<ImageSetsMetadataSummary, string>, "DICOMTags" | "storageTier" | "lastAccessedAt">
>;

const datastore = z.strictObject({
  datastoreId: matching(DATASTORE_ID),
  region,
  accountId: accountId.optional(),
  imageSets: z.array(imageSet).optional(),
  // Optional DatastoreSummary members; generated when left out (the ARN always is).
  datastoreName: modelText(medicalImagingModel, "DatastoreSummary", "datastoreName").optional(),
  datastoreStatus: z.enum(DatastoreStatus).optional(),
  createdAt: timestamp.optional(),
  updatedAt: timestamp.optional(),
}) satisfies z.ZodType<
  Partial<Omit<DatesAs<DatastoreSummary, string>, "datastoreArn">> & {
    region: string;
    accountId?: string;
  }
>;

const medicalImagingSection = z.strictObject({
  datastores: z.array(datastore).optional(),
});

// --- AppStream -------------------------------------------------------------------------------

const appStreamArn = matching(APPSTREAM_ARN);

const application = z.strictObject({
  Name: z.string().optional(),
  DisplayName: z.string().optional(),
  IconURL: z.string().optional(),
  LaunchPath: z.string().optional(),
  LaunchParameters: z.string().optional(),
  Enabled: z.boolean().optional(),
  Metadata: z.record(z.string(), z.string()).optional(),
  WorkingDirectory: z.string().optional(),
  Description: z.string().optional(),
  Arn: appStreamArn.optional(),
  AppBlockArn: appStreamArn.optional(),
  IconS3Location: z
    .strictObject({
      S3Bucket: modelText(appstreamModel, "S3Location", "S3Bucket"),
      S3Key: modelText(appstreamModel, "S3Location", "S3Key").optional(),
    })
    .optional(),
  Platforms: z
    .array(z.enum(PlatformType))
    .max(memberShape(appstreamModel, "Application", "Platforms").max ?? Number.POSITIVE_INFINITY)
    .optional(),
  InstanceFamilies: z.array(z.string()).optional(),
  CreatedTime: timestamp.optional(),
});

const appStreamImage = z.strictObject({
  /** Fixture-only: the region the image lives in. Not sent on the wire. */
  region,
  /** Fixture-only: the owning account when `Arn` names none. */
  accountId: accountId.optional(),
  Name: z.string().min(1, { error: "must not be empty" }),
  Arn: appStreamArn.optional(),
  BaseImageArn: appStreamArn.optional(),
  DisplayName: z.string().optional(),
  State: z.enum(ImageState).optional(),
  Visibility: z.enum(VisibilityType).optional(),
  ImageBuilderSupported: z.boolean().optional(),
  ImageBuilderName: z.string().optional(),
  Platform: z.enum(PlatformType).optional(),
  Description: z.string().optional(),
  StateChangeReason: z
    .strictObject({
      Code: z.enum(ImageStateChangeReasonCode).optional(),
      Message: z.string().optional(),
    })
    .optional(),
  Applications: z.array(application).optional(),
  CreatedTime: timestamp.optional(),
  PublicBaseImageReleasedDate: timestamp.optional(),
  AppstreamAgentVersion: modelText(appstreamModel, "Image", "AppstreamAgentVersion").optional(),
  ImagePermissions: z
    .strictObject({
      allowFleet: z.boolean().optional(),
      allowImageBuilder: z.boolean().optional(),
    })
    .optional(),
  ImageErrors: z
    .array(
      z.strictObject({
        ErrorCode: z.enum(FleetErrorCode).optional(),
        ErrorMessage: z.string().optional(),
        ErrorTimestamp: timestamp.optional(),
      }),
    )
    .optional(),
  LatestAppstreamAgentVersion: z.enum(LatestAppstreamAgentVersion).optional(),
  SupportedInstanceFamilies: z.array(z.string()).optional(),
  DynamicAppProvidersEnabled: z.enum(DynamicAppProvidersEnabled).optional(),
  ImageSharedWithOthers: z.enum(ImageSharedWithOthers).optional(),
  ManagedSoftwareIncluded: z.boolean().optional(),
  ImageType: z.enum(ImageType).optional(),
}) satisfies z.ZodType<DatesAs<AppStreamImage, string> & { region: string; accountId?: string }>;

const appStreamSection = z.strictObject({
  images: z.array(appStreamImage).optional(),
});

// --- Accounts --------------------------------------------------------------------------------

/** The services whose calls a `denied` entry refuses, by their SigV4 signing name. */
export const DENIABLE_SERVICES = ["imagebuilder", "medical-imaging", "appstream"] as const;

const deniedPair = z.strictObject({ service: z.enum(DENIABLE_SERVICES), region });

const role = z.strictObject({
  arn: matching(IAM_ROLE_ARN),
  externalId: lengthBetween(EXTERNAL_ID_SHAPE.min ?? 0, EXTERNAL_ID_SHAPE.max ?? Infinity)
    .regex(EXTERNAL_ID, {
      error: (issue) => `${JSON.stringify(issue.input)} does not match ${patternText(EXTERNAL_ID)}`,
    })
    .optional(),
});

const account = z.strictObject({
  accountId,
  roles: z.array(role).optional(),
  denied: z.array(deniedPair).optional(),
});

/** The account calls signed with the emulator's own (base) credentials act as, by default. */
export const DEFAULT_HOME_ACCOUNT_ID = "123456789012";

export const fixtureSchema = z.strictObject({
  imageBuilder: imageBuilderSection.optional(),
  medicalImaging: medicalImagingSection.optional(),
  appStream: appStreamSection.optional(),
  homeAccountId: accountId.optional(),
  accounts: z.array(account).optional(),
  homeDenied: z.array(deniedPair).optional(),
});

export type Fixture = z.infer<typeof fixtureSchema>;
export type FixtureImageBuilderImage = z.infer<typeof imageBuilderImage>;
export type FixturePipeline = z.infer<typeof imagePipeline>;
export type FixtureWorkflowExecution = z.infer<typeof workflowExecution>;
export type FixtureWorkflowStep = z.infer<typeof workflowStep>;
export type FixtureDatastore = z.infer<typeof datastore>;
export type FixtureImageSetVersion = z.infer<typeof imageSetVersion>;
export type FixtureImageSet = z.infer<typeof imageSet>;
export type FixtureAppStreamImage = z.infer<typeof appStreamImage>;
export type FixtureAccount = z.infer<typeof account>;
export type FixtureDeniedPair = z.infer<typeof deniedPair>;

/** Whether an ARN's account field is an account id (not empty, not `aws` for AWS-owned items). */
const accountOfArn = (arn: string | undefined): string | undefined => {
  const candidate = arn?.split(":")[4];
  return candidate !== undefined && ACCOUNT_ID.test(candidate) ? candidate : undefined;
};

/**
 * The account an item belongs to: the one in its ARN, else its `accountId` member, else home.
 * PUBLIC AppStream images are visible from every account, whichever owns them.
 */
export function ownerOf(
  item: { arn?: string; Arn?: string; accountId?: string },
  homeAccountId: string,
): string {
  return accountOfArn(item.arn ?? item.Arn) ?? item.accountId ?? homeAccountId;
}

export const homeAccountOf = (fixture: Fixture): string =>
  fixture.homeAccountId ?? DEFAULT_HOME_ACCOUNT_ID;

export interface FixtureIssue {
  /** JSON path of the offending member, e.g. `imageBuilder.images[3].arn` (`$` for the root). */
  path: string;
  message: string;
}

export class FixtureError extends Error {
  readonly issues: readonly FixtureIssue[];

  constructor(issues: readonly FixtureIssue[], source?: string) {
    const where = source ? `Invalid fixture ${source}` : "Invalid fixture";
    const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}`);
    super(`${where}:\n${lines.join("\n")}`);
    this.name = "FixtureError";
    this.issues = issues;
  }
}

export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_$][\w$]*$/.test(segment)) {
      out += out === "" ? segment : `.${segment}`;
    } else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out === "" ? "$" : out;
}

function issuesFromZod(error: z.ZodError): FixtureIssue[] {
  const issues: FixtureIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      // One line per key, so the path names the unknown member itself.
      for (const key of issue.keys) {
        issues.push({ path: formatJsonPath([...issue.path, key]), message: "unknown member" });
      }
    } else {
      issues.push({ path: formatJsonPath(issue.path), message: issue.message });
    }
  }
  return issues;
}

/** Uniqueness and cross-member checks that a per-member schema cannot express. */
function consistencyIssues(fixture: Fixture): FixtureIssue[] {
  const issues: FixtureIssue[] = [];
  const unique = (seen: Map<string, string>, key: string, path: string, what: string) => {
    const first = seen.get(key);
    if (first === undefined) seen.set(key, path);
    else issues.push({ path, message: `duplicate ${what} (first defined at ${first})` });
  };
  const home = homeAccountOf(fixture);
  /** Identifiers are unique per account and region: the key every duplicate check uses. */
  const where = (item: { arn?: string; Arn?: string; accountId?: string }, region: string) =>
    `${ownerOf(item, home)} ${region}`;
  const accountMatchesArn = (
    item: { arn?: string; Arn?: string; accountId?: string },
    path: string,
  ) => {
    const fromArn = accountOfArn(item.arn ?? item.Arn);
    if (fromArn !== undefined && item.accountId !== undefined && item.accountId !== fromArn) {
      issues.push({
        path: `${path}.accountId`,
        message: `"${item.accountId}" differs from the account in the ARN ("${fromArn}")`,
      });
    }
  };

  const ib = fixture.imageBuilder;
  const imageArns = new Map<string, string>();
  ib?.images?.forEach((image, i) => {
    unique(imageArns, image.arn, `imageBuilder.images[${i}].arn`, `image ARN ${image.arn}`);
  });
  const pipelineArns = new Map<string, string>();
  ib?.pipelines?.forEach((pipeline, i) => {
    const path = `imageBuilder.pipelines[${i}].arn`;
    unique(pipelineArns, pipeline.arn, path, `pipeline ARN ${pipeline.arn}`);
    const buildArn = pipeline.arn.replace(
      /:image-pipeline\/.*$/,
      `:image/${pipeline.imageName}/${pipeline.semanticVersion}/1`,
    );
    if (!IMAGE_BUILD_VERSION_ARN.test(buildArn)) {
      issues.push({
        path: `imageBuilder.pipelines[${i}].imageName`,
        message: `"${pipeline.imageName}" does not fit the ARN of the pipeline's builds (${buildArn} does not match ${patternText(IMAGE_BUILD_VERSION_ARN)})`,
      });
    }
  });
  const executionIds = new Map<string, string>();
  ib?.workflowExecutions?.forEach((execution, i) => {
    const base = `imageBuilder.workflowExecutions[${i}]`;
    const id = execution.workflowExecutionId;
    const owner = { arn: execution.imageBuildVersionArn, accountId: execution.accountId };
    accountMatchesArn(owner, base);
    unique(
      executionIds,
      `${where(owner, execution.region)} ${id}`,
      `${base}.workflowExecutionId`,
      `workflow execution id ${id} in account ${ownerOf(owner, home)} and ${execution.region}`,
    );
    const arnRegion = execution.imageBuildVersionArn?.split(":")[3];
    if (arnRegion !== undefined && arnRegion !== execution.region) {
      issues.push({
        path: `${base}.region`,
        message: `"${execution.region}" differs from the region of imageBuildVersionArn ("${arnRegion}")`,
      });
    }
    const stepIds = new Map<string, string>();
    execution.steps?.forEach((step, j) => {
      const path = `${base}.steps[${j}].stepExecutionId`;
      unique(stepIds, step.stepExecutionId, path, `step execution id ${step.stepExecutionId}`);
    });
  });

  const datastoreIds = new Map<string, string>();
  fixture.medicalImaging?.datastores?.forEach((store, i) => {
    const base = `medicalImaging.datastores[${i}]`;
    unique(
      datastoreIds,
      `${where(store, store.region)} ${store.datastoreId}`,
      `${base}.datastoreId`,
      `datastore id ${store.datastoreId} in account ${ownerOf(store, home)} and ${store.region}`,
    );
    const imageSetIds = new Map<string, string>();
    store.imageSets?.forEach((set, j) => {
      const setBase = `${base}.imageSets[${j}]`;
      unique(
        imageSetIds,
        set.imageSetId,
        `${setBase}.imageSetId`,
        `image set id ${set.imageSetId}`,
      );
      const versionIds = new Map<string, string>();
      set.versions?.forEach((version, k) => {
        const versionBase = `${setBase}.versions[${k}]`;
        const id = version.versionId;
        unique(versionIds, id, `${versionBase}.versionId`, `version id ${id}`);
        if (version.imageSetId !== undefined && version.imageSetId !== set.imageSetId) {
          issues.push({
            path: `${versionBase}.imageSetId`,
            message: `"${version.imageSetId}" differs from the enclosing image set's id "${set.imageSetId}"`,
          });
        }
      });
    });
  });

  const appStreamNames = new Map<string, string>();
  const appStreamArns = new Map<string, string>();
  fixture.appStream?.images?.forEach((image, i) => {
    const base = `appStream.images[${i}]`;
    accountMatchesArn(image, base);
    // PUBLIC images are seen from every account, so their names must not clash with any.
    const scope = image.Visibility === "PUBLIC" ? `* ${image.region}` : where(image, image.region);
    unique(
      appStreamNames,
      `${scope} ${image.Name}`,
      `${base}.Name`,
      `image name ${image.Name} in ${image.region}`,
    );
    if (image.Arn !== undefined) {
      unique(appStreamArns, image.Arn, `${base}.Arn`, `image ARN ${image.Arn}`);
      const arnRegion = image.Arn.split(":")[3];
      if (arnRegion && arnRegion !== image.region) {
        issues.push({
          path: `${base}.region`,
          message: `"${image.region}" differs from the region in Arn ("${arnRegion}")`,
        });
      }
    }
  });

  const accountIds = new Map<string, string>([[home, "homeAccountId"]]);
  const roleArns = new Map<string, string>();
  fixture.accounts?.forEach((entry, i) => {
    const base = `accounts[${i}]`;
    unique(accountIds, entry.accountId, `${base}.accountId`, `account id ${entry.accountId}`);
    entry.roles?.forEach((role, j) => {
      const path = `${base}.roles[${j}].arn`;
      unique(roleArns, role.arn, path, `role ARN ${role.arn}`);
      const roleAccount = role.arn.split(":")[4];
      if (roleAccount !== entry.accountId) {
        issues.push({
          path,
          message: `the role's account (${roleAccount}) differs from the account it is listed under (${entry.accountId})`,
        });
      }
    });
  });
  return issues;
}

/** Validates a parsed JSON value as a fixture. Throws FixtureError naming every bad JSON path. */
export function parseFixture(json: unknown, source?: string): Fixture {
  const result = fixtureSchema.safeParse(json, {
    error: (issue) => (issue.input === undefined ? "required member is missing" : undefined),
  });
  if (!result.success) throw new FixtureError(issuesFromZod(result.error), source);
  const issues = consistencyIssues(result.data);
  if (issues.length > 0) throw new FixtureError(issues, source);
  return result.data;
}

/** Reads and validates a fixture file. Every failure (unreadable, bad JSON, bad data) is a FixtureError. */
export async function loadFixtureFile(path: string): Promise<Fixture> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FixtureError([{ path: "$", message: `cannot read the file (${reason})` }], path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FixtureError([{ path: "$", message: `not valid JSON (${reason})` }], path);
  }
  return parseFixture(json, path);
}

/** One-line description of what a fixture holds, for the standalone runner's banner. */
export function summarizeFixture(fixture: Fixture): string {
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  const ib = fixture.imageBuilder;
  const stores = fixture.medicalImaging?.datastores ?? [];
  const imageSets = stores.flatMap((store) => store.imageSets ?? []);
  const versions = imageSets.flatMap((set) => set.versions ?? []);
  return [
    `Image Builder: ${count(ib?.images?.length ?? 0, "image")}, ${count(ib?.pipelines?.length ?? 0, "pipeline")}, ${count(ib?.workflowExecutions?.length ?? 0, "workflow execution")}`,
    `HealthImaging: ${count(stores.length, "datastore")}, ${count(imageSets.length, "image set")}, ${count(versions.length, "version")}`,
    `AppStream: ${count(fixture.appStream?.images?.length ?? 0, "image")}`,
    ...(fixture.accounts?.length
      ? [
          `accounts: ${[homeAccountOf(fixture), ...fixture.accounts.map((entry) => entry.accountId)].join(", ")}`,
        ]
      : []),
  ].join("; ");
}
