import type { Server } from "node:http";
import { ConfigError } from "./config.js";

/** Which variables chose the port and host, for the messages. */
interface ListenVariables {
  port: string;
  host: string;
}

/** Listens on HOST and PORT; the usual failures are ConfigErrors in words, not errno codes. */
export function listen(
  server: Server,
  port: number,
  host: string,
  names: ListenVariables = { port: "PORT", host: "HOST" },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => {
      const problem = listenProblem(error, port, host, names);
      reject(problem ? new ConfigError([problem]) : error);
    };
    server.once("error", fail);
    server.listen(port, host, () => {
      server.off("error", fail);
      resolve();
    });
  });
}

function listenProblem(
  error: NodeJS.ErrnoException,
  port: number,
  host: string,
  names: ListenVariables,
): string | undefined {
  switch (error.code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `${names.host}: "${host}" is not a name this machine can resolve; use an IP address such as 0.0.0.0 (every interface) or 127.0.0.1 (this machine only)`;
    case "EADDRNOTAVAIL":
      return `${names.host}: "${host}" is not an address of this machine; use 0.0.0.0 (every interface), 127.0.0.1, or one of its own addresses`;
    case "EADDRINUSE":
      return `${names.port}: port ${port} on ${host} is already in use by another program; pick another port, or 0 for a free one`;
    case "EACCES":
      return `${names.port}: this user may not listen on port ${port}; ports below 1024 need privileges, pick a higher one`;
    default:
      return undefined;
  }
}
