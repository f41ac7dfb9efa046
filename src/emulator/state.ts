// The emulator's in-memory store, built from a validated fixture. Each running emulator owns one;
// StartImagePipelineExecution and CancelImageCreation are the operations that change it.

import { createHash } from "node:crypto";
import type { ImagePackage, WorkflowStepMetadata } from "@aws-sdk/client-imagebuilder";
import type { DatastoreStatus, DICOMTags, StorageTier } from "@aws-sdk/client-medical-imaging";
import {
  type Fixture,
  type FixtureAppStreamImage,
  type FixtureDatastore,
  type FixtureImageBuilderImage,
  type FixtureImageSet,
  type FixtureImageSetVersion,
  type FixturePipeline,
  type FixtureWorkflowExecution,
  homeAccountOf,
  ownerOf,
} from "./fixture.js";
import { advanceSimulatedBuild, type SimulatedBuild } from "./simulated-build.js";

/** The parts of an Image Builder ARN: `arn:<partition>:imagebuilder:<region>:<account>:<resource>`. */
export interface ImageBuilderArnParts {
  partition: string;
  region: string;
  account: string;
  resource: string;
}

export function parseImageBuilderArn(arn: string): ImageBuilderArnParts {
  const [, partition = "", , region = "", account = "", ...rest] = arn.split(":");
  return { partition, region, account, resource: rest.join(":") };
}

/** What a fixture may say about an image beyond its ARN and packages; the rest is derived. */
export type ImageDetails = Omit<FixtureImageBuilderImage, "arn" | "packages">;

export interface ImageBuildVersion extends ImageBuilderArnParts {
  arn: string;
  imageName: string;
  semanticVersion: string;
  buildNumber: number;
  packages: ImagePackage[];
  details: ImageDetails;
}

export interface ImagePipeline
  extends ImageBuilderArnParts,
    Omit<FixturePipeline, "packages" | "arn"> {
  arn: string;
  packages: ImagePackage[];
}

export interface WorkflowExecution extends Omit<FixtureWorkflowExecution, "steps"> {
  steps: WorkflowStepMetadata[];
}

export type ImageSetVersion = FixtureImageSetVersion & { imageSetId: string };

export interface ImageSet {
  imageSetId: string;
  /** In fixture order. */
  versions: ImageSetVersion[];
  DICOMTags: DICOMTags;
  storageTier: StorageTier;
  lastAccessedAt?: string;
}

export interface Datastore {
  datastoreId: string;
  region: string;
  datastoreName: string;
  datastoreStatus: DatastoreStatus;
  /** ISO 8601, like every fixture timestamp. */
  createdAt: string;
  updatedAt: string;
  /** imageSetId → image set, in fixture order. */
  imageSets: Map<string, ImageSet>;
}

/** When a fixture gives no dates at all: a fixed instant, so every run serves the same data. */
const FALLBACK_DATE = "2026-01-01T00:00:00Z";

/**
 * DICOM tags for an image set the fixture describes without them: stable values derived from
 * its id, shaped like real ones (UIDs under an example root, without leading zeros).
 */
function generatedDicomTags(imageSetId: string): DICOMTags {
  const digest = createHash("sha256").update(imageSetId).digest("hex");
  const studyInstanceUid = `1.2.826.0.1.3680043.8.498.${BigInt(`0x${digest.slice(0, 12)}`)}`;
  return {
    DICOMPatientId: `PAT-${digest.slice(12, 20).toUpperCase()}`,
    DICOMPatientName: `ANONYMOUS^${digest.slice(20, 26).toUpperCase()}`,
    DICOMStudyInstanceUID: studyInstanceUid,
    DICOMStudyId: digest.slice(26, 34),
    DICOMAccessionNumber: `ACC${digest.slice(34, 42).toUpperCase()}`,
    DICOMSeriesInstanceUID: `${studyInstanceUid}.1`,
    DICOMSeriesModality: "OT",
    DICOMSeriesNumber: 1,
  };
}

function imageSetFrom(set: FixtureImageSet): ImageSet {
  return {
    imageSetId: set.imageSetId,
    versions: (set.versions ?? []).map((version) => ({ ...version, imageSetId: set.imageSetId })),
    DICOMTags: set.DICOMTags ?? generatedDicomTags(set.imageSetId),
    storageTier: set.storageTier ?? "FREQUENT_ACCESS",
    lastAccessedAt: set.lastAccessedAt,
  };
}

/** A datastore with every descriptive member the fixture left out generated. */
function datastoreFrom(store: FixtureDatastore): Datastore {
  const imageSets = new Map<string, ImageSet>();
  for (const set of store.imageSets ?? []) imageSets.set(set.imageSetId, imageSetFrom(set));
  // Created no later than its oldest image set version.
  const earliest = [...imageSets.values()]
    .flatMap((set) => set.versions.map((version) => version.createdAt))
    .filter((date): date is string => date !== undefined)
    .reduce<string | undefined>(
      (min, date) => (min === undefined || Date.parse(date) < Date.parse(min) ? date : min),
      undefined,
    );
  const createdAt = store.createdAt ?? earliest ?? FALLBACK_DATE;
  return {
    datastoreId: store.datastoreId,
    region: store.region,
    datastoreName: store.datastoreName ?? `datastore-${store.datastoreId.slice(0, 8)}`,
    datastoreStatus: store.datastoreStatus ?? "ACTIVE",
    createdAt,
    updatedAt: store.updatedAt ?? createdAt,
    imageSets,
  };
}

/** One step of one workflow execution, as GetWorkflowStepExecution finds it. */
export interface StepExecution {
  execution: WorkflowExecution;
  step: WorkflowStepMetadata;
}

/** What a StartImagePipelineExecution call did, kept for its client token's idempotency. */
export interface PipelineRun {
  /** The request parameters other than the token, canonicalised. */
  fingerprint: string;
  imageBuildVersionArn: string;
}

export function imageBuildVersionFromArn(
  arn: string,
  packages: ImagePackage[],
  details: ImageDetails = {},
): ImageBuildVersion {
  const parts = parseImageBuilderArn(arn);
  // resource is "image/<name>/<x.y.z>/<build>" (guaranteed by the fixture's ARN pattern).
  const [, imageName = "", semanticVersion = "", build = "0"] = parts.resource.split("/");
  return {
    ...parts,
    arn,
    imageName,
    semanticVersion,
    buildNumber: Number(build),
    packages,
    details,
  };
}

/** Identifiers are unique per account (one state) and region: maps are keyed by both. */
const regional = (region: string, id: string) => `${region} ${id}`;

/**
 * The data of one AWS account: the fixture's items that belong to it (by the account in their
 * ARN, their `accountId` member, or the home account), plus every PUBLIC AppStream image.
 */
export class EmulatorState {
  readonly accountId: string;
  /** Insertion order = fixture order, then images created by pipeline runs. */
  readonly imageBuildVersions = new Map<string, ImageBuildVersion>();
  readonly pipelines = new Map<string, ImagePipeline>();
  /** `<region> <workflowExecutionId>` → execution. */
  readonly workflowExecutions = new Map<string, WorkflowExecution>();
  /** `<region> <datastoreId>` → data store. */
  readonly datastores = new Map<string, Datastore>();
  readonly appStreamImages: readonly FixtureAppStreamImage[];
  /** `<region> <clientToken>` → the run that token started. */
  readonly pipelineRuns = new Map<string, PipelineRun>();
  /** `<region> <clientToken>` → the image build version that CancelImageCreation token cancelled. */
  readonly cancellations = new Map<string, string>();
  /** Image build version ARN → the build a pipeline run started, advancing with the clock. */
  readonly simulatedBuilds = new Map<string, SimulatedBuild>();

  /** `accountId` defaults to the fixture's home account. */
  constructor(source: Fixture, accountId?: string) {
    // A private copy: runs must never write into the caller's fixture object.
    const fixture = structuredClone(source);
    const home = homeAccountOf(fixture);
    this.accountId = accountId ?? home;
    const mine = (item: { arn?: string; Arn?: string; accountId?: string }) =>
      ownerOf(item, home) === this.accountId;
    for (const { arn, packages, ...details } of fixture.imageBuilder?.images ?? []) {
      if (!mine({ arn })) continue;
      this.addImageBuildVersion(imageBuildVersionFromArn(arn, packages ?? [], details));
    }
    for (const pipeline of fixture.imageBuilder?.pipelines ?? []) {
      if (!mine(pipeline)) continue;
      this.pipelines.set(pipeline.arn, {
        ...pipeline,
        ...parseImageBuilderArn(pipeline.arn),
        packages: pipeline.packages ?? [],
      });
    }
    for (const execution of fixture.imageBuilder?.workflowExecutions ?? []) {
      if (!mine({ arn: execution.imageBuildVersionArn, accountId: execution.accountId })) continue;
      this.addWorkflowExecution({ ...execution, steps: execution.steps ?? [] });
    }
    for (const store of fixture.medicalImaging?.datastores ?? []) {
      if (!mine(store)) continue;
      this.datastores.set(regional(store.region, store.datastoreId), datastoreFrom(store));
    }
    this.appStreamImages = (fixture.appStream?.images ?? []).filter(
      (image) => image.Visibility === "PUBLIC" || mine(image),
    );
  }

  addImageBuildVersion(image: ImageBuildVersion): void {
    this.imageBuildVersions.set(image.arn, image);
  }

  addWorkflowExecution(execution: WorkflowExecution): void {
    this.workflowExecutions.set(
      regional(execution.region, execution.workflowExecutionId),
      execution,
    );
  }

  workflowExecution(region: string, workflowExecutionId: string): WorkflowExecution | undefined {
    return this.workflowExecutions.get(regional(region, workflowExecutionId));
  }

  datastore(region: string, datastoreId: string): Datastore | undefined {
    return this.datastores.get(regional(region, datastoreId));
  }

  addSimulatedBuild(build: SimulatedBuild): void {
    this.simulatedBuilds.set(build.execution.imageBuildVersionArn ?? "", build);
    this.addWorkflowExecution(build.execution);
  }

  /** Moves every simulated build to where it stands at `now`. */
  advanceBuilds(now: number): void {
    for (const build of this.simulatedBuilds.values()) advanceSimulatedBuild(build, now);
  }

  /** The builds of a pipeline: images of its name and version in its partition, region and account. */
  pipelineImages(pipeline: ImagePipeline): ImageBuildVersion[] {
    return [...this.imageBuildVersions.values()].filter((image) => builds(pipeline, image));
  }

  /** The first pipeline that builds this image, if any. */
  pipelineOf(image: ImageBuildVersion): ImagePipeline | undefined {
    return [...this.pipelines.values()].find((pipeline) => builds(pipeline, image));
  }

  /** The workflow executions that ran for an image build version, in fixture then run order. */
  executionsOf(imageBuildVersionArn: string): WorkflowExecution[] {
    return [...this.workflowExecutions.values()].filter(
      (execution) => execution.imageBuildVersionArn === imageBuildVersionArn,
    );
  }

  /**
   * Every step with this id, in the order of the executions (fixture ones, then those pipeline
   * runs created). Step ids are unique within an execution; the fixture does not stop two
   * executions (e.g. in different regions) from reusing one.
   */
  stepExecutions(stepExecutionId: string): StepExecution[] {
    const found: StepExecution[] = [];
    for (const execution of this.workflowExecutions.values()) {
      const step = execution.steps.find((each) => each.stepExecutionId === stepExecutionId);
      if (step !== undefined) found.push({ execution, step });
    }
    return found;
  }

  /** 1 + the highest build number of `name/version` in the pipeline's partition, region and account. */
  nextBuildNumber(pipeline: ImagePipeline): number {
    let highest = 0;
    for (const image of this.pipelineImages(pipeline)) {
      highest = Math.max(highest, image.buildNumber);
    }
    return highest + 1;
  }
}

/** Whether an image is one of a pipeline's builds: its name and version, where the pipeline is. */
function builds(pipeline: ImagePipeline, image: ImageBuildVersion): boolean {
  return (
    image.partition === pipeline.partition &&
    image.region === pipeline.region &&
    image.account === pipeline.account &&
    image.imageName === pipeline.imageName &&
    image.semanticVersion === pipeline.semanticVersion
  );
}

/** The ARN of build `buildNumber` of a pipeline's image recipe. */
export function imageBuildVersionArnFor(pipeline: ImagePipeline, buildNumber: number): string {
  const { partition, region, account, imageName, semanticVersion } = pipeline;
  return `arn:${partition}:imagebuilder:${region}:${account}:image/${imageName}/${semanticVersion}/${buildNumber}`;
}
