import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../helpers/fixtures.js";
import {
  expectData,
  expectError,
  type GraphQLResponse,
  startTestGateway,
  type TestGateway,
} from "../helpers/gateway.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const persisted = (query: string) => ({
  persistedQuery: { version: 1, sha256Hash: sha256(query) },
});
const json = async (response: Response) => (await response.json()) as GraphQLResponse;

let gateway: TestGateway;
/** APQ_CACHE_SIZE=2, BATCH_LIMIT=3. */
let small: TestGateway;
/** BATCH_LIMIT=0. */
let unbatched: TestGateway;

beforeAll(async () => {
  [gateway, small, unbatched] = await Promise.all([
    startTestGateway({ fixture: fixture({}) }),
    startTestGateway({ fixture: fixture({}), env: { APQ_CACHE_SIZE: "2", BATCH_LIMIT: "3" } }),
    startTestGateway({ fixture: fixture({}), env: { BATCH_LIMIT: "0" } }),
  ]);
});

afterAll(async () => {
  await Promise.all([gateway?.close(), small?.close(), unbatched?.close()]);
});

describe("automatic persisted queries", () => {
  it("answers an unknown hash PERSISTED_QUERY_NOT_FOUND, registers the document, then runs the hash", async () => {
    const query = "query First { __typename }";
    const hashOnly = () => gateway.post({ extensions: persisted(query) });
    const unknown = await hashOnly();
    expect(unknown.status).toBe(200);
    const error = expectError(await json(unknown), "PERSISTED_QUERY_NOT_FOUND");
    expect(error.message).toBe("PersistedQueryNotFound");

    const registered = await gateway.post({ query, extensions: persisted(query) });
    expect(expectData(await json(registered))).toEqual({ __typename: "Query" });
    expect(expectData(await json(await hashOnly()))).toEqual({ __typename: "Query" });
  });

  it("answers GraphQL-over-HTTP clients with 404 for an unknown hash", async () => {
    const response = await gateway.post(
      { extensions: persisted("query Unknown { __typename }") },
      { accept: "application/graphql-response+json" },
    );
    expect(response.status).toBe(404);
    expectError(await json(response), "PERSISTED_QUERY_NOT_FOUND");
  });

  it("refuses a hash that is not the document's, and keeps nothing", async () => {
    const query = "query Mismatch { __typename }";
    const wrong = { persistedQuery: { version: 1, sha256Hash: sha256("something else") } };
    const error = expectError(
      await json(await gateway.post({ query, extensions: wrong })),
      "PERSISTED_QUERY_HASH_MISMATCH",
    );
    expect(error.message).toContain(sha256(query));
    expectError(await json(await gateway.post({ extensions: wrong })), "PERSISTED_QUERY_NOT_FOUND");
  });

  it("runs but does not keep a document longer than 20,000 characters, so memory stays bounded", async () => {
    // A comment is no token: within MAX_TOKENS, yet 100 KB.
    const query = `# ${"x".repeat(100_000)}\nquery Padded { __typename }`;
    const response = await json(await gateway.post({ query, extensions: persisted(query) }));
    expect(expectData(response)).toEqual({ __typename: "Query" });
    expectError(
      await json(await gateway.post({ extensions: persisted(query) })),
      "PERSISTED_QUERY_NOT_FOUND",
    );
  });

  it("does not keep a document that does not validate", async () => {
    const query = "query Invalid { noSuchField }";
    const response = await json(await gateway.post({ query, extensions: persisted(query) }));
    expect(response.errors?.[0]?.message).toContain("noSuchField");
    expectError(
      await json(await gateway.post({ extensions: persisted(query) })),
      "PERSISTED_QUERY_NOT_FOUND",
    );
  });

  it("keeps at most APQ_CACHE_SIZE documents, dropping the least recently used", async () => {
    const documents = [
      "query A { __typename }",
      "query B { __typename }",
      "query C { __typename }",
    ];
    for (const query of documents) {
      expectData(await json(await small.post({ query, extensions: persisted(query) })));
    }
    const [a, b, c] = documents as [string, string, string];
    expectError(
      await json(await small.post({ extensions: persisted(a) })),
      "PERSISTED_QUERY_NOT_FOUND",
    );
    expectData(await json(await small.post({ extensions: persisted(b) })));
    expectData(await json(await small.post({ extensions: persisted(c) })));
  });
});

describe("batched requests", () => {
  const operation = (n: number) => ({ query: `query Op${n} { __typename }` });

  it("answers a JSON array of operations with an array of results, in order", async () => {
    const batch = Array.from({ length: 10 }, (_, n) => operation(n));
    const response = await gateway.post(batch);
    expect(response.status).toBe(200);
    const results = (await response.json()) as GraphQLResponse[];
    expect(results).toHaveLength(10);
    for (const result of results) expect(expectData(result)).toEqual({ __typename: "Query" });
  });

  it("serves automatic persisted queries inside a batch", async () => {
    const query = "query InBatch { __typename }";
    const response = await gateway.post([
      { extensions: persisted(query) },
      { query, extensions: persisted(query) },
    ]);
    const [notFound, registered] = (await response.json()) as GraphQLResponse[];
    expectError(notFound as GraphQLResponse, "PERSISTED_QUERY_NOT_FOUND");
    expect(expectData(registered as GraphQLResponse)).toEqual({ __typename: "Query" });
  });

  it("refuses a batch above BATCH_LIMIT, naming the limit", async () => {
    const response = await gateway.post(Array.from({ length: 11 }, (_, n) => operation(n)));
    const error = expectError(await json(response), "BATCH_TOO_LARGE");
    expect(error.message).toContain("11 operations");
    expect(error.message).toContain("at most 10");
    expect(error.message).toContain("BATCH_LIMIT");

    expectData(
      (
        (await (
          await small.post([operation(1), operation(2), operation(3)])
        ).json()) as GraphQLResponse[]
      )[0] as GraphQLResponse,
    );
    const overSmall = await small.post([operation(1), operation(2), operation(3), operation(4)], {
      accept: "application/graphql-response+json",
    });
    expect(overSmall.status).toBe(413);
    expect(expectError(await json(overSmall), "BATCH_TOO_LARGE").message).toContain("at most 3");
  });

  it("refuses batches altogether with BATCH_LIMIT=0", async () => {
    const response = await unbatched.post([operation(1)]);
    const error = expectError(await json(response), "BATCH_NOT_SUPPORTED");
    expect(error.message).toContain("BATCH_LIMIT");
    expectData(await unbatched.query("{ __typename }"));
  });
});
