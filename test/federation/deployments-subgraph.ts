import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";
import { createYoga } from "graphql-yoga";

/**
 * A small subgraph of another team: deployments that point at our image build versions and
 * AppStream images, and that extend ImageBuildVersion with the deployments using it.
 */
export const DEPLOYMENTS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  type Deployment @key(fields: "id") {
    id: ID!
    environment: String!
    image: ImageBuildVersion!
    desktop: AppStreamImage
  }

  type ImageBuildVersion @key(fields: "arn") {
    arn: String!
    deployments: [Deployment!]!
  }

  type AppStreamImage @key(fields: "arn", resolvable: false) {
    arn: String!
  }

  type Query {
    deployments: [Deployment!]!
    deployment(id: ID!): Deployment
  }
`;

export interface Deployment {
  id: string;
  environment: string;
  imageArn: string;
  desktopArn?: string;
}

export async function startDeploymentsSubgraph(deployments: Deployment[]) {
  const toGraph = (deployment: Deployment) => ({
    ...deployment,
    image: { arn: deployment.imageArn },
    desktop: deployment.desktopArn ? { arn: deployment.desktopArn } : null,
  });
  const schema = buildSubgraphSchema({
    typeDefs: parse(DEPLOYMENTS_SDL),
    resolvers: {
      Query: {
        deployments: () => deployments.map(toGraph),
        deployment: (_root: unknown, { id }: { id: string }) => {
          const found = deployments.find((deployment) => deployment.id === id);
          return found ? toGraph(found) : null;
        },
      },
      ImageBuildVersion: {
        deployments: ({ arn }: { arn: string }) =>
          deployments.filter((deployment) => deployment.imageArn === arn).map(toGraph),
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
