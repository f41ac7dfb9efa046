// The emulator's public option and result types (re-exported from index.ts).

import type { Fixture } from "./fixture.js";

export interface FaultOptions {
  /** Added to every call: a uniform draw from min..max milliseconds. */
  latencyMs?: { min: number; max: number };
  /** 0..1 share of calls answered with the service's throttling error, HTTP 429. */
  throttleRate?: number;
  /** 0..1 share of calls answered with the service's documented 500/503 errors. */
  errorRate?: number;
}

export interface EmulatorOptions {
  fixture: Fixture;
  /** 0 or absent = ephemeral. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  faults?: FaultOptions;
  /** Injectable RNG for faults (default Math.random). */
  random?: () => number;
  /**
   * When true, a page that ends exactly at the end of a list still carries a nextToken, whose
   * page is empty and carries no token (real AWS does this sometimes).
   */
  emptyTrailingPage?: boolean;
  /** When set, next tokens older than this are rejected as expired. */
  tokenTtlMs?: number;
  /** Where emulator faults are reported (default: stderr); the gateway sends them to its log. */
  logError?: (message: string) => void;
  /** How many of the latest calls `calls` keeps (default 10,000); older ones are dropped. */
  maxRecordedCalls?: number;
  /**
   * How long each step of a build that StartImagePipelineExecution starts takes, in
   * milliseconds; 0 (the default) means the build has already finished when the call returns.
   */
  buildStepMs?: number;
  /**
   * How long the credentials STS AssumeRole issues stay valid, in seconds; absent, the
   * DurationSeconds the caller asked for (default 3600), as AWS does. Tests shorten it to see
   * credentials refreshed.
   */
  sessionSeconds?: number;
}

export type ServiceName = "imagebuilder" | "medical-imaging" | "appstream" | "sts";

export interface RecordedCall {
  service: ServiceName;
  /** e.g. "ListImagePackages"; for an unknown operation, what the request named. */
  operation: string;
  /** From the SigV4 credential scope of the Authorization header ("" when it has none). */
  region: string;
  /** The account the call acted as ("" when its credentials had expired). */
  accountId: string;
  /** The assumed role whose credentials signed the call; absent for the base credentials. */
  roleArn?: string;
  status: number;
  errorName?: string;
  /** The parsed request members (labels, query, body). */
  input: Record<string, unknown>;
  /** Epoch milliseconds at arrival. */
  startedAt: number;
  durationMs: number;
  /** True when the client closed the connection before the answer was sent (it gave up). */
  aborted?: boolean;
}

export interface RunningEmulator {
  /** e.g. "http://127.0.0.1:4566". */
  url: string;
  port: number;
  /** The account calls signed with base credentials act as (the fixture's homeAccountId). */
  homeAccountId: string;
  /** The latest calls received (up to maxRecordedCalls), in arrival order (a snapshot). */
  readonly calls: readonly RecordedCall[];
  resetCalls(): void;
  /** Highest number of calls in flight at once (per service, or overall), since start/reset. */
  maxConcurrency(service?: ServiceName): number;
  /**
   * Ids of the Image Builder workflow executions the emulator holds (fixture ones, then those
   * StartImagePipelineExecution created), optionally only those for one image build version.
   * StartImagePipelineExecution's response does not name its workflow execution; this does.
   */
  workflowExecutionIds(imageBuildVersionArn?: string): string[];
  close(): Promise<void>;
}
