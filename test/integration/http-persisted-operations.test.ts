import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { startGateway } from "../../src/start.js";
import { fixture, imageArn, packages } from "../helpers/fixtures.js";
import {
  expectData,
  expectError,
  type GraphQLResponse,
  startTestGateway,
  type TestGateway,
} from "../helpers/gateway.js";
import { wsClient } from "../helpers/graphql-ws.js";

const IMAGE = imageArn("web-server", "1.2.0", 2);
const PACKAGES = /* GraphQL */ `query Packages($arn: String!, $first: Int) {
  imagePackages(imageBuildVersionArn: $arn, first: $first) { edges { node { packageName } } }
}`;
const TYPENAME = "query Typename { __typename }";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const PACKAGES_ID = sha256(PACKAGES);
const TYPENAME_ID = sha256(TYPENAME);
const UNKNOWN_ID = sha256("query Other { __typename }");

type PackagesData = { imagePackages: { edges: Array<{ node: { packageName: string } }> } };

let dir: string;
let gateway: TestGateway;

async function manifestFile(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "persisted-operations-"));
  const manifest = await manifestFile(
    "manifest.json",
    // GraphQL Code Generator's client preset writes `sha256:<hex>` ids; hand-made manifests bare hex.
    JSON.stringify({ [PACKAGES_ID]: PACKAGES, [`sha256:${TYPENAME_ID}`]: TYPENAME }),
  );
  gateway = await startTestGateway({
    fixture: fixture({ imageBuilder: { images: [{ arn: IMAGE, packages: packages(3) }] } }),
    env: { PERSISTED_OPERATIONS: manifest },
  });
});

afterAll(async () => {
  await gateway?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const json = async (response: Response) => (await response.json()) as GraphQLResponse;

describe("PERSISTED_OPERATIONS allow-list", () => {
  it("runs a manifest operation by documentId", async () => {
    const response = await gateway.post({
      documentId: PACKAGES_ID,
      variables: { arn: IMAGE, first: 2 },
    });
    const data = expectData((await json(response)) as GraphQLResponse<PackagesData>);
    expect(data.imagePackages.edges.map((edge) => edge.node.packageName)).toEqual(
      packages(2).map((item) => item.packageName),
    );
  });

  it("runs a manifest operation by Apollo's extensions.persistedQuery.sha256Hash", async () => {
    const response = await gateway.post({
      extensions: { persistedQuery: { version: 1, sha256Hash: TYPENAME_ID } },
    });
    expect(expectData(await json(response))).toEqual({ __typename: "Query" });
  });

  it("takes a SHA-256 id as bare hex or as sha256:<hex>, in either case", async () => {
    for (const documentId of [
      TYPENAME_ID,
      `sha256:${TYPENAME_ID}`,
      `sha256:${TYPENAME_ID.toUpperCase()}`,
    ]) {
      expect(expectData(await json(await gateway.post({ documentId })))).toEqual({
        __typename: "Query",
      });
    }
    const response = await gateway.post({
      documentId: `sha256:${PACKAGES_ID}`,
      variables: { arn: IMAGE, first: 1 },
    });
    expect(expectData((await json(response)) as GraphQLResponse<PackagesData>)).toEqual({
      imagePackages: { edges: [{ node: { packageName: packages(1)[0]?.packageName } }] },
    });
  });

  it("refuses to register a document sent with Apollo's hash (automatic persisted queries)", async () => {
    const query = "query Other { __typename }";
    const error = expectError(
      await json(
        await gateway.post({
          query,
          extensions: { persistedQuery: { version: 1, sha256Hash: UNKNOWN_ID } },
        }),
      ),
      "PERSISTED_QUERY_NOT_SUPPORTED",
    );
    expect(error.message).toContain("manifest");
    // Still unknown afterwards.
    expectError(
      await json(
        await gateway.post({
          extensions: { persistedQuery: { version: 1, sha256Hash: UNKNOWN_ID } },
        }),
      ),
      "PERSISTED_QUERY_NOT_FOUND",
    );
  });

  it("runs a manifest operation by GET ?documentId= with a preflight header", async () => {
    const url = new URL(gateway.url);
    url.searchParams.set("documentId", PACKAGES_ID);
    url.searchParams.set("variables", JSON.stringify({ arn: IMAGE }));
    // A GET is a request any page can send; the header shows a page did not forge it.
    const response = await fetch(url, {
      headers: { accept: "application/json", "x-graphql-csrf": "1" },
    });
    const data = expectData((await json(response)) as GraphQLResponse<PackagesData>);
    expect(data.imagePackages.edges).toHaveLength(3);
  });

  it("refuses an id that is not in the manifest", async () => {
    const error = expectError(
      await json(await gateway.post({ documentId: UNKNOWN_ID })),
      "PERSISTED_QUERY_NOT_FOUND",
    );
    expect(error.message).toContain("not in the gateway's manifest");
    expectError(
      await json(
        await gateway.post({
          extensions: { persistedQuery: { version: 1, sha256Hash: UNKNOWN_ID } },
        }),
      ),
      "PERSISTED_QUERY_NOT_FOUND",
    );
  });

  it("refuses a document sent as text, even one that is in the manifest", async () => {
    for (const query of ["{ __typename }", TYPENAME]) {
      const error = expectError(await json(await gateway.post({ query })), "PERSISTED_QUERY_ONLY");
      expect(error.message).toContain("persisted operations only");
    }
  });

  it("refuses a request without an operation", async () => {
    expectError(await json(await gateway.post({ variables: {} })), "PERSISTED_QUERY_ID_REQUIRED");
  });

  it("refuses the same way over graphql-ws, with the same codes and nothing of HTTP", async () => {
    const ws = wsClient(gateway.url);
    try {
      const refusal = async (
        query: string,
        extensions: Record<string, unknown> | undefined,
        code: string,
      ) => {
        const errors = (await ws.run(query, undefined, extensions).then(
          () => [],
          (error: unknown) => error,
        )) as Array<{ extensions?: Record<string, unknown> }>;
        expect(errors).toHaveLength(1);
        expect(errors[0]?.extensions).toEqual({ code });
      };
      const persistedQuery = { version: 1, sha256Hash: UNKNOWN_ID };
      await refusal(
        "query Other { __typename }",
        { persistedQuery },
        "PERSISTED_QUERY_NOT_SUPPORTED",
      );
      await refusal("", { persistedQuery }, "PERSISTED_QUERY_NOT_FOUND");
      await refusal(TYPENAME, undefined, "PERSISTED_QUERY_ONLY");
      await refusal("", undefined, "PERSISTED_QUERY_ID_REQUIRED");
      const [byHash] = await ws.run("", undefined, {
        persistedQuery: { version: 1, sha256Hash: TYPENAME_ID },
      });
      expect(byHash?.data).toEqual({ __typename: "Query" });
    } finally {
      await ws.dispose();
    }
  });

  it("answers refusals with HTTP 400 to GraphQL-over-HTTP clients", async () => {
    const response = await gateway.post(
      { query: "{ __typename }" },
      { accept: "application/graphql-response+json" },
    );
    expect(response.status).toBe(400);
    expectError(await json(response), "PERSISTED_QUERY_ONLY");
  });

  it("tells a browser why there is no GraphiQL instead of serving it", async () => {
    const response = await fetch(gateway.url, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await response.text();
    expect(page).toContain("GraphiQL is off");
    expect(page).toContain("PERSISTED_OPERATIONS");
    expect(page.length).toBeLessThan(2000);
  });
});

describe("PERSISTED_OPERATIONS manifest problems stop the startup", () => {
  async function startupError(path: string): Promise<ConfigError> {
    const env = { PORT: "0", HOST: "127.0.0.1", PERSISTED_OPERATIONS: path };
    const error = await startGateway({ config: loadConfig(env), env, fixture: fixture({}) }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(`PERSISTED_OPERATIONS (${path})`);
    return error as ConfigError;
  }

  it("names a manifest it cannot read", async () => {
    const error = await startupError(join(dir, "missing.json"));
    expect(error.message).toContain("cannot read");
  });

  it("names a manifest that is not JSON", async () => {
    const error = await startupError(await manifestFile("broken.json", '{ "abc": '));
    expect(error.message).toContain("not valid JSON");
  });

  it("names a manifest that is not an object of documents", async () => {
    const error = await startupError(await manifestFile("array.json", "[]"));
    expect(error.message).toContain("must be a JSON object");
  });

  it("names an id given twice, as hex and as sha256:<hex>, with different documents", async () => {
    const error = await startupError(
      await manifestFile(
        "twice.json",
        JSON.stringify({ [TYPENAME_ID]: TYPENAME, [`sha256:${TYPENAME_ID}`]: "{ __typename }" }),
      ),
    );
    expect(error.message).toContain(`"sha256:${TYPENAME_ID}": the same id as another entry`);
  });

  it("names each operation the schema cannot run", async () => {
    const error = await startupError(
      await manifestFile(
        "stale.json",
        JSON.stringify({ good: TYPENAME, stale: "{ noSuchField }", broken: "query {", number: 1 }),
      ),
    );
    expect(error.message).toContain('"stale": Cannot query field "noSuchField"');
    expect(error.message).toContain('"broken": Syntax Error');
    expect(error.message).toContain('"number": the document must be a string');
    expect(error.message).not.toContain('"good"');
  });
});
