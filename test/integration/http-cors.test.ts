import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { parseCorsOrigins } from "../../src/http/cors.js";
import { startGateway } from "../../src/start.js";
import { fixture } from "../helpers/fixtures.js";
import { startTestGateway, type TestGateway } from "../helpers/gateway.js";

const ALLOWED = "https://app.example.com";
const ALSO_ALLOWED = "http://localhost:3000";
const OTHER = "https://evil.example.net";
const QUERY = { query: "{ __typename }" };

function preflight(url: string, origin: string) {
  return fetch(url, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    },
  });
}

const varies = (response: Response) =>
  (response.headers.get("vary") ?? "").split(/,\s*/).map((field) => field.toLowerCase());

describe("CORS_ORIGINS with a list", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      fixture: fixture({}),
      // Written the way people do: spaces, capitals, default port, trailing slash.
      env: { CORS_ORIGINS: ` HTTPS://App.Example.com:443/ , ${ALSO_ALLOWED}` },
    });
  });
  afterAll(() => gateway?.close());

  it.each([ALLOWED, ALSO_ALLOWED])("lets %s through the preflight", async (origin) => {
    const response = await preflight(gateway.url, origin);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toBe("content-type");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    expect(varies(response)).toContain("origin");
  });

  it("answers an allowed origin's request with its origin", async () => {
    const response = await gateway.post(QUERY, { origin: ALLOWED });
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(varies(response)).toContain("origin");
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("gives another origin no CORS headers, so its browser blocks the call", async () => {
    const pre = await preflight(gateway.url, OTHER);
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    expect(pre.headers.get("access-control-allow-methods")).toBeNull();
    expect(pre.headers.get("access-control-allow-headers")).toBeNull();

    const response = await gateway.post(QUERY, { origin: OTHER });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    // Caches must not hand this answer to an allowed origin, nor the reverse.
    expect(varies(response)).toContain("origin");
  });

  it("gives the sandboxed origin `null` no access either", async () => {
    const response = await preflight(gateway.url, "null");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("still serves clients that send no Origin (servers, curl)", async () => {
    const response = await gateway.post(QUERY);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(await response.json()).toEqual({ data: { __typename: "Query" } });
  });
});

describe("CORS_ORIGINS defaults and shorthands", () => {
  it("allows any origin by default, without credentials", async () => {
    const gateway = await startTestGateway({ fixture: fixture({}) });
    try {
      const response = await preflight(gateway.url, OTHER);
      expect(response.headers.get("access-control-allow-origin")).toBe(OTHER);
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    } finally {
      await gateway.close();
    }
  });

  it("allows no origin with `none`", async () => {
    const gateway = await startTestGateway({
      fixture: fixture({}),
      env: { CORS_ORIGINS: "none" },
    });
    try {
      for (const origin of [ALLOWED, OTHER]) {
        const pre = await preflight(gateway.url, origin);
        expect(pre.headers.get("access-control-allow-origin")).toBeNull();
        const response = await gateway.post(QUERY, { origin });
        expect(response.headers.get("access-control-allow-origin")).toBeNull();
      }
    } finally {
      await gateway.close();
    }
  });

  it("normalises origins the way browsers send them", () => {
    expect(parseCorsOrigins("*")).toEqual({ origins: "any" });
    expect(parseCorsOrigins("NONE")).toEqual({ origins: new Set() });
    expect(parseCorsOrigins("https://A.example.com:443/,http://localhost:8080")).toEqual({
      origins: new Set(["https://a.example.com", "http://localhost:8080"]),
    });
  });

  it.each([
    ["https://app.example.com/path", "https://app.example.com/path"],
    ["app.example.com", "app.example.com"],
    ["ftp://files.example.com", "ftp://files.example.com"],
    ["*,https://app.example.com", "*"],
    [",", "empty"],
  ])("refuses CORS_ORIGINS=%s at startup, naming %s", async (value, named) => {
    expect(parseCorsOrigins(value)).toHaveProperty("problems");
    const env = { PORT: "0", HOST: "127.0.0.1", CORS_ORIGINS: value };
    const error = await Promise.resolve()
      .then(() => startGateway({ config: loadConfig(env), env, fixture: fixture({}) }))
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain("CORS_ORIGINS");
    expect((error as ConfigError).message).toContain(named);
  });
});
