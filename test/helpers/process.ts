import { type ChildProcess, spawn } from "node:child_process";

export interface GatewayProcess {
  proc: ChildProcess;
  output(): { stdout: string; stderr: string };
  /** The GraphQL URL the process announced; rejects if it exits or stays silent for 30 s. */
  url(): Promise<string>;
}

/** Runs `npm start`'s command in a process of its own, with extra environment. */
export function spawnGateway(env: Record<string, string>): GatewayProcess {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
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
  return {
    proc,
    output: () => ({ stdout, stderr }),
    async url(): Promise<string> {
      for (let waited = 0; waited < 30_000; waited += 100) {
        const match = /ready at (\S+)/.exec(stdout);
        if (match?.[1]) return match[1];
        if (proc.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`gateway did not start:\n${stdout}\n${stderr}`);
    },
  };
}
