// Shared helpers for the emulator tests: real SDK clients pointed at a running emulator, small
// fixture builders, a seeded RNG and an error catcher.

import { AppStreamClient } from "@aws-sdk/client-appstream";
import { ImagebuilderClient } from "@aws-sdk/client-imagebuilder";
import { MedicalImagingClient } from "@aws-sdk/client-medical-imaging";
import { ConfiguredRetryStrategy } from "@smithy/util-retry";
import type { RunningEmulator } from "../../src/emulator/index.js";

export const ACCOUNT = "123456789012";

/** Where the emulator listens: a RunningEmulator, or the URL a standalone runner printed. */
type Endpoint = Pick<RunningEmulator, "url">;
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

export interface ClientOptions {
  region?: string;
  /** Total attempts per call; retries wait 1 ms. Default 1 (no retries). */
  attempts?: number;
}

function common(emulator: Endpoint, options: ClientOptions) {
  return {
    region: options.region ?? "us-east-1",
    endpoint: emulator.url,
    credentials,
    retryStrategy: new ConfiguredRetryStrategy(options.attempts ?? 1, () => 1),
  };
}

export const imageBuilderClient = (emulator: Endpoint, options: ClientOptions = {}) =>
  new ImagebuilderClient(common(emulator, options));

export const medicalImagingClient = (emulator: Endpoint, options: ClientOptions = {}) =>
  new MedicalImagingClient({ ...common(emulator, options), disableHostPrefix: true });

export const appStreamClient = (emulator: Endpoint, options: ClientOptions = {}) =>
  new AppStreamClient(common(emulator, options));

export interface CaughtServiceError {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number; attempts?: number };
}

/** The error a call failed with; fails the test when the call succeeds. */
export async function caught(call: Promise<unknown>): Promise<CaughtServiceError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Error && "$metadata" in error) return error as CaughtServiceError;
    throw error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** Deterministic RNG (mulberry32), so fault injection is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const imageArn = (name: string, version: string, build: number, region = "us-east-1") =>
  `arn:aws:imagebuilder:${region}:${ACCOUNT}:image/${name}/${version}/${build}`;

export const pipelineArn = (name: string, region = "us-east-1") =>
  `arn:aws:imagebuilder:${region}:${ACCOUNT}:image-pipeline/${name}`;

export const packages = (count: number, prefix = "pkg") =>
  Array.from({ length: count }, (_, i) => ({
    packageName: `${prefix}-${i}`,
    packageVersion: `1.${i}.0`,
  }));

/** A workflow execution id whose last group encodes `n`. */
export const workflowId = (n: number) =>
  `wf-0123abcd-0123-4abc-8def-${n.toString(16).padStart(12, "0")}`;

export const steps = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    stepExecutionId: `step-${String(i).padStart(4, "0")}`,
    name: `Step${i}`,
    action: "RunCommand",
    status: "COMPLETED" as const,
    rollbackStatus: "SKIPPED" as const,
    inputs: "{}",
    outputs: JSON.stringify({ index: i }),
    startTime: "2026-03-01T12:00:00Z",
    endTime: "2026-03-01T12:03:00Z",
  }));

/** A 32-character HealthImaging id whose tail encodes `n`. */
export const healthImagingId = (n: number, prefix = "a") =>
  `${prefix}${n.toString(16).padStart(31, "0")}`.slice(0, 32);

export const imageSetVersions = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    versionId: String(i + 1),
    imageSetState: "ACTIVE" as const,
    ImageSetWorkflowStatus: "UPDATED" as const,
    createdAt: "2026-03-01T12:00:00Z",
    updatedAt: `2026-03-01T12:00:${String(i % 60).padStart(2, "0")}.250Z`,
    message: `version ${i + 1}`,
  }));

export const appStreamImages = (
  count: number,
  region = "us-east-1",
  visibility: (i: number) => "PUBLIC" | "PRIVATE" | "SHARED" = () => "PUBLIC",
) =>
  Array.from({ length: count }, (_, i) => ({
    region,
    Name: `image-${String(i).padStart(3, "0")}`,
    Arn: `arn:aws:appstream:${region}::image/image-${String(i).padStart(3, "0")}`,
    Visibility: visibility(i),
    State: "AVAILABLE" as const,
    Platform: "WINDOWS_SERVER_2019" as const,
    CreatedTime: "2026-01-01T00:00:00Z",
  }));

/** Collects every item of every page of an SDK paginator. */
export async function collect<Page, Item>(
  pages: AsyncIterable<Page>,
  items: (page: Page) => readonly Item[] | undefined,
): Promise<{ items: Item[]; pageCount: number }> {
  const all: Item[] = [];
  let pageCount = 0;
  for await (const page of pages) {
    pageCount++;
    all.push(...(items(page) ?? []));
  }
  return { items: all, pageCount };
}
