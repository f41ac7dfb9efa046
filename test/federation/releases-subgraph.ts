import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";
import { createYoga } from "graphql-yoga";

/**
 * Another team's Relay-style subgraph: its own `Node` types and connections with `PageInfo`,
 * declared the way docs/federation.md asks so it composes with ours.
 */
export const RELEASES_SDL = /* GraphQL */ `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])

  interface Node {
    id: ID!
  }

  type PageInfo @shareable {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type Release implements Node @key(fields: "id") {
    id: ID!
    title: String!
    image: ImageBuildVersion!
  }

  type ReleaseEdge {
    cursor: String!
    node: Release!
  }

  type ReleaseConnection {
    edges: [ReleaseEdge!]!
    pageInfo: PageInfo!
  }

  type ImageBuildVersion @key(fields: "arn", resolvable: false) {
    arn: String!
  }

  type Query {
    releases(first: Int): ReleaseConnection!
  }
`;

export async function startReleasesSubgraph(releases: Array<{ title: string; imageArn: string }>) {
  const schema = buildSubgraphSchema({
    typeDefs: parse(RELEASES_SDL),
    resolvers: {
      Query: {
        releases: (_root: unknown, { first }: { first?: number }) => {
          const shown = releases.slice(0, first ?? releases.length);
          return {
            edges: shown.map((release, index) => ({
              cursor: String(index),
              node: {
                id: `Release:${index}`,
                title: release.title,
                image: { arn: release.imageArn },
              },
            })),
            pageInfo: {
              hasNextPage: shown.length < releases.length,
              hasPreviousPage: false,
              startCursor: shown.length ? "0" : null,
              endCursor: shown.length ? String(shown.length - 1) : null,
            },
          };
        },
      },
    },
  });
  const server = createServer(createYoga({ schema, logging: false }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
