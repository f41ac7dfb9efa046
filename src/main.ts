import { ConfigError, loadConfig } from "./config.js";
import { startGateway } from "./start.js";

try {
  const config = loadConfig();
  const running = await startGateway({ config });
  for (const warning of running.warnings) console.warn(`warning: ${warning}`);
  console.log(
    running.graphiql
      ? `GraphQL gateway ready at ${running.url} (GraphiQL in the browser)`
      : `GraphQL gateway ready at ${running.url} (persisted operations only; GraphiQL is off)`,
  );
  console.log(`Backend: ${running.backendDescription}`);
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
