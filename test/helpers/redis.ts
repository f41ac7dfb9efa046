import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? "/usr/bin/redis-server";

/**
 * Debian's redis-server, installed with apt-get when missing (as `.ci/run` does); false when it
 * is missing and cannot be installed (no root, no network).
 */
export function ensureRedisServer(): boolean {
  if (existsSync(REDIS_SERVER)) return true;
  const sudo = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  const run = (args: string[]) => {
    const [command = "", ...rest] = [...sudo, ...args];
    execFileSync(command, rest, {
      stdio: "ignore",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      timeout: 300_000,
    });
  };
  try {
    run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "redis-server"]);
  } catch {
    try {
      run(["apt-get", "update", "-qq"]);
      run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "redis-server"]);
    } catch {
      return false;
    }
  }
  return existsSync(REDIS_SERVER);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningRedis {
  url: string;
  process: ChildProcess;
  /** Kills the server at once, as a crash or a lost network would. */
  kill(): Promise<void>;
}

/** A throwaway Redis on a free loopback port, keeping nothing on disk. */
export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  const child = spawn(
    REDIS_SERVER,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    process: child,
    kill: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}
