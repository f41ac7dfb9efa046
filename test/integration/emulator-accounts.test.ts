import { DescribeImagesCommand } from "@aws-sdk/client-appstream";
import {
  ListImagePipelineImagesCommand,
  ListImagePipelinesCommand,
  StartImagePipelineExecutionCommand,
} from "@aws-sdk/client-imagebuilder";
import { GetImageSetCommand, ListDatastoresCommand } from "@aws-sdk/client-medical-imaging";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@smithy/types";
import { ConfiguredRetryStrategy } from "@smithy/util-retry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import {
  appStreamClient,
  caught,
  healthImagingId,
  imageBuilderClient,
  medicalImagingClient,
} from "../helpers/emulator-clients.js";

const HOME = "222222222222";
const PRODUCT = "111111111111";
const IMAGING = "333333333333";
const PRODUCT_ROLE = `arn:aws:iam::${PRODUCT}:role/ImageGraphReader`;
const IMAGING_ROLE = `arn:aws:iam::${IMAGING}:role/OrganizationAccountAccessRole`;
const SHARED_STORE = healthImagingId(7);

const pipeline = (account: string, region: string, name: string) => ({
  arn: `arn:aws:imagebuilder:${region}:${account}:image-pipeline/${name}`,
  imageName: name,
  semanticVersion: "1.0.0",
  packages: [{ packageName: "nginx", packageVersion: "1.24.0" }],
});

const fixture: Fixture = {
  homeAccountId: HOME,
  homeDenied: [{ service: "appstream", region: "eu-west-1" }],
  accounts: [
    {
      accountId: PRODUCT,
      roles: [{ arn: PRODUCT_ROLE, externalId: "product-external-id" }],
      denied: [
        { service: "imagebuilder", region: "eu-west-1" },
        { service: "medical-imaging", region: "eu-west-1" },
      ],
    },
    { accountId: IMAGING, roles: [{ arn: IMAGING_ROLE }] },
  ],
  imageBuilder: {
    pipelines: [
      pipeline(HOME, "us-east-1", "home-web"),
      pipeline(PRODUCT, "us-east-1", "product-api"),
      pipeline(PRODUCT, "us-east-1", "product-worker"),
      pipeline(PRODUCT, "eu-west-1", "product-eu"),
    ],
  },
  medicalImaging: {
    datastores: [
      // The same id in two accounts, and in two regions of one account: each is its own store.
      { datastoreId: SHARED_STORE, region: "us-east-1", datastoreName: "home-store" },
      {
        datastoreId: SHARED_STORE,
        region: "us-east-1",
        accountId: IMAGING,
        datastoreName: "imaging-east",
        imageSets: [
          {
            imageSetId: healthImagingId(1, "b"),
            versions: [{ versionId: "1", imageSetState: "ACTIVE" }],
          },
        ],
      },
      {
        datastoreId: SHARED_STORE,
        region: "us-west-2",
        accountId: IMAGING,
        datastoreName: "imaging-west",
      },
    ],
  },
  appStream: {
    images: [
      {
        region: "us-east-1",
        Name: "AppStream-Public",
        Arn: "arn:aws:appstream:us-east-1::image/AppStream-Public",
        Visibility: "PUBLIC",
      },
      {
        region: "us-east-1",
        Name: "product-private",
        Arn: `arn:aws:appstream:us-east-1:${PRODUCT}:image/product-private`,
        Visibility: "PRIVATE",
      },
      { region: "us-east-1", Name: "home-private", Visibility: "PRIVATE" },
    ],
  },
};

let emulator: RunningEmulator;

const sts = (credentials?: AwsCredentialIdentity) =>
  new STSClient({
    region: "us-east-1",
    endpoint: emulator.url,
    credentials: credentials ?? { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    retryStrategy: new ConfiguredRetryStrategy(1, () => 1),
  });

async function assume(roleArn: string, externalId?: string): Promise<AwsCredentialIdentity> {
  const { Credentials } = await sts().send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "test", ExternalId: externalId }),
  );
  return {
    accessKeyId: Credentials?.AccessKeyId ?? "",
    secretAccessKey: Credentials?.SecretAccessKey ?? "",
    sessionToken: Credentials?.SessionToken,
  };
}

/** Client factories signed with the given credentials. */
function as(credentials: AwsCredentialIdentity, region = "us-east-1") {
  const withCredentials = <Client extends { config: { credentials: unknown } }>(client: Client) => {
    client.config.credentials = async () => credentials;
    return client;
  };
  return {
    imageBuilder: () => withCredentials(imageBuilderClient(emulator, { region })),
    medicalImaging: () => withCredentials(medicalImagingClient(emulator, { region })),
    appStream: () => withCredentials(appStreamClient(emulator, { region })),
    sts: () => sts(credentials),
  };
}

beforeAll(async () => {
  emulator = await startEmulator({ fixture });
});

afterAll(async () => {
  await emulator?.close();
});

describe("the emulator's STS", () => {
  it("names the home account as the caller of the base credentials", async () => {
    const identity = await sts().send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(HOME);
    expect(identity.Arn).toBe(`arn:aws:iam::${HOME}:user/emulator`);
    expect(emulator.homeAccountId).toBe(HOME);
  });

  it("issues credentials that act as the role's account", async () => {
    const { Credentials, AssumedRoleUser } = await sts().send(
      new AssumeRoleCommand({
        RoleArn: PRODUCT_ROLE,
        RoleSessionName: "inventory",
        ExternalId: "product-external-id",
        DurationSeconds: 900,
      }),
    );
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA[0-9A-F]{16}$/);
    expect(Credentials?.Expiration).toBeInstanceOf(Date);
    const lifetime = (Credentials?.Expiration?.getTime() ?? 0) - Date.now();
    expect(lifetime).toBeGreaterThan(890_000);
    expect(lifetime).toBeLessThanOrEqual(900_000);
    expect(AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${PRODUCT}:assumed-role/ImageGraphReader/inventory`,
    );
    const identity = await as({
      accessKeyId: Credentials?.AccessKeyId ?? "",
      secretAccessKey: Credentials?.SecretAccessKey ?? "",
      sessionToken: Credentials?.SessionToken,
    })
      .sts()
      .send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(PRODUCT);
    expect(identity.Arn).toBe(AssumedRoleUser?.Arn);
  });

  it.each([
    ["a role the fixture does not list", `arn:aws:iam::${PRODUCT}:role/Unknown`, undefined],
    ["a wrong external id", PRODUCT_ROLE, "another-external-id"],
    ["a missing external id", PRODUCT_ROLE, undefined],
  ])("refuses %s with AccessDenied (403)", async (_case, roleArn, externalId) => {
    const error = await caught(
      sts().send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "s1", ExternalId: externalId }),
      ),
    );
    expect(error.name).toBe("AccessDenied");
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toContain(roleArn);
  });

  it("validates AssumeRole's members", async () => {
    const error = await caught(
      sts().send(
        new AssumeRoleCommand({ RoleArn: IMAGING_ROLE, RoleSessionName: "x", DurationSeconds: 60 }),
      ),
    );
    expect(error.name).toBe("ValidationError");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain("RoleSessionName");
    expect(error.message).toContain("DurationSeconds");
  });
});

describe("several accounts in one emulator", () => {
  it("serves each account its own items, by the account in their ARN", async () => {
    const product = as(await assume(PRODUCT_ROLE, "product-external-id"));
    const home = await imageBuilderClient(emulator).send(new ListImagePipelinesCommand({}));
    const mine = await product.imageBuilder().send(new ListImagePipelinesCommand({}));
    expect(home.imagePipelineList?.map((each) => each.name)).toEqual(["home-web"]);
    expect(mine.imagePipelineList?.map((each) => each.name)).toEqual([
      "product-api",
      "product-worker",
    ]);
  });

  it("keeps identifiers apart per account and region", async () => {
    const imaging = await assume(IMAGING_ROLE);
    const east = await as(imaging).medicalImaging().send(new ListDatastoresCommand({}));
    const west = await as(imaging, "us-west-2")
      .medicalImaging()
      .send(new ListDatastoresCommand({}));
    const home = await medicalImagingClient(emulator).send(new ListDatastoresCommand({}));
    expect(east.datastoreSummaries?.map((each) => each.datastoreName)).toEqual(["imaging-east"]);
    expect(east.datastoreSummaries?.[0]?.datastoreArn).toBe(
      `arn:aws:medical-imaging:us-east-1:${IMAGING}:datastore/${SHARED_STORE}`,
    );
    expect(west.datastoreSummaries?.map((each) => each.datastoreName)).toEqual(["imaging-west"]);
    expect(home.datastoreSummaries?.map((each) => each.datastoreName)).toEqual(["home-store"]);
    const imageSet = await as(imaging)
      .medicalImaging()
      .send(
        new GetImageSetCommand({ datastoreId: SHARED_STORE, imageSetId: healthImagingId(1, "b") }),
      );
    expect(imageSet.imageSetArn).toContain(`:${IMAGING}:datastore/`);
    const error = await caught(
      medicalImagingClient(emulator).send(
        new GetImageSetCommand({ datastoreId: SHARED_STORE, imageSetId: healthImagingId(1, "b") }),
      ),
    );
    expect(error.name).toBe("ResourceNotFoundException");
  });

  it("shows PUBLIC AppStream images to every account, private ones to their owner", async () => {
    const product = as(await assume(PRODUCT_ROLE, "product-external-id"));
    const imaging = as(await assume(IMAGING_ROLE));
    const names = async (client: ReturnType<typeof appStreamClient>) =>
      (await client.send(new DescribeImagesCommand({}))).Images?.map((image) => image.Name);
    expect(await names(appStreamClient(emulator))).toEqual(["AppStream-Public", "home-private"]);
    expect(await names(product.appStream())).toEqual(["AppStream-Public", "product-private"]);
    expect(await names(imaging.appStream())).toEqual(["AppStream-Public"]);
  });

  it("lands a role's writes in its account", async () => {
    const product = as(await assume(PRODUCT_ROLE, "product-external-id"));
    const imagePipelineArn = pipeline(PRODUCT, "us-east-1", "product-api").arn;
    const started = await product
      .imageBuilder()
      .send(new StartImagePipelineExecutionCommand({ imagePipelineArn }));
    expect(started.imageBuildVersionArn).toBe(
      `arn:aws:imagebuilder:us-east-1:${PRODUCT}:image/product-api/1.0.0/1`,
    );
    const builds = await product
      .imageBuilder()
      .send(new ListImagePipelineImagesCommand({ imagePipelineArn }));
    expect(builds.imageSummaryList?.map((build) => build.arn)).toEqual([
      started.imageBuildVersionArn,
    ]);
    const fromHome = await caught(
      imageBuilderClient(emulator).send(new ListImagePipelineImagesCommand({ imagePipelineArn })),
    );
    expect(fromHome.name).toBe("ResourceNotFoundException");
  });

  it("answers denied service/region pairs with the service's access-denied error", async () => {
    const product = await assume(PRODUCT_ROLE, "product-external-id");
    const imageBuilder = await caught(
      as(product, "eu-west-1").imageBuilder().send(new ListImagePipelinesCommand({})),
    );
    expect(imageBuilder.name).toBe("ForbiddenException");
    expect(imageBuilder.$metadata.httpStatusCode).toBe(403);
    const medicalImaging = await caught(
      as(product, "eu-west-1").medicalImaging().send(new ListDatastoresCommand({})),
    );
    expect(medicalImaging.name).toBe("AccessDeniedException");
    expect(medicalImaging.$metadata.httpStatusCode).toBe(403);
    const homeAppStream = await caught(
      appStreamClient(emulator, { region: "eu-west-1" }).send(new DescribeImagesCommand({})),
    );
    expect(homeAppStream.name).toBe("AccessDeniedException");
    expect(homeAppStream.$metadata.httpStatusCode).toBe(403);
    // Only the listed pairs: the product's AppStream in eu-west-1 and home's Image Builder there.
    await expect(
      as(product, "eu-west-1").appStream().send(new DescribeImagesCommand({})),
    ).resolves.toBeDefined();
    await expect(
      imageBuilderClient(emulator, { region: "eu-west-1" }).send(new ListImagePipelinesCommand({})),
    ).resolves.toBeDefined();
  });

  it("records the account and role of every call", async () => {
    const product = as(await assume(PRODUCT_ROLE, "product-external-id"));
    emulator.resetCalls();
    await product.imageBuilder().send(new ListImagePipelinesCommand({}));
    await imageBuilderClient(emulator).send(new ListImagePipelinesCommand({}));
    expect(emulator.calls.map(({ accountId, roleArn }) => ({ accountId, roleArn }))).toEqual([
      { accountId: PRODUCT, roleArn: PRODUCT_ROLE },
      { accountId: HOME, roleArn: undefined },
    ]);
  });
});

describe("expired credentials", () => {
  let shortLived: RunningEmulator;

  beforeAll(async () => {
    shortLived = await startEmulator({ fixture, sessionSeconds: 0.2 });
  });

  afterAll(async () => {
    await shortLived?.close();
  });

  it("are refused once past their expiry", async () => {
    const client = new STSClient({
      region: "us-east-1",
      endpoint: shortLived.url,
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    });
    const { Credentials } = await client.send(
      new AssumeRoleCommand({ RoleArn: IMAGING_ROLE, RoleSessionName: "short" }),
    );
    const listing = imageBuilderClient(shortLived);
    listing.config.credentials = async () => ({
      accessKeyId: Credentials?.AccessKeyId ?? "",
      secretAccessKey: Credentials?.SecretAccessKey ?? "",
    });
    await expect(listing.send(new ListImagePipelinesCommand({}))).resolves.toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 250));
    const error = await caught(listing.send(new ListImagePipelinesCommand({})));
    expect(error.name).toBe("ForbiddenException");
    expect(error.message).toContain("expired");
  });
});
