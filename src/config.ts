import { isIP } from "node:net";
import { z } from "zod";
import type { FaultOptions } from "./emulator/types.js";
import { parseCorsOrigins } from "./http/cors.js";

/** Matches AWS region names such as us-east-1, eu-west-2 or us-gov-west-1. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * A variable read by `parse`, which returns the value or undefined when `raw` is not of the
 * `form` the message describes; the message then quotes what was given.
 */
function parsed<T>(form: string, parse: (raw: string) => T | undefined) {
  return z.string().transform((raw, context): T => {
    const value = parse(raw.trim());
    if (value === undefined) {
      context.addIssue({ code: "custom", message: `must be ${form}, got ${JSON.stringify(raw)}` });
      return z.NEVER;
    }
    return value;
  });
}

const integer = (min: number, max: number) =>
  parsed(`a whole number from ${min} to ${max}`, (raw) => {
    const value = Number(raw);
    return /^\d+$/.test(raw) && value >= min && value <= max ? value : undefined;
  });

const oneOf = <const Values extends readonly [string, ...string[]]>(values: Values) =>
  parsed<Values[number]>(values.map((value) => `\`${value}\``).join(" or "), (raw) =>
    values.find((value) => value === raw),
  );

/** A share of calls, 0..1. */
const rate = parsed("a number from 0 to 1, such as 0.25", (raw) => {
  const value = Number(raw);
  return /^[0-9.eE+-]+$/.test(raw) && value >= 0 && value <= 1 ? value : undefined;
});

/** Milliseconds, fixed ("50") or a range ("10-200"). */
const latency = parsed('a whole number of milliseconds ("50") or a range ("10-200")', (raw) => {
  const match = /^(\d+)\s*(?:-\s*(\d+))?$/.exec(raw);
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  return min <= max ? { min, max } : undefined;
});

const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** An interface to listen on: an IP address (`0.0.0.0`, `::`, `127.0.0.1`) or a host name. */
const host = parsed("an IP address such as 0.0.0.0, :: or 127.0.0.1, or a host name", (raw) =>
  isIP(raw) !== 0 || HOSTNAME.test(raw) ? raw : undefined,
);

/** The standalone emulator's variables; the embedded one reads the fault and seed ones too. */
const emulatorVariables = {
  EMULATOR_SEED: z
    .string()
    .min(1)
    .optional()
    .describe("Fixture file the emulator loads instead of the shipped demo data."),
  EMULATOR_LATENCY_MS: latency
    .optional()
    .describe(
      'Added to every emulator call: fixed ("50") or a random draw from a range ("10-200").',
    ),
  EMULATOR_THROTTLE_RATE: rate
    .optional()
    .describe(
      "Share (0..1) of emulator calls answered with the service's throttling error, HTTP 429.",
    ),
  EMULATOR_ERROR_RATE: rate
    .optional()
    .describe("Share (0..1) of emulator calls answered with the service's 500/503 errors."),
  EMULATOR_PORT: integer(0, 65535)
    .default(4566)
    .describe("Port `npm run emulator` listens on (0 picks a free one)."),
  EMULATOR_HOST: host.default("127.0.0.1").describe("Interface `npm run emulator` listens on."),
};

/**
 * Every environment variable the gateway reads, each with its description. The README's
 * configuration table is this list; keep them in step.
 */
const environmentSchema = z.object({
  PORT: integer(0, 65535)
    .default(4000)
    .describe("Port the gateway listens on (0 picks a free one)."),
  HOST: host.default("0.0.0.0").describe("Interface the gateway listens on."),
  GATEWAY_BACKEND: oneOf(["emulator", "aws"])
    .default("emulator")
    .describe(
      "emulator: start the embedded AWS emulator in-process and point the SDK clients at it. " +
        "aws: the standard AWS configuration (credential chain, AWS_REGION, AWS_ENDPOINT_URL*).",
    ),
  GATEWAY_SCHEMA: oneOf(["subgraph", "plain"])
    .default("subgraph")
    .describe(
      "subgraph: an Apollo Federation v2 subgraph (the API plus _service and _entities). plain: the API alone, for use without a federation gateway.",
    ),
  AWS_REGION: parsed("an AWS region name such as us-east-1", (raw) =>
    REGION_PATTERN.test(raw) ? raw : undefined,
  )
    .default("us-east-1")
    .describe("Region for root fields called without a region argument."),
  AWS_MAX_ATTEMPTS: integer(1, 20)
    .default(6)
    .describe("Attempts per AWS call, first try included, for throttling and transient errors."),
  AWS_RETRY_BASE_DELAY_MS: integer(1, 60_000)
    .default(100)
    .describe("Base of the full-jitter exponential backoff between attempts."),
  AWS_RETRY_MAX_DELAY_MS: integer(1, 120_000)
    .default(5_000)
    .describe("Upper bound of one backoff delay."),
  AWS_REQUEST_TIMEOUT_MS: integer(100, 600_000)
    .default(15_000)
    .describe("Time allowed for one HTTP attempt to AWS before it counts as a transient failure."),
  DEFAULT_PAGE_SIZE: integer(0, 1000)
    .default(25)
    .describe("Edges returned by a connection when `first` is absent."),
  MAX_PAGE_SIZE: integer(1, 1000).default(100).describe("Largest `first` a connection accepts."),
  CURSOR_SECRET: z
    .string()
    .min(16, "must be at least 16 characters")
    .optional()
    .describe(
      "Key that signs cursors; a comma-separated list accepts cursors signed by any and signs with the first (rotation). Unset: a random key per process, so cursors die with it.",
    ),
  MAX_CURSOR_LENGTH: integer(64, 1_000_000)
    .default(100_000)
    .describe("Longest `after` cursor accepted; longer ones are rejected before any AWS call."),
  AWS_MAX_CONCURRENCY: integer(1, 1000)
    .default(8)
    .describe(
      "Most AWS calls one gateway process runs at once per service; more wait their turn, so one large query cannot trigger throttling on its own.",
    ),
  GATEWAY_DEBUG: oneOf(["on", "off"])
    .optional()
    .describe(
      "on: a request with header `x-gateway-debug: calls` gets the AWS calls it made in `extensions`. Default: on with the emulator backend, off with aws.",
    ),
  CORS_ORIGINS: z
    .string()
    .superRefine((value, context) => {
      const result = parseCorsOrigins(value);
      for (const message of "problems" in result ? result.problems : []) {
        context.addIssue({ code: "custom", message });
      }
    })
    .optional()
    .describe(
      "Origins browsers may call the gateway from: `*`, `none`, or a comma-separated list such as https://app.example.com,http://localhost:3000. Default: `*` with the emulator backend, `none` with aws, so no web page can use a visitor's browser to reach real AWS unless allowed.",
    ),
  PERSISTED_OPERATIONS: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Path of a JSON manifest { hash: query }. When set, only those operations run (by `extensions.persistedQuery.sha256Hash` or `documentId`); anything else is refused.",
    ),
  BATCH_LIMIT: integer(0, 100)
    .default(10)
    .describe(
      "Most operations one request may carry as a JSON array (a batch, as Apollo's BatchHttpLink sends); 0 turns batching off.",
    ),
  APQ_CACHE_SIZE: integer(1, 1_000_000)
    .default(1000)
    .describe(
      "Most documents kept for automatic persisted queries (Apollo's hash-only requests), least recently used dropped first. Unused with PERSISTED_OPERATIONS.",
    ),
  ...emulatorVariables,
});
const emulatorEnvironmentSchema = z.object(emulatorVariables);

export type Config = z.infer<typeof environmentSchema>;
export type EmulatorConfig = z.infer<typeof emulatorEnvironmentSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Reads the gateway's configuration once, reporting every invalid variable together, each
 * named with the form it must have and the value it had.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = environmentSchema.safeParse(withoutEmptyValues(env));
  const problems = result.success ? [] : result.error.issues.map(describeIssue);
  const { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } = environmentSchema.shape;
  const pageSize = DEFAULT_PAGE_SIZE.safeParse(env.DEFAULT_PAGE_SIZE || undefined);
  const maxPageSize = MAX_PAGE_SIZE.safeParse(env.MAX_PAGE_SIZE || undefined);
  if (pageSize.success && maxPageSize.success && pageSize.data > maxPageSize.data) {
    problems.push(
      `DEFAULT_PAGE_SIZE: must not exceed MAX_PAGE_SIZE (${maxPageSize.data}), got ${pageSize.data}`,
    );
  }
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  return result.data;
}

/** Reads the standalone emulator's variables (`npm run emulator`), every problem together. */
export function loadEmulatorConfig(env: NodeJS.ProcessEnv = process.env): EmulatorConfig {
  const result = emulatorEnvironmentSchema.safeParse(withoutEmptyValues(env));
  if (!result.success) throw new ConfigError(result.error.issues.map(describeIssue));
  return result.data;
}

/** The faults the EMULATOR_* variables ask for; unset ones are left out. */
export function faultsFromConfig(config: EmulatorConfig): FaultOptions {
  const faults: FaultOptions = {};
  if (config.EMULATOR_LATENCY_MS) faults.latencyMs = config.EMULATOR_LATENCY_MS;
  if (config.EMULATOR_THROTTLE_RATE !== undefined) {
    faults.throttleRate = config.EMULATOR_THROTTLE_RATE;
  }
  if (config.EMULATOR_ERROR_RATE !== undefined) faults.errorRate = config.EMULATOR_ERROR_RATE;
  return faults;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.join(".")}: ${issue.message}`;
}

/** Descriptions of every variable, for the README and `--help`-style output. */
export function describeConfig(): Array<{ name: string; description: string }> {
  return Object.entries(environmentSchema.shape).map(([name, schema]) => ({
    name,
    description: schema.description ?? "",
  }));
}

// An exported-but-empty variable (`PORT=`) means "unset", as in most twelve-factor tools.
function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1]?.trim())),
  );
}
