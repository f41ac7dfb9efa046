import { type ChildProcess, spawnSync } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { startGatewayProcess } from "../helpers/gateway-process.js";

const DEMO_IMAGE = "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/2";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGTERM");
});

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

  it("refuses a fixture that does not load, naming the problem", async () => {
    const gateway = start({ EMULATOR_SEED: "/nonexistent/fixture.json" });
    const [code] = await once(gateway.proc, "exit");
    expect(code).toBe(1);
    expect(gateway.output().stderr).toContain("/nonexistent/fixture.json");
    expect(gateway.output().stderr).not.toMatch(/\n\s+at /);
  });
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
    expect(stderr).toMatch(
      /"level":"warn".*GATEWAY_AUTH=off with GATEWAY_BACKEND=aws: anyone who reaches/,
    );
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
