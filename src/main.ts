import { ConfigError, loadConfig } from "./config.js";
import { createLogger, type Logger, logFormat } from "./observability/logger.js";
import { startGateway } from "./start.js";

// Until the configuration is read, problems are logged at the default level, in the format
// LOG_FORMAT asks for when it is valid.
const requestedFormat = process.env.LOG_FORMAT?.trim();
let logger: Logger = createLogger(
  "info",
  undefined,
  logFormat(
    requestedFormat === "json" || requestedFormat === "pretty" ? requestedFormat : undefined,
  ),
);

// Every line this process writes goes through the logger, its last words included.
process.on("uncaughtException", (error) => {
  logger.fatal({ err: error }, "uncaught exception; exiting");
  process.exit(1);
});

try {
  const config = loadConfig();
  const format = logFormat(config.LOG_FORMAT);
  logger = createLogger(config.LOG_LEVEL, undefined, format);
  const running = await startGateway({ config, logger });
  for (const warning of running.warnings) logger.warn(warning);
  // One entry, so whoever watches for "ready at" has the whole banner.
  const banner = [
    running.graphiql
      ? `GraphQL gateway ready at ${running.url} (open it in a browser for GraphiQL)`
      : `GraphQL gateway ready at ${running.url} (persisted operations only; GraphiQL is off)`,
    `Listening on: ${running.listenDescription}`,
    `Backend: ${running.backendDescription}`,
    `Accounts: ${running.accountsDescription}`,
    `Authentication: ${running.authDescription}`,
    ...(running.metricsUrl ? [`Metrics at ${running.metricsUrl}`] : []),
  ];
  const fields = {
    url: running.url,
    backend: running.backendDescription,
    accounts: running.accountsDescription,
    authentication: running.authDescription,
    metricsUrl: running.metricsUrl,
  };
  // A person reads the words; machines get the same facts as fields.
  logger.info(format === "json" ? fields : {}, banner.join(format === "json" ? "\n" : "\n  "));
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // npm and the terminal may both pass on one Ctrl-C; the first signal starts the one shutdown.
    if (stopping) return;
    stopping = true;
    logger.info(
      { signal, inFlight: running.requestsInFlight(), timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
      `${signal} received: finishing requests in flight, then stopping`,
    );
    running.shutdown().then(
      () => {
        logger.info("gateway stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  // Configuration and fixture problems are the operator's to fix: say what, without a stack.
  const message =
    error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  logger.error(`Gateway failed to start: ${message}`);
  process.exit(1);
}
