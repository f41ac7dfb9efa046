import { Writable } from "node:stream";
import type { LevelWithSilent } from "pino";
import { createLogger, type Logger } from "../../src/observability/logger.js";

/** A gateway logger whose lines are kept in memory, for tests to read. */
export function captureLogs(level: LevelWithSilent): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger(
    level,
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    }),
  );
  return { logger, lines };
}
