import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { LoaderMode } from "./aws/call-loader.js";
import { AwsCallGate } from "./aws/calls.js";
import { AwsClients } from "./aws/clients.js";
import { createMemoryResponseCache } from "./cache/plugin.js";
import { connectRedis, createRedisResponseCache } from "./cache/redis.js";
import type { Config } from "./config.js";
import type { GatewayServices } from "./context.js";
import {
  DEMO_FIXTURE_PATH,
  type EmulatorOptions,
  type FaultOptions,
  type Fixture,
  faultsFromEnv,
  loadFixtureFile,
  type RunningEmulator,
  startEmulator,
} from "./emulator/index.js";
import { CursorCodec } from "./graph/cursor.js";
import { httpOptionsFromConfig } from "./http/options.js";
import { GatewayMetrics } from "./observability/metrics.js";
import { createGateway, type Gateway } from "./server.js";

export interface StartOptions {
  config: Config;
  env?: NodeJS.ProcessEnv;
  /** Emulator backend: data to serve instead of EMULATOR_SEED or the demo fixture. */
  fixture?: Fixture;
  /** Emulator backend: faults to inject instead of the EMULATOR_* variables. */
  faults?: FaultOptions;
  /** Emulator backend: token behaviour to emulate (expiry, trailing empty pages). */
  emulatorBehaviour?: Pick<EmulatorOptions, "tokenTtlMs" | "emptyTrailingPage">;
  /** Tests only: "naive" disables loader caching and batching to measure what they save. */
  loaderMode?: LoaderMode;
}

export interface RunningGateway {
  url: string;
  gateway: Gateway;
  services: GatewayServices;
  /** The embedded emulator, with the emulator backend. */
  emulator?: RunningEmulator;
  /** Where the data came from, for the startup banner. */
  backendDescription: string;
  warnings: string[];
  close(): Promise<void>;
}

/** Starts the backend the configuration asks for and the gateway in front of it. */
export async function startGateway(options: StartOptions): Promise<RunningGateway> {
  const { config } = options;
  const env = options.env ?? process.env;
  const warnings: string[] = [];
  // Before the emulator starts, so a bad CORS_ORIGINS or manifest leaves nothing running.
  const http = await httpOptionsFromConfig(config);

  let emulator: RunningEmulator | undefined;
  let backendDescription: string;
  if (config.GATEWAY_BACKEND === "emulator") {
    const seed = config.EMULATOR_SEED ?? DEMO_FIXTURE_PATH;
    const fixture = options.fixture ?? (await loadFixtureFile(seed));
    emulator = await startEmulator({
      ...options.emulatorBehaviour,
      fixture,
      faults: options.faults ?? faultsFromEnv(env),
    });
    backendDescription = `embedded AWS emulator at ${emulator.url} (${options.fixture ? "fixture given in code" : seed})`;
  } else {
    backendDescription = `AWS (default region ${config.AWS_REGION}; credentials and endpoints from the standard AWS configuration)`;
  }

  const clients = new AwsClients({
    defaultRegion: config.AWS_REGION,
    endpoint: emulator?.url,
    // The emulator checks that calls are signed, not by whom.
    credentials: emulator ? { accessKeyId: "emulator", secretAccessKey: "emulator" } : undefined,
    retry: {
      maxAttempts: config.AWS_MAX_ATTEMPTS,
      baseDelayMs: config.AWS_RETRY_BASE_DELAY_MS,
      maxDelayMs: config.AWS_RETRY_MAX_DELAY_MS,
    },
    requestTimeoutMs: config.AWS_REQUEST_TIMEOUT_MS,
    env,
  });

  let cursors: CursorCodec;
  if (config.CURSOR_SECRET) {
    cursors = new CursorCodec(config.CURSOR_SECRET.split(","), config.MAX_CURSOR_LENGTH);
  } else {
    cursors = CursorCodec.ephemeral(config.MAX_CURSOR_LENGTH);
    warnings.push(
      "CURSOR_SECRET is not set: cursors are signed with a random key and stop working when this process restarts, and other gateway instances reject them.",
    );
  }

  const metrics = new GatewayMetrics();
  const services: GatewayServices = {
    clients,
    gate: new AwsCallGate(clients, config.AWS_MAX_CONCURRENCY, metrics),
    metrics,
    cursors,
    paging: { defaultPageSize: config.DEFAULT_PAGE_SIZE, maxPageSize: config.MAX_PAGE_SIZE },
    debugCalls: config.GATEWAY_DEBUG ? config.GATEWAY_DEBUG === "on" : Boolean(emulator),
    loaderMode: options.loaderMode ?? "batched",
    cacheTtls: {
      longMs: config.RESPONSE_CACHE_LONG_TTL_S * 1000,
      shortMs: config.RESPONSE_CACHE_SHORT_TTL_S * 1000,
    },
  };
  const redis =
    config.RESPONSE_CACHE === "redis" && config.REDIS_URL
      ? connectRedis(config.REDIS_URL, (message) => console.warn(`warning: ${message}`))
      : undefined;
  if (config.RESPONSE_CACHE === "memory") {
    http.responseCache = createMemoryResponseCache(config.RESPONSE_CACHE_MAX_ENTRIES);
  } else if (redis) {
    http.responseCache = createRedisResponseCache(redis);
  }
  const gateway = createGateway(services, http);
  const server = createServer(gateway);
  try {
    await listen(server, config.PORT, config.HOST);
  } catch (error) {
    // A taken port must not leave the embedded emulator and the SDK clients running.
    clients.destroy();
    redis?.disconnect();
    await emulator?.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;

  return {
    url: `http://${host}:${port}/graphql`,
    gateway,
    services,
    emulator,
    backendDescription,
    warnings,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clients.destroy();
      redis?.disconnect();
      await emulator?.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
