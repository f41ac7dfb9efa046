// A Server-Sent Events client for GraphQL subscriptions over HTTP, as graphql-yoga serves them:
// `event: next` messages with a JSON result each, then `event: complete`.

import type { GraphQLResponse } from "./gateway.js";

export interface SseSubscription<Data> {
  /** Resolves with the next result, or null once the stream has completed. */
  next(): Promise<GraphQLResponse<Data> | null>;
  /** Every remaining result, until the stream completes. */
  rest(): Promise<GraphQLResponse<Data>[]>;
  /** Disconnects, as a closed browser tab would. */
  close(): void;
  /** Whether the server ended the stream with a `complete` event (not just a cut connection). */
  readonly completed: boolean;
}

export async function subscribe<Data = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  /** With `persistedQuery` and an empty `query`, the hash alone is sent. */
  extensions?: Record<string, unknown>,
): Promise<SseSubscription<Data>> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ query: query || undefined, variables, extensions }),
    signal: controller.signal,
  });
  if (!response.ok || !response.body) {
    throw new Error(`subscription failed: HTTP ${response.status} ${await response.text()}`);
  }
  if (!response.headers.get("content-type")?.includes("text/event-stream")) {
    throw new Error(`not an event stream: ${response.headers.get("content-type")}`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let done = false;
  let completed = false;

  async function nextMessage(): Promise<{ event: string; data: string } | null> {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split("\n");
        const event =
          lines
            .find((line) => line.startsWith("event:"))
            ?.slice(6)
            .trim() ?? "message";
        const data = lines
          .filter((line) => line.startsWith("data:"))
          .map((line) => line.slice(5).trimStart())
          .join("\n");
        if (lines.every((line) => line.startsWith(":"))) continue; // keep-alive comment
        return { event, data };
      }
      const chunk = await reader.read();
      if (chunk.done) return null;
      buffer += chunk.value;
    }
  }

  async function next(): Promise<GraphQLResponse<Data> | null> {
    while (!done) {
      const message = await nextMessage();
      if (message === null || message.event === "complete") {
        completed = message !== null;
        done = true;
        return null;
      }
      if (message.event === "next") return JSON.parse(message.data) as GraphQLResponse<Data>;
    }
    return null;
  }

  return {
    next,
    async rest() {
      const results: GraphQLResponse<Data>[] = [];
      for (let result = await next(); result !== null; result = await next()) results.push(result);
      return results;
    },
    close() {
      done = true;
      controller.abort();
    },
    get completed() {
      return completed;
    },
  };
}
