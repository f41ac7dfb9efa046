import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/aws/clients.js";
import { RegionPolicy } from "../../src/aws/regions.js";
import { Readiness } from "../../src/observability/readiness.js";

// The default credential chain reads these; none may find credentials in this test.
const CREDENTIAL_SOURCES = {
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws/credentials",
  AWS_CONFIG_FILE: "/nonexistent/aws/config",
  AWS_EC2_METADATA_DISABLED: "true",
};
let saved: Record<string, string | undefined> = {};
beforeEach(() => {
  saved = {};
  for (const [name, value] of Object.entries(CREDENTIAL_SOURCES)) {
    saved[name] = process.env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("readiness without credentials", () => {
  it("reports the credential chain's failure, and no service as ready", async () => {
    const clients = new AwsClients({
      defaultRegion: "us-east-1",
      regions: new RegionPolicy("us-east-1"),
      // Nothing listens here; the calls fail before sending anyway, for want of credentials.
      endpoint: "http://127.0.0.1:9",
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      callTimeoutMs: 1_000,
      maxSockets: 4,
    });
    try {
      const readiness = new Readiness({
        clients,
        regions: ["us-east-1"],
        cacheMs: 10_000,
        timeoutMs: 2_000,
      });
      const report = await readiness.report();
      expect(report.status).toBe("not ready");
      expect(report.checks.credentials?.ok).toBe(false);
      expect(report.checks.credentials?.error).toMatch(/credentials/i);
      for (const service of ["imagebuilder", "medical-imaging", "appstream"]) {
        expect(report.checks[`${service}:us-east-1`]?.ok).toBe(false);
      }
      readiness.startDraining();
      expect(await readiness.report()).toEqual({ status: "draining", checks: {} });
    } finally {
      clients.destroy();
    }
  });
});
