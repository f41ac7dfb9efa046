import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  AppStreamImageDocument,
  type AppStreamImageState,
  AppStreamImagesDocument,
  type DatastoreStatus,
  DatastoresDocument,
  type ImageBuildStatus,
  ImageBuildVersionDocument,
  ImagePackagesDocument,
  ImagePipelinesDocument,
  ImageSetDocument,
  type ImageSetState,
  ImageSetVersionsDocument,
  NodeDocument,
  NodesDocument,
  StartImagePipelineExecutionDocument,
  WorkflowExecutionDocument,
  type WorkflowStepExecutionStatus,
  WorkflowStepExecutionsDocument,
} from "../generated/graphql.js";
import {
  appStreamImages,
  fixture,
  imageArn,
  imageSetVersions,
  packages,
  pipelineArn,
  steps,
  storeId,
  workflowExecution,
  workflowExecutionId,
} from "../helpers/fixtures.js";
import {
  expectData,
  expectError,
  type GraphQLResponse,
  startTestGateway,
  type TestGateway,
} from "../helpers/gateway.js";

/**
 * Runs every operation of test/operations/*.graphql through its generated typed document: the
 * result types below come from test/generated/graphql.ts, so a schema change that breaks an
 * operation breaks `npm run codegen` (the document no longer validates) or `tsc` (the shape the
 * assertions rely on changed), not just this test at run time.
 */

const IMAGE = imageArn("web-server", "1.2.0", 2);
const MISSING_IMAGE = imageArn("missing");
const PIPELINE = pipelineArn("web-server");
const WORKFLOW = workflowExecutionId(7);
const DATASTORE = storeId(11);
const IMAGE_SET = storeId(12);
const PUBLIC_IMAGES = appStreamImages(6);
const BASE = PUBLIC_IMAGES[0] as (typeof PUBLIC_IMAGES)[number];
const PRIVATE_IMAGE = {
  region: "us-east-1",
  Name: "finance-desktop",
  Arn: "arn:aws:appstream:us-east-1:123456789012:image/finance-desktop",
  BaseImageArn: BASE.Arn,
  DisplayName: "Finance desktop",
  Description: "Spreadsheets and the ledger",
  Visibility: "PRIVATE",
  State: "AVAILABLE",
  Platform: "WINDOWS_SERVER_2022",
  CreatedTime: "2026-02-01T00:00:00Z",
  ImagePermissions: { allowFleet: true, allowImageBuilder: false },
  SupportedInstanceFamilies: ["GENERAL_PURPOSE"],
  Applications: [
    {
      Name: "ledger",
      DisplayName: "Ledger",
      LaunchPath: "C:\\Ledger\\ledger.exe",
      Enabled: true,
      Metadata: { team: "finance" },
      Platforms: ["WINDOWS_SERVER_2022"],
      InstanceFamilies: ["GENERAL_PURPOSE"],
    },
  ],
};

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: fixture({
      imageBuilder: {
        images: [{ arn: IMAGE, packages: packages(30) }],
        pipelines: [
          {
            arn: PIPELINE,
            imageName: "web-server",
            semanticVersion: "1.2.0",
            packages: packages(3, "nginx"),
          },
        ],
        workflowExecutions: [workflowExecution(WORKFLOW, IMAGE, steps(12), "workflow completed")],
      },
      medicalImaging: {
        datastores: [
          {
            datastoreId: DATASTORE,
            region: "us-east-1",
            imageSets: [{ imageSetId: IMAGE_SET, versions: imageSetVersions(7) }],
          },
        ],
      },
      appStream: { images: [...PUBLIC_IMAGES, PRIVATE_IMAGE] },
    }),
  });
});

afterAll(() => gateway?.close());

/** Sends a generated document over HTTP; its variables and result are typed by the document. */
function run<Result, Variables extends Record<string, unknown>>(
  document: TypedDocumentNode<Result, Variables>,
  variables: NoInfer<Variables>,
): Promise<GraphQLResponse<Result>> {
  return gateway.query<Result>(print(document), variables);
}

/**
 * A connection the query asked for. Connections are nullable (an AWS error nulls that field
 * alone), so the test asserts it is there before reading it.
 */
function present<T>(value: T | null | undefined): T {
  expect(value).toBeTruthy();
  return value as T;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

describe("typed operations", () => {
  it("ImagePackages pages through an image's packages", async () => {
    const first = expectData(
      await run(ImagePackagesDocument, { imageBuildVersionArn: IMAGE, first: 20 }),
    );
    expectTypeOf(present(first.imagePackages).edges[0]?.node.packageName).toEqualTypeOf<
      string | null | undefined
    >();
    expectTypeOf(present(first.imagePackages).pageInfo.endCursor).toEqualTypeOf<string | null>();
    expect(present(first.imagePackages).pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: false,
    });

    const rest = expectData(
      await run(ImagePackagesDocument, {
        imageBuildVersionArn: IMAGE,
        first: 20,
        after: present(first.imagePackages).pageInfo.endCursor,
      }),
    );
    expect(present(rest.imagePackages).pageInfo).toMatchObject({
      hasNextPage: false,
      hasPreviousPage: true,
    });
    const all = [...present(first.imagePackages).edges, ...present(rest.imagePackages).edges].map(
      ({ node: { packageName, packageVersion } }) => ({ packageName, packageVersion }),
    );
    expect(all).toEqual(packages(30));
  });

  it("ImageBuildVersion reads the ARN's parts and the first packages, or null", async () => {
    const data = expectData(await run(ImageBuildVersionDocument, { arn: IMAGE, packagesFirst: 2 }));
    const version = data.imageBuildVersion;
    expectTypeOf(version?.buildNumber).toEqualTypeOf<number | undefined>();
    expect(version).toMatchObject({
      arn: IMAGE,
      region: "us-east-1",
      accountId: "123456789012",
      name: "web-server",
      version: "1.2.0",
      buildNumber: 2,
    });
    // buildNumber is an Int: arithmetic on it typechecks only while the schema says so.
    expect((version?.buildNumber ?? 0) + 1).toBe(3);
    expect(present(version?.packages).edges.map((edge) => edge.node)).toEqual(packages(2));
    expect(present(version?.packages).pageInfo.hasNextPage).toBe(true);

    const missing = await run(ImageBuildVersionDocument, { arn: MISSING_IMAGE });
    expect(missing.data?.imageBuildVersion).toBeNull();
    expectError(missing, "NOT_FOUND");
  });

  it("WorkflowStepExecutions lists steps with enums, timestamps and the built image", async () => {
    const data = expectData(
      await run(WorkflowStepExecutionsDocument, { workflowExecutionId: WORKFLOW, first: 5 }),
    );
    const connection = data.workflowStepExecutions;
    expect(connection).toMatchObject({
      workflowExecutionId: WORKFLOW,
      message: "workflow completed",
      imageBuildVersion: { arn: IMAGE, buildNumber: 2 },
    });
    expect(present(connection).edges).toHaveLength(5);
    expect(present(connection).pageInfo.hasNextPage).toBe(true);
    const [step] = present(connection).edges.map((edge) => edge.node);
    expectTypeOf(step?.status).toEqualTypeOf<WorkflowStepExecutionStatus | null | undefined>();
    expectTypeOf(step?.startTime).toEqualTypeOf<string | null | undefined>();
    expect(step).toMatchObject({ name: "Step1", status: "COMPLETED", rollbackStatus: "SKIPPED" });
    expect(step?.startTime).toMatch(ISO_INSTANT);
    expect(JSON.parse(step?.inputs ?? "null")).toEqual({ index: 0 });
  });

  it("WorkflowExecution reads the execution and its steps", async () => {
    const data = expectData(
      await run(WorkflowExecutionDocument, { workflowExecutionId: WORKFLOW, stepsFirst: 12 }),
    );
    expect(data.workflowExecution).toMatchObject({
      workflowExecutionId: WORKFLOW,
      region: "us-east-1",
    });
    expect(present(data.workflowExecution?.steps).edges.map((edge) => edge.node.name)).toEqual(
      steps(12).map((step) => step.name),
    );
  });

  it("ImagePipelines walks pipelines to builds, their details and workflow runs", async () => {
    const data = expectData(await run(ImagePipelinesDocument, { first: 5, buildsFirst: 5 }));
    const pipeline = present(data.imagePipelines).edges[0]?.node;
    expectTypeOf(pipeline?.lastRunStatus).toEqualTypeOf<ImageBuildStatus | null | undefined>();
    expect(pipeline).toMatchObject({
      arn: PIPELINE,
      name: "web-server",
      pipelineStatus: "ENABLED",
      osPlatform: "Linux",
      schedule: null,
      lastRunStatus: "AVAILABLE",
    });
    expect(pipeline?.dateCreated).toMatch(ISO_INSTANT);
    const build = present(pipeline?.builds).edges[0]?.node;
    expect(build).toMatchObject({
      arn: IMAGE,
      buildNumber: 2,
      buildState: { status: "AVAILABLE", reason: null },
      outputType: "AMI",
      buildType: "USER_INITIATED",
    });
    expect(present(build?.workflowExecutions).edges.map((edge) => edge.node)).toEqual([
      {
        workflowExecutionId: WORKFLOW,
        executionStatus: "COMPLETED",
        workflowType: "BUILD",
        totalStepCount: 12,
        imageBuildVersion: { arn: IMAGE },
      },
    ]);
  });

  it("StartImagePipelineExecution creates the next build, typed through its input", async () => {
    const data = expectData(
      await run(StartImagePipelineExecutionDocument, {
        input: { imagePipelineArn: PIPELINE, clientToken: "typed-1", clientMutationId: "m-1" },
      }),
    );
    const payload = data.startImagePipelineExecution;
    expectTypeOf(payload.clientToken).toEqualTypeOf<string>();
    expect(payload).toMatchObject({ clientMutationId: "m-1", clientToken: "typed-1" });
    expect(payload.requestId).toEqual(expect.any(String));
    expect(payload.imageBuildVersion).toMatchObject({ name: "web-server", version: "1.2.0" });
    expect(payload.imageBuildVersion?.buildNumber).toBeGreaterThanOrEqual(1);
    expect(
      present(payload.imageBuildVersion?.packages).edges.map((edge) => edge.node.packageName),
    ).toEqual(packages(3, "nginx").map((pkg) => pkg.packageName));
  });

  it("ImageSetVersions lists versions with their state", async () => {
    const data = expectData(
      await run(ImageSetVersionsDocument, {
        datastoreId: DATASTORE,
        imageSetId: IMAGE_SET,
        first: 10,
      }),
    );
    const versions = present(data.imageSetVersions).edges.map((edge) => edge.node);
    // Nullable, as every enum field: a state AWS adds later is null with UNKNOWN_ENUM_VALUE.
    expectTypeOf(versions[0]?.imageSetState).toEqualTypeOf<ImageSetState | null | undefined>();
    expect(versions.map((version) => version.versionId)).toEqual(
      imageSetVersions(7).map((version) => version.versionId),
    );
    expect(versions.at(-1)).toMatchObject({
      datastoreId: DATASTORE,
      imageSetId: IMAGE_SET,
      imageSetState: "ACTIVE",
      message: "version 7",
    });
    expect(versions[0]).toMatchObject({
      imageSetWorkflowStatus: "CREATED",
      overrides: { forced: true },
    });
    expect(versions[0]?.createdAt).toMatch(ISO_INSTANT);
    expect(present(data.imageSetVersions).pageInfo.hasNextPage).toBe(false);
  });

  it("ImageSet reads the image set and its first versions", async () => {
    const data = expectData(
      await run(ImageSetDocument, {
        datastoreId: DATASTORE,
        imageSetId: IMAGE_SET,
        versionsFirst: 3,
      }),
    );
    expect(data.imageSet).toMatchObject({
      datastoreId: DATASTORE,
      imageSetId: IMAGE_SET,
      region: "us-east-1",
    });
    expect(present(data.imageSet?.versions).edges).toHaveLength(3);
    expect(present(data.imageSet?.versions).pageInfo.hasNextPage).toBe(true);
  });

  it("Datastores walks data stores to image sets with DICOM tags, filtered", async () => {
    const data = expectData(
      // latestVersionState reads GetImageSet per image set: 20 data stores of 10 would cost 221.
      await run(DatastoresDocument, {
        status: "ACTIVE",
        first: 5,
        updatedAt: { from: "2026-01-01T00:00:00Z" },
      }),
    );
    const [store] = present(data.datastores).edges.map((edge) => edge.node);
    // Nullable like every enum field: a value newer than the schema degrades to null.
    expectTypeOf(store?.datastoreStatus).toEqualTypeOf<DatastoreStatus | null | undefined>();
    expect(store).toMatchObject({ datastoreId: DATASTORE, region: "us-east-1" });
    expect(store?.datastoreArn).toContain(DATASTORE);
    const [imageSet] = present(store?.imageSets).edges.map((edge) => edge.node) ?? [];
    expect(imageSet).toMatchObject({
      imageSetId: IMAGE_SET,
      latestVersionId: "7",
      latestVersionState: "ACTIVE",
      datastore: { datastoreId: DATASTORE },
    });
    expect(imageSet?.dicomTags?.dicomStudyInstanceUid).toMatch(/^\d+(\.\d+)+$/);
    const none = expectData(await run(DatastoresDocument, { first: 5, dicomPatientId: "nobody" }));
    expect(present(present(none.datastores).edges[0]?.node.imageSets).edges).toEqual([]);
  });

  it("AppStreamImages filters by visibility", async () => {
    const data = expectData(await run(AppStreamImagesDocument, { type: "PRIVATE", first: 25 }));
    const images = present(data.appStreamImages).edges.map((edge) => edge.node);
    expectTypeOf(images[0]?.state).toEqualTypeOf<AppStreamImageState | null | undefined>();
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images.map((image) => image.visibility))).toEqual(new Set(["PRIVATE"]));
    expect(images.map((image) => image.name)).toContain(PRIVATE_IMAGE.Name);
    expect(images.every((image) => ISO_INSTANT.test(image.createdTime ?? ""))).toBe(true);
  });

  it("AppStreamImage reads one image with its applications and base image", async () => {
    const data = expectData(await run(AppStreamImageDocument, { name: PRIVATE_IMAGE.Name }));
    const image = data.appStreamImage;
    expect(image).toMatchObject({
      name: PRIVATE_IMAGE.Name,
      arn: PRIVATE_IMAGE.Arn,
      displayName: "Finance desktop",
      visibility: "PRIVATE",
      platform: "WINDOWS_SERVER_2022",
      state: "AVAILABLE",
      imagePermissions: { allowFleet: true, allowImageBuilder: false },
      supportedInstanceFamilies: ["GENERAL_PURPOSE"],
      baseImage: { name: BASE.Name, arn: BASE.Arn },
    });
    expect(image?.applications).toEqual([
      {
        name: "ledger",
        displayName: "Ledger",
        launchPath: "C:\\Ledger\\ledger.exe",
        enabled: true,
        platforms: ["WINDOWS_SERVER_2022"],
        metadata: [{ key: "team", value: "finance" }],
      },
    ]);

    const missing = await run(AppStreamImageDocument, { name: "no-such-image" });
    expect(missing.data?.appStreamImage).toBeNull();
    expectError(missing, "NOT_FOUND");
  });

  it("Node refetches objects by global ID, narrowed by __typename", async () => {
    const version = expectData(await run(ImageBuildVersionDocument, { arn: IMAGE }));
    const image = expectData(await run(AppStreamImageDocument, { name: PRIVATE_IMAGE.Name }));
    const versionId = version.imageBuildVersion?.id ?? "";
    const imageId = image.appStreamImage?.id ?? "";

    const node = expectData(await run(NodeDocument, { id: versionId })).node;
    expect(node?.__typename).toBe("ImageBuildVersion");
    if (node?.__typename !== "ImageBuildVersion") throw new Error("expected an ImageBuildVersion");
    expectTypeOf(node.buildNumber).toEqualTypeOf<number>();
    expect(node).toEqual({
      __typename: "ImageBuildVersion",
      id: versionId,
      arn: IMAGE,
      buildNumber: 2,
    });

    const other = expectData(await run(NodeDocument, { id: imageId })).node;
    if (other?.__typename !== "AppStreamImage") throw new Error("expected an AppStreamImage");
    expect(other).toEqual({
      __typename: "AppStreamImage",
      id: imageId,
      imageName: PRIVATE_IMAGE.Name,
      imageArn: PRIVATE_IMAGE.Arn,
    });

    const nodes = expectData(await run(NodesDocument, { ids: [imageId, versionId] })).nodes;
    expect(nodes.map((each) => each?.__typename)).toEqual(["AppStreamImage", "ImageBuildVersion"]);
  });
});
