import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApolloClient, gql, HttpLink, InMemoryCache } from "@apollo/client";
import { BatchHttpLink } from "@apollo/client/link/batch-http";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { composeServices } from "@apollo/composition";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { parse, print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appStreamImages, fixture, imageArn, packages } from "../helpers/fixtures.js";
import { expectData, startTestGateway, type TestGateway } from "../helpers/gateway.js";

const IMAGE = imageArn("web-server", "1.2.0", 2);
const DESKTOPS = appStreamImages(3);
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const PACKAGES = gql`
  query Packages($arn: String!) {
    imagePackages(imageBuildVersionArn: $arn, first: 2) {
      edges {
        node {
          packageName
        }
      }
    }
  }
`;
type PackagesData = { imagePackages: { edges: Array<{ node: { packageName: string } }> } };

/** What Apollo Server would hand the gateway's executor; built by hand, without a server. */
type GatewayRequestContext = Parameters<Awaited<ReturnType<ApolloGateway["load"]>>["executor"]>[0];

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: fixture({
      imageBuilder: { images: [{ arn: IMAGE, packages: packages(3) }] },
      appStream: { images: DESKTOPS },
    }),
  });
});

afterAll(async () => {
  await gateway?.close();
});

/** A `fetch` that records every request body a client sends, to see the protocol it spoke. */
function recordingFetch() {
  const bodies: unknown[] = [];
  const recorded: typeof fetch = async (input, init) => {
    bodies.push(JSON.parse(String(init?.body)));
    return fetch(input, init);
  };
  return { fetch: recorded, bodies };
}

// Apollo's CSRF advice: a header that forces a preflight, so browsers cannot send it cross-site.
const PREFLIGHT = { "apollo-require-preflight": "true" };

function apqClient() {
  const recorder = recordingFetch();
  const link = new PersistedQueryLink({ sha256 }).concat(
    new HttpLink({ uri: gateway.url, fetch: recorder.fetch, headers: PREFLIGHT }),
  );
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  return { client, bodies: recorder.bodies };
}

const expectedNames = packages(2).map((item) => item.packageName);
const names = (data: PackagesData | undefined) =>
  data?.imagePackages.edges.map((edge) => edge.node.packageName);

describe("Apollo Client", () => {
  it("registers a document by automatic persisted query, then sends only its hash", async () => {
    const first = apqClient();
    const result = await first.client.query({ query: PACKAGES, variables: { arn: IMAGE } });
    expect(names(result.data as PackagesData)).toEqual(expectedNames);
    // Hash only, answered PERSISTED_QUERY_NOT_FOUND; then hash and document.
    expect(first.bodies).toHaveLength(2);
    const [hashOnly, withDocument] = first.bodies as Array<Record<string, unknown>>;
    expect(hashOnly?.query).toBeUndefined();
    expect(hashOnly?.extensions).toMatchObject({ persistedQuery: { version: 1 } });
    expect(withDocument?.query).toContain("imagePackages");

    // Another client (another browser) finds the document registered: one hash-only request.
    const second = apqClient();
    const again = await second.client.query({ query: PACKAGES, variables: { arn: IMAGE } });
    expect(names(again.data as PackagesData)).toEqual(expectedNames);
    expect(second.bodies).toHaveLength(1);
    expect((second.bodies[0] as Record<string, unknown>).query).toBeUndefined();
  });

  it("sends operations made together as one batch with BatchHttpLink", async () => {
    const recorder = recordingFetch();
    const client = new ApolloClient({
      link: new BatchHttpLink({
        uri: gateway.url,
        fetch: recorder.fetch,
        headers: PREFLIGHT,
        batchMax: 10,
        batchInterval: 20,
      }),
      cache: new InMemoryCache(),
    });
    const DESKTOP = gql`
      query Desktop($name: String!) {
        appStreamImage(name: $name) {
          name
        }
      }
    `;
    const results = await Promise.all([
      client.query({ query: PACKAGES, variables: { arn: IMAGE } }),
      ...DESKTOPS.map((desktop) =>
        client.query({ query: DESKTOP, variables: { name: desktop.Name } }),
      ),
    ]);
    expect(recorder.bodies).toHaveLength(1);
    expect(recorder.bodies[0]).toHaveLength(1 + DESKTOPS.length);
    expect(names(results[0]?.data as PackagesData)).toEqual(expectedNames);
    expect(
      results
        .slice(1)
        .map((result) => (result.data as { appStreamImage: { name: string } }).appStreamImage.name),
    ).toEqual(DESKTOPS.map((desktop) => desktop.Name));
  });
});

describe("Apollo Client against a PERSISTED_OPERATIONS allow-list", () => {
  it("runs a listed document by its hash and cannot register another", async () => {
    const dir = await mkdtemp(join(tmpdir(), "apollo-allow-list-"));
    const manifest = join(dir, "manifest.json");
    // The manifest a build step writes. Apollo hashes the document as its cache sends it, with
    // __typename in every selection set below the root, as this one already has.
    const LISTED = gql`
      query Listed($arn: String!) {
        imagePackages(imageBuildVersionArn: $arn, first: 2) {
          edges {
            node {
              packageName
              __typename
            }
            __typename
          }
          __typename
        }
      }
    `;
    await writeFile(
      manifest,
      JSON.stringify({ [`sha256:${sha256(print(LISTED))}`]: print(LISTED) }),
    );
    const allowList = await startTestGateway({
      fixture: fixture({ imageBuilder: { images: [{ arn: IMAGE, packages: packages(3) }] } }),
      env: { PERSISTED_OPERATIONS: manifest },
    });
    try {
      const recorder = recordingFetch();
      const client = new ApolloClient({
        link: new PersistedQueryLink({ sha256 }).concat(
          new HttpLink({ uri: allowList.url, fetch: recorder.fetch, headers: PREFLIGHT }),
        ),
        cache: new InMemoryCache(),
      });
      const listed = await client.query({ query: LISTED, variables: { arn: IMAGE } });
      expect(names(listed.data as PackagesData)).toEqual(expectedNames);
      expect(recorder.bodies).toHaveLength(1);

      const unlisted = await client
        .query({ query: PACKAGES, variables: { arn: IMAGE }, fetchPolicy: "network-only" })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(String(unlisted)).toContain("does not register operations");
      // Hash only, then the document once; no retry loop.
      expect(recorder.bodies).toHaveLength(3);
    } finally {
      await allowList.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("Apollo Gateway", () => {
  it("composes the subgraph and queries it with automatic persisted queries", async () => {
    const sdl = expectData(
      await gateway.query<{ _service: { sdl: string } }>("{ _service { sdl } }"),
    )._service.sdl;
    const composition = composeServices([
      { name: "images", typeDefs: parse(sdl), url: gateway.url },
    ]);
    expect(composition.errors ?? []).toEqual([]);
    const bodies: Array<Record<string, unknown>> = [];
    const apollo = new ApolloGateway({
      supergraphSdl: composition.supergraphSdl,
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource({
          url,
          apq: true,
          fetcher: async (input, init) => {
            bodies.push(JSON.parse(String(init?.body)));
            return fetch(input, init as RequestInit) as never;
          },
        }),
    });
    const { executor, schema } = await apollo.load();
    try {
      const run = async () => {
        const query = `query Packages($arn: String!) { imagePackages(imageBuildVersionArn: $arn, first: 2) { edges { node { packageName } } } }`;
        const document = parse(query);
        const requestContext = {
          request: { query, variables: { arn: IMAGE }, operationName: "Packages" },
          document,
          schema,
          operationName: "Packages",
          queryHash: sha256(query),
          context: {},
          metrics: {},
          logger: console,
          cache: undefined,
          overallCachePolicy: {},
        } as unknown as GatewayRequestContext;
        return executor(requestContext);
      };
      const first = await run();
      expect(first.errors).toBeUndefined();
      expect(names(first.data as PackagesData)).toEqual(expectedNames);
      expect(bodies).toHaveLength(2);
      expect(bodies[0]?.query).toBeUndefined();
      expect(bodies[1]?.query).toBeTypeOf("string");

      const second = await run();
      expect(names(second.data as PackagesData)).toEqual(expectedNames);
      expect(bodies).toHaveLength(3);
      expect(bodies[2]?.query).toBeUndefined();
      expect(bodies[2]?.extensions).toMatchObject({ persistedQuery: { version: 1 } });
    } finally {
      await apollo.stop();
    }
  });
});
