import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { createContext, type GatewayContext, type GatewayServices } from "./context.js";
import { schema } from "./graph/schema.js";

export type Gateway = YogaServerInstance<Record<string, unknown>, GatewayContext>;

/** The GraphQL gateway as a fetch-style handler; `main.ts` (or a test) decides where it listens. */
export function createGateway(services: GatewayServices): Gateway {
  return createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    context: () => createContext(services),
    graphqlEndpoint: "/graphql",
    landingPage: false,
    graphiql: {
      title: "AWS image graph",
      defaultQuery: DEFAULT_QUERY,
    },
    // GraphQLErrors (every error the gateway means to show) pass through; anything else is
    // reported as "Unexpected error." without its stack.
    maskedErrors: true,
  });
}

const DEFAULT_QUERY = /* GraphQL */ `# Every AppStream 2.0 image visible to the account, 5 at a time.
# More examples are in the README.
query AppStreamImages {
  appStreamImages(first: 5) {
    edges {
      node { name displayName visibility platform state createdTime }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;
