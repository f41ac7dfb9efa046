import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { GraphQLResponse } from "./gateway.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface GatewayProcess {
  proc: ChildProcess;
  output(): { stdout: string; stderr: string };
  /** The GraphQL URL, once the gateway printed that it is ready. */
  url(): Promise<string>;
  /** POSTs an operation; `signal` lets a test walk away from it. */
  query<Data = Record<string, unknown>>(
    document: string,
    options?: { signal?: AbortSignal },
  ): Promise<GraphQLResponse<Data>>;
  stop(): void;
}

/** `src/main.ts` through tsx; the production build runs `dist/main.js` instead. */
const FROM_SOURCE = ["--import", "tsx", "src/main.ts"];

/**
 * Runs the gateway's entry point in a process of its own, with extra environment. `startupMs`
 * bounds the wait for it to be ready (starting several at once on a busy machine takes a while).
 */
export function startGatewayProcess(
  env: Record<string, string>,
  startupMs = 30_000,
  nodeArgs: readonly string[] = FROM_SOURCE,
): GatewayProcess {
  const proc = spawn(process.execPath, nodeArgs, {
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  proc.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  proc.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let ready: Promise<string> | undefined;
  const url = () => {
    ready ??= (async () => {
      for (let waited = 0; waited < startupMs; waited += 100) {
        const match = /ready at (\S+)/.exec(stdout);
        if (match?.[1]) return match[1];
        if (proc.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`gateway did not start:\n${stdout}\n${stderr}`);
    })();
    return ready;
  };
  return {
    proc,
    output: () => ({ stdout, stderr }),
    url,
    async query<Data>(document: string, options: { signal?: AbortSignal } = {}) {
      const response = await fetch(await url(), {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query: document }),
        signal: options.signal,
      });
      return (await response.json()) as GraphQLResponse<Data>;
    },
    stop: () => {
      proc.kill("SIGTERM");
    },
  };
}

export interface DeployedGateway {
  url: string;
  process: ChildProcess;
  /** What the process printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The gateway as it is deployed: `src/main.ts` in its own process, configured by environment
 * only, pointed at an emulator like at AWS (GATEWAY_BACKEND=aws, AWS_ENDPOINT_URL).
 */
export async function startDeployedGateway(env: Record<string, string>): Promise<DeployedGateway> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      GATEWAY_BACKEND: "aws",
      AWS_ACCESS_KEY_ID: "emulator",
      AWS_SECRET_ACCESS_KEY: "emulator",
      AWS_REGION: "us-east-1",
      GATEWAY_DEBUG: "on",
      // Behind a test's own emulator: no token, no per-caller budget.
      GATEWAY_AUTH: "off",
      CALLER_AWS_CALLS_PER_MINUTE: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`gateway exited (${code}):\n${output}`)));
  });
  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
