import { describe, expect, it } from "vitest";
import { authenticationMode, ConfigError, loadConfig } from "../../src/config.js";

const SECRET = "s".repeat(32);

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("authentication configuration", () => {
  it("is off on the emulator unless a key source is set", () => {
    expect(authenticationMode(loadConfig({}))).toBe("off");
    expect(authenticationMode(loadConfig({ AUTH_JWT_SECRET: SECRET }))).toBe("jwt");
    expect(
      authenticationMode(
        loadConfig({ AUTH_JWKS_URL: "https://id.example.com/.well-known/jwks.json" }),
      ),
    ).toBe("jwt");
  });

  it("reads the authentication words as the rest of the configuration does: trimmed", () => {
    expect(problems({ GATEWAY_BACKEND: "aws " }).join("\n")).toMatch(
      /GATEWAY_BACKEND=aws without authentication/,
    );
    expect(problems({ GATEWAY_BACKEND: "aws", GATEWAY_AUTH: " jwt " }).join("\n")).toMatch(
      /GATEWAY_AUTH=jwt needs a key source/,
    );
  });

  it("refuses the aws backend without authentication, naming every way out", () => {
    const [problem, ...rest] = problems({ GATEWAY_BACKEND: "aws" });
    expect(rest).toEqual([]);
    expect(problem).toContain("AUTH_JWT_SECRET");
    expect(problem).toContain("AUTH_JWKS_URL");
    expect(problem).toContain("GATEWAY_AUTH=off");
    expect(authenticationMode(loadConfig({ GATEWAY_BACKEND: "aws", GATEWAY_AUTH: "off" }))).toBe(
      "off",
    );
    expect(
      authenticationMode(loadConfig({ GATEWAY_BACKEND: "aws", AUTH_JWT_SECRET: SECRET })),
    ).toBe("jwt");
  });

  it("reports every invalid setting and combination together with the other variables", () => {
    const found = problems({
      PORT: "not-a-port",
      AUTH_JWT_SECRET: "short",
      AUTH_JWKS_URL: "http://id.example.com/jwks.json",
      AUTH_READ_SCOPE: "images read",
      CALLER_AWS_CALLS_PER_MINUTE: "-1",
      METRICS_PORT: "70000",
    });
    const text = found.join("\n");
    expect(text).toMatch(/^PORT:/m);
    expect(text).toMatch(/^AUTH_JWT_SECRET: must be at least 32 characters/m);
    expect(text).toMatch(/^AUTH_JWKS_URL: must use https \(http only on a loopback host\)/m);
    expect(text).toMatch(/^AUTH_READ_SCOPE: must be one scope name/m);
    expect(text).toMatch(/^CALLER_AWS_CALLS_PER_MINUTE:/m);
    expect(text).toMatch(/^METRICS_PORT:/m);
    expect(text).toMatch(/AUTH_JWT_SECRET and AUTH_JWKS_URL are both set/);
  });

  it.each([
    [{ GATEWAY_AUTH: "off", AUTH_JWT_SECRET: SECRET }, /GATEWAY_AUTH=off contradicts/],
    [{ GATEWAY_AUTH: "jwt" }, /GATEWAY_AUTH=jwt needs a key source/],
    [{ AUTH_ISSUER: "https://id.example.com/" }, /AUTH_ISSUER is set but no token is checked/],
    [{ AUTH_AUDIENCE: "graph" }, /AUTH_AUDIENCE is set but no token is checked/],
    [{ AUTH_JWKS_URL: "ftp://id.example.com/jwks" }, /AUTH_JWKS_URL: must be an http\(s\) URL/],
    [{ PORT: "4000", METRICS_PORT: "4000" }, /METRICS_PORT \(4000\) must differ from PORT/],
  ])("refuses %o", (env, message) => {
    expect(problems(env).join("\n")).toMatch(message);
  });

  it("accepts a JWKS over plain http on a loopback host only", () => {
    for (const host of ["127.0.0.1:8080", "localhost", "[::1]:9000"]) {
      expect(problems({ AUTH_JWKS_URL: `http://${host}/jwks.json` })).toEqual([]);
    }
  });
});

describe("variables that take one of a few words", () => {
  it("name the words allowed and quote the value given, for every one of them", () => {
    const given = {
      GATEWAY_BACKEND: "cloud",
      GATEWAY_SCHEMA: "full",
      GATEWAY_DEBUG: "yes",
      GATEWAY_AUTH: "maybe",
      RESPONSE_CACHE: "disk",
      LOG_LEVEL: "verbose",
    };
    const found = problems(given);
    for (const [name, value] of Object.entries(given)) {
      const problem = found.find((line) => line.startsWith(`${name}:`));
      expect(problem, name).toMatch(new RegExp(`^${name}: must be \`.+\` or .*got "${value}"$`));
    }
  });

  it("reads LOG_LEVEL in any case", () => {
    expect(loadConfig({ LOG_LEVEL: "DEBUG" }).LOG_LEVEL).toBe("debug");
  });
});

describe("HOST", () => {
  it("defaults to loopback while authentication is off, and to every interface with it on", () => {
    expect(loadConfig({}).HOST).toBe("127.0.0.1");
    expect(loadConfig({ GATEWAY_BACKEND: "aws", GATEWAY_AUTH: "off" }).HOST).toBe("127.0.0.1");
    expect(loadConfig({ AUTH_JWT_SECRET: SECRET }).HOST).toBe("0.0.0.0");
  });

  it("is what it is set to, whatever the authentication", () => {
    expect(loadConfig({ HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
    expect(loadConfig({ HOST: "::1", AUTH_JWT_SECRET: SECRET }).HOST).toBe("::1");
  });
});

describe("connection and proxy variables", () => {
  it("default to bounded times, a bounded socket and no trusted proxy", () => {
    const config = loadConfig({});
    expect(config.HTTP_HEADERS_TIMEOUT_MS).toBe(10_000);
    expect(config.HTTP_BODY_TIMEOUT_MS).toBe(15_000);
    expect(config.HTTP_KEEP_ALIVE_TIMEOUT_MS).toBe(5_000);
    expect(config.HTTP_MAX_REQUESTS_PER_SOCKET).toBe(1_000);
    expect(config.TRUSTED_PROXIES).toEqual([]);
  });

  it("are reported together with the other invalid variables", () => {
    const text = problems({
      PORT: "not-a-port",
      HTTP_HEADERS_TIMEOUT_MS: "0",
      HTTP_BODY_TIMEOUT_MS: "ten seconds",
      HTTP_KEEP_ALIVE_TIMEOUT_MS: "0",
      HTTP_MAX_REQUESTS_PER_SOCKET: "-1",
      TRUSTED_PROXIES: "10.0.0.0/8,proxy.internal",
    }).join("\n");
    for (const name of [
      "PORT",
      "HTTP_HEADERS_TIMEOUT_MS",
      "HTTP_BODY_TIMEOUT_MS",
      "HTTP_KEEP_ALIVE_TIMEOUT_MS",
      "HTTP_MAX_REQUESTS_PER_SOCKET",
      "TRUSTED_PROXIES",
    ]) {
      expect(text).toMatch(new RegExp(`^${name}: must be`, "m"));
    }
    expect(text).toContain('got "10.0.0.0/8,proxy.internal"');
  });
});
