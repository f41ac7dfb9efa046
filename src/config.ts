import { z } from "zod";

/** Matches AWS region names such as us-east-1, eu-west-2 or us-gov-west-1. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * Every environment variable the gateway reads, each with its description. The README's
 * configuration table is this list; keep them in step.
 */
const environmentSchema = z.object({
  PORT: integer(0, 65535)
    .default(4000)
    .describe("Port the gateway listens on (0 picks a free one)."),
  HOST: z.string().min(1).default("0.0.0.0").describe("Interface the gateway listens on."),
  GATEWAY_BACKEND: z
    .enum(["emulator", "aws"])
    .default("emulator")
    .describe(
      "emulator: start the embedded AWS emulator in-process and point the SDK clients at it. " +
        "aws: the standard AWS configuration (credential chain, AWS_REGION, AWS_ENDPOINT_URL*).",
    ),
  GATEWAY_SCHEMA: z
    .enum(["subgraph", "plain"])
    .default("subgraph")
    .describe(
      "subgraph: an Apollo Federation v2 subgraph (the API plus _service and _entities). plain: the API alone, for use without a federation gateway.",
    ),
  AWS_REGION: z
    .string()
    .regex(REGION_PATTERN, "must be an AWS region name such as us-east-1")
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
    .default(20)
    .describe(
      "Edges returned by a connection when `first` is absent. Below the AWS page caps (25 and 50), so a default page ends mid-page and costs one AWS call even when hasNextPage is asked.",
    ),
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
  GATEWAY_DEBUG: z
    .enum(["on", "off"])
    .optional()
    .describe(
      "on: a request with header `x-gateway-debug: calls` gets the AWS calls it made in `extensions` (and `cache` its response-cache hit or miss). Default: on with the emulator backend, off with aws.",
    ),
  CORS_ORIGINS: z
    .string()
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
  RESPONSE_CACHE: z
    .enum(["off", "memory", "redis"])
    .default("off")
    .describe(
      "off: every request goes to AWS. memory: whole responses are cached in this process. redis: in Redis at REDIS_URL, shared by every instance. TTLs follow the state of the data (see RESPONSE_CACHE_LONG_TTL_S and RESPONSE_CACHE_SHORT_TTL_S).",
    ),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional()
    .describe("Redis for RESPONSE_CACHE=redis, e.g. redis://cache:6379/0."),
  RESPONSE_CACHE_LONG_TTL_S: integer(1, 7 * 24 * 3600)
    .default(3 * 3600)
    .describe(
      "Seconds a response is kept when all it shows is final: the packages of a finished build, the steps of a finished workflow execution.",
    ),
  RESPONSE_CACHE_SHORT_TTL_S: integer(0, 3600)
    .default(5)
    .describe(
      "Seconds a response is kept when it shows something that changes: a running workflow, image set versions, AppStream images. 0: not cached.",
    ),
  RESPONSE_CACHE_MAX_ENTRIES: integer(1, 1_000_000)
    .default(1000)
    .describe("Most responses RESPONSE_CACHE=memory keeps; the least recently used leave first."),
  EMULATOR_SEED: z
    .string()
    .min(1)
    .optional()
    .describe("Fixture file the embedded emulator loads instead of the shipped demo data."),
});

export type Config = z.infer<typeof environmentSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads the configuration once, reporting every invalid variable together. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = environmentSchema.safeParse(withoutEmptyValues(env));
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
    );
  }
  const config = result.data;
  if (config.DEFAULT_PAGE_SIZE > config.MAX_PAGE_SIZE) {
    throw new ConfigError([
      `DEFAULT_PAGE_SIZE (${config.DEFAULT_PAGE_SIZE}) must not exceed MAX_PAGE_SIZE (${config.MAX_PAGE_SIZE})`,
    ]);
  }
  if (config.RESPONSE_CACHE === "redis" && !config.REDIS_URL) {
    throw new ConfigError(["RESPONSE_CACHE=redis needs REDIS_URL (e.g. redis://127.0.0.1:6379)"]);
  }
  return config;
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
    Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}
