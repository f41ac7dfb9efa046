import { ConfigError, loadConfig } from "./config.js";
import { startGateway } from "./start.js";

try {
  const config = loadConfig();
  const running = await startGateway({ config });
  for (const warning of running.warnings) console.warn(`warning: ${warning}`);
  // One write, so whoever watches for "ready at" has the whole banner.
  const banner = [
    `GraphQL gateway ready at ${running.url} (GraphiQL in the browser)`,
    `Backend: ${running.backendDescription}`,
    `Authentication: ${running.authDescription}`,
    ...(running.metricsUrl ? [`Metrics at ${running.metricsUrl}`] : []),
  ];
  console.log(banner.join("\n"));
  const stop = () => {
    running.close().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  // Configuration and fixture problems are the operator's to fix: say what, without a stack.
  const message =
    error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  console.error(`Gateway failed to start: ${message}`);
  process.exit(1);
}
