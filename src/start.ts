import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SpanExporter } from "@opentelemetry/sdk-trace-node";
import { Authenticator } from "./auth/authentication.js";
import { CallerBudgets } from "./auth/budgets.js";
import { type AccountEntry, AwsAccounts, parseAccounts } from "./aws/accounts.js";
import type { LoaderMode } from "./aws/call-loader.js";
import { AwsCallRate } from "./aws/call-rate.js";
import { AwsCallGate } from "./aws/calls.js";
import { AwsClients } from "./aws/clients.js";
import { type CredentialStatus, credentialStatus } from "./aws/credentials.js";
import { RegionPolicy } from "./aws/regions.js";
import { createMemoryResponseCache } from "./cache/plugin.js";
import { connectRedis, createRedisResponseCache } from "./cache/redis.js";
import { allowedRegions, awsCallTimeoutMs, type Config, faultsFromConfig } from "./config.js";
import type { GatewayServices } from "./context.js";
import { costLimitsFromConfig } from "./cost/limits.js";
import {
  DEMO_FIXTURE_PATH,
  type EmulatorOptions,
  type FaultOptions,
  type Fixture,
  loadFixtureFile,
  type RunningEmulator,
  startEmulator,
} from "./emulator/index.js";
import { CursorCodec } from "./graph/cursor.js";
import { AutomaticPersistedQueries } from "./http/automatic-persisted-queries.js";
import { ClientAddresses } from "./http/client-address.js";
import {
  closeAfterLastRequest,
  connectionLimitsFromConfig,
  limitConnections,
  requireBodyWithin,
  serverOptions,
} from "./http/connections.js";
import { serveGraphQLOverWebSocket } from "./http/graphql-ws.js";
import { OpenSubscriptions } from "./http/open-subscriptions.js";
import { httpOptionsFromConfig } from "./http/options.js";
import { BuildProgressFleet } from "./image-builder/build-progress-fleet.js";
import { listen } from "./listen.js";
import { createLogger, type Logger } from "./observability/logger.js";
import { GatewayMetrics } from "./observability/metrics.js";
import { metricsListener } from "./observability/plugins.js";
import { Readiness } from "./observability/readiness.js";
import { createTracing } from "./observability/tracing.js";
import { createGateway, type Gateway, GRAPHQL_ENDPOINT } from "./server.js";

export interface StartOptions {
  config: Config;
  env?: NodeJS.ProcessEnv;
  /** Emulator backend: data to serve instead of EMULATOR_SEED or the demo fixture. */
  fixture?: Fixture;
  /** Emulator backend: faults to inject instead of the EMULATOR_* variables. */
  faults?: FaultOptions;
  /** Emulator backend: token behaviour to emulate (expiry, trailing empty pages). */
  emulatorBehaviour?: Pick<EmulatorOptions, "tokenTtlMs" | "emptyTrailingPage" | "sessionSeconds">;
  /** Tests only: "naive" disables loader caching and batching to measure what they save. */
  loaderMode?: LoaderMode;
  /** Where log lines go; by default JSON on stdout and stderr at LOG_LEVEL. */
  logger?: Logger;
  /** Tests only: spans go to this exporter (tracing on whatever OTEL_EXPORTER_OTLP_ENDPOINT says). */
  spanExporter?: SpanExporter;
}

export interface RunningGateway {
  url: string;
  gateway: Gateway;
  services: GatewayServices;
  /** The embedded emulator, with the emulator backend. */
  emulator?: RunningEmulator;
  /** Whether browsers get GraphiQL (not with PERSISTED_OPERATIONS). */
  graphiql: boolean;
  /** Where the data came from, for the startup banner. */
  backendDescription: string;
  /** Whether and how callers authenticate, for the startup banner. */
  authDescription: string;
  /** Which AWS accounts the gateway reaches, for the startup banner. */
  accountsDescription: string;
  /** Where the gateway listens and who can reach it, for the startup banner. */
  listenDescription: string;
  /** Where GET /metrics is served when METRICS_PORT gives it a port of its own. */
  metricsUrl?: string;
  warnings: string[];
  /** How many requests are being served right now. */
  requestsInFlight(): number;
  /**
   * Graceful stop: /ready turns not ready, no new connections are accepted, requests in flight
   * finish (for up to SHUTDOWN_TIMEOUT_MS, or `timeoutMs`), then everything is closed.
   */
  shutdown(timeoutMs?: number): Promise<void>;
  /** Immediate stop: open connections are cut, then everything is closed. */
  close(): Promise<void>;
}

/** Starts the backend the configuration asks for and the gateway in front of it. */
export async function startGateway(options: StartOptions): Promise<RunningGateway> {
  const { config } = options;
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const warnings: string[] = [];
  // Before the emulator starts, so a bad CORS_ORIGINS or manifest leaves nothing running.
  const http = await httpOptionsFromConfig(config);

  let emulator: RunningEmulator | undefined;
  let backendDescription: string;
  let accountEntries = parseAccounts(config.AWS_ACCOUNTS).entries;
  if (config.GATEWAY_BACKEND === "emulator") {
    const seed = config.EMULATOR_SEED ?? DEMO_FIXTURE_PATH;
    const fixture = options.fixture ?? (await loadFixtureFile(seed));
    // Without AWS_ACCOUNTS, the fixture's other accounts are read through their first role.
    if (config.AWS_ACCOUNTS === undefined) accountEntries = accountsOfFixture(fixture);
    emulator = await startEmulator({
      ...options.emulatorBehaviour,
      fixture,
      faults: options.faults ?? faultsFromConfig(config),
      logError: (message) => logger.error(message),
      buildStepMs: config.EMULATOR_BUILD_STEP_MS,
    });
    backendDescription = `embedded AWS emulator at ${emulator.url} (${options.fixture ? "fixture given in code" : seed})`;
  } else {
    backendDescription = `AWS (default region ${config.AWS_REGION}; credentials and endpoints from the standard AWS configuration)`;
  }

  // The emulator serves the home account to any base credentials, other accounts to roles'.
  const baseCredentials = emulator
    ? { accessKeyId: "emulator", secretAccessKey: "emulator" }
    : undefined;
  const accounts = new AwsAccounts(accountEntries, {
    credentials: baseCredentials,
    endpoint: emulator?.url ?? env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL,
    region: config.AWS_REGION,
  });
  const clients = new AwsClients({
    defaultRegion: config.AWS_REGION,
    regions: new RegionPolicy(config.AWS_REGION, allowedRegions(config)),
    endpoint: emulator?.url,
    credentials: baseCredentials,
    accounts,
    retry: {
      maxAttempts: config.AWS_MAX_ATTEMPTS,
      baseDelayMs: config.AWS_RETRY_BASE_DELAY_MS,
      maxDelayMs: config.AWS_RETRY_MAX_DELAY_MS,
    },
    callTimeoutMs: awsCallTimeoutMs(config),
    maxSockets: config.AWS_MAX_SOCKETS,
    env,
  });

  if (config.AWS_REQUEST_TIMEOUT_MS !== undefined) {
    warnings.push(
      config.AWS_CALL_TIMEOUT_MS === undefined
        ? "AWS_REQUEST_TIMEOUT_MS is deprecated: it is used as AWS_CALL_TIMEOUT_MS; rename it."
        : "AWS_REQUEST_TIMEOUT_MS is deprecated and ignored, because AWS_CALL_TIMEOUT_MS is set.",
    );
  }
  if (!emulator) {
    const status = await credentialsAtStartup(clients);
    if (status && !status.ok) warnings.push(`${status.message} Until then every AWS call fails.`);
  }

  let cursors: CursorCodec;
  if (config.CURSOR_SECRET) {
    cursors = new CursorCodec(config.CURSOR_SECRET.split(","), config.MAX_CURSOR_LENGTH);
  } else {
    cursors = CursorCodec.ephemeral(config.MAX_CURSOR_LENGTH);
    // The embedded emulator lives and dies with this one process, so its cursors could not
    // outlive it anyway; against AWS, restarts and other instances need a shared key.
    if (!emulator) {
      warnings.push(
        "CURSOR_SECRET is not set: cursors are signed with a random key and stop working when this process restarts, and other gateway instances reject them.",
      );
    }
  }

  const auth = Authenticator.fromConfig(config);
  if (auth.mode === "off" && config.GATEWAY_BACKEND === "aws") {
    warnings.push(
      "GATEWAY_AUTH=off with GATEWAY_BACKEND=aws: anyone who reaches this gateway acts with its AWS credentials and can start pipeline builds. Set AUTH_JWT_SECRET or AUTH_JWKS_URL instead unless something in front of the gateway authenticates every caller.",
    );
  }
  if (config.AUTH_JWKS_URL && !config.AUTH_AUDIENCE) {
    warnings.push(
      "AUTH_AUDIENCE is not set: tokens the identity provider issued for any other application are accepted too.",
    );
  }

  const tracing = await createTracing({
    endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    serviceName: config.OTEL_SERVICE_NAME,
    exporter: options.spanExporter,
  });
  const metrics = new GatewayMetrics();
  const readiness = new Readiness({
    clients,
    regions: [config.AWS_REGION],
    cacheMs: config.READY_CACHE_MS,
    timeoutMs: config.READY_TIMEOUT_MS,
  });
  // What the fleet shares: the response cache, the AWS call rate and the callers' budgets.
  const redis = config.REDIS_URL
    ? connectRedis(config.REDIS_URL, (message) => logger.warn(message))
    : undefined;
  const services: GatewayServices = {
    auth,
    clientAddresses: new ClientAddresses(config.TRUSTED_PROXIES),
    clients,
    gate: new AwsCallGate(clients, config.AWS_MAX_CONCURRENCY, metrics, {
      budgets: new CallerBudgets(config.CALLER_AWS_CALLS_PER_MINUTE, redis),
      rate: AwsCallRate.create(config.AWS_CALLS_PER_SECOND, redis),
      coalesce: config.AWS_COALESCE_CALLS === "on",
      logger,
      tracer: tracing?.tracer,
    }),
    metrics,
    cursors,
    paging: {
      defaultPageSize: config.DEFAULT_PAGE_SIZE,
      maxPageSize: config.MAX_PAGE_SIZE,
      maxPagesPerWalk: config.AWS_MAX_PAGES_PER_WALK,
    },
    costLimits: costLimitsFromConfig(config),
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    debugCalls: config.GATEWAY_DEBUG ? config.GATEWAY_DEBUG === "on" : Boolean(emulator),
    loaderMode: options.loaderMode ?? "batched",
    logger,
    readiness,
    tracing,
    automaticPersistedQueries: new AutomaticPersistedQueries(config.APQ_CACHE_SIZE),
    openSubscriptions: new OpenSubscriptions(config.MAX_SUBSCRIPTIONS_PER_CALLER),
    buildProgressFleet: redis
      ? new BuildProgressFleet(redis, config.BUILD_PROGRESS_LEASE_MS)
      : undefined,
    buildProgressPolling: {
      minMs: config.BUILD_PROGRESS_POLL_MS,
      maxMs: config.BUILD_PROGRESS_POLL_MAX_MS,
    },
    cacheTtls: {
      longMs: config.RESPONSE_CACHE_LONG_TTL_S * 1000,
      shortMs: config.RESPONSE_CACHE_SHORT_TTL_S * 1000,
    },
    ignoreAccessDenied: config.AWS_IGNORE_ACCESS_DENIED === "true",
  };
  if (config.RESPONSE_CACHE === "memory") {
    http.responseCache = createMemoryResponseCache(config.RESPONSE_CACHE_MAX_ENTRIES);
  } else if (config.RESPONSE_CACHE === "redis" && redis) {
    http.responseCache = createRedisResponseCache(redis);
  }
  accounts.observeCalls(services.gate.observeStsCall);
  const gateway = createGateway(services, http);
  const inFlight = new InFlightRequests(metrics);
  const connections = connectionLimitsFromConfig(config);
  const server = createServer(serverOptions(connections), (request, response) => {
    inFlight.track(response);
    requireBodyWithin(request, response, connections, logger, services.clientAddresses);
    closeAfterLastRequest(request, response, connections);
    // A request that arrives on an open connection while draining is served, then the
    // connection closes, so the client opens its next one elsewhere.
    if (readiness.isDraining) response.setHeader("connection", "close");
    gateway(request, response);
  });
  limitConnections(server, connections, logger);
  const sockets = serveGraphQLOverWebSocket(server, {
    gateway,
    services,
    endpoint: GRAPHQL_ENDPOINT,
    corsOrigins: http.corsOrigins,
    maxMessageBytes: http.maxBodyBytes,
    maxSocketsPerCaller: config.MAX_WEBSOCKETS_PER_CALLER,
    persistedOperations: http.persistedOperations,
  });
  const metricsServer =
    config.METRICS_PORT === undefined
      ? undefined
      : createServer(serverOptions(connections), metricsListener(metrics));
  const release = async () => {
    if (metricsServer?.listening) {
      metricsServer.closeAllConnections();
      await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
    }
    clients.destroy();
    services.buildProgressFleet?.disconnect();
    redis?.disconnect();
    await emulator?.close();
    await tracing?.shutdown();
  };
  try {
    await listen(server, config.PORT, config.HOST);
    if (metricsServer) await listen(metricsServer, config.METRICS_PORT ?? 0, config.HOST);
  } catch (error) {
    // A taken port must not leave the embedded emulator and the SDK clients running.
    if (server.listening) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await release();
    throw error;
  }
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
  const urlOf = (listening: Server, path: string) =>
    `http://${host.includes(":") ? `[${host}]` : host}:${(listening.address() as AddressInfo).port}${path}`;

  return {
    url: urlOf(server, "/graphql"),
    gateway,
    services,
    emulator,
    graphiql: !http.persistedOperations,
    backendDescription,
    authDescription: auth.description,
    accountsDescription: `${accounts.list
      .map((account) => (account.id ? `${account.name} (${account.id})` : account.name))
      .join(", ")} (${
      config.AWS_ACCOUNTS !== undefined
        ? "AWS_ACCOUNTS"
        : emulator
          ? "the emulator's fixture accounts"
          : "the account of the gateway's AWS credentials"
    })`,
    listenDescription: `${config.HOST} port ${(server.address() as AddressInfo).port}${
      LOOPBACK.has(config.HOST) ? " (this machine only; HOST=0.0.0.0 accepts other machines)" : ""
    }`,
    metricsUrl: metricsServer ? urlOf(metricsServer, "/metrics") : undefined,
    warnings,
    requestsInFlight: () => inFlight.count,
    async shutdown(timeoutMs = config.SHUTDOWN_TIMEOUT_MS) {
      readiness.startDraining();
      // Responses not yet started close their connection too, so clients reconnect elsewhere.
      inFlight.closeConnectionsAfterResponse();
      // Subscriptions would run until the timeout: they end now, SSE with `complete`, and
      // WebSockets with close code 1001 (going away).
      services.openSubscriptions.endAll();
      const socketsClosed = sockets.close();
      // Stops accepting connections (and closes idle keep-alive ones) at once.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await socketsClosed;
      const drained = await inFlight.drained(timeoutMs);
      if (!drained) {
        logger.warn(
          { abandoned: inFlight.count, timeoutMs },
          "shutdown timeout (SHUTDOWN_TIMEOUT_MS) reached; closing the connections of requests still in flight",
        );
      }
      server.closeAllConnections();
      await closed;
      await release();
    },
    async close() {
      readiness.startDraining();
      services.openSubscriptions.endAll();
      await sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await release();
    },
  };
}

/** AWS_ACCOUNTS for an emulator fixture: each of its accounts, named `account-<id>`. */
function accountsOfFixture(fixture: Fixture): AccountEntry[] {
  return (fixture.accounts ?? []).flatMap(({ accountId, roles }) => {
    const role = roles?.[0];
    if (!role) return [];
    return [
      {
        id: accountId,
        name: `account-${accountId}`,
        roleArn: role.arn,
        ...(role.externalId ? { externalId: role.externalId } : {}),
      },
    ];
  });
}

/** Counts the responses not yet sent, and says when none are left. */
class InFlightRequests {
  private readonly responses = new Set<ServerResponse>();
  private idle: Array<() => void> = [];

  constructor(private readonly metrics: GatewayMetrics) {}

  get count(): number {
    return this.responses.size;
  }

  track(response: ServerResponse): void {
    this.responses.add(response);
    this.metrics.requestsInFlight.inc();
    // "close" comes once per response: after it is sent, or when its connection is lost.
    response.once("close", () => {
      this.responses.delete(response);
      this.metrics.requestsInFlight.dec();
      if (this.count === 0) for (const resolve of this.idle.splice(0)) resolve();
    });
  }

  /** Every response whose headers are still to be sent will say `Connection: close`. */
  closeConnectionsAfterResponse(): void {
    for (const response of this.responses) {
      if (!response.headersSent) response.setHeader("connection", "close");
    }
  }

  /** True once no request is in flight, false if `timeoutMs` passes first. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

/** Credential status for the startup banner; none when the provider chain takes too long. */
async function credentialsAtStartup(clients: AwsClients): Promise<CredentialStatus | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tooLong = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), STARTUP_CREDENTIALS_WAIT_MS);
  });
  try {
    return await Promise.race([credentialStatus(clients), tooLong]);
  } finally {
    clearTimeout(timer);
  }
}

const STARTUP_CREDENTIALS_WAIT_MS = 5_000;

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
