import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { startGatewayProcess } from "../helpers/gateway-process.js";

const DEMO_IMAGE = "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.0/2";

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill("SIGTERM");
  child = undefined;
});

const start = (env: Record<string, string>) => {
  const gateway = startGatewayProcess(env);
  child = gateway.proc;
  return gateway;
};

describe("npm start", () => {
  it("serves the demo data on the embedded emulator and says so", async () => {
    const gateway = start({});
    const url = await gateway.url();
    expect(gateway.output().stdout).toMatch(
      /Backend: embedded AWS emulator at http:\/\/127\.0\.0\.1:\d+/,
    );
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
