import { expect } from "vitest";
import type { LoaderMode } from "../../src/aws/call-loader.js";
import { loadConfig } from "../../src/config.js";
import type { FaultOptions, Fixture } from "../../src/emulator/index.js";
import { type RunningGateway, type StartOptions, startGateway } from "../../src/start.js";

export interface GraphQLResponse<Data = Record<string, unknown>> {
  data?: Data | null;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: Record<string, unknown>;
  }>;
  extensions?: Record<string, unknown>;
}

export interface TestGateway extends RunningGateway {
  /** POSTs a GraphQL operation to the running gateway over HTTP. */
  query<Data = Record<string, unknown>>(
    document: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<Data>>;
  /** The HTTP response itself, for status and header checks. */
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
}

export interface TestGatewayOptions {
  fixture: Fixture;
  faults?: FaultOptions;
  /** Extra configuration, as environment variables. */
  env?: Record<string, string>;
  /** "naive" turns off loader caching and batching, to measure what they save. */
  loaderMode?: LoaderMode;
  emulatorBehaviour?: StartOptions["emulatorBehaviour"];
  /** Log lines go here instead of stdout and stderr. */
  logger?: StartOptions["logger"];
  /** Spans go to this exporter (tracing on). */
  spanExporter?: StartOptions["spanExporter"];
}

/** Starts the emulator with `fixture` and the gateway in front of it, both on ephemeral ports. */
export async function startTestGateway(options: TestGatewayOptions): Promise<TestGateway> {
  const env = {
    PORT: "0",
    HOST: "127.0.0.1",
    GATEWAY_BACKEND: "emulator",
    AWS_REGION: "us-east-1",
    CURSOR_SECRET: "integration-test-cursor-secret",
    // Retries stay deliberate but fast, so fault-injection tests finish quickly.
    AWS_RETRY_BASE_DELAY_MS: "2",
    AWS_RETRY_MAX_DELAY_MS: "20",
    // A test file is one client making hundreds of calls a minute; budgets are tested on their own.
    CALLER_AWS_CALLS_PER_MINUTE: "0",
    // A line per request would bury the test output; problems still show.
    LOG_LEVEL: "warn",
    ...options.env,
  };
  const running = await startGateway({
    config: loadConfig(env),
    env,
    fixture: options.fixture,
    faults: options.faults ?? {},
    loaderMode: options.loaderMode,
    emulatorBehaviour: options.emulatorBehaviour,
    logger: options.logger,
    spanExporter: options.spanExporter,
  });
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(running.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  return {
    ...running,
    post,
    async query<Data>(document: string, variables?: Record<string, unknown>) {
      const response = await post({ query: document, variables });
      return (await response.json()) as GraphQLResponse<Data>;
    },
  };
}

/** Asserts a response has data and no errors, and returns the data. */
export function expectData<Data>(response: GraphQLResponse<Data>): Data {
  expect(response.errors, JSON.stringify(response.errors, null, 2)).toBeUndefined();
  expect(response.data).toBeTruthy();
  return response.data as Data;
}

/** Asserts a response carries exactly one error with `code`, and returns it. */
export function expectError(response: GraphQLResponse<unknown>, code: string) {
  expect(response.errors, JSON.stringify(response)).toHaveLength(1);
  const [error] = response.errors ?? [];
  expect(error?.extensions?.code, JSON.stringify(error)).toBe(code);
  expect(JSON.stringify(error)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  return error as NonNullable<typeof error>;
}
