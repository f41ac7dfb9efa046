import { DescribeImagesCommand } from "@aws-sdk/client-appstream";
import { ListImagePipelinesCommand } from "@aws-sdk/client-imagebuilder";
import { ListDatastoresCommand } from "@aws-sdk/client-medical-imaging";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fixture } from "../../src/emulator/index.js";
import { startTestGateway, type TestGateway } from "../helpers/gateway.js";

const PRODUCT_ROLE = "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole";
const IMAGING_ROLE = "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole";

const fixture: Fixture = {
  accounts: [
    { accountId: "111111111111", roles: [{ arn: PRODUCT_ROLE, externalId: "graph-product" }] },
    { accountId: "333333333333", roles: [{ arn: IMAGING_ROLE }] },
  ],
  imageBuilder: {
    pipelines: [
      {
        arn: "arn:aws:imagebuilder:us-east-1:111111111111:image-pipeline/product-api",
        imageName: "product-api",
        semanticVersion: "1.0.0",
      },
    ],
  },
};

const ACCOUNTS = JSON.stringify([
  { id: "111111111111", name: "product", roleArn: PRODUCT_ROLE, externalId: "graph-product" },
  { id: "333333333333", name: "imaging", roleArn: IMAGING_ROLE },
  { id: "444444444444", name: "unreachable", roleArn: "arn:aws:iam::444444444444:role/Missing" },
]);

// Credentials live 302 s: the shared copy (renewed 300 s before expiry) stays fresh for 2 s.
const SESSION_SECONDS = 302;

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({
    fixture,
    env: { AWS_ACCOUNTS: ACCOUNTS },
    emulatorBehaviour: { sessionSeconds: SESSION_SECONDS },
  });
});
afterAll(() => gateway?.close());

const assumeRoleCalls = () =>
  (gateway.emulator?.calls ?? []).filter((call) => call.operation === "AssumeRole");

describe("credentials per account", () => {
  it("names the home account from GetCallerIdentity", async () => {
    const accounts = gateway.services.clients.settings.accounts;
    expect(await accounts?.homeAccountId()).toBe("123456789012");
    expect(await accounts?.idOf("product")).toBe("111111111111");
    expect((await accounts?.withId("123456789012"))?.name).toBe("home");
  });

  it("assumes each account's role once for many calls, and again only near expiry", async () => {
    const clients = gateway.services.clients;
    gateway.emulator?.resetCalls();
    const started = Date.now();
    await Promise.all(
      ["product", "imaging"].flatMap((account) =>
        ["us-east-1", "us-west-2", "eu-west-1"].flatMap((region) =>
          Array.from({ length: 4 }, () => [
            clients.imageBuilder(region, account).send(new ListImagePipelinesCommand({})),
            clients.medicalImaging(region, account).send(new ListDatastoresCommand({})),
            clients.appStream(region, account).send(new DescribeImagesCommand({})),
          ]).flat(),
        ),
      ),
    );
    const calls = gateway.emulator?.calls ?? [];
    // Skipped if this machine was too slow to make the calls within the credentials' fresh time.
    if (Date.now() - started < 1_500) {
      expect(assumeRoleCalls().map((call) => call.input.RoleArn)).toEqual(
        expect.arrayContaining([PRODUCT_ROLE, IMAGING_ROLE]),
      );
      expect(assumeRoleCalls()).toHaveLength(2);
    }
    expect(assumeRoleCalls().find((call) => call.input.RoleArn === PRODUCT_ROLE)?.input).toEqual(
      expect.objectContaining({ ExternalId: "graph-product", RoleSessionName: "aws-image-graph" }),
    );
    const listings = calls.filter((call) => call.operation === "ListImagePipelines");
    expect(listings).toHaveLength(24);
    expect(new Set(listings.map((call) => `${call.accountId} ${call.roleArn}`))).toEqual(
      new Set([`111111111111 ${PRODUCT_ROLE}`, `333333333333 ${IMAGING_ROLE}`]),
    );

    // Past the fresh time of the credentials last issued, a call renews them.
    const issuedAt = Math.max(...assumeRoleCalls().map((call) => call.startedAt));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, issuedAt + 2_300 - Date.now())));
    gateway.emulator?.resetCalls();
    for (let call = 0; call < 3; call++) {
      await clients.imageBuilder("us-east-1", "product").send(new ListImagePipelinesCommand({}));
    }
    expect(assumeRoleCalls().map((call) => call.input.RoleArn)).toEqual([PRODUCT_ROLE]);
  });

  it("signs the home account's calls with the gateway's own credentials", async () => {
    gateway.emulator?.resetCalls();
    await gateway.services.clients
      .imageBuilder("us-east-1")
      .send(new ListImagePipelinesCommand({}));
    expect(
      gateway.emulator?.calls.map(({ accountId, roleArn }) => ({ accountId, roleArn })),
    ).toEqual([{ accountId: "123456789012", roleArn: undefined }]);
  });

  it("fails the calls of an account whose role cannot be assumed, saying why", async () => {
    const response = await gateway.services.clients
      .imageBuilder("us-east-1", "unreachable")
      .send(new ListImagePipelinesCommand({}))
      .catch((error: unknown) => error as Error);
    expect(response).toBeInstanceOf(Error);
    expect((response as Error).name).toBe("AssumeRoleFailed");
    expect((response as Error).message).toContain("not authorized to perform: sts:AssumeRole");
    // The refused AssumeRole is counted like any other failed AWS call.
    const refused = (await gateway.services.metrics.awsCalls.get()).values.find(
      ({ labels }) =>
        labels.service === "sts" &&
        labels.operation === "AssumeRole" &&
        labels.outcome === "FORBIDDEN",
    );
    expect(refused?.value).toBeGreaterThan(0);
  });
});
