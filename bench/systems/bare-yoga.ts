/** The framework ceiling: graphql-yoga answering one static field, nothing else. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createSchema, createYoga } from "graphql-yoga";

const yoga = createYoga({
  schema: createSchema({
    typeDefs: "type Query { static: String! }",
    resolvers: { Query: { static: () => "static" } },
  }),
  landingPage: false,
  graphiql: false,
});
const server = createServer(yoga);
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}/graphql` }));
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
