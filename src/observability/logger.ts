import { GraphQLError } from "graphql";
import type { YogaLogger } from "graphql-yoga";
import { type DestinationStream, type LevelWithSilent, type Logger, pino } from "pino";
import pretty from "pino-pretty";

export type { Logger };

/** Longest text a log line copies from anything a client sent (operation names, messages). */
export const MAX_LOGGED_TEXT = 200;
/** Longest stack trace a log line carries. */
const MAX_LOGGED_STACK = 2_000;

/** `text` cut to `max` characters, saying how much was left out. */
export function capText(text: string, max = MAX_LOGGED_TEXT): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** An error as a log field: name, message and stack, each bounded whatever the error holds. */
export function loggedError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: capText(String(error)) };
  return {
    type: error.name,
    message: capText(error.message),
    stack: error.stack ? capText(error.stack, MAX_LOGGED_STACK) : undefined,
  };
}

export type LogFormat = "json" | "pretty";

/** LOG_FORMAT, or pretty for a person at a terminal and JSON for everything else. */
export function logFormat(configured: LogFormat | undefined): LogFormat {
  return configured ?? (process.stdout.isTTY ? "pretty" : "json");
}

/**
 * The gateway's logger: one JSON object per line, `level` as a word and `time` in ISO 8601, or
 * the same entries as readable lines (`pretty`). Lines below warn go to stdout, warn and above
 * to stderr, so a terminal or a log shipper that separates the streams sees problems apart from
 * the request log.
 */
export function createLogger(
  level: LevelWithSilent,
  destination?: DestinationStream,
  format: LogFormat = "json",
): Logger {
  const options = {
    level,
    name: "aws-image-graph",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    serializers: { err: loggedError },
  };
  if (destination) return pino(options, destination);
  const stream = (fd: 1 | 2): DestinationStream =>
    format === "pretty"
      ? pretty({
          destination: fd,
          sync: true,
          colorize: Boolean(fd === 1 ? process.stdout.isTTY : process.stderr.isTTY),
          translateTime: "HH:MM:ss",
          ignore: "pid,hostname,name",
          singleLine: true,
        })
      : pino.destination({ dest: fd, sync: true });
  return pino(
    options,
    pino.multistream(
      [
        { level: "trace", stream: stream(1) },
        { level: "warn", stream: stream(2) },
      ],
      { dedupe: true },
    ),
  );
}

/**
 * yoga's logger on top of ours. yoga logs every error the mask changed; an error about the
 * request itself (a GraphQLError with no other cause) is the client's mistake, not ours, and is
 * logged at debug, bounded like every other copy of client input.
 */
export function yogaLogger(logger: Logger): YogaLogger {
  const write =
    (level: "debug" | "info" | "warn" | "error") =>
    (...args: unknown[]) => {
      for (const arg of args) {
        if (arg instanceof GraphQLError && !isCausedByFault(arg)) {
          logger.debug({ err: arg }, "request refused");
        } else if (arg instanceof Error) {
          logger[level](
            {
              err: arg instanceof GraphQLError ? (arg.originalError ?? arg) : arg,
              path: arg instanceof GraphQLError ? arg.path : undefined,
            },
            "unexpected error while handling a request",
          );
        } else {
          logger[level](capText(String(arg)));
        }
      }
    };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

function isCausedByFault(error: GraphQLError): boolean {
  const cause = error.originalError;
  return cause !== undefined && cause !== null && !(cause instanceof GraphQLError);
}
