import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConfigError, loadConfig } from "../../src/config.js";

const COMPOSE_FILE = fileURLToPath(new URL("../../deploy/compose.yaml", import.meta.url));
const COMPOSE_DIR = dirname(COMPOSE_FILE);

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  environment?: Record<string, string | number | boolean | null> | string[];
  volumes?: Array<string | { type?: string; source?: string }>;
  env_file?: string | string[];
  configs?: unknown;
  deploy?: { replicas?: number };
}

const compose = parse(await readFile(COMPOSE_FILE, "utf8")) as {
  services: Record<string, Service>;
};

/**
 * Compose's interpolation of `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?error}`
 * and `${NAME?error}` with `shell` as the environment compose runs in; a required variable that
 * is missing throws, as compose refuses to start.
 */
function interpolate(value: string, shell: Record<string, string>): string {
  return value.replace(
    /\$\$|\$\{(\w+)(?:(:?)([-?])([^}]*))?\}/g,
    (whole, name?: string, colon?: string, kind?: string, word = "") => {
      if (whole === "$$") return "$";
      const set = name !== undefined && name in shell;
      const value = set ? (shell[name as string] as string) : undefined;
      const missing = colon ? !value : !set;
      if (!missing) return value ?? "";
      if (kind === "?") throw new Error(`compose refuses to start: ${name}: ${word}`);
      return kind === "-" ? word : "";
    },
  );
}

/** A service's environment as the process in its container gets it. */
function environmentOf(service: Service, shell: Record<string, string>): Record<string, string> {
  const entries = Array.isArray(service.environment)
    ? service.environment.map((entry) => {
        const [name = "", ...value] = entry.split("=");
        return [name, value.length ? value.join("=") : null] as const;
      })
    : Object.entries(service.environment ?? {});
  const env: Record<string, string> = {};
  for (const [name, value] of entries) {
    // A name without a value passes the shell's value on, or nothing.
    if (value === null) {
      if (shell[name] !== undefined) env[name] = shell[name];
    } else {
      env[name] = interpolate(String(value), shell);
    }
  }
  return env;
}

const gateways = Object.entries(compose.services).filter(([, service]) => service.build);

/** What an operator exports before `docker compose up`, in each authentication set-up. */
const SHELLS: Record<string, Record<string, string>> = {
  "an identity provider's key set": {
    CURSOR_SECRET: "0123456789abcdef0123456789abcdef",
    AUTH_JWKS_URL: "https://idp.example.com/.well-known/jwks.json",
    AUTH_AUDIENCE: "aws-image-graph",
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "secret",
  },
  "a shared secret": {
    CURSOR_SECRET: "0123456789abcdef0123456789abcdef",
    AUTH_JWT_SECRET: "x".repeat(32),
    AWS_REGION: "eu-west-1",
  },
};

describe("deploy/compose.yaml", () => {
  it("runs two gateway replicas from the repository's Dockerfile, with Redis and a balancer", () => {
    expect(gateways.map(([name]) => name)).toEqual(["gateway"]);
    const [, gateway] = gateways[0] ?? [];
    expect(gateway?.deploy?.replicas).toBe(2);
    expect(compose.services.redis?.image).toMatch(/^redis:/);
    expect(compose.services.lb?.image).toMatch(/^nginx:/);
  });

  it.each(Object.entries(SHELLS))(
    "gives every gateway a configuration the gateway accepts, with %s",
    (_, shell) => {
      for (const [name, service] of gateways) {
        const env = environmentOf(service, shell);
        const config = loadConfig(env);
        expect(config.GATEWAY_BACKEND, name).toBe("aws");
        expect(config.HOST, name).toBe("0.0.0.0");
        expect(config.CURSOR_SECRET, name).toBe(shell.CURSOR_SECRET);
        expect(config.RESPONSE_CACHE, name).toBe("redis");
        expect(config.REDIS_URL, name).toMatch(/^redis:\/\/redis:/);
      }
    },
  );

  it("does not start an open gateway, nor one without a shared cursor key", () => {
    const [, gateway] = gateways[0] ?? [];
    if (!gateway) throw new Error("no gateway service");
    expect(() => environmentOf(gateway, { AUTH_JWT_SECRET: "x".repeat(32) })).toThrow(
      /CURSOR_SECRET/,
    );
    const open = environmentOf(gateway, { CURSOR_SECRET: "0123456789abcdef" });
    expect(() => loadConfig(open)).toThrow(ConfigError);
    expect(() => loadConfig(open)).toThrow(/AUTH_JWT_SECRET.*AUTH_JWKS_URL/);
  });

  it("references only files that exist", () => {
    const referenced: string[] = [];
    for (const service of Object.values(compose.services)) {
      const build = typeof service.build === "string" ? { context: service.build } : service.build;
      if (build) {
        const context = join(COMPOSE_DIR, build.context ?? ".");
        referenced.push(context, join(context, build.dockerfile ?? "Dockerfile"));
        referenced.push(join(context, ".dockerignore"));
      }
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === "string" ? volume.split(":")[0] : volume.source;
        // Named volumes are compose's own; paths are files of the repository.
        if (source && (source.startsWith(".") || isAbsolute(source))) {
          referenced.push(join(COMPOSE_DIR, source));
        }
      }
      for (const file of [service.env_file ?? []].flat()) referenced.push(join(COMPOSE_DIR, file));
    }
    expect(referenced.length).toBeGreaterThanOrEqual(4);
    expect(referenced.filter((path) => !existsSync(path))).toEqual([]);
  });
});
