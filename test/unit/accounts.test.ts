import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AwsCredentialIdentity } from "@smithy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsAccounts, parseAccounts, sharedUntilNearExpiry } from "../../src/aws/accounts.js";
import { RegionPolicy } from "../../src/aws/regions.js";
import { ConfigError, loadConfig } from "../../src/config.js";

const PROD = {
  id: "111111111111",
  name: "prod",
  roleArn: "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole",
  externalId: "graph-7f3a",
  regions: ["us-east-1", "eu-*"],
};
const IMAGING = {
  id: "333333333333",
  name: "imaging",
  roleArn: "arn:aws:iam::333333333333:role/ImageGraphReader",
};

const problemsOf = (value: unknown) => parseAccounts(JSON.stringify(value)).problems;

describe("AWS_ACCOUNTS", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "accounts-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads an inline array and an @file", async () => {
    expect(parseAccounts(JSON.stringify([PROD, IMAGING]))).toEqual({
      entries: [PROD, IMAGING],
      problems: [],
    });
    const path = join(dir, "accounts.json");
    await writeFile(path, JSON.stringify([IMAGING]));
    expect(parseAccounts(`@${path}`).entries).toEqual([IMAGING]);
    expect(parseAccounts(`@${join(dir, "missing.json")}`).problems).toEqual([
      expect.stringMatching(/^AWS_ACCOUNTS: cannot read .*missing\.json/),
    ]);
    expect(parseAccounts(undefined)).toEqual({ entries: [], problems: [] });
  });

  it.each([
    ["not JSON", "[{", /^AWS_ACCOUNTS: must be a JSON array .* not JSON/],
    ["not an array", "{}", /^AWS_ACCOUNTS: must be a JSON array of accounts$/],
  ])("refuses a value that is %s", (_case, raw, message) => {
    expect(parseAccounts(raw).problems).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    [{ ...PROD, id: "1111" }, "AWS_ACCOUNTS[0] (prod): id: must be a 12-digit AWS account id"],
    [{ ...PROD, roleArn: undefined }, "AWS_ACCOUNTS[0] (prod): roleArn: is required"],
    [{ ...PROD, id: undefined }, "AWS_ACCOUNTS[0] (prod): id: is required"],
    [
      { ...PROD, roleArn: "arn:aws:iam::222222222222:role/Reader" },
      "AWS_ACCOUNTS[0] (prod): roleArn: names account 222222222222, not the entry's id 111111111111",
    ],
    [{ ...PROD, roleArn: "arn:aws:iam::111111111111:user/me" }, "roleArn: must be an IAM role ARN"],
    [{ ...PROD, name: "1prod" }, "AWS_ACCOUNTS[0] (1prod): name: must start with a letter"],
    [{ ...PROD, regions: ["us-east"] }, "regions.0: must be a region name"],
    [{ ...PROD, regions: ["xx-*"] }, "regions: xx-* matches no region"],
    [{ ...PROD, externalId: "x" }, "externalId: must be 2 to 1224 characters"],
    [{ ...PROD, policy: "x" }, "AWS_ACCOUNTS[0] (prod): unknown member policy"],
  ])("names the entry and member of a problem: %j", (entry, message) => {
    expect(problemsOf([entry]).join("\n")).toContain(message);
  });

  it("refuses names and ids used twice", () => {
    expect(problemsOf([PROD, { ...IMAGING, name: "prod" }, { ...IMAGING, name: "x" }])).toEqual([
      "AWS_ACCOUNTS[1] (prod): name: prod is already AWS_ACCOUNTS[0]'s",
      "AWS_ACCOUNTS[2] (x): id: 333333333333 is already AWS_ACCOUNTS[1]'s",
    ]);
  });

  it("lets an entry named home set the home account's regions without a role", () => {
    expect(problemsOf([{ name: "home", regions: ["us-*"] }, PROD])).toEqual([]);
    const accounts = new AwsAccounts(
      parseAccounts(JSON.stringify([PROD, { name: "home" }])).entries,
      {
        region: "us-east-1",
      },
    );
    expect(accounts.names).toEqual(["prod", "home"]);
    expect(new AwsAccounts([PROD], { region: "us-east-1" }).names).toEqual(["home", "prod"]);
  });

  it("is reported with every other configuration problem", () => {
    let problems: string[] = [];
    try {
      loadConfig({ AWS_ACCOUNTS: JSON.stringify([{ ...PROD, id: "x" }]), PORT: "-1" });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: /),
        "AWS_ACCOUNTS[0] (prod): id: must be a 12-digit AWS account id",
      ]),
    );
  });

  it("AWS_IGNORE_ACCESS_DENIED is true or false", () => {
    expect(loadConfig({}).AWS_IGNORE_ACCESS_DENIED).toBe("false");
    expect(() => loadConfig({ AWS_IGNORE_ACCESS_DENIED: "yes" })).toThrow(
      /AWS_IGNORE_ACCESS_DENIED: must be `true` or `false`/,
    );
  });
});

describe("region wildcards", () => {
  it("expand over the regions where the service exists, narrowed to the partition and AWS_REGIONS", () => {
    const policy = new RegionPolicy("us-east-1", ["us-east-1", "eu-west-1", "sa-east-1"]);
    expect(policy.expand("imagebuilder", ["*"])).toEqual(["eu-west-1", "sa-east-1", "us-east-1"]);
    // In the order the patterns come.
    expect(policy.expand("medical-imaging", ["us-*", "eu-west-1"])).toEqual([
      "us-east-1",
      "eu-west-1",
    ]);
    // Named regions where the service does not exist are skipped, not errors.
    expect(policy.expand("medical-imaging", ["sa-east-1"])).toEqual([]);
  });
});

describe("shared temporary credentials", () => {
  it("are fetched once for concurrent callers and again only near expiry", async () => {
    let now = 0;
    let fetched = 0;
    const provider = sharedUntilNearExpiry(
      async (): Promise<AwsCredentialIdentity> => {
        fetched++;
        return {
          accessKeyId: `key-${fetched}`,
          secretAccessKey: "s",
          expiration: new Date(now + 3_600_000),
        };
      },
      300_000,
      () => now,
    );
    const first = await Promise.all(Array.from({ length: 20 }, () => provider()));
    expect(new Set(first.map((each) => each.accessKeyId))).toEqual(new Set(["key-1"]));
    now = 3_600_000 - 300_001;
    expect((await provider()).accessKeyId).toBe("key-1");
    now = 3_600_000 - 299_999;
    expect((await provider()).accessKeyId).toBe("key-2");
    expect(fetched).toBe(2);
  });

  it("are fetched again after a failure", async () => {
    let calls = 0;
    const provider = sharedUntilNearExpiry(async () => {
      calls++;
      if (calls === 1) throw new Error("AccessDenied");
      return { accessKeyId: "k", secretAccessKey: "s" };
    }, 300_000);
    await expect(provider()).rejects.toThrow("AccessDenied");
    await expect(provider()).resolves.toMatchObject({ accessKeyId: "k" });
  });
});
