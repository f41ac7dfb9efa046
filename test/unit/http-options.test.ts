import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { httpOptionsFromConfig } from "../../src/http/options.js";

describe("httpOptionsFromConfig", () => {
  it("allows any origin by default on the emulator, none on real AWS", async () => {
    expect((await httpOptionsFromConfig(loadConfig({}))).corsOrigins).toBe("any");
    const aws = await httpOptionsFromConfig(
      loadConfig({ GATEWAY_BACKEND: "aws", GATEWAY_AUTH: "off" }),
    );
    expect(aws.corsOrigins).toEqual(new Set());
    const listed = await httpOptionsFromConfig(
      loadConfig({
        GATEWAY_BACKEND: "aws",
        GATEWAY_AUTH: "off",
        CORS_ORIGINS: "https://app.example.com",
      }),
    );
    expect(listed.corsOrigins).toEqual(new Set(["https://app.example.com"]));
  });

  it("serves the schema GATEWAY_SCHEMA names", async () => {
    expect((await httpOptionsFromConfig(loadConfig({}))).schema).toBe("subgraph");
    expect((await httpOptionsFromConfig(loadConfig({ GATEWAY_SCHEMA: "plain" }))).schema).toBe(
      "plain",
    );
  });
});
