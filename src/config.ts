import { isIP } from "node:net";
import proxyAddr from "proxy-addr";
import { z } from "zod";
import { parseAccounts } from "./aws/accounts.js";
import { regionConfigProblems } from "./aws/regions.js";
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

const oneOf = <const Values extends readonly [string, ...string[]]>(
  values: Values,
  { ignoreCase = false } = {},
) =>
  parsed<Values[number]>(values.map((value) => `\`${value}\``).join(" or "), (raw) =>
    values.find((value) => value === (ignoreCase ? raw.toLowerCase() : raw)),
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

/**
 * Which peers are proxies whose X-Forwarded-For/Forwarded is believed: a hop count (the nearest
 * `n` peers), or addresses, CIDR ranges and the names loopback, linklocal and uniquelocal, as
 * Express' `trust proxy` takes them. An empty list trusts nobody.
 */
export type TrustedProxies = number | string[];

const trustedProxies = parsed<TrustedProxies>(
  "a number of proxy hops (such as 1), or a comma-separated list of addresses, CIDR ranges (10.0.0.0/8) and the names loopback, linklocal, uniquelocal",
  (raw) => {
    if (/^\d+$/.test(raw)) return Number(raw) <= 100 ? Number(raw) : undefined;
    const entries = raw.split(",").map((entry) => entry.trim().toLowerCase());
    if (entries.some((entry) => entry === "")) return undefined;
    try {
      proxyAddr.compile(entries);
      return entries;
    } catch {
      return undefined;
    }
  },
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
  EMULATOR_BUILD_STEP_MS: integer(0, 3_600_000)
    .default(3_000)
    .describe(
      "How long each workflow step of a build started with startImagePipelineExecution takes in the emulator; 0 finishes builds at once.",
    ),
};

/** OAuth scopes are space-separated in the `scope` claim, so a name holds no space. */
const scopeName = z
  .string()
  .regex(/^[\x21-\x7e]+$/, "must be one scope name: printable, no spaces");

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Keys fetched over plain http could be swapped in transit; loopback is the one exception. */
function isSafeJwksUrl(value: string): boolean {
  const url = new URL(value);
  return url.protocol === "https:" || LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Every environment variable the gateway reads, each with its description: docs/configuration.md
 * is generated from this list (`npm run docs:config`), and a test fails when the two differ.
 */
const environmentSchema = z.object({
  PORT: integer(0, 65535)
    .default(4000)
    .describe("Port the gateway listens on (0 picks a free one)."),
  HOST: host
    .optional()
    .describe(
      "Interface the gateway listens on: 0.0.0.0 (every interface), 127.0.0.1 (this machine only), or an address or host name of this machine. Default: 127.0.0.1 while authentication is off, so an open gateway is not reachable from the network by accident; 0.0.0.0 with authentication on. Containers set 0.0.0.0.",
    ),
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
    .describe(
      "Region for root fields called without a region argument; its partition (aws, aws-us-gov, aws-cn, …) bounds the regions requests may name. Must be a region where one of the services exists (per AWS's endpoint data, see docs/emulator-models.md).",
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
  AWS_ACCOUNTS: z
    .string()
    .optional()
    .describe(
      'The AWS accounts requests may read, as a JSON array inline or `@path/to/accounts.json`: each `{ "id": "111111111111", "name": "prod", "roleArn": "arn:aws:iam::111111111111:role/ImageGraphReader", "externalId": "…" (optional), "regions": ["us-east-1", "eu-*"] (optional; default AWS_REGION) }`. The gateway assumes each role with STS, its own credentials as the source, and shares the temporary credentials until shortly before they expire. Its own account is always there as `home` (first) unless an entry is named `home`. Unset: the home account only. See docs/accounts.md.',
    ),
  AWS_IGNORE_ACCESS_DENIED: oneOf(["true", "false"])
    .default("false")
    .describe(
      "true: an account and region that answers access denied (an SCP, a missing permission) is left out of merged connections silently; false: it is left out with an error naming its account and region.",
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
  AWS_CALL_TIMEOUT_MS: integer(100, 600_000)
    .optional()
    .describe(
      "Time one HTTP attempt to AWS may take to connect and to answer; past it the attempt is cut off and counts as a transient failure (retried). Default 10000, or AWS_REQUEST_TIMEOUT_MS when only that is set.",
    ),
  AWS_REQUEST_TIMEOUT_MS: integer(100, 600_000)
    .optional()
    .describe("Deprecated name of AWS_CALL_TIMEOUT_MS, still honoured when that is unset."),
  REQUEST_TIMEOUT_MS: integer(100, 3_600_000)
    .default(30_000)
    .describe(
      "Time one GraphQL request may take. Past it, its pending AWS calls are aborted, the fields that waited on them fail with UPSTREAM_TIMEOUT, and the rest of the response is returned.",
    ),
  AWS_MAX_PAGES_PER_WALK: integer(1, 10_000)
    .default(100)
    .describe(
      "Most AWS pages one walk over a token chain may read (a connection, a look-up that follows every page, a refetch scan); a longer chain fails with UPSTREAM_PAGING instead of running on.",
    ),
  AWS_MAX_SOCKETS: integer(1, 1000)
    .default(50)
    .describe(
      "Most keep-alive sockets one SDK client (one service in one region) opens; further calls wait for a free one.",
    ),
  DEFAULT_PAGE_SIZE: integer(0, 1000)
    .default(20)
    .describe(
      "Edges returned by a connection when `first` is absent. Below the AWS page caps (25 and 50), so a default page ends mid-page and costs one AWS call even when hasNextPage is asked.",
    ),
  MAX_PAGE_SIZE: integer(1, 1000).default(100).describe("Largest `first` a connection accepts."),
  MAX_QUERY_DEPTH: integer(1, 1000)
    .default(15)
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
  AWS_CALLS_PER_SECOND: integer(0, 100_000)
    .default(0)
    .describe(
      "Most AWS calls per second per service and region, for the whole fleet when REDIS_URL is set (else per process); calls past it wait their turn (within REQUEST_TIMEOUT_MS) instead of failing. 0: no rate, only AWS_MAX_CONCURRENCY.",
    ),
  AWS_COALESCE_CALLS: oneOf(["on", "off"])
    .default("on")
    .describe(
      "on: identical AWS reads in flight at the same moment (same operation, input, region and account) are made once and their answer shared by every request waiting for them, whoever sent it; each request keeps its own deadline, and the call is abandoned only when no request waits for it any more. Writes (startImagePipelineExecution) are never shared. off: every request makes its own calls.",
    ),
  AWS_MAX_CONCURRENCY: integer(1, 1000)
    .default(8)
    .describe(
      "Most AWS calls one gateway process runs at once per service; more wait their turn, so one large query cannot trigger throttling on its own.",
    ),
  GATEWAY_DEBUG: oneOf(["on", "off"])
    .optional()
    .describe(
      "on: a request with header `x-gateway-debug: calls` gets the AWS calls it made in `extensions` (and `cache` its response-cache hit or miss). Default: on with the emulator backend, off with aws.",
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
  RESPONSE_CACHE: oneOf(["off", "memory", "redis"])
    .default("off")
    .describe(
      "off: every request goes to AWS. memory: whole responses are cached in this process. redis: in Redis at REDIS_URL, shared by every instance. TTLs follow the state of the data (see RESPONSE_CACHE_LONG_TTL_S and RESPONSE_CACHE_SHORT_TTL_S).",
    ),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional()
    .describe(
      "Redis shared by every instance, e.g. redis://cache:6379/0: it holds the response cache (RESPONSE_CACHE=redis), the AWS call rate (AWS_CALLS_PER_SECOND), the callers' budgets (CALLER_AWS_CALLS_PER_MINUTE) and the build-progress polls (one instance polls each watched build and publishes its events to subscribers on every instance, see BUILD_PROGRESS_LEASE_MS), so those hold for the whole fleet. While Redis is away, each instance limits and polls on its own.",
    ),
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
  METRICS_PORT: integer(0, 65535)
    .optional()
    .describe(
      "Serve GET /metrics on this port (on HOST) instead of beside the GraphQL endpoint, so it can stay off the public network. Unset: /metrics on PORT.",
    ),
  GATEWAY_AUTH: oneOf(["jwt", "off"])
    .optional()
    .describe(
      "jwt: every GraphQL request needs a bearer JWT (set AUTH_JWT_SECRET or AUTH_JWKS_URL). off: no authentication, every caller holds every scope; with GATEWAY_BACKEND=aws it must be set explicitly and is warned about on every start. Default: jwt when a key source is set, else off with the emulator backend; the aws backend refuses to start without either.",
    ),
  AUTH_JWT_SECRET: z
    .string()
    .min(32, "must be at least 32 characters (HS256 needs a 256-bit key)")
    .optional()
    .describe("Shared secret that signs bearer tokens with HS256. Exclusive with AUTH_JWKS_URL."),
  AUTH_JWKS_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL of a JSON Web Key Set" })
    .refine(isSafeJwksUrl, "must use https (http only on a loopback host)")
    .optional()
    .describe(
      "URL of the identity provider's JSON Web Key Set; tokens are RS256 or ES256 signed by one of its keys. Keys are cached and fetched again when a token names an unknown key id (rotation).",
    ),
  AUTH_JWKS_COOLDOWN_SECONDS: integer(0, 3600)
    .default(30)
    .describe(
      "Least time between two downloads of the key set prompted by tokens with unknown key ids, so forged tokens cannot make the gateway hammer the identity provider.",
    ),
  AUTH_ISSUER: z
    .string()
    .min(1)
    .optional()
    .describe("Required `iss` claim of bearer tokens. Unset: any issuer the key vouches for."),
  AUTH_AUDIENCE: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Required `aud` claim (one of a comma-separated list). Unset: any audience, so tokens the identity provider issued for other applications are accepted too.",
    ),
  AUTH_READ_SCOPE: scopeName
    .default("images:read")
    .describe(
      "Token scope that allows every read: all Query fields, including federation's _entities and _service.",
    ),
  AUTH_EXECUTE_SCOPE: scopeName
    .default("pipelines:execute")
    .describe(
      "Token scope that allows the mutations startImagePipelineExecution and cancelImageCreation.",
    ),
  CALLER_AWS_CALLS_PER_MINUTE: integer(0, 1_000_000)
    .default(600)
    .describe(
      "AWS calls one caller (token subject, or client address when authentication is off) may cause per minute, across all its requests; past it, fields fail with RATE_LIMITED and a Retry-After. 0: unlimited.",
    ),
  TRUSTED_PROXIES: trustedProxies
    .default([])
    .describe(
      "Proxies (load balancers) whose X-Forwarded-For or Forwarded header names the client: a number of hops in front of the gateway (1: the peer is a proxy, 2: it and the one before it), or a comma-separated list of their addresses, CIDR ranges and the names loopback, linklocal, uniquelocal, e.g. 10.0.0.0/8. Only a request arriving from a trusted proxy has its client address (request log, per-caller budget with authentication off) taken from those headers, walking back past trusted hops; from anyone else they are ignored. Default: trust nobody, the client address is the peer's.",
    ),
  HTTP_HEADERS_TIMEOUT_MS: integer(100, 600_000)
    .default(10_000)
    .describe(
      "Time a client has to send a request's headers, from its first byte; past it the request is answered 408 (REQUEST_TIMEOUT) and the connection closed.",
    ),
  HTTP_BODY_TIMEOUT_MS: integer(100, 600_000)
    .default(15_000)
    .describe(
      "Time a client has to send a request's body once its headers arrived; past it the request is answered 408 (REQUEST_TIMEOUT) and the connection closed, so slow clients cannot hold connections or a graceful shutdown.",
    ),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: integer(1, 600_000)
    .default(5_000)
    .describe(
      "How long an idle keep-alive connection is kept open for its next request. Behind a load balancer, set it above the balancer's idle timeout (e.g. 65000 behind an AWS ALB's 60 s), so the balancer never reuses a connection the gateway is closing.",
    ),
  HTTP_MAX_REQUESTS_PER_SOCKET: integer(0, 1_000_000)
    .default(1_000)
    .describe(
      "Requests served on one keep-alive connection before the gateway closes it (with `Connection: close` on the last answer), so clients spread over new instances; 0: no limit.",
    ),
  MAX_REQUEST_BODY_BYTES: integer(1_024, 100_000_000)
    .default(1_048_576)
    .describe(
      "Largest request body accepted, in bytes; a larger one is refused with HTTP 413 before it is read. Also the largest graphql-ws WebSocket message: a larger one closes the socket with code 1009. Raise it with MAX_CURSOR_LENGTH when clients send very long cursors.",
    ),
  LOG_LEVEL: oneOf(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
    ignoreCase: true,
  })
    .default("info")
    .describe(
      "Least severe log level written: one line per request at info, unexpected errors at error.",
    ),
  LOG_FORMAT: oneOf(["json", "pretty"])
    .optional()
    .describe(
      "json: one JSON object per line, for log shippers. pretty: coloured, one readable line per entry, for a person at a terminal. Default: pretty when standard output is a terminal, else json.",
    ),
  SHUTDOWN_TIMEOUT_MS: integer(0, 600_000)
    .default(25_000)
    .describe(
      "On SIGTERM or SIGINT, how long in-flight requests may take to finish before their connections are closed. Open subscriptions do not wait for it: they end at once (SSE `complete`, WebSocket close 1001).",
    ),
  READY_CACHE_MS: integer(0, 3_600_000)
    .default(10_000)
    .describe(
      "How long a successful readiness check of an AWS service is reused before /ready calls the service again.",
    ),
  READY_TIMEOUT_MS: integer(100, 60_000)
    .default(2_000)
    .describe("Longest /ready waits for one service's check call before reporting it not ready."),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL such as http://collector:4318" })
    .optional()
    .describe(
      "Base URL of an OpenTelemetry collector (OTLP over HTTP); spans go to <url>/v1/traces. Unset: tracing is off.",
    ),
  OTEL_SERVICE_NAME: z
    .string()
    .min(1)
    .default("aws-image-graph")
    .describe("service.name of the exported spans."),
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
  BUILD_PROGRESS_POLL_MS: integer(10, 600_000)
    .default(1_000)
    .describe(
      "imageBuildProgress subscriptions: first and shortest wait between polls of a build; the wait starts here again after every change.",
    ),
  BUILD_PROGRESS_POLL_MAX_MS: integer(10, 3_600_000)
    .default(30_000)
    .describe(
      "imageBuildProgress subscriptions: longest wait between polls; each poll that sees no change doubles the wait up to this.",
    ),
  MAX_SUBSCRIPTIONS_PER_CALLER: integer(0, 100_000)
    .default(20)
    .describe(
      "Most subscriptions one caller (token subject, or client address when authentication is off) may have open on one instance at once, over Server-Sent Events and WebSocket together; one more is refused with SUBSCRIPTION_LIMIT_REACHED. 0: unlimited.",
    ),
  MAX_WEBSOCKETS_PER_CALLER: integer(0, 100_000)
    .default(10)
    .describe(
      "Most graphql-ws WebSocket connections one caller may have open on one instance at once; one more is closed with code 1008 after its connection_init. 0: unlimited.",
    ),
  BUILD_PROGRESS_LEASE_MS: integer(1_000, 600_000)
    .default(5_000)
    .describe(
      "With REDIS_URL: how long an instance's claim to poll a build lasts in Redis without renewal. One instance of the fleet polls each watched build and renews its claim every third of this; if it dies, another instance with subscribers to the build takes over within this time.",
    ),
});
const emulatorEnvironmentSchema = z.object(emulatorVariables);

/** The validated configuration; HOST is always resolved (see defaultHost). */
export type Config = Omit<z.infer<typeof environmentSchema>, "HOST"> & { HOST: string };
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
  const values = withoutEmptyValues(env);
  const result = environmentSchema.safeParse(values);
  const problems = result.success ? [] : result.error.issues.map(describeIssue);
  problems.push(...authenticationProblems(values));
  const { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } = environmentSchema.shape;
  const pageSize = DEFAULT_PAGE_SIZE.safeParse(env.DEFAULT_PAGE_SIZE || undefined);
  const maxPageSize = MAX_PAGE_SIZE.safeParse(env.MAX_PAGE_SIZE || undefined);
  if (pageSize.success && maxPageSize.success && pageSize.data > maxPageSize.data) {
    problems.push(
      `DEFAULT_PAGE_SIZE: must not exceed MAX_PAGE_SIZE (${maxPageSize.data}), got ${pageSize.data}`,
    );
  }
  const metricsPort = result.data?.METRICS_PORT;
  if (metricsPort && metricsPort === result.data?.PORT) {
    problems.push(`METRICS_PORT (${metricsPort}) must differ from PORT, or be unset`);
  }
  const pollMs = result.data?.BUILD_PROGRESS_POLL_MS;
  const pollMaxMs = result.data?.BUILD_PROGRESS_POLL_MAX_MS;
  if (pollMs !== undefined && pollMaxMs !== undefined && pollMs > pollMaxMs) {
    problems.push(
      `BUILD_PROGRESS_POLL_MS (${pollMs}) must not exceed BUILD_PROGRESS_POLL_MAX_MS (${pollMaxMs})`,
    );
  }
  if (result.success) {
    problems.push(...regionConfigProblems(result.data.AWS_REGION, allowedRegions(result.data)));
  }
  problems.push(...parseAccounts(values.AWS_ACCOUNTS).problems);
  if (result.data?.RESPONSE_CACHE === "redis" && !result.data.REDIS_URL) {
    problems.push("RESPONSE_CACHE=redis needs REDIS_URL (e.g. redis://127.0.0.1:6379)");
  }
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  return { ...result.data, HOST: result.data.HOST ?? defaultHost(result.data) };
}

/**
 * Without authentication anyone who reaches the port acts with the gateway's AWS credentials (or
 * starts emulated builds), so an unset HOST keeps such a gateway on loopback; a gateway that
 * checks tokens listens on every interface, as servers usually do.
 */
function defaultHost(config: Pick<Config, "AUTH_JWT_SECRET" | "AUTH_JWKS_URL">): string {
  return authenticationMode(config) === "off" ? "127.0.0.1" : "0.0.0.0";
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

/** Whether GraphQL requests need a bearer token; loadConfig has ruled out contradictions. */
export function authenticationMode(
  config: Pick<Config, "AUTH_JWT_SECRET" | "AUTH_JWKS_URL">,
): "jwt" | "off" {
  return config.AUTH_JWT_SECRET || config.AUTH_JWKS_URL ? "jwt" : "off";
}

/**
 * Combinations of the authentication variables that cannot be meant, read from the raw values so
 * they are reported beside any other invalid variable. Real AWS behind an open gateway is one:
 * whoever reaches the port would act with its credentials.
 */
function authenticationProblems(setValues: Record<string, string>): string[] {
  // Read trimmed, as the parser reads them ("jwt " is jwt); empty ones are already gone.
  const values = Object.fromEntries(
    Object.entries(setValues).map(([name, value]) => [name, value.trim()]),
  );
  const problems: string[] = [];
  const hasKey = Boolean(values.AUTH_JWT_SECRET || values.AUTH_JWKS_URL);
  if (values.AUTH_JWT_SECRET && values.AUTH_JWKS_URL) {
    problems.push(
      "AUTH_JWT_SECRET and AUTH_JWKS_URL are both set: tokens are verified with one key source, HS256 with the secret or RS256/ES256 with the key set; unset one",
    );
  }
  if (values.GATEWAY_AUTH === "off" && hasKey) {
    problems.push(
      "GATEWAY_AUTH=off contradicts AUTH_JWT_SECRET/AUTH_JWKS_URL: unset the key source, or GATEWAY_AUTH to require tokens",
    );
  } else if (values.GATEWAY_AUTH === "jwt" && !hasKey) {
    problems.push(
      "GATEWAY_AUTH=jwt needs a key source: AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL (RS256/ES256)",
    );
  } else if (!values.GATEWAY_AUTH && !hasKey && values.GATEWAY_BACKEND === "aws") {
    problems.push(
      "GATEWAY_BACKEND=aws without authentication would let anyone who reaches the gateway act with its AWS credentials: set AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL (RS256/ES256) to require bearer tokens, or GATEWAY_AUTH=off to run without authentication on purpose",
    );
  }
  if (!hasKey) {
    for (const name of ["AUTH_ISSUER", "AUTH_AUDIENCE"]) {
      if (values[name]) {
        problems.push(
          `${name} is set but no token is checked: it needs AUTH_JWT_SECRET or AUTH_JWKS_URL`,
        );
      }
    }
  }
  return problems;
}

/** AWS_REGIONS as a list; empty when unset. */
export function allowedRegions(config: Pick<Config, "AWS_REGIONS">): string[] {
  return config.AWS_REGIONS?.split(",") ?? [];
}

/** AWS_CALL_TIMEOUT_MS, or its deprecated name AWS_REQUEST_TIMEOUT_MS, or the default. */
export function awsCallTimeoutMs(config: Config): number {
  return config.AWS_CALL_TIMEOUT_MS ?? config.AWS_REQUEST_TIMEOUT_MS ?? DEFAULT_AWS_CALL_TIMEOUT_MS;
}

export const DEFAULT_AWS_CALL_TIMEOUT_MS = 10_000;

/** One variable as docs/configuration.md shows it. */
export interface VariableDescription {
  name: string;
  description: string;
  /** The default as written in the environment; absent when the description says it. */
  default?: string;
  /** Read by the standalone emulator (`npm run emulator`) too. */
  emulator: boolean;
}

/** Every variable with its description and default, for docs/configuration.md. */
export function describeConfig(): VariableDescription[] {
  return Object.entries(environmentSchema.shape).map(([name, schema]) => ({
    name,
    description: schema.description ?? "",
    default: schema instanceof z.ZodDefault ? String(schema.def.defaultValue) : undefined,
    emulator: name in emulatorVariables,
  }));
}

// An exported-but-empty variable (`PORT=`) means "unset", as in most twelve-factor tools.
function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1]?.trim())),
  );
}
