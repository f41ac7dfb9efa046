import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PREFLIGHT_HEADERS } from "../../src/http/csrf.js";
import { fixture, imageArn, packages, pipelineArn } from "../helpers/fixtures.js";
import {
  expectData,
  expectError,
  type GraphQLResponse,
  startTestGateway,
  type TestGateway,
} from "../helpers/gateway.js";

const IMAGE = imageArn("web-server", "1.2.0", 2);
const PIPELINE = pipelineArn("web-server");
const START = `mutation { startImagePipelineExecution(input: { imagePipelineArn: "${PIPELINE}" }) { clientToken } }`;
const READ = `{ imagePackages(imageBuildVersionArn: "${IMAGE}", first: 1) { edges { node { packageName } } } }`;
const EVIL = "https://evil.example";

/**
 * Every request a web page can make cross-site without a CORS preflight, so its browser sends it
 * whatever CORS_ORIGINS says: a GET, or a POST whose body is a form, multipart form or plain text
 * (also with parameters, other capitals, or no content type at all).
 */
const SIMPLE_REQUESTS: Array<[string, (query: string) => { url?: string; init: RequestInit }]> = [
  [
    "POST application/x-www-form-urlencoded",
    (query) => ({
      init: {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ query }).toString(),
      },
    }),
  ],
  [
    "POST application/x-www-form-urlencoded;charset=UTF-8",
    (query) => ({
      init: {
        headers: { "content-type": "Application/X-WWW-Form-Urlencoded;charset=UTF-8" },
        body: new URLSearchParams({ query }).toString(),
      },
    }),
  ],
  [
    "POST multipart/form-data",
    (query) => {
      const body = new FormData();
      body.set("query", query);
      return { init: { body } };
    },
  ],
  [
    "POST multipart/form-data as a GraphQL multipart request",
    (query) => {
      const body = new FormData();
      body.set("operations", JSON.stringify({ query }));
      body.set("map", "{}");
      return { init: { body } };
    },
  ],
  [
    "POST text/plain with a JSON body",
    (query) => ({
      init: { headers: { "content-type": "text/plain" }, body: JSON.stringify({ query }) },
    }),
  ],
  [
    "POST TEXT/PLAIN;charset=UTF-8 with a JSON body",
    (query) => ({
      init: {
        headers: { "content-type": "TEXT/PLAIN;charset=UTF-8" },
        body: JSON.stringify({ query }),
      },
    }),
  ],
  [
    "POST without a content type",
    (query) => ({ init: { body: new TextEncoder().encode(JSON.stringify({ query })) } }),
  ],
  [
    "GET ?query=",
    (query) => ({ url: `?query=${encodeURIComponent(query)}`, init: { method: "GET" } }),
  ],
];

const FORMS = SIMPLE_REQUESTS.flatMap(([name, build]) =>
  [undefined, EVIL].map(
    (origin) => [`${name}${origin ? ` from ${origin}` : ""}`, build, origin] as const,
  ),
);

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: fixture({
      imageBuilder: {
        images: [{ arn: IMAGE, packages: packages(2) }],
        pipelines: [
          {
            arn: PIPELINE,
            imageName: "web-server",
            semanticVersion: "1.3.0",
            packages: packages(1, "nginx"),
          },
        ],
      },
    }),
    // As in production: no cross-origin access at all.
    env: { CORS_ORIGINS: "none" },
  });
});
afterAll(() => gateway?.close());

async function sendSimple(
  build: (query: string) => { url?: string; init: RequestInit },
  query: string,
  headers: Record<string, string> = {},
) {
  const { url, init } = build(query);
  const response = await fetch(new URL(url ?? "", gateway.url), {
    method: "POST",
    ...init,
    headers: { ...(init.headers as Record<string, string> | undefined), ...headers },
  });
  return { response, body: (await response.json()) as GraphQLResponse };
}

const operations = () => gateway.emulator?.calls.map((call) => call.operation) ?? [];

describe("requests any web page can send cross-site", () => {
  it("would start a build as application/json, which browsers only send after a preflight", async () => {
    // The control: the same mutation, sent the way the check lets through, does start a build.
    gateway.emulator?.resetCalls();
    const response = await gateway.post({ query: START }, { origin: EVIL });
    expectData((await response.json()) as GraphQLResponse);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(operations()).toEqual(["StartImagePipelineExecution"]);
  });

  it.each(FORMS)("never start a build: %s", async (_name, build, origin) => {
    gateway.emulator?.resetCalls();
    const { response, body } = await sendSimple(build, START, origin ? { origin } : {});
    expect(response.status).toBe(403);
    expectError(body, "CSRF_PREFLIGHT_REQUIRED");
    expect(operations()).toEqual([]);
  });

  it.each(FORMS)(
    "run no query either without a preflight header: %s",
    async (_name, build, origin) => {
      gateway.emulator?.resetCalls();
      const { response, body } = await sendSimple(build, READ, origin ? { origin } : {});
      expect(response.status).toBe(403);
      const error = expectError(body, "CSRF_PREFLIGHT_REQUIRED");
      expect(error.message).toContain("content-type: application/json");
      for (const header of PREFLIGHT_HEADERS) expect(error.message).toContain(header);
      expect(body.data).toBeUndefined();
      expect(operations()).toEqual([]);
    },
  );

  it.each(PREFLIGHT_HEADERS)("run a query sent as GET with the header %s", async (header) => {
    const get = SIMPLE_REQUESTS.find(([name]) => name.startsWith("GET"))?.[1];
    if (!get) throw new Error("no GET form");
    const { body } = await sendSimple(get, READ, { [header]: "1" });
    const data = expectData(body) as { imagePackages: { edges: unknown[] } };
    expect(data.imagePackages.edges).toHaveLength(1);
  });

  it("never run a mutation sent as GET, header or not", async () => {
    gateway.emulator?.resetCalls();
    const url = new URL(gateway.url);
    url.searchParams.set("query", START);
    const response = await fetch(url, { headers: { "x-graphql-csrf": "1", origin: EVIL } });
    expect(response.status).toBe(405);
    expect(operations()).toEqual([]);
  });
});
