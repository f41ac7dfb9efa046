import DataLoader from "dataloader";
import stringify from "safe-stable-stringify";

/**
 * A per-request loader for one AWS operation without a batch API: identical requests (same
 * normalised input, page token included) made anywhere in one GraphQL request run once, and
 * distinct ones run concurrently.
 */
export function callLoader<Input extends object, Output>(
  call: (input: Input) => Promise<Output>,
): DataLoader<Input, Output, string> {
  return new DataLoader<Input, Output, string>(
    (inputs) =>
      Promise.all(inputs.map((input) => call(input).catch((error: unknown) => toError(error)))),
    { cacheKeyFn: (input) => stringify(input) ?? "" },
  );
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
