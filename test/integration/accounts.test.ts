import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fixture } from "../../src/emulator/index.js";
import {
  expectData,
  expectError,
  type GraphQLResponse,
  startTestGateway,
  type TestGateway,
} from "../helpers/gateway.js";

// Three accounts (home, a and b) × three regions, with uneven partitions: empty ones, one of
// exactly one AWS page (25), one of a page and one more, and small ones.
const HOME = "123456789012";
const A = "111111111111";
const B = "222222222222";
const ROLE_A = `arn:aws:iam::${A}:role/OrganizationAccountAccessRole`;
const ROLE_B = `arn:aws:iam::${B}:role/OrganizationAccountAccessRole`;
const REGIONS = ["eu-west-1", "us-east-1", "us-west-2"] as const; // the order "*" expands to
const COUNTS: Record<string, Record<(typeof REGIONS)[number], number>> = {
  [HOME]: { "eu-west-1": 3, "us-east-1": 0, "us-west-2": 25 },
  [A]: { "eu-west-1": 0, "us-east-1": 1, "us-west-2": 12 },
  [B]: { "eu-west-1": 26, "us-east-1": 7, "us-west-2": 0 },
};
const ACCOUNT_ORDER = [HOME, A, B];

const pipelineArn = (account: string, region: string, name: string) =>
  `arn:aws:imagebuilder:${region}:${account}:image-pipeline/${name}`;

/** Every pipeline in the documented order: accounts, then regions, then AWS's (fixture) order. */
const EXPECTED = ACCOUNT_ORDER.flatMap((account) =>
  REGIONS.flatMap((region) =>
    Array.from({ length: COUNTS[account]?.[region] ?? 0 }, (_, index) =>
      pipelineArn(account, region, `p-${account.slice(0, 3)}-${region}-${index}`),
    ),
  ),
);

const B_PIPELINE = pipelineArn(B, "us-east-1", `p-222-us-east-1-0`);
const B_IMAGE = `arn:aws:imagebuilder:us-east-1:${B}:image/p-222-us-east-1-0/1.0.0/1`;
const B_WORKFLOW = "wf-0123abcd-0123-4abc-8def-000000000b01";
const HOME_WORKFLOW = "wf-0123abcd-0123-4abc-8def-000000000a01";
const STORE = "a".repeat(32); // a data store id both home and b have in us-east-1
const B_IMAGE_SET = "c".repeat(32);
const HOME_IMAGE_SET = "d".repeat(32);
const appStreamArn = (account: string, name: string) =>
  `arn:aws:appstream:us-east-1:${account}:image/${name}`;
// AppStream images only b owns: a look-up in the home account answers NOT_FOUND.
const B_DESKTOP_BASE = appStreamArn(B, "b-desktop-base");
const B_DESKTOP = appStreamArn(B, "b-desktop");

const fixture: Fixture = {
  accounts: [
    { accountId: A, roles: [{ arn: ROLE_A }] },
    {
      accountId: B,
      roles: [{ arn: ROLE_B, externalId: "graph-b" }],
      denied: [{ service: "medical-imaging", region: "eu-west-1" }],
    },
  ],
  imageBuilder: {
    // Shuffled across accounts and regions: each partition keeps its own fixture order.
    pipelines: REGIONS.flatMap((region) =>
      [B, HOME, A].flatMap((account) =>
        Array.from({ length: COUNTS[account]?.[region] ?? 0 }, (_, index) => {
          const name = `p-${account.slice(0, 3)}-${region}-${index}`;
          return {
            arn: pipelineArn(account, region, name),
            imageName: name,
            semanticVersion: "1.0.0",
            packages: [{ packageName: "nginx", packageVersion: "1.24.0" }],
          };
        }),
      ),
    ),
    images: [{ arn: B_IMAGE, packages: [{ packageName: "openssl", packageVersion: "3.0.13" }] }],
    workflowExecutions: [
      {
        workflowExecutionId: B_WORKFLOW,
        region: "us-east-1",
        imageBuildVersionArn: B_IMAGE,
        steps: [
          {
            stepExecutionId: "step-0001",
            name: "Build",
            action: "RunCommand",
            status: "COMPLETED",
            startTime: "2026-03-01T12:00:00Z",
            endTime: "2026-03-01T12:03:00Z",
          },
        ],
      },
      {
        workflowExecutionId: HOME_WORKFLOW,
        region: "us-east-1",
        steps: [{ stepExecutionId: "step-0002", name: "Home build", status: "COMPLETED" }],
      },
    ],
  },
  medicalImaging: {
    datastores: [
      {
        datastoreId: STORE,
        region: "us-east-1",
        datastoreName: "home-store",
        imageSets: [
          { imageSetId: HOME_IMAGE_SET, versions: [{ versionId: "1", imageSetState: "ACTIVE" }] },
        ],
      },
      {
        datastoreId: STORE,
        region: "us-east-1",
        accountId: B,
        datastoreName: "b-east",
        imageSets: [
          {
            imageSetId: B_IMAGE_SET,
            versions: [
              { versionId: "1", imageSetState: "ACTIVE" },
              { versionId: "2", imageSetState: "ACTIVE" },
            ],
          },
        ],
      },
      { datastoreId: "b".repeat(32), region: "eu-west-1", accountId: B, datastoreName: "b-eu" },
    ],
  },
  appStream: {
    images: [
      { region: "us-east-1", Name: "b-desktop-base", Arn: B_DESKTOP_BASE, Visibility: "PRIVATE" },
      {
        region: "us-east-1",
        Name: "b-desktop",
        Arn: B_DESKTOP,
        BaseImageArn: B_DESKTOP_BASE,
        Visibility: "PRIVATE",
      },
    ],
  },
};

const ACCOUNTS = JSON.stringify([
  { id: A, name: "a", roleArn: ROLE_A },
  { id: B, name: "b", roleArn: ROLE_B, externalId: "graph-b" },
]);
const ENV = {
  AWS_ACCOUNTS: ACCOUNTS,
  AWS_REGIONS: "us-east-1,us-west-2,eu-west-1",
  MAX_AWS_CALLS_PER_REQUEST: "1000",
};

type Page = {
  imagePipelines: {
    edges: Array<{ cursor: string; node: { arn: string; accountId: string; region: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  } | null;
};

const PAGE = `query ($first: Int, $after: String) {
  imagePipelines(accounts: ["*"], regions: ["*"], first: $first, after: $after) {
    edges { cursor node { arn accountId region } }
    pageInfo { hasNextPage endCursor }
  }
}`;

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({ fixture, env: ENV });
});
afterAll(() => gateway?.close());

/** Every pipeline, paging with `first`; fails on an error or a page that breaks the rules. */
async function walk(first: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 200; page++) {
    const response: GraphQLResponse<Page> = await gateway.query<Page>(PAGE, { first, after });
    expect(response.errors).toBeUndefined();
    const connection: Page["imagePipelines"] | undefined = response.data?.imagePipelines;
    const edges = connection?.edges ?? [];
    seen.push(...edges.map((edge) => edge.node.arn));
    const remaining = EXPECTED.length - seen.length;
    expect(edges.length).toBe(Math.min(first, remaining + edges.length));
    expect(connection?.pageInfo.hasNextPage).toBe(remaining > 0);
    if (!connection?.pageInfo.hasNextPage) return seen;
    after = connection.pageInfo.endCursor;
  }
  throw new Error("paging did not end");
}

describe("imagePipelines over 3 accounts × 3 regions", () => {
  it("returns every pipeline exactly once, in the documented order, for every first from 1 to 30", async () => {
    expect(EXPECTED).toHaveLength(74);
    for (let first = 1; first <= 30; first++) {
      expect(await walk(first), `first: ${first}`).toEqual(EXPECTED);
    }
    // The same order on every run.
    expect(await walk(7)).toEqual(EXPECTED);
  });

  it("lists regions in the order `regions` names them, within each account", async () => {
    const response = await gateway.query<Page>(
      `{ imagePipelines(accounts: ["*"], regions: ["us-west-2", "*"], first: 100) { edges { node { arn accountId region } } pageInfo { hasNextPage endCursor } } }`,
    );
    const order = ["us-west-2", "eu-west-1", "us-east-1"] as const;
    expect(response.data?.imagePipelines?.edges.map((edge) => edge.node.arn)).toEqual(
      ACCOUNT_ORDER.flatMap((account) =>
        order.flatMap((region) => EXPECTED.filter((arn) => arn.includes(`:${region}:${account}:`))),
      ),
    );
  });

  it("says which account and region each pipeline comes from", async () => {
    const response = await gateway.query<Page>(PAGE, { first: 100 });
    const nodes = response.data?.imagePipelines?.edges.map((edge) => edge.node) ?? [];
    expect(nodes.map((node) => `${node.accountId} ${node.region}`)).toEqual(
      EXPECTED.map((arn) => `${arn.split(":")[4]} ${arn.split(":")[3]}`),
    );
  });

  it("refuses a cursor from other arguments", async () => {
    const first = await gateway.query<Page>(PAGE, { first: 2 });
    const response = await gateway.query(
      `query ($after: String) { imagePipelines(accounts: ["a"], regions: ["*"], after: $after) { edges { cursor } } }`,
      { after: first.data?.imagePipelines?.pageInfo.endCursor },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it.each(["zz-evil-1", "us-eats-1", "us-gov-west-1", "cn-*"])(
    "refuses regions: [%j], which names no region the gateway calls, naming the allowed ones",
    async (region) => {
      const response = await gateway.query(
        `{ imagePipelines(accounts: ["*"], regions: ["us-east-1", ${JSON.stringify(region)}]) { edges { cursor } } }`,
      );
      expect(response.data?.imagePipelines ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        argument: "regions",
      });
      expect(response.errors?.[0]?.message).toContain(`"${region}"`);
      expect(response.errors?.[0]?.message).toContain("us-east-1");
    },
  );

  it("reads an empty regions list as an absent one", async () => {
    const [empty, absent] = await Promise.all(
      ["regions: []", ""].map((regions) =>
        gateway.query<Page>(
          `{ imagePipelines(accounts: ["*"], ${regions} first: 100) { edges { node { arn accountId region } } pageInfo { hasNextPage endCursor } } }`,
        ),
      ),
    );
    expect(empty?.errors).toBeUndefined();
    expect(empty?.data?.imagePipelines?.edges.length).toBeGreaterThan(0);
    expect(empty?.data).toEqual(absent?.data);
  });

  it("takes the home account by its id, as awsAccounts lists it", async () => {
    const response = await gateway.query<Page>(
      `{ imagePipelines(accounts: ["${HOME}"], regions: ["*"], first: 100) { edges { node { arn accountId region } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.imagePipelines?.edges.map((edge) => edge.node.arn)).toEqual(
      EXPECTED.filter((arn) => arn.includes(`:${HOME}:`)),
    );
  });

  it("names unknown accounts and allowed names", async () => {
    const response = await gateway.query(
      `{ imagePipelines(accounts: ["nope"]) { edges { cursor } } }`,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(response.errors?.[0]?.message).toContain("home, a, b");
  });

  it("keeps `region` alone as the home account's one region", async () => {
    const response = await gateway.query<Page>(
      `{ imagePipelines(region: "us-west-2", first: 100) { edges { node { arn accountId region } } } }`,
    );
    expect(response.data?.imagePipelines?.edges).toHaveLength(25);
    expect(
      new Set(response.data?.imagePipelines?.edges.map((edge) => edge.node.accountId)),
    ).toEqual(new Set([HOME]));
  });

  it("lists the configured accounts and their regions", async () => {
    const response = await gateway.query<{
      awsAccounts: Array<{ name: string; id: string; healthImagingRegions: string[] }>;
    }>(`{ awsAccounts { name id healthImagingRegions } }`);
    expect(response.data?.awsAccounts).toEqual([
      { name: "home", id: HOME, healthImagingRegions: ["eu-west-1", "us-east-1", "us-west-2"] },
      { name: "a", id: A, healthImagingRegions: ["eu-west-1", "us-east-1", "us-west-2"] },
      { name: "b", id: B, healthImagingRegions: ["eu-west-1", "us-east-1", "us-west-2"] },
    ]);
  });

  it("assumes each account's role once for many requests", async () => {
    const assumed = (gateway.emulator?.calls ?? []).filter(
      (call) => call.operation === "AssumeRole",
    );
    expect(assumed.map((call) => call.input.RoleArn).sort()).toEqual([ROLE_A, ROLE_B]);
  });
});

describe("a node of account b", () => {
  type Build = {
    arn: string;
    id: string;
    packages: { edges: Array<{ node: { packageName: string } }> } | null;
    workflowExecutions: {
      edges: Array<{ node: { id: string; steps: { edges: Array<{ node: { name: string } }> } } }>;
    } | null;
  };
  const BUILD_FIELDS = `arn id packages { edges { node { packageName } } }
    workflowExecutions { edges { node { id steps { edges { node { name } } } } } }`;

  it("fetches everything below it with b's credentials", async () => {
    gateway.emulator?.resetCalls();
    const response = await gateway.query<{
      imagePipelines: { edges: Array<{ node: { builds: { edges: Array<{ node: Build }> } } }> };
    }>(`{ imagePipelines(accounts: ["b"], regions: ["us-east-1"], first: 1) {
      edges { node { builds { edges { node { ${BUILD_FIELDS} } } } } } } }`);
    expect(response.errors).toBeUndefined();
    const build = response.data?.imagePipelines.edges[0]?.node.builds.edges[0]?.node;
    expect(build?.arn).toBe(B_IMAGE);
    expect(build?.packages?.edges.map((edge) => edge.node.packageName)).toEqual(["openssl"]);
    expect(build?.workflowExecutions?.edges[0]?.node.steps.edges[0]?.node.name).toBe("Build");
    const calls = (gateway.emulator?.calls ?? []).filter((call) => call.service === "imagebuilder");
    expect(calls.map((call) => call.operation).sort()).toEqual([
      "ListImagePackages",
      "ListImagePipelineImages",
      "ListImagePipelines",
      "ListWorkflowExecutions",
      "ListWorkflowStepExecutions",
    ]);
    for (const call of calls)
      expect({ account: call.accountId, role: call.roleArn }).toEqual({
        account: B,
        role: ROLE_B,
      });
  });

  it("refetches through node(id:) in b", async () => {
    const listed = await gateway.query<{ imageBuildVersion: Build }>(
      `{ imageBuildVersion(arn: "${B_IMAGE}") { ${BUILD_FIELDS} } }`,
    );
    const build = listed.data?.imageBuildVersion;
    expect(build?.packages?.edges).toHaveLength(1);
    const workflowId = build?.workflowExecutions?.edges[0]?.node.id;
    gateway.emulator?.resetCalls();
    const refetched = await gateway.query<{ build: Build; workflow: { steps: unknown } }>(
      `query ($build: ID!, $workflow: ID!) {
        build: node(id: $build) { ... on ImageBuildVersion { ${BUILD_FIELDS} } }
        workflow: node(id: $workflow) { ... on WorkflowExecution { steps { edges { node { name } } } } }
      }`,
      { build: build?.id, workflow: workflowId },
    );
    expect(refetched.errors).toBeUndefined();
    expect(refetched.data?.build.packages?.edges).toHaveLength(1);
    expect(refetched.data?.workflow.steps).toEqual({ edges: [{ node: { name: "Build" } }] });
    const accounts = (gateway.emulator?.calls ?? [])
      .filter((call) => call.service === "imagebuilder")
      .map((call) => call.accountId);
    expect(accounts.length).toBeGreaterThan(0);
    expect(new Set(accounts)).toEqual(new Set([B]));
  });

  it("starts b's pipeline in b with b's role, and cancels its build there", async () => {
    gateway.emulator?.resetCalls();
    const response = await gateway.query<{
      startImagePipelineExecution: { imageBuildVersion: { arn: string } };
    }>(`mutation { startImagePipelineExecution(input: { imagePipelineArn: "${B_PIPELINE}" }) {
      imageBuildVersion { arn } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data?.startImagePipelineExecution.imageBuildVersion.arn).toBe(
      `arn:aws:imagebuilder:us-east-1:${B}:image/p-222-us-east-1-0/1.0.0/2`,
    );
    const start = gateway.emulator?.calls.find(
      (call) => call.operation === "StartImagePipelineExecution",
    );
    expect({ account: start?.accountId, role: start?.roleArn }).toEqual({
      account: B,
      role: ROLE_B,
    });

    // And cancels that build in b, with b's role.
    const arn = response.data?.startImagePipelineExecution.imageBuildVersion.arn;
    const cancelled = await gateway.query<{
      cancelImageCreation: { imageBuildVersion: { arn: string } };
    }>(`mutation { cancelImageCreation(input: { imageBuildVersionArn: "${arn}" }) {
      imageBuildVersion { arn } } }`);
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data?.cancelImageCreation.imageBuildVersion.arn).toBe(arn);
    const cancel = gateway.emulator?.calls.find((call) => call.operation === "CancelImageCreation");
    expect({ account: cancel?.accountId, role: cancel?.roleArn, status: cancel?.status }).toEqual({
      account: B,
      role: ROLE_B,
      status: 200,
    });
  });
});

describe("a partition that fails", () => {
  type Stores = {
    datastores: {
      edges: Array<{ node: { datastoreName: string; accountId: string; id: string } }>;
    } | null;
  };
  const STORES = `{ datastores(accounts: ["*"], regions: ["us-east-1", "eu-west-1"], first: 50) {
    edges { node { datastoreName accountId id } } } }`;

  it("costs only its items, with one error naming its account and region", async () => {
    const response = await gateway.query<Stores>(STORES);
    expect(response.data?.datastores?.edges.map((edge) => edge.node.datastoreName)).toEqual([
      "home-store",
      "b-east",
    ]);
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toMatchObject({
      path: ["datastores"],
      extensions: { code: "FORBIDDEN", accountId: B, account: "b", region: "eu-west-1" },
    });
  });

  it("refetches a data store of b in b by its id", async () => {
    const response = await gateway.query<Stores>(STORES);
    const bEast = response.data?.datastores?.edges.find(
      (edge) => edge.node.datastoreName === "b-east",
    );
    expect(bEast?.node.accountId).toBe(B);
    const refetched = await gateway.query<{ node: { datastoreName: string } }>(
      `query ($id: ID!) { node(id: $id) { ... on Datastore { datastoreName } } }`,
      { id: bEast?.node.id },
    );
    expect(refetched.data?.node.datastoreName).toBe("b-east");
  });

  it("is silent with AWS_IGNORE_ACCESS_DENIED=true", async () => {
    const quiet = await startTestGateway({
      fixture,
      env: { ...ENV, AWS_IGNORE_ACCESS_DENIED: "true" },
    });
    try {
      const response = await quiet.query<Stores>(STORES);
      expect(response.errors).toBeUndefined();
      expect(response.data?.datastores?.edges).toHaveLength(2);
    } finally {
      await quiet.close();
    }
  });
});

/** The accounts (and roles) the emulator saw `service` called as since the last reset. */
function callersOf(service: string) {
  return new Set(
    (gateway.emulator?.calls ?? [])
      .filter((call) => call.service === service)
      .map((call) => `${call.accountId} ${call.roleArn ?? "home"}`),
  );
}

describe("an AppStream image of account b", () => {
  type Desktop = { id: string; name: string; accountId: string; baseImage: { name: string } };
  const DESKTOP = "id name accountId baseImage { name }";
  const B_CALLS = new Set([`${B} ${ROLE_B}`]);

  it("is found by ARN in b, and so is its base image", async () => {
    gateway.emulator?.resetCalls();
    const data = expectData(
      await gateway.query<{ appStreamImage: Desktop }>(
        `{ appStreamImage(arn: "${B_DESKTOP}") { ${DESKTOP} } }`,
      ),
    );
    expect(data.appStreamImage).toMatchObject({
      name: "b-desktop",
      accountId: B,
      baseImage: { name: "b-desktop-base" },
    });
    expect(callersOf("appstream")).toEqual(B_CALLS);
  });

  it("is found by name with account b (by name or id), not in the home account", async () => {
    gateway.emulator?.resetCalls();
    for (const account of ["b", B]) {
      const data = expectData(
        await gateway.query<{ appStreamImage: Desktop }>(
          `query ($account: String) { appStreamImage(name: "b-desktop", account: $account) { name accountId } }`,
          { account },
        ),
      );
      expect(data.appStreamImage).toEqual({ name: "b-desktop", accountId: B });
    }
    expect(callersOf("appstream")).toEqual(B_CALLS);
    // In one request, each account is asked for its own image of that name.
    const both = await gateway.query<{ home: null; b: { name: string } }>(
      `{ home: appStreamImage(name: "b-desktop") { name } b: appStreamImage(name: "b-desktop", account: "b") { name } }`,
    );
    expect(both.data).toEqual({ home: null, b: { name: "b-desktop" } });
    expect(expectError(both, "NOT_FOUND").path).toEqual(["home"]);
  });

  it("refetches in b through node(id:) and _entities", async () => {
    const listed = expectData(
      await gateway.query<{ appStreamImage: Desktop }>(
        `{ appStreamImage(arn: "${B_DESKTOP}") { ${DESKTOP} } }`,
      ),
    );
    gateway.emulator?.resetCalls();
    const data = expectData(
      await gateway.query<{ node: Desktop; _entities: Desktop[] }>(
        `query ($id: ID!, $r: [_Any!]!) {
          node(id: $id) { ... on AppStreamImage { ${DESKTOP} } }
          _entities(representations: $r) { ... on AppStreamImage { ${DESKTOP} } }
        }`,
        {
          id: listed.appStreamImage.id,
          r: [{ __typename: "AppStreamImage", arn: B_DESKTOP }],
        },
      ),
    );
    expect(data.node).toEqual(listed.appStreamImage);
    expect(data._entities).toEqual([listed.appStreamImage]);
    expect(callersOf("appstream")).toEqual(B_CALLS);
  });

  it("is listed by ARN in b, and ARNs of two accounts are refused", async () => {
    gateway.emulator?.resetCalls();
    const data = expectData(
      await gateway.query<{ appStreamImages: { edges: Array<{ node: { name: string } }> } }>(
        `{ appStreamImages(arns: ["${B_DESKTOP}", "${B_DESKTOP_BASE}"]) { edges { node { name } } } }`,
      ),
    );
    expect(data.appStreamImages.edges.map((edge) => edge.node.name).sort()).toEqual([
      "b-desktop",
      "b-desktop-base",
    ]);
    expect(callersOf("appstream")).toEqual(B_CALLS);
    const error = expectError(
      await gateway.query(
        `{ appStreamImages(arns: ["${B_DESKTOP}", "${appStreamArn(A, "a-desktop")}"]) { edges { cursor } } }`,
      ),
      "BAD_USER_INPUT",
    );
    expect(error.message).toContain("several accounts");
  });

  it("names the allowed accounts for an unknown account", async () => {
    const error = expectError(
      await gateway.query(`{ appStreamImage(name: "b-desktop", account: "nope") { name } }`),
      "BAD_USER_INPUT",
    );
    expect(error.message).toContain('"nope" is not a configured account');
    expect(error.message).toContain("home, a, b");
    expect(error.extensions).toMatchObject({
      argument: "account",
      allowedAccounts: ["home", "a", "b"],
    });
  });
});

describe("federation references that name an account", () => {
  type Entity = {
    imageSetId?: string;
    workflowExecutionId?: string;
    accountId: string | null;
    versions?: { edges: Array<{ node: { versionId: string; accountId: string } }> };
    steps?: {
      edges: Array<{ node: { name: string; accountId: string; workflowExecution: unknown } }>;
    };
  } | null;
  const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
    ... on ImageSet { imageSetId accountId versions { edges { node { versionId accountId } } } }
    ... on WorkflowExecution { workflowExecutionId accountId steps { edges { node {
      name accountId workflowExecution { accountId steps { edges { node { name } } } } } } } }
  } }`;
  const imageSet = (imageSetId: string, accountId?: string) => ({
    __typename: "ImageSet",
    datastoreId: STORE,
    imageSetId,
    region: "us-east-1",
    ...(accountId && { accountId }),
  });
  const workflow = (workflowExecutionId: string, accountId?: string) => ({
    __typename: "WorkflowExecution",
    workflowExecutionId,
    region: "us-east-1",
    ...(accountId && { accountId }),
  });
  const resolve = async (representations: object[]) =>
    expectData(await gateway.query<{ _entities: Entity[] }>(ENTITIES, { r: representations }))
      ._entities;

  it("resolve an image set and a workflow execution of b in b", async () => {
    gateway.emulator?.resetCalls();
    const [set, run] = await resolve([imageSet(B_IMAGE_SET, B), workflow(B_WORKFLOW, B)]);
    expect(set).toEqual({
      imageSetId: B_IMAGE_SET,
      accountId: B,
      versions: {
        edges: [
          { node: { versionId: "1", accountId: B } },
          { node: { versionId: "2", accountId: B } },
        ],
      },
    });
    expect(run).toEqual({
      workflowExecutionId: B_WORKFLOW,
      accountId: B,
      steps: {
        edges: [
          {
            node: {
              name: "Build",
              accountId: B,
              // A step's own workflow execution stays in the step's account.
              workflowExecution: { accountId: B, steps: { edges: [{ node: { name: "Build" } }] } },
            },
          },
        ],
      },
    });
    expect(callersOf("medical-imaging")).toEqual(new Set([`${B} ${ROLE_B}`]));
    expect(callersOf("imagebuilder")).toEqual(new Set([`${B} ${ROLE_B}`]));
  });

  it("keep resolving keys without an account in the home account", async () => {
    gateway.emulator?.resetCalls();
    const { region: _, ...withoutRegion } = imageSet(HOME_IMAGE_SET);
    const entities = await resolve([
      imageSet(HOME_IMAGE_SET),
      withoutRegion,
      workflow(HOME_WORKFLOW),
      { __typename: "WorkflowExecution", workflowExecutionId: HOME_WORKFLOW },
      // b's objects are not the home account's.
      imageSet(B_IMAGE_SET),
      workflow(B_WORKFLOW),
    ]);
    expect(
      entities.map((entity) => entity?.imageSetId ?? entity?.workflowExecutionId ?? null),
    ).toEqual([HOME_IMAGE_SET, HOME_IMAGE_SET, HOME_WORKFLOW, HOME_WORKFLOW, null, null]);
    expect(entities[0]?.accountId).toBe(HOME);
    expect(entities[2]?.accountId).toBe(HOME);
    expect(callersOf("medical-imaging")).toEqual(new Set([`${HOME} home`]));
    expect(callersOf("imagebuilder")).toEqual(new Set([`${HOME} home`]));
  });

  it("resolve the home account's id in the home account, and an account not configured to null", async () => {
    const entities = await resolve([
      imageSet(HOME_IMAGE_SET, HOME),
      workflow(HOME_WORKFLOW, HOME),
      imageSet(HOME_IMAGE_SET, "999999999999"),
      workflow(HOME_WORKFLOW, "999999999999"),
    ]);
    expect(entities.map((entity) => entity?.accountId ?? null)).toEqual([HOME, HOME, null, null]);
  });
});

describe("STS calls", () => {
  it("are counted in the AWS call metrics, under service sts", async () => {
    expectData(
      await gateway.query(`{ awsAccounts { id }
        imagePipelines(accounts: ["*"], regions: ["us-east-1"], first: 1) { edges { node { arn } } } }`),
    );
    const metrics = await (await fetch(new URL("/metrics", gateway.url))).text();
    const count = (name: string, labels: string) =>
      Number(new RegExp(`^${name}\\{${labels}\\} (\\d+)$`, "m").exec(metrics)?.[1] ?? 0);
    // One AssumeRole per account and credential lifetime, one GetCallerIdentity per process.
    expect(
      count("gateway_aws_calls_total", 'service="sts",operation="AssumeRole",outcome="ok"'),
    ).toBe(2);
    expect(
      count("gateway_aws_calls_total", 'service="sts",operation="GetCallerIdentity",outcome="ok"'),
    ).toBe(1);
    expect(count("gateway_aws_call_attempts_total", 'service="sts",operation="AssumeRole"')).toBe(
      2,
    );
    expect(metrics).toMatch(
      /^gateway_aws_call_duration_seconds_count\{service="sts",operation="AssumeRole"\} 2$/m,
    );
  });
});
