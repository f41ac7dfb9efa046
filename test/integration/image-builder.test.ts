import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fixture,
  imageArn,
  packages,
  pipelineArn,
  steps,
  workflowExecution,
  workflowExecutionId,
} from "../helpers/fixtures.js";
import { expectData, expectError, startTestGateway, type TestGateway } from "../helpers/gateway.js";
import { pageToEnd } from "../helpers/paging.js";

const EMPTY = imageArn("empty-image");
const ONE_PAGE = imageArn("one-page", "2.1.0", 3);
const MANY = imageArn("many-packages", "1.0.0", 1);
const EU = imageArn("eu-image", "1.0.0", 1, "eu-west-1");
const WORKFLOW = workflowExecutionId(1);
const EMPTY_WORKFLOW = workflowExecutionId(2);
const PIPELINE = pipelineArn("web-server");
// AWS-owned images carry `aws` or `aws-<owner>` where an account id would be.
const MARKETPLACE = "arn:aws:imagebuilder:us-east-1:aws-marketplace:image/cis-hardened/2.0.0/1";

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: fixture({
      imageBuilder: {
        images: [
          { arn: EMPTY, packages: [] },
          { arn: ONE_PAGE, packages: packages(25) },
          { arn: MANY, packages: packages(61) },
          { arn: EU, packages: packages(2, "eu") },
          { arn: imageArn("web-server", "1.0.0", 1), packages: packages(1) },
          { arn: MARKETPLACE, packages: packages(2, "cis") },
        ],
        pipelines: [
          {
            arn: PIPELINE,
            imageName: "web-server",
            semanticVersion: "1.0.0",
            packages: packages(3, "nginx"),
          },
          {
            arn: pipelineArn("other"),
            imageName: "other",
            semanticVersion: "2.0.0",
            packages: [],
          },
        ],
        workflowExecutions: [
          workflowExecution(WORKFLOW, MANY, steps(31), "workflow completed"),
          workflowExecution(EMPTY_WORKFLOW, EMPTY, []),
        ],
      },
    }),
  });
});

afterAll(() => gateway?.close());

const PACKAGES = /* GraphQL */ `
  query Packages($arn: String!, $first: Int, $after: String) {
    imagePackages(imageBuildVersionArn: $arn, first: $first, after: $after) {
      edges { cursor node { packageName packageVersion } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

type PackagesData = {
  imagePackages: {
    edges: Array<{ cursor: string; node: { packageName: string; packageVersion: string } }>;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
  };
};

const pickPackages = (data: Record<string, unknown>) => (data as PackagesData).imagePackages;

describe("imagePackages", () => {
  it("answers an image without packages with no edges", async () => {
    const data = expectData(await gateway.query<PackagesData>(PACKAGES, { arn: EMPTY }));
    expect(data.imagePackages.edges).toEqual([]);
    expect(data.imagePackages.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });

  it("serves exactly one AWS page in one call, without a next page", async () => {
    gateway.emulator?.resetCalls();
    const data = expectData(
      await gateway.query<PackagesData>(PACKAGES, { arn: ONE_PAGE, first: 25 }),
    );
    expect(data.imagePackages.edges.map((edge) => edge.node)).toEqual(packages(25));
    expect(data.imagePackages.pageInfo.hasNextPage).toBe(false);
    expect(gateway.emulator?.calls.map((call) => call.operation)).toEqual(["ListImagePackages"]);
  });

  it("follows next tokens when first exceeds one AWS page", async () => {
    gateway.emulator?.resetCalls();
    const data = expectData(await gateway.query<PackagesData>(PACKAGES, { arn: MANY, first: 100 }));
    expect(data.imagePackages.edges.map((edge) => edge.node)).toEqual(packages(61));
    expect(data.imagePackages.pageInfo.hasNextPage).toBe(false);
    expect(gateway.emulator?.calls).toHaveLength(3);
  });

  it.each([1, 2, 7, 24, 25, 26, 60, 61, 100])(
    "pages through 61 packages %i at a time, each exactly once and in order",
    async (first) => {
      const nodes = await pageToEnd(gateway, PACKAGES, { arn: MANY }, pickPackages, first);
      expect(nodes).toEqual(packages(61));
    },
  );

  it("calls the region in the ARN", async () => {
    gateway.emulator?.resetCalls();
    const data = expectData(await gateway.query<PackagesData>(PACKAGES, { arn: EU }));
    expect(data.imagePackages.edges.map((edge) => edge.node)).toEqual(packages(2, "eu"));
    expect(gateway.emulator?.calls.map((call) => call.region)).toEqual(["eu-west-1"]);
  });

  it("uses a default page size of 20, which ends mid-page: one AWS call with hasNextPage", async () => {
    gateway.emulator?.resetCalls();
    const data = expectData(await gateway.query<PackagesData>(PACKAGES, { arn: MANY }));
    expect(data.imagePackages.edges).toHaveLength(20);
    expect(data.imagePackages.pageInfo.hasNextPage).toBe(true);
    expect(gateway.emulator?.calls).toHaveLength(1);
  });

  it("rejects a malformed ARN before calling AWS, naming the argument and the form", async () => {
    gateway.emulator?.resetCalls();
    const error = expectError(
      await gateway.query(PACKAGES, { arn: "arn:aws:imagebuilder:us-east-1:123:image/x" }),
      "BAD_USER_INPUT",
    );
    expect(error.message).toContain("imageBuildVersionArn");
    expect(error.message).toContain("arn:aws:imagebuilder:<region>");
    expect(gateway.emulator?.calls).toHaveLength(0);
  });

  it.each([-1, 101])("rejects first: %i with the allowed range", async (first) => {
    const error = expectError(
      await gateway.query(PACKAGES, { arn: MANY, first }),
      "BAD_USER_INPUT",
    );
    expect(error.message).toContain("between 0 and 100");
  });

  it("answers first: 0 with no edges and an exact hasNextPage", async () => {
    const full = expectData(await gateway.query<PackagesData>(PACKAGES, { arn: MANY, first: 0 }));
    expect(full.imagePackages.edges).toEqual([]);
    expect(full.imagePackages.pageInfo.hasNextPage).toBe(true);
    const empty = expectData(await gateway.query<PackagesData>(PACKAGES, { arn: EMPTY, first: 0 }));
    expect(empty.imagePackages.pageInfo.hasNextPage).toBe(false);
  });

  it("reports an unknown image as NOT_FOUND with the AWS error name and request id", async () => {
    const error = expectError(
      await gateway.query(PACKAGES, { arn: imageArn("missing") }),
      "NOT_FOUND",
    );
    expect(error.extensions?.awsErrorName).toBe("ResourceNotFoundException");
    expect(error.extensions?.requestId).toEqual(expect.any(String));
    expect(error.message).toContain("ListImagePackages");
  });

  it("rejects a cursor that was altered", async () => {
    const data = expectData(await gateway.query<PackagesData>(PACKAGES, { arn: MANY, first: 2 }));
    const cursor = data.imagePackages.pageInfo.endCursor as string;
    const altered = `${cursor.slice(0, -2)}${cursor.at(-2) === "A" ? "B" : "A"}${cursor.at(-1)}`;
    const error = expectError(
      await gateway.query(PACKAGES, { arn: MANY, first: 2, after: altered }),
      "BAD_USER_INPUT",
    );
    expect(error.message).toMatch(/invalid cursor/i);
  });

  it("rejects a cursor from another image's packages", async () => {
    const data = expectData(await gateway.query<PackagesData>(PACKAGES, { arn: MANY, first: 2 }));
    const error = expectError(
      await gateway.query(PACKAGES, {
        arn: ONE_PAGE,
        first: 2,
        after: data.imagePackages.pageInfo.endCursor,
      }),
      "BAD_USER_INPUT",
    );
    expect(error.message).toMatch(/invalid cursor/i);
  });
});

describe("imageBuildVersion", () => {
  const QUERY = /* GraphQL */ `
    query Image($arn: String!) {
      imageBuildVersion(arn: $arn) {
        arn region accountId name version buildNumber
        packages(first: 3) { edges { node { packageName } } pageInfo { hasNextPage } }
      }
    }
  `;

  it("reads the ARN's parts and navigates to the packages with one AWS call", async () => {
    gateway.emulator?.resetCalls();
    const data = expectData(await gateway.query(QUERY, { arn: ONE_PAGE }));
    expect(data.imageBuildVersion).toEqual({
      arn: ONE_PAGE,
      region: "us-east-1",
      accountId: "123456789012",
      name: "one-page",
      version: "2.1.0",
      buildNumber: 3,
      packages: {
        edges: packages(3).map(({ packageName }) => ({ node: { packageName } })),
        pageInfo: { hasNextPage: true },
      },
    });
    expect(gateway.emulator?.calls).toHaveLength(1);
  });

  it("is null with a NOT_FOUND error for an image Image Builder does not know", async () => {
    const response = await gateway.query(QUERY, { arn: imageArn("missing") });
    expect(response.data).toEqual({ imageBuildVersion: null });
    expect(expectError(response, "NOT_FOUND").extensions?.awsErrorName).toBe(
      "ResourceNotFoundException",
    );
  });

  it("rejects an ARN whose region is not a region, before any AWS call", async () => {
    gateway.emulator?.resetCalls();
    const response = await gateway.query(QUERY, {
      arn: "arn:aws:imagebuilder:not..a.region:123456789012:image/x/1.0.0/1",
    });
    expect(expectError(response, "BAD_USER_INPUT").message).toContain("arn");
    expect(gateway.emulator?.calls).toHaveLength(0);
  });

  it("rejects a cursor from imagePackages on ImageBuildVersion.packages", async () => {
    const page = expectData(await gateway.query<PackagesData>(PACKAGES, { arn: MANY, first: 1 }));
    const response = await gateway.query(
      `query($arn: String!, $after: String) { imageBuildVersion(arn: $arn) { packages(after: $after) { edges { cursor } } } }`,
      { arn: MANY, after: page.imagePackages.pageInfo.endCursor },
    );
    expect(expectError(response, "BAD_USER_INPUT").message).toMatch(/invalid cursor/i);
  });
});

describe("workflowStepExecutions", () => {
  const QUERY = /* GraphQL */ `
    query Steps($id: String!, $region: String, $first: Int, $after: String) {
      workflowStepExecutions(workflowExecutionId: $id, region: $region, first: $first, after: $after) {
        workflowExecutionId workflowBuildVersionArn message
        imageBuildVersion { arn name buildNumber packages(first: 1) { edges { node { packageName } } } }
        edges { cursor node {
          stepExecutionId name description action status rollbackStatus message inputs outputs startTime endTime
        } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  `;
  type StepsData = {
    workflowStepExecutions: {
      workflowExecutionId: string;
      edges: Array<{ cursor: string; node: { stepExecutionId: string; startTime: string } }>;
      pageInfo: {
        hasNextPage: boolean;
        hasPreviousPage: boolean;
        startCursor: string | null;
        endCursor: string | null;
      };
    } & Record<string, unknown>;
  };

  it("returns the workflow's details, typed steps and the linked image build version", async () => {
    const data = expectData(await gateway.query<StepsData>(QUERY, { id: WORKFLOW, first: 2 }));
    const connection = data.workflowStepExecutions;
    expect(connection.workflowExecutionId).toBe(WORKFLOW);
    expect(connection.workflowBuildVersionArn).toBe(
      "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/1.0.0/1",
    );
    expect(connection.message).toBe("workflow completed");
    expect(connection.imageBuildVersion).toEqual({
      arn: MANY,
      name: "many-packages",
      buildNumber: 1,
      packages: { edges: [{ node: { packageName: "pkg-000" } }] },
    });
    const [first] = steps(1);
    // Step times are ISO 8601 already, so the DateTime scalar hands them back unchanged.
    expect(connection.edges[0]?.node).toEqual(first);
  });

  it.each([1, 5, 25, 30, 31, 100])("pages 31 steps %i at a time exactly once", async (first) => {
    const nodes = await pageToEnd(
      gateway,
      QUERY,
      { id: WORKFLOW },
      (data) => (data as StepsData).workflowStepExecutions,
      first,
    );
    expect(nodes.map((node) => node.stepExecutionId)).toEqual(
      steps(31).map((step) => step.stepExecutionId),
    );
  });

  it("answers a workflow without steps with its details and no edges", async () => {
    const data = expectData(await gateway.query<StepsData>(QUERY, { id: EMPTY_WORKFLOW }));
    expect(data.workflowStepExecutions.edges).toEqual([]);
    expect(data.workflowStepExecutions.workflowExecutionId).toBe(EMPTY_WORKFLOW);
    expect(data.workflowStepExecutions.pageInfo.hasNextPage).toBe(false);
  });

  it("rejects a malformed workflow execution id, naming the form", async () => {
    const error = expectError(await gateway.query(QUERY, { id: "wf-123" }), "BAD_USER_INPUT");
    expect(error.message).toContain("workflowExecutionId");
    expect(error.message).toContain("wf-<UUID>");
  });

  it("rejects a malformed region", async () => {
    const error = expectError(
      await gateway.query(QUERY, { id: WORKFLOW, region: "Mars" }),
      "BAD_USER_INPUT",
    );
    expect(error.message).toContain("region");
  });

  it("reports an unknown workflow execution as NOT_FOUND", async () => {
    expectError(await gateway.query(QUERY, { id: workflowExecutionId(99) }), "NOT_FOUND");
  });

  it("looks in the region given", async () => {
    expectError(await gateway.query(QUERY, { id: WORKFLOW, region: "eu-west-1" }), "NOT_FOUND");
  });
});

describe("startImagePipelineExecution", () => {
  const START = /* GraphQL */ `
    mutation Start($input: StartImagePipelineExecutionInput!) {
      startImagePipelineExecution(input: $input) {
        clientToken requestId clientMutationId
        imageBuildVersion { arn name version buildNumber packages { edges { node { packageName } } } }
      }
    }
  `;
  type StartData = {
    startImagePipelineExecution: {
      clientToken: string;
      requestId: string;
      clientMutationId: string | null;
      imageBuildVersion: { arn: string; buildNumber: number; packages: { edges: unknown[] } };
    };
  };

  it("creates the next build of the pipeline's image, with the pipeline's packages", async () => {
    const data = expectData(
      await gateway.query<StartData>(START, {
        input: { imagePipelineArn: PIPELINE, clientMutationId: "m-1" },
      }),
    );
    const payload = data.startImagePipelineExecution;
    expect(payload.clientMutationId).toBe("m-1");
    expect(payload.clientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.requestId).toEqual(expect.any(String));
    expect(payload.imageBuildVersion.arn).toMatch(/image\/web-server\/1\.0\.0\/\d+$/);
    expect(payload.imageBuildVersion.buildNumber).toBeGreaterThanOrEqual(2);
    expect(payload.imageBuildVersion.packages.edges).toEqual(
      packages(3, "nginx").map(({ packageName }) => ({ node: { packageName } })),
    );
  });

  it("returns the original result for a repeated client token, and CONFLICT for other parameters", async () => {
    const token = "idempotency-test-1";
    const first = expectData(
      await gateway.query<StartData>(START, {
        input: { imagePipelineArn: PIPELINE, clientToken: token },
      }),
    );
    const again = expectData(
      await gateway.query<StartData>(START, {
        input: { imagePipelineArn: PIPELINE, clientToken: token },
      }),
    );
    expect(again.startImagePipelineExecution.imageBuildVersion.arn).toBe(
      first.startImagePipelineExecution.imageBuildVersion.arn,
    );
    expect(again.startImagePipelineExecution.clientToken).toBe(token);
    const error = expectError(
      await gateway.query(START, {
        input: { imagePipelineArn: pipelineArn("other"), clientToken: token },
      }),
      "CONFLICT",
    );
    expect(error.extensions?.awsErrorName).toBe("IdempotentParameterMismatchException");
  });

  it("takes client tokens of up to 64 characters", async () => {
    const token = "t".repeat(64);
    const data = expectData(
      await gateway.query<StartData>(START, {
        input: { imagePipelineArn: PIPELINE, clientToken: token },
      }),
    );
    expect(data.startImagePipelineExecution.clientToken).toBe(token);
  });

  it("reports an unknown pipeline as NOT_FOUND", async () => {
    const response = await gateway.query(START, {
      input: { imagePipelineArn: pipelineArn("nope") },
    });
    expectError(response, "NOT_FOUND");
    expect(response.data).toBeNull();
  });

  it("reads an image whose ARN names AWS itself (aws-marketplace) as the account", async () => {
    const data = expectData(
      await gateway.query<{
        imageBuildVersion: { accountId: string; name: string; packages: { edges: unknown[] } };
      }>(
        `query($arn: String!) { imageBuildVersion(arn: $arn) { accountId name packages(first: 5) { edges { node { packageName } } } } }`,
        { arn: MARKETPLACE },
      ),
    );
    expect(data.imageBuildVersion).toEqual({
      accountId: "aws-marketplace",
      name: "cis-hardened",
      packages: { edges: packages(2, "cis").map(({ packageName }) => ({ node: { packageName } })) },
    });
  });

  it("rejects a malformed pipeline ARN and an over-long client token before calling AWS", async () => {
    gateway.emulator?.resetCalls();
    expect(
      expectError(
        await gateway.query(START, { input: { imagePipelineArn: MANY } }),
        "BAD_USER_INPUT",
      ).message,
    ).toContain("imagePipelineArn");
    expect(
      expectError(
        await gateway.query(START, {
          input: { imagePipelineArn: PIPELINE, clientToken: "x".repeat(65) },
        }),
        "BAD_USER_INPUT",
      ).message,
    ).toContain("clientToken");
    expect(gateway.emulator?.calls).toHaveLength(0);
  });
});
