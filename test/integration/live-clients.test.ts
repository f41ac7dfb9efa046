// The subscription clients docs/subscriptions.md shows, each following one build against the
// running gateway: Apollo Client over graphql-ws and over Server-Sent Events, urql over
// graphql-ws, and a plain graphql-sse client.

import { ApolloClient, ApolloLink, gql, InMemoryCache } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { subscriptionExchange, Client as UrqlClient } from "@urql/core";
import { print } from "graphql";
import { createClient as createSseClient } from "graphql-sse";
import { createClient as createWsClient } from "graphql-ws";
import { Observable } from "rxjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  EVERY_TRANSITION,
  PROGRESS,
  type ProgressEvent,
  transitions,
} from "../helpers/build-progress.js";
import { fixture, imageArn, packages, pipelineArn } from "../helpers/fixtures.js";
import { startTestGateway, type TestGateway } from "../helpers/gateway.js";
import { wsUrl } from "../helpers/graphql-ws.js";
import { hs256Token } from "../helpers/tokens.js";

const SECRET = "live-clients-test-secret-of-at-least-32-characters";
let gateway: TestGateway;
let token: string;

beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: fixture({
      imageBuilder: {
        images: [{ arn: imageArn("web"), packages: packages(3) }],
        pipelines: [{ arn: pipelineArn("web"), imageName: "web", semanticVersion: "1.0.0" }],
      },
    }),
    env: {
      AUTH_JWT_SECRET: SECRET,
      // Long enough that each client is subscribed before the build's first step ends.
      EMULATOR_BUILD_STEP_MS: "800",
      BUILD_PROGRESS_POLL_MS: "40",
      BUILD_PROGRESS_POLL_MAX_MS: "80",
    },
  });
  token = await hs256Token(SECRET, { sub: "frontend", scope: "images:read pipelines:execute" });
});

afterAll(() => gateway?.close());

async function startBuild(): Promise<string> {
  const response = await gateway.post(
    {
      query: `mutation ($arn: String!) { startImagePipelineExecution(input: { imagePipelineArn: $arn }) { imageBuildVersion { arn } } }`,
      variables: { arn: pipelineArn("web") },
    },
    { authorization: `Bearer ${token}` },
  );
  const body = (await response.json()) as {
    data: { startImagePipelineExecution: { imageBuildVersion: { arn: string } } };
  };
  return body.data.startImagePipelineExecution.imageBuildVersion.arn;
}

/** Apollo Client's link for GraphQL over SSE, as graphql-sse documents it. */
class SSELink extends ApolloLink {
  private readonly client: ReturnType<typeof createSseClient>;

  constructor(options: Parameters<typeof createSseClient>[0]) {
    super();
    this.client = createSseClient(options);
  }

  override request(operation: ApolloLink.Operation): Observable<ApolloLink.Result> {
    return new Observable((sink) =>
      this.client.subscribe<ApolloLink.Result["data"]>(
        {
          query: print(operation.query),
          variables: operation.variables,
          operationName: operation.operationName,
          extensions: operation.extensions,
        },
        {
          next: (result) => sink.next(result as ApolloLink.Result),
          complete: () => sink.complete(),
          error: (error) => sink.error(error),
        },
      ),
    );
  }
}

/** Every result an Apollo Client subscription delivers, until it completes. */
function apolloResults(client: ApolloClient, arn: string) {
  return new Promise<Array<{ data?: ProgressEvent | null }>>((resolve, reject) => {
    const results: Array<{ data?: ProgressEvent | null }> = [];
    // Each event is news, not a cached entity: "no-cache" hands every one over as it came.
    client
      .subscribe<ProgressEvent>({
        query: gql(PROGRESS),
        variables: { arn },
        fetchPolicy: "no-cache",
      })
      .subscribe({
        next: (result) => results.push({ data: result.data as ProgressEvent }),
        error: reject,
        complete: () => resolve(results),
      });
  });
}

describe("subscription clients", () => {
  it("Apollo Client with GraphQLWsLink receives every transition", async () => {
    const arn = await startBuild();
    const wsClient = createWsClient({
      url: wsUrl(gateway.url),
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${token}` },
    });
    const client = new ApolloClient({
      link: new GraphQLWsLink(wsClient),
      cache: new InMemoryCache(),
    });
    try {
      expect(transitions(await apolloResults(client, arn))).toEqual(EVERY_TRANSITION);
    } finally {
      await wsClient.dispose();
    }
  });

  it("Apollo Client with an SSE link receives every transition", async () => {
    const arn = await startBuild();
    const client = new ApolloClient({
      link: new SSELink({ url: gateway.url, headers: { Authorization: `Bearer ${token}` } }),
      cache: new InMemoryCache(),
    });
    expect(transitions(await apolloResults(client, arn))).toEqual(EVERY_TRANSITION);
  });

  it("urql with graphql-ws receives every transition", async () => {
    const arn = await startBuild();
    const wsClient = createWsClient({
      url: wsUrl(gateway.url),
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${token}` },
    });
    const client = new UrqlClient({
      url: gateway.url,
      exchanges: [
        subscriptionExchange({
          forwardSubscription(request) {
            const input = { ...request, query: request.query || "" };
            return {
              subscribe(sink) {
                const unsubscribe = wsClient.subscribe(input, sink);
                return { unsubscribe };
              },
            };
          },
        }),
      ],
    });
    try {
      const results = await new Promise<Array<{ data?: ProgressEvent | null }>>(
        (resolve, reject) => {
          const seen: Array<{ data?: ProgressEvent | null }> = [];
          const { unsubscribe } = client
            .subscription<ProgressEvent>(PROGRESS, { arn })
            .subscribe((result) => {
              if (result.error) return reject(result.error);
              seen.push({ data: result.data });
              if (result.data?.imageBuildProgress.finished) {
                unsubscribe();
                resolve(seen);
              }
            });
        },
      );
      expect(transitions(results)).toEqual(EVERY_TRANSITION);
    } finally {
      await wsClient.dispose();
    }
  });

  it("a plain graphql-sse client receives every transition and completes", async () => {
    const arn = await startBuild();
    const client = createSseClient({
      url: gateway.url,
      headers: { Authorization: `Bearer ${token}` },
    });
    const results: Array<{ data?: ProgressEvent | null }> = [];
    for await (const result of client.iterate<ProgressEvent>({
      query: PROGRESS,
      variables: { arn },
    })) {
      expect(result.errors).toBeUndefined();
      results.push({ data: result.data });
    }
    expect(transitions(results)).toEqual(EVERY_TRANSITION);
    client.dispose();
  });
});
