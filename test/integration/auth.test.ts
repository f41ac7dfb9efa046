import { UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, imageArn, packages, pipelineArn } from "../helpers/fixtures.js";
import {
  expectData,
  expectError,
  type GraphQLResponse,
  startTestGateway,
  type TestGateway,
} from "../helpers/gateway.js";
import {
  hs256Token,
  type SigningKey,
  signingKey,
  startJwksServer,
  type TokenClaims,
} from "../helpers/tokens.js";

const SECRET = "a-test-secret-that-is-32-characters-or-more";
const ISSUER = "https://id.example.test/";
const AUDIENCE = "aws-image-graph";
const IMAGE = imageArn("web-server", "1.2.0", 2);
const PIPELINE = pipelineArn("web-server");
const APPSTREAM_IMAGE = "arn:aws:appstream:us-east-1::image/Base-Image";

const FIXTURE = fixture({
  imageBuilder: {
    images: [{ arn: IMAGE, packages: packages(3) }],
    pipelines: [
      {
        arn: PIPELINE,
        imageName: "web-server",
        semanticVersion: "1.3.0",
        packages: packages(2, "nginx"),
      },
    ],
  },
  appStream: {
    images: [
      {
        region: "us-east-1",
        Name: "Base-Image",
        Arn: APPSTREAM_IMAGE,
        Visibility: "PUBLIC",
        State: "AVAILABLE",
        Platform: "WINDOWS_SERVER_2019",
      },
    ],
  },
});

const READ = `{ imagePackages(imageBuildVersionArn: "${IMAGE}", first: 2) { edges { node { packageName } } } }`;
const START = `mutation { startImagePipelineExecution(input: { imagePipelineArn: "${PIPELINE}" }) {
  clientToken
  imageBuildVersion { arn packages(first: 1) { edges { node { packageName } } } }
} }`;

/** Valid claims for the HS256 gateway; tests override what they are about. */
const claims = (extra: TokenClaims = {}): TokenClaims => ({
  sub: "alice",
  iss: ISSUER,
  aud: AUDIENCE,
  scope: "images:read pipelines:execute",
  ...extra,
});

async function send(gateway: TestGateway, query: string, token?: string) {
  const response = await gateway.post(
    { query },
    token === undefined ? {} : { authorization: `Bearer ${token}` },
  );
  return { response, body: (await response.json()) as GraphQLResponse };
}

function operations(gateway: TestGateway): string[] {
  return gateway.emulator?.calls.map((call) => call.operation) ?? [];
}

describe("HS256 bearer tokens", () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({
      fixture: FIXTURE,
      env: { AUTH_JWT_SECRET: SECRET, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE },
    });
  });
  afterAll(() => gateway?.close());

  it("serves a caller whose token carries the read scope", async () => {
    gateway.emulator?.resetCalls();
    const { response, body } = await send(gateway, READ, await hs256Token(SECRET, claims()));
    expect(response.status).toBe(200);
    const data = expectData(body) as { imagePackages: { edges: unknown[] } };
    expect(data.imagePackages.edges).toHaveLength(2);
    expect(operations(gateway)).toEqual(["ListImagePackages"]);
  });

  const refused: Array<[string, () => Promise<string | undefined>, RegExp]> = [
    ["no token", async () => undefined, /Authorization: Bearer/],
    ["an empty bearer", async () => "", /must be `Bearer <token>`/],
    ["a malformed token", async () => "not-a-jwt", /not a well-formed/],
    ["three garbage segments", async () => "abc.def.ghi", /not a well-formed/],
    [
      "an expired token",
      () => hs256Token(SECRET, claims({ exp: Math.floor(Date.now() / 1000) - 3600 })),
      /expired/,
    ],
    [
      "a token for another audience",
      () => hs256Token(SECRET, claims({ aud: "another-app" })),
      /"aud"/,
    ],
    [
      "a token from another issuer",
      () => hs256Token(SECRET, claims({ iss: "https://evil.example/" })),
      /"iss"/,
    ],
    [
      "a token signed with another secret",
      () => hs256Token("another-secret-that-is-32-characters-long", claims()),
      /signature/,
    ],
    [
      "an unsigned token (alg none)",
      async () =>
        new UnsecuredJWT(claims()).setIssuedAt().setExpirationTime("5m").encode() as string,
      /algorithm|well-formed/,
    ],
    ["a token without a subject", () => hs256Token(SECRET, claims({ sub: undefined })), /"sub"/],
    ["a token with an empty subject", () => hs256Token(SECRET, claims({ sub: "" })), /`sub`/],
    [
      "a token whose subject is not a string",
      () => hs256Token(SECRET, claims({ sub: 123 as unknown as string })),
      /`sub`|"sub"/,
    ],
    [
      "a token signed with RS256 by a key the gateway does not know",
      async () => (await signingKey("RS256", "foreign")).sign(claims()),
      /algorithm/,
    ],
  ];

  it.each(refused)(
    "answers %s with 401 UNAUTHENTICATED and runs nothing",
    async (_name, token, message) => {
      gateway.emulator?.resetCalls();
      for (const query of [READ, START]) {
        const { response, body } = await send(gateway, query, await token());
        expect(response.status).toBe(401);
        expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="aws-image-graph"/);
        const error = expectError(body, "UNAUTHENTICATED");
        expect(error.message).toMatch(message);
        expect(body.data).toBeUndefined();
      }
      expect(operations(gateway)).toEqual([]);
    },
  );

  it("also refuses a scheme other than Bearer", async () => {
    const response = await gateway.post({ query: READ }, { authorization: `Basic ${btoa("a:b")}` });
    expect(response.status).toBe(401);
    expectError((await response.json()) as GraphQLResponse, "UNAUTHENTICATED");
  });

  it("takes scopes from `scp`, as an array or a space-separated string", async () => {
    for (const scp of [["images:read"], "openid images:read"]) {
      const token = await hs256Token(SECRET, claims({ scope: undefined, scp }));
      expectData((await send(gateway, READ, token)).body);
    }
  });

  it("answers each field a token lacks the scope for with FORBIDDEN, keeping the rest", async () => {
    gateway.emulator?.resetCalls();
    const token = await hs256Token(SECRET, claims({ scope: "pipelines:execute profile" }));
    const { response, body } = await send(
      gateway,
      `{ __typename appStreamImage(arn: "${APPSTREAM_IMAGE}") { name } node(id: "x") { id } }`,
      token,
    );
    expect(response.status).toBe(200);
    expect(body.data).toEqual({ __typename: "Query", appStreamImage: null, node: null });
    expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [["appStreamImage"], "FORBIDDEN"],
      [["node"], "FORBIDDEN"],
    ]);
    expect(body.errors?.[0]?.message).toContain("needs the scope `images:read`");
    expect(body.errors?.[0]?.extensions?.requiredScope).toBe("images:read");
    expect(operations(gateway)).toEqual([]);
  });

  it("guards node and nodes like every other read", async () => {
    const reader = await hs256Token(SECRET, claims({ scope: "images:read" }));
    const image = expectData(
      (await send(gateway, `{ imageBuildVersion(arn: "${IMAGE}") { id } }`, reader)).body,
    ) as { imageBuildVersion: { id: string } };
    const id = image.imageBuildVersion.id;
    const refetch = `{ node(id: "${id}") { id } nodes(ids: ["${id}"]) { id } }`;
    expect(expectData((await send(gateway, refetch, reader)).body)).toEqual({
      node: { id },
      nodes: [{ id }],
    });

    gateway.emulator?.resetCalls();
    const outsider = await hs256Token(SECRET, claims({ scope: "" }));
    const { body } = await send(gateway, refetch, outsider);
    expect(body.data).toBeNull(); // nodes is non-null, so its error nulls the whole data
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    expect(operations(gateway)).toEqual([]);
  });

  it("guards federation's _entities and _service", async () => {
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ImageBuildVersion { arn packages(first: 1) { edges { node { packageName } } } } } }`;
    const variables = { r: [{ __typename: "ImageBuildVersion", arn: IMAGE }] };
    const post = async (query: string, token: string) =>
      (await (
        await gateway.post({ query, variables }, { authorization: `Bearer ${token}` })
      ).json()) as GraphQLResponse;

    const reader = await hs256Token(SECRET, claims({ scope: "images:read" }));
    const data = expectData(await post(entities, reader)) as { _entities: Array<{ arn: string }> };
    expect(data._entities[0]?.arn).toBe(IMAGE);
    expect(
      (expectData(await post("{ _service { sdl } }", reader)) as { _service: { sdl: string } })
        ._service.sdl,
    ).toContain("ImageBuildVersion");

    gateway.emulator?.resetCalls();
    const executor = await hs256Token(SECRET, claims({ scope: "pipelines:execute" }));
    for (const query of [entities, "{ _service { sdl } }"]) {
      const error = expectError(await post(query, executor), "FORBIDDEN");
      expect(error.message).toContain("images:read");
    }
    expect(operations(gateway)).toEqual([]);
  });

  it("needs the execute scope to start a pipeline; a reader starts nothing", async () => {
    gateway.emulator?.resetCalls();
    const reader = await hs256Token(SECRET, claims({ scope: "images:read" }));
    const { body } = await send(gateway, START, reader);
    const error = expectError(body, "FORBIDDEN");
    expect(error.message).toContain("needs the scope `pipelines:execute`");
    expect(error.path).toEqual(["startImagePipelineExecution"]);
    expect(operations(gateway)).toEqual([]);
  });

  it("starts a pipeline with the execute scope alone, but reads nothing through its payload", async () => {
    gateway.emulator?.resetCalls();
    const executor = await hs256Token(SECRET, claims({ scope: "pipelines:execute" }));
    const { body } = await send(gateway, START, executor);
    const data = body.data as {
      startImagePipelineExecution: { clientToken: string; imageBuildVersion: unknown };
    };
    expect(data.startImagePipelineExecution.clientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(data.startImagePipelineExecution.imageBuildVersion).toBeNull();
    expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [["startImagePipelineExecution", "imageBuildVersion"], "FORBIDDEN"],
    ]);
    expect(operations(gateway)).toEqual(["StartImagePipelineExecution"]);
  });

  it("needs the execute scope to cancel a build, like starting one; a reader cancels nothing", async () => {
    gateway.emulator?.resetCalls();
    const cancel = `mutation { cancelImageCreation(input: { imageBuildVersionArn: "${IMAGE}" }) { clientToken } }`;
    const reader = await hs256Token(SECRET, claims({ scope: "images:read" }));
    const error = expectError((await send(gateway, cancel, reader)).body, "FORBIDDEN");
    expect(error.message).toContain("needs the scope `pipelines:execute`");
    expect(error.path).toEqual(["cancelImageCreation"]);
    expect(operations(gateway)).toEqual([]);
    // With the scope, the call reaches Image Builder (which refuses a finished build).
    const executor = await hs256Token(SECRET, claims({ scope: "pipelines:execute" }));
    expectError((await send(gateway, cancel, executor)).body, "CONFLICT");
    expect(operations(gateway)).toEqual(["CancelImageCreation"]);
  });

  it("serves GraphiQL's page and /metrics without a token", async () => {
    const page = await fetch(gateway.url, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const metrics = await fetch(new URL("/metrics", gateway.url));
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain("gateway_aws_calls_total");
  });
});

describe("tokens verified with a JSON Web Key Set", () => {
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let gateway: TestGateway;
  let rsa: SigningKey;
  let ec: SigningKey;
  // No issuer configured: any issuer the keys vouch for.
  const jwksClaims = (extra: TokenClaims = {}) => claims({ iss: undefined, ...extra });
  const read = async (token: string) => send(gateway, READ, token);

  beforeAll(async () => {
    rsa = await signingKey("RS256", "rsa-1");
    ec = await signingKey("ES256", "ec-1");
    jwks = await startJwksServer([rsa, ec]);
    gateway = await startTestGateway({
      fixture: FIXTURE,
      env: { AUTH_JWKS_URL: jwks.url, AUTH_AUDIENCE: AUDIENCE, AUTH_JWKS_COOLDOWN_SECONDS: "0" },
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await jwks?.close();
  });

  it("accepts RS256 and ES256 tokens of published keys, fetching the key set once", async () => {
    for (const key of [rsa, ec, rsa, ec]) {
      expectData((await read(await key.sign(jwksClaims()))).body);
    }
    expect(jwks.fetches).toBe(1);
  });

  it("refuses expired, foreign-audience and unknown-key tokens with 401", async () => {
    const stranger = await signingKey("RS256", "rsa-1"); // same kid, another key
    const unknownKid = await signingKey("ES256", "nobody");
    const tokens = [
      await rsa.sign(jwksClaims({ exp: Math.floor(Date.now() / 1000) - 60 })),
      await ec.sign(jwksClaims({ aud: "another-app" })),
      await stranger.sign(jwksClaims()),
      await unknownKid.sign(jwksClaims()),
      await hs256Token(SECRET, jwksClaims()),
    ];
    for (const token of tokens) {
      const { response, body } = await read(token);
      expect(response.status, JSON.stringify(body)).toBe(401);
      expectError(body, "UNAUTHENTICATED");
    }
  });

  it("follows key rotation: a new key's token verifies once the set publishes it", async () => {
    const next = await signingKey("ES256", "ec-2");
    const early = await read(await next.sign(jwksClaims()));
    expect(early.response.status).toBe(401);

    jwks.publish([next]);
    const before = jwks.fetches;
    expectData((await read(await next.sign(jwksClaims()))).body);
    expect(jwks.fetches).toBe(before + 1);
    // The retired keys are gone with the set that held them.
    expect((await read(await rsa.sign(jwksClaims()))).response.status).toBe(401);
  });

  it("answers 503 when the key set cannot be fetched, not 401", async () => {
    const down = await startJwksServer([rsa]);
    const url = down.url;
    await down.close();
    const orphan = await startTestGateway({
      fixture: FIXTURE,
      env: { AUTH_JWKS_URL: url, AUTH_AUDIENCE: AUDIENCE },
    });
    try {
      const { response, body } = await send(orphan, READ, await rsa.sign(jwksClaims()));
      expect(response.status).toBe(503);
      expect(expectError(body, "UPSTREAM_UNAVAILABLE").message).toContain(
        "keys that verify tokens",
      );
    } finally {
      await orphan.close();
    }
  });
});

describe("per-caller budgets of AWS calls", () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({
      fixture: FIXTURE,
      env: { AUTH_JWT_SECRET: SECRET, CALLER_AWS_CALLS_PER_MINUTE: "3" },
    });
  });
  afterAll(() => gateway?.close());

  it("refuses a caller's calls past its budget with RATE_LIMITED and Retry-After; others go on", async () => {
    const alice = await hs256Token(SECRET, claims({ iss: undefined, aud: undefined }));
    const bob = await hs256Token(SECRET, claims({ sub: "bob", iss: undefined, aud: undefined }));
    gateway.emulator?.resetCalls();
    for (let call = 0; call < 3; call++) {
      const { response, body } = await send(gateway, READ, alice);
      expectData(body);
      expect(response.headers.get("retry-after")).toBeNull();
    }
    const { response, body } = await send(gateway, READ, alice);
    const error = expectError(body, "RATE_LIMITED");
    const retryAfter = Number(error.extensions?.retryAfter);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(response.headers.get("retry-after")).toBe(String(retryAfter));
    expect(error.message).toContain("3 AWS calls per minute");
    expect(operations(gateway)).toHaveLength(3);

    expectData((await send(gateway, READ, bob)).body);
    expect(operations(gateway)).toHaveLength(4);
  });
});

describe("per-caller budgets running out within a request", () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({
      fixture: FIXTURE,
      env: { AUTH_JWT_SECRET: SECRET, CALLER_AWS_CALLS_PER_MINUTE: "2" },
    });
  });
  afterAll(() => gateway?.close());

  it("returns what the budget paid for, and RATE_LIMITED where it ran out", async () => {
    const carol = await hs256Token(
      SECRET,
      claims({ sub: "carol", iss: undefined, aud: undefined }),
    );
    expectData((await send(gateway, READ, carol)).body);
    gateway.emulator?.resetCalls();
    // Two fields, one AWS call each, one call left in the budget.
    const { response, body } = await send(
      gateway,
      `{ a: imageBuildVersion(arn: "${IMAGE}") { packages(first: 1) { edges { node { packageName } } } }
         b: appStreamImage(arn: "${APPSTREAM_IMAGE}") { name } }`,
      carol,
    );
    const data = body.data as { a: unknown; b: unknown };
    expect([data.a, data.b].filter((field) => field === null)).toHaveLength(1);
    expect([data.a, data.b].filter((field) => field !== null)).toHaveLength(1);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(["RATE_LIMITED"]);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(operations(gateway)).toHaveLength(1);
  });
});

describe("per-client-address budgets with authentication off", () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({
      fixture: FIXTURE,
      env: { CALLER_AWS_CALLS_PER_MINUTE: "3" },
    });
  });
  afterAll(() => gateway?.close());

  it("grants every scope and charges the client address", async () => {
    // Two calls: the start, and the first packages of the image it creates.
    expectData((await send(gateway, START)).body);
    expectData((await send(gateway, READ)).body);
    const { response, body } = await send(gateway, READ);
    expectError(body, "RATE_LIMITED");
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});
