/**
 * System under test: the gateway in its own process, pointed at the standalone emulator like at
 * AWS (GATEWAY_BACKEND=aws, AWS_ENDPOINT_URL). `--loaders=naive` turns loaders off. Prints one
 * JSON line with its URL when it listens.
 */
import { loadConfig } from "../../src/config.js";
import { startGateway } from "../../src/start.js";

const naive = process.argv.includes("--loaders=naive");
const running = await startGateway({
  config: loadConfig(),
  loaderMode: naive ? "naive" : "batched",
});
console.log(JSON.stringify({ url: running.url }));
process.once("SIGTERM", () => {
  running.close().finally(() => process.exit(0));
});
