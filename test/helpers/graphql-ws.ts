// A graphql-ws client as frontends use it (`createClient` over the `ws` WebSocket), with what a
// test needs to see: every result of an operation, and the close event that ended the socket.

import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import type { GraphQLResponse } from "./gateway.js";

export interface ClosedSocket {
  code: number;
  reason: string;
}

export interface WsClient {
  client: Client;
  /** Every result of one operation until it completes; rejects with the close or the errors. */
  run<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    extensions?: Record<string, unknown>,
  ): Promise<GraphQLResponse<Data>[]>;
  /** The close event of the last socket, once it closed. */
  closed: Promise<ClosedSocket>;
  dispose(): Promise<void>;
}

export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, "ws");
}

/** A WebSocket that sends `headers` on its upgrade request, as a browser page would its Origin. */
function webSocketWith(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

export function wsClient(
  httpUrl: string,
  options: {
    connectionParams?: Record<string, unknown>;
    headers?: Record<string, string>;
  } = {},
): WsClient {
  let onClosed: (event: ClosedSocket) => void = () => {};
  const closed = new Promise<ClosedSocket>((resolve) => {
    onClosed = resolve;
  });
  const client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: webSocketWith(options.headers ?? {}),
    connectionParams: options.connectionParams,
    retryAttempts: 0,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason) });
      },
    },
  });
  return {
    client,
    closed,
    async run<Data>(
      query: string,
      variables?: Record<string, unknown>,
      extensions?: Record<string, unknown>,
    ) {
      const results: GraphQLResponse<Data>[] = [];
      for await (const result of client.iterate({ query, variables, extensions })) {
        results.push(result as GraphQLResponse<Data>);
      }
      return results;
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}
