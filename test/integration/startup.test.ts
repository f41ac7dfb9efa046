import { type ChildProcess, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startGatewayProcess } from "../helpers/gateway-process.js";

const DEMO_IMAGE = "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/2";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGTERM");
});

/** What the log lines on stderr say, one message a line (every line the gateway writes is JSON). */
function messages(stderr: string): string {
  return stderr
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      try {
        return String((JSON.parse(line) as { msg?: unknown }).msg);
      } catch {
        return line;
      }
    })
    .join("\n");
}

function start(env: Record<string, string>) {
  const gateway = startGatewayProcess(env);
  children.push(gateway.proc);
  return gateway;
}

describe("npm start", () => {
  it("serves the demo data on the embedded emulator and says so", async () => {
    const gateway = start({});
    const url = await gateway.url();
    expect(gateway.output().stdout).toMatch(
      /Backend: embedded AWS emulator at http:\/\/127\.0\.0\.1:\d+/,
    );
    expect(gateway.output().stdout).toMatch(/Authentication: off: no token needed/);
    expect(gateway.output().stdout).toMatch(
      /Accounts: home, \S.* \(the emulator's fixture accounts\)/,
    );
    // One process with its own emulator: cursors cannot outlive it, so no warning about them.
    expect(gateway.output().stderr).not.toContain("CURSOR_SECRET");
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `{ imagePackages(imageBuildVersionArn: "${DEMO_IMAGE}", first: 100) { edges { node { packageName } } } }`,
      }),
    });
    const body = (await response.json()) as {
      data: { imagePackages: { edges: unknown[] } };
    };
    expect(body.data.imagePackages.edges.length).toBeGreaterThan(60);
    const graphiql = await fetch(url, { headers: { accept: "text/html" } });
    expect(await graphiql.text()).toContain("<title>AWS image graph</title>");
    // The address alone leads there too.
    const root = await fetch(new URL("/", url), { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/graphql");
  });

  it("reads as text at a terminal (LOG_FORMAT=pretty), saying where and what it serves", async () => {
    const gateway = start({ LOG_FORMAT: "pretty", HOST: "" });
    await gateway.url();
    const { stdout } = gateway.output();
    expect(stdout).not.toContain('{"level"');
    expect(stdout).toMatch(/INFO: GraphQL gateway ready at http:\/\/127\.0\.0\.1:\d+\/graphql/);
    expect(stdout).toMatch(/Listening on: 127\.0\.0\.1 port \d+ \(this machine only/);
    expect(stdout).toMatch(/Backend: embedded AWS emulator/);
    expect(stdout).toMatch(/Authentication: off/);
  });

  it("does not advertise GraphiQL when PERSISTED_OPERATIONS is set", async () => {
    const dir = await mkdtemp(join(tmpdir(), "startup-"));
    try {
      const manifest = join(dir, "manifest.json");
      await writeFile(manifest, JSON.stringify({ typename: "{ __typename }" }));
      const gateway = start({ PERSISTED_OPERATIONS: manifest });
      await gateway.url();
      const { stdout } = gateway.output();
      expect(stdout).toContain("persisted operations only; GraphiQL is off");
      expect(stdout).not.toContain("GraphiQL in the browser");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reports every invalid variable at once and exits 1 without a stack trace", async () => {
    const gateway = start({ PORT: "not-a-port", AWS_REGION: "Mars", GATEWAY_BACKEND: "cloud" });
    const [code] = await once(gateway.proc, "exit");
    expect(code).toBe(1);
    const { stderr } = gateway.output();
    expect(stderr).toContain("PORT");
    expect(stderr).toContain("AWS_REGION");
    expect(stderr).toContain("GATEWAY_BACKEND");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("reports bad EMULATOR_*, CORS_ORIGINS and HOST together with the rest, in words", async () => {
    const gateway = start({
      PORT: "70000",
      HOST: "not a host name",
      CORS_ORIGINS: "app.example.com",
      EMULATOR_LATENCY_MS: "fast",
      EMULATOR_THROTTLE_RATE: "2",
      EMULATOR_ERROR_RATE: "often",
      GATEWAY_DEBUG: "yes",
    });
    const [code] = await once(gateway.proc, "exit");
    expect(code).toBe(1);
    const { stderr } = gateway.output();
    for (const line of [
      'PORT: must be a whole number from 0 to 65535, got "70000"',
      'HOST: must be an IP address such as 0.0.0.0, :: or 127.0.0.1, or a host name, got "not a host name"',
      'CORS_ORIGINS: "app.example.com" is not an origin such as https://app.example.com',
      'EMULATOR_LATENCY_MS: must be a whole number of milliseconds ("50") or a range ("10-200"), got "fast"',
      'EMULATOR_THROTTLE_RATE: must be a number from 0 to 1, such as 0.25, got "2"',
      'EMULATOR_ERROR_RATE: must be a number from 0 to 1, such as 0.25, got "often"',
      'GATEWAY_DEBUG: must be `on` or `off`, got "yes"',
    ]) {
      expect(messages(stderr)).toContain(line);
    }
    expect(stderr).not.toContain("NaN");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("names a HOST that is not this machine's instead of an errno code", async () => {
    // TEST-NET-1 (RFC 5737): never an address of this machine; binding to it sends nothing.
    const gateway = start({ HOST: "192.0.2.1" });
    const [code] = await once(gateway.proc, "exit");
    expect(code).toBe(1);
    const { stderr } = gateway.output();
    expect(messages(stderr)).toContain('HOST: "192.0.2.1" is not an address of this machine');
    expect(stderr).not.toContain("EADDRNOTAVAIL");
  });

  it("refuses a fixture that does not load, naming the problem", async () => {
    const gateway = start({ EMULATOR_SEED: "/nonexistent/fixture.json" });
    const [code] = await once(gateway.proc, "exit");
    expect(code).toBe(1);
    expect(gateway.output().stderr).toContain("/nonexistent/fixture.json");
    expect(gateway.output().stderr).not.toMatch(/\n\s+at /);
  });
});

describe("npm start: the production build", () => {
  it("compiles to dist/ and serves the demo data and GraphiQL from plain JavaScript", async () => {
    const build = spawnSync("npm", ["run", "build", "--silent"], {
      encoding: "utf8",
      timeout: 180_000,
    });
    expect(build.stderr + build.stdout).toBe("");
    expect(build.status).toBe(0);
    const gateway = startGatewayProcess({}, 30_000, ["--enable-source-maps", "dist/main.js"]);
    children.push(gateway.proc);
    const url = await gateway.url();
    const body = await gateway.query<{ imagePackages: { edges: unknown[] } }>(
      `{ imagePackages(imageBuildVersionArn: "${DEMO_IMAGE}", first: 100) { edges { node { packageName } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.imagePackages.edges.length).toBeGreaterThan(60);
    const graphiql = await fetch(url, { headers: { accept: "text/html" } });
    expect(await graphiql.text()).toContain("<title>AWS image graph</title>");
  }, 240_000);
});

describe("npm start: authentication", () => {
  const AUTH = { AUTH_JWT_SECRET: "x".repeat(32), AUTH_AUDIENCE: "aws-image-graph" };

  it("refuses the aws backend without authentication, naming the ways out", async () => {
    const gateway = start({ GATEWAY_BACKEND: "aws", AUTH_JWT_SECRET: "", AUTH_JWKS_URL: "" });
    const [code] = await once(gateway.proc, "exit");
    expect(code).toBe(1);
    const { stderr } = gateway.output();
    for (const name of ["AUTH_JWT_SECRET", "AUTH_JWKS_URL", "GATEWAY_AUTH=off"]) {
      expect(stderr).toContain(name);
    }
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("starts the aws backend with GATEWAY_AUTH=off, warning about it", async () => {
    const gateway = start({ GATEWAY_BACKEND: "aws", GATEWAY_AUTH: "off" });
    await gateway.url();
    const { stdout, stderr } = gateway.output();
    expect(stdout).toMatch(/Authentication: off/);
    expect(stdout).toMatch(/Accounts: home \(the account of the gateway's AWS credentials\)/);
    expect(stderr).toMatch(
      /"level":"warn".*GATEWAY_AUTH=off with GATEWAY_BACKEND=aws: anyone who reaches/,
    );
    expect(stderr).toMatch(/"level":"warn".*CURSOR_SECRET is not set/);
  });

  it("requires tokens on the emulator when a key source is set, and says so", async () => {
    const guarded = start(AUTH);
    const url = await guarded.url();
    expect(guarded.output().stdout).toMatch(
      /Authentication: bearer JWT, HS256 with AUTH_JWT_SECRET; any issuer, audience aws-image-graph/,
    );
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(response.status).toBe(401);

    // `npm run token` mints what the gateway accepts.
    const minted = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/mint-token.ts", "--sub", "alice", "--scope", "images:read"],
      { env: { ...process.env, ...AUTH }, encoding: "utf8" },
    );
    expect(minted.status, minted.stderr).toBe(0);
    const authorised = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${minted.stdout.trim()}`,
      },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(await authorised.json()).toEqual({ data: { __typename: "Query" } });
  });
});
