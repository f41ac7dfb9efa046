import { z } from "zod";
import { regionConfigProblems } from "./aws/regions.js";

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
    .describe(
      "Region for root fields called without a region argument; its partition (aws, aws-us-gov, aws-cn) bounds the regions requests may name. Must be a region where one of the services exists.",
    ),
  AWS_REGIONS: z
    .string()
    .regex(
      /^[a-z0-9-]+(,[a-z0-9-]+)*$/,
      "must be a comma-separated list of region names such as us-east-1,eu-west-1",
    )
    .optional()
    .describe(
      "Allow-list of regions requests may name (region arguments, ARNs, global IDs), comma-separated; it must include AWS_REGION. Unset: every region of AWS_REGION's partition where the service exists.",
    ),
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
  MAX_QUERY_DEPTH: integer(1, 1000)
    .default(10)
    .describe(
      "Deepest field nesting a document may have (fragments flattened, introspection exempt); deeper ones are refused before execution.",
    ),
  MAX_ALIASES: integer(0, 10_000)
    .default(30)
    .describe("Most aliases one document may use; more are refused before execution."),
  MAX_TOKENS: integer(50, 1_000_000)
    .default(1_000)
    .describe(
      "Most lexical tokens (names, punctuation, values) one document may have; the parser stops at the first one over.",
    ),
  MAX_DIRECTIVES: integer(0, 10_000)
    .default(50)
    .describe("Most directives one document may use; more are refused before execution."),
  MAX_RESULT_NODES: integer(1, 100_000_000)
    .default(10_000)
    .describe(
      "Largest estimated result, in nodes: the product of `first` (DEFAULT_PAGE_SIZE when absent) along every path of nested connections and lists, summed over the document. Larger queries are refused before execution.",
    ),
  MAX_AWS_CALLS_PER_REQUEST: integer(1, 1_000_000)
    .default(200)
    .describe(
      "Most AWS calls one request may cost: estimated from the document before execution (over it, refused with COST_ESTIMATED_TOO_EXPENSIVE) and counted while it runs (past it, remaining fields fail with AWS_CALL_LIMIT_REACHED).",
    ),
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
      "on: a request with header `x-gateway-debug: calls` gets the AWS calls it made in `extensions`. Default: on with the emulator backend, off with aws.",
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
  const problems = regionConfigProblems(config.AWS_REGION, allowedRegions(config));
  if (config.DEFAULT_PAGE_SIZE > config.MAX_PAGE_SIZE) {
    problems.push(
      `DEFAULT_PAGE_SIZE (${config.DEFAULT_PAGE_SIZE}) must not exceed MAX_PAGE_SIZE (${config.MAX_PAGE_SIZE})`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** AWS_REGIONS as a list; empty when unset. */
export function allowedRegions(config: Pick<Config, "AWS_REGIONS">): string[] {
  return config.AWS_REGIONS?.split(",") ?? [];
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
