import { type Fixture, parseFixture } from "../../src/emulator/index.js";

/** Test data builders: every integration test writes the fixture it needs. */

export const ACCOUNT = "123456789012";

export function imageArn(name: string, version = "1.0.0", build = 1, region = "us-east-1") {
  return `arn:aws:imagebuilder:${region}:${ACCOUNT}:image/${name}/${version}/${build}`;
}

export function pipelineArn(name: string, region = "us-east-1") {
  return `arn:aws:imagebuilder:${region}:${ACCOUNT}:image-pipeline/${name}`;
}

export function packages(count: number, prefix = "pkg") {
  return Array.from({ length: count }, (_, index) => ({
    packageName: `${prefix}-${String(index).padStart(3, "0")}`,
    packageVersion: `1.${index}.0`,
  }));
}

/** A deterministic id of the documented form, distinct for each `n`. */
export function uuid(n: number) {
  const hex = n.toString(16).padStart(12, "0");
  return `0000${hex.slice(0, 4)}-0000-4000-8000-${hex}`;
}

export function workflowExecutionId(n: number) {
  return `wf-${uuid(n)}`;
}

export function steps(count: number) {
  const start = Date.UTC(2026, 2, 1, 12);
  return Array.from({ length: count }, (_, index) => ({
    stepExecutionId: `step-${uuid(index + 1)}`,
    name: `Step${index + 1}`,
    description: `Step number ${index + 1}`,
    action: "RunCommand",
    status: "COMPLETED",
    rollbackStatus: "SKIPPED",
    message: "done",
    inputs: JSON.stringify({ index }),
    outputs: "{}",
    startTime: new Date(start + index * 60_000).toISOString(),
    endTime: new Date(start + index * 60_000 + 30_000).toISOString(),
  }));
}

/**
 * A fixture's workflow run of `imageBuildVersionArn`, in that build's region, by AWS's
 * build-image workflow.
 */
export function workflowExecution(
  workflowExecutionId: string,
  imageBuildVersionArn: string,
  runSteps: readonly object[],
  message = "",
) {
  const region = imageBuildVersionArn.split(":")[3];
  return {
    workflowExecutionId,
    region,
    imageBuildVersionArn,
    workflowBuildVersionArn: `arn:aws:imagebuilder:${region}:aws:workflow/build/build-image/1.0.0/1`,
    message,
    steps: runSteps,
  };
}

export function storeId(n: number) {
  return n.toString(16).padStart(32, "0");
}

export function imageSetVersions(count: number) {
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, index) => ({
    versionId: String(index + 1),
    imageSetState: index === count - 1 ? "ACTIVE" : "LOCKED",
    ImageSetWorkflowStatus: index === 0 ? "CREATED" : "UPDATED",
    createdAt: new Date(start).toISOString(),
    updatedAt: new Date(start + index * 3_600_000).toISOString(),
    message: `version ${index + 1}`,
    overrides: { forced: index % 2 === 0 },
  }));
}

export function appStreamImages(count: number, region = "us-east-1", prefix = "Image") {
  const visibilities = ["PUBLIC", "PRIVATE", "SHARED"] as const;
  return Array.from({ length: count }, (_, index) => {
    const name = `${prefix}-${String(index).padStart(3, "0")}`;
    const visibility = visibilities[index % 3] as (typeof visibilities)[number];
    const account = visibility === "PUBLIC" ? "" : ACCOUNT;
    return {
      region,
      Name: name,
      Arn: `arn:aws:appstream:${region}:${account}:image/${name}`,
      DisplayName: `Image ${index}`,
      Visibility: visibility,
      State: "AVAILABLE",
      Platform: "WINDOWS_SERVER_2019",
      CreatedTime: new Date(Date.UTC(2026, 0, 1) + index * 86_400_000).toISOString(),
      Applications: [],
    };
  });
}

/** Validates a fixture through the emulator's own loader, as a file would be. */
export function fixture(json: Record<string, unknown>): Fixture {
  return parseFixture(json);
}
