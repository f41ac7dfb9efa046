import DataLoader from "dataloader";
import stringify from "safe-stable-stringify";

/**
 * How per-request loaders behave. "batched" is the product; "naive" turns off caching and
 * batching so tests can show what a plain resolver tree would cost.
 */
export type LoaderMode = "batched" | "naive";

export function loaderOptions(mode: LoaderMode) {
  return mode === "naive" ? { cache: false, batch: false } : {};
}

/**
 * A per-request loader for one AWS operation without a batch API: identical requests (same
 * normalised input, page token included) made anywhere in one GraphQL request run once, and
 * distinct ones run concurrently.
 */
export function callLoader<Input extends object, Output>(
  mode: LoaderMode,
  call: (input: Input) => Promise<Output>,
): DataLoader<Input, Output, string> {
  return new DataLoader<Input, Output, string>(
    (inputs) =>
      Promise.all(inputs.map((input) => call(input).catch((error: unknown) => toError(error)))),
    { cacheKeyFn: (input) => stringify(input) ?? "", ...loaderOptions(mode) },
  );
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
