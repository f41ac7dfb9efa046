import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FixtureError,
  loadFixtureFile,
  parseFixture,
  summarizeFixture,
} from "../../src/emulator/index.js";

/** The example from the fixture contract (emulator-fixture.md), verbatim apart from comments. */
const contractExample = () => ({
  imageBuilder: {
    images: [
      {
        arn: "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.0.0/1",
        packages: [{ packageName: "openssl", packageVersion: "3.0.13-1" }],
      },
    ],
    pipelines: [
      {
        arn: "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server",
        imageName: "web-server",
        semanticVersion: "1.0.0",
        packages: [{ packageName: "nginx", packageVersion: "1.24.0" }],
      },
    ],
    workflowExecutions: [
      {
        workflowExecutionId: "wf-0123abcd-0123-4abc-8def-0123456789ab",
        region: "us-east-1",
        imageBuildVersionArn:
          "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.0.0/1",
        workflowBuildVersionArn:
          "arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/build-image/1.0.0/1",
        message: "workflow completed",
        steps: [
          {
            stepExecutionId: "step-0001",
            name: "LaunchBuildInstance",
            description: "...",
            action: "LaunchInstance",
            status: "COMPLETED",
            rollbackStatus: "SKIPPED",
            message: "...",
            inputs: "{}",
            outputs: "{}",
            startTime: "2026-03-01T12:00:00Z",
            endTime: "2026-03-01T12:03:00Z",
          },
        ],
      },
    ],
  },
  medicalImaging: {
    datastores: [
      {
        datastoreId: "0123456789abcdef0123456789abcdef",
        region: "us-east-1",
        imageSets: [
          {
            imageSetId: "fedcba9876543210fedcba9876543210",
            versions: [
              {
                versionId: "1",
                imageSetState: "ACTIVE",
                ImageSetWorkflowStatus: "CREATED",
                createdAt: "2026-03-01T12:00:00Z",
                updatedAt: "2026-03-01T12:00:00Z",
                message: "created",
                overrides: { forced: false },
              },
            ],
          },
        ],
      },
    ],
  },
  appStream: {
    images: [
      {
        region: "us-east-1",
        Name: "AppStream-WinServer2019-01-01-2026",
        Arn: "arn:aws:appstream:us-east-1::image/AppStream-WinServer2019-01-01-2026",
        Visibility: "PUBLIC",
        State: "AVAILABLE",
        Platform: "WINDOWS_SERVER_2019",
        CreatedTime: "2026-01-01T00:00:00Z",
        Applications: [],
      },
    ],
  },
});

type Example = ReturnType<typeof contractExample>;

/** Appends a copy of a list's first entry, with `changes` applied. */
function repeatFirst<T extends object>(list: T[], changes: Partial<T> = {}): void {
  const first = list[0];
  if (first === undefined) throw new Error("the example list is empty");
  list.push({ ...structuredClone(first), ...changes });
}

/** The FixtureError `change` provokes, applied to a fresh copy of the contract example. */
function failureOf(change: (fixture: Example) => void): FixtureError {
  const fixture = contractExample();
  change(fixture);
  try {
    parseFixture(fixture);
  } catch (error) {
    if (error instanceof FixtureError) return error;
    throw error;
  }
  throw new Error("expected parseFixture to fail");
}

describe("parseFixture", () => {
  it("accepts the contract's example unchanged", () => {
    expect(parseFixture(contractExample())).toEqual(contractExample());
  });

  it("accepts an empty fixture and empty or absent sections and lists", () => {
    expect(parseFixture({})).toEqual({});
    expect(() =>
      parseFixture({
        imageBuilder: { images: [], pipelines: [] },
        medicalImaging: { datastores: [{ datastoreId: "a".repeat(32), region: "eu-west-1" }] },
        appStream: {},
      }),
    ).not.toThrow();
  });

  it.each([
    ["a top-level member", (f: Record<string, unknown>) => Object.assign(f, { ec2: {} }), "ec2"],
    [
      "a section member",
      (f: Example) => Object.assign(f.imageBuilder, { recipes: [] }),
      "imageBuilder.recipes",
    ],
    [
      "a nested member",
      (f: Example) => Object.assign(f.appStream.images[0] ?? {}, { Colour: "blue" }),
      "appStream.images[0].Colour",
    ],
  ])("rejects an unknown %s, naming its path", (_, change, path) => {
    const error = failureOf(change);
    expect(error.issues).toContainEqual({ path, message: "unknown member" });
    expect(error.message).toContain(`${path}: unknown member`);
  });

  it("accepts the optional descriptive Image Builder members", () => {
    const f = contractExample();
    Object.assign(f.imageBuilder.images[0] as object, {
      type: "AMI",
      platform: "Linux",
      osVersion: "Amazon Linux 2023",
      state: { status: "FAILED", reason: "component failed" },
      dateCreated: "2026-03-01T12:00:00Z",
      buildType: "SCHEDULED",
      imageSource: "CUSTOM",
    });
    Object.assign(f.imageBuilder.pipelines[0] as object, {
      name: "Web server",
      description: "Nightly build",
      platform: "Linux",
      status: "DISABLED",
      schedule: {
        scheduleExpression: "cron(0 3 * * ? *)",
        timezone: "Etc/UTC",
        pipelineExecutionStartCondition: "EXPRESSION_MATCH_ONLY",
      },
      imageRecipeArn: "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web-server/1.0.0",
      dateCreated: "2026-01-01T00:00:00Z",
      dateNextRun: "2026-03-02T03:00:00Z",
      buildOutcome: "FAILED",
    });
    Object.assign(f.imageBuilder.workflowExecutions[0] as object, {
      type: "BUILD",
      status: "COMPLETED",
      startTime: "2026-03-01T12:00:00Z",
      endTime: "2026-03-01T12:30:00Z",
    });
    expect(() => parseFixture(f)).not.toThrow();
  });

  it.each([
    [
      "an image state",
      (f: Example) =>
        Object.assign(f.imageBuilder.images[0] as object, { state: { status: "DONE" } }),
      "imageBuilder.images[0].state.status",
    ],
    [
      "a pipeline status",
      (f: Example) => Object.assign(f.imageBuilder.pipelines[0] as object, { status: "ON" }),
      "imageBuilder.pipelines[0].status",
    ],
    [
      "a pipeline name",
      (f: Example) => Object.assign(f.imageBuilder.pipelines[0] as object, { name: "x" }),
      "imageBuilder.pipelines[0].name",
    ],
    [
      "a recipe ARN",
      (f: Example) =>
        Object.assign(f.imageBuilder.pipelines[0] as object, { imageRecipeArn: "arn:aws:s3:::b" }),
      "imageBuilder.pipelines[0].imageRecipeArn",
    ],
    [
      "a build outcome",
      (f: Example) =>
        Object.assign(f.imageBuilder.pipelines[0] as object, { buildOutcome: "MAYBE" }),
      "imageBuilder.pipelines[0].buildOutcome",
    ],
    [
      "a workflow type",
      (f: Example) =>
        Object.assign(f.imageBuilder.workflowExecutions[0] as object, { type: "DEPLOY" }),
      "imageBuilder.workflowExecutions[0].type",
    ],
  ])("rejects a malformed %s, naming its path", (_, change, path) => {
    const error = failureOf(change);
    expect(error.issues.map((issue) => issue.path)).toContain(path);
  });

  it.each([
    [
      "an image ARN",
      (f: Example) => {
        delete (f.imageBuilder.images[0] as { arn?: string }).arn;
      },
      "imageBuilder.images[0].arn",
    ],
    [
      "a workflow execution's region",
      (f: Example) => {
        delete (f.imageBuilder.workflowExecutions[0] as { region?: string }).region;
      },
      "imageBuilder.workflowExecutions[0].region",
    ],
    [
      "a version's imageSetState",
      (f: Example) => {
        const version = f.medicalImaging.datastores[0]?.imageSets[0]?.versions[0];
        delete (version as { imageSetState?: string }).imageSetState;
      },
      "medicalImaging.datastores[0].imageSets[0].versions[0].imageSetState",
    ],
    [
      "an AppStream image's Name",
      (f: Example) => {
        delete (f.appStream.images[0] as { Name?: string }).Name;
      },
      "appStream.images[0].Name",
    ],
    [
      "a pipeline's semanticVersion",
      (f: Example) => {
        delete (f.imageBuilder.pipelines[0] as { semanticVersion?: string }).semanticVersion;
      },
      "imageBuilder.pipelines[0].semanticVersion",
    ],
  ])("rejects a missing %s, naming its path", (_, change, path) => {
    const error = failureOf(change);
    expect(error.issues).toContainEqual({ path, message: "required member is missing" });
  });

  it.each([
    [
      "image ARN",
      (f: Example) => {
        f.imageBuilder.images.push(
          { arn: "arn:aws:imagebuilder:us-east-1:123456789012:image/a/1.0.0/1", packages: [] },
          { arn: "arn:aws:imagebuilder:us-east-1:123456789012:image/b/1.0.0/1", packages: [] },
          { arn: "arn:aws:imagebuilder:us-east-1:123456789012:image/Web/1.0.0/1", packages: [] },
        );
      },
      "imageBuilder.images[3].arn",
    ],
    [
      "pipeline ARN",
      (f: Example) => {
        const pipeline = f.imageBuilder.pipelines[0];
        if (pipeline) pipeline.arn = "arn:aws:imagebuilder:us-east-1:12345:image-pipeline/web";
      },
      "imageBuilder.pipelines[0].arn",
    ],
    [
      "workflow execution id",
      (f: Example) => {
        const execution = f.imageBuilder.workflowExecutions[0];
        if (execution) execution.workflowExecutionId = "wf-123";
      },
      "imageBuilder.workflowExecutions[0].workflowExecutionId",
    ],
    [
      "datastore id",
      (f: Example) => {
        const store = f.medicalImaging.datastores[0];
        if (store) store.datastoreId = "0123456789ABCDEF0123456789ABCDEF";
      },
      "medicalImaging.datastores[0].datastoreId",
    ],
    [
      "image set id",
      (f: Example) => {
        const set = f.medicalImaging.datastores[0]?.imageSets[0];
        if (set) set.imageSetId = "short";
      },
      "medicalImaging.datastores[0].imageSets[0].imageSetId",
    ],
    [
      "version id",
      (f: Example) => {
        const version = f.medicalImaging.datastores[0]?.imageSets[0]?.versions[0];
        if (version) version.versionId = "v1";
      },
      "medicalImaging.datastores[0].imageSets[0].versions[0].versionId",
    ],
    [
      "AppStream ARN",
      (f: Example) => {
        const image = f.appStream.images[0];
        if (image) image.Arn = "image/AppStream";
      },
      "appStream.images[0].Arn",
    ],
    [
      "region",
      (f: Example) => {
        const image = f.appStream.images[0];
        if (image) image.region = "US East";
      },
      "appStream.images[0].region",
    ],
  ])("rejects a malformed %s, naming its path and the pattern", (_, change, path) => {
    const error = failureOf(change);
    expect(error.issues.map((issue) => issue.path)).toContain(path);
    expect(error.issues.find((issue) => issue.path === path)?.message).toMatch(/does not match \S/);
  });

  it.each([
    [
      "image ARNs",
      (f: Example) => repeatFirst(f.imageBuilder.images),
      "imageBuilder.images[1].arn",
    ],
    [
      "pipeline ARNs",
      (f: Example) => repeatFirst(f.imageBuilder.pipelines),
      "imageBuilder.pipelines[1].arn",
    ],
    [
      "workflow execution ids",
      (f: Example) => repeatFirst(f.imageBuilder.workflowExecutions),
      "imageBuilder.workflowExecutions[1].workflowExecutionId",
    ],
    [
      "step ids",
      (f: Example) => repeatFirst(f.imageBuilder.workflowExecutions[0]?.steps ?? []),
      "imageBuilder.workflowExecutions[0].steps[1].stepExecutionId",
    ],
    [
      "datastore ids",
      (f: Example) => repeatFirst(f.medicalImaging.datastores),
      "medicalImaging.datastores[1].datastoreId",
    ],
    [
      "image set ids",
      (f: Example) => repeatFirst(f.medicalImaging.datastores[0]?.imageSets ?? []),
      "medicalImaging.datastores[0].imageSets[1].imageSetId",
    ],
    [
      "version ids",
      (f: Example) => repeatFirst(f.medicalImaging.datastores[0]?.imageSets[0]?.versions ?? []),
      "medicalImaging.datastores[0].imageSets[0].versions[1].versionId",
    ],
    [
      "AppStream names in one region",
      (f: Example) =>
        repeatFirst(f.appStream.images, { Arn: "arn:aws:appstream:us-east-1::image/Other" }),
      "appStream.images[1].Name",
    ],
    [
      "AppStream ARNs",
      (f: Example) => repeatFirst(f.appStream.images, { Name: "Other" }),
      "appStream.images[1].Arn",
    ],
  ])("rejects duplicate %s, naming the second occurrence", (_, change, path) => {
    const error = failureOf(change);
    const issue = error.issues.find((candidate) => candidate.path === path);
    expect(issue?.message).toMatch(/^duplicate .*\(first defined at .*\[0\]/);
  });

  it("accepts the optional data store and image set members", () => {
    const fixture = contractExample();
    const store = fixture.medicalImaging.datastores[0];
    const set = store?.imageSets[0];
    if (!store || !set) throw new Error("the example has no image set");
    Object.assign(store, {
      datastoreName: "radiology-prod",
      datastoreStatus: "DELETING",
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-01-02T00:00:00Z",
    });
    Object.assign(set, {
      DICOMTags: { DICOMPatientId: "P1", DICOMStudyInstanceUID: "1.2.3", DICOMSeriesNumber: -1 },
      storageTier: "ARCHIVE_INSTANT_ACCESS",
      lastAccessedAt: "2026-03-01T00:00:00Z",
    });
    expect(parseFixture(fixture).medicalImaging?.datastores?.[0]).toMatchObject({
      datastoreName: "radiology-prod",
      imageSets: [{ storageTier: "ARCHIVE_INSTANT_ACCESS" }],
    });
  });

  it.each([
    // The model's pattern is a search: a name needs one allowed character, not only those.
    ["a data store name of spaces only", { datastoreName: "   " }, "datastoreName"],
    ["an unknown data store status", { datastoreStatus: "READY" }, "datastoreStatus"],
    ["a data store date that is not ISO 8601", { createdAt: "yesterday" }, "createdAt"],
  ])("rejects %s, naming its path", (_, members, member) => {
    const error = failureOf((f) => {
      Object.assign(f.medicalImaging.datastores[0] ?? {}, members);
    });
    expect(error.issues.map((issue) => issue.path)).toContain(
      `medicalImaging.datastores[0].${member}`,
    );
  });

  it.each([
    [
      "a study UID without digits or dots",
      { DICOMTags: { DICOMStudyInstanceUID: "abc" } },
      "DICOMTags.DICOMStudyInstanceUID",
    ],
    [
      "a 17-character patient sex",
      { DICOMTags: { DICOMPatientSex: "x".repeat(17) } },
      "DICOMTags.DICOMPatientSex",
    ],
    ["an unknown DICOM tag", { DICOMTags: { DICOMPatientAge: "40" } }, "DICOMTags.DICOMPatientAge"],
    ["an unknown storage tier", { storageTier: "GLACIER" }, "storageTier"],
  ])("rejects an image set with %s, naming its path", (_, members, member) => {
    const error = failureOf((f) => {
      Object.assign(f.medicalImaging.datastores[0]?.imageSets[0] ?? {}, members);
    });
    expect(error.issues.map((issue) => issue.path)).toContain(
      `medicalImaging.datastores[0].imageSets[0].${member}`,
    );
  });

  it("takes DICOM tags as long as the current model allows, and no longer", () => {
    const withTags = (DICOMTags: Record<string, string>) => {
      const fixture = contractExample();
      Object.assign(fixture.medicalImaging.datastores[0]?.imageSets[0] ?? {}, { DICOMTags });
      return fixture;
    };
    const longest = {
      DICOMStudyDate: "2".repeat(36),
      DICOMStudyTime: "1".repeat(56),
      DICOMSeriesModality: "M".repeat(32),
      DICOMSeriesBodyPart: "B".repeat(128),
    };
    expect(() => parseFixture(withTags(longest))).not.toThrow();
    for (const [member, value] of Object.entries(longest)) {
      const error = failureOf((f) => {
        Object.assign(f, withTags({ ...longest, [member]: `${value}x` }));
      });
      expect(error.issues).toEqual([
        {
          path: `medicalImaging.datastores[0].imageSets[0].DICOMTags.${member}`,
          message: `must be at most ${value.length} characters long`,
        },
      ]);
    }
  });

  it("allows the same AppStream image name in two regions", () => {
    const fixture = contractExample();
    const image = fixture.appStream.images[0];
    if (!image) throw new Error("example has an image");
    fixture.appStream.images.push({
      ...image,
      region: "eu-west-1",
      Arn: image.Arn.replace("us-east-1", "eu-west-1"),
    });
    expect(() => parseFixture(fixture)).not.toThrow();
  });

  it.each([
    [
      "a timestamp that is not ISO 8601",
      (f: Example) => {
        const image = f.appStream.images[0];
        if (image) image.CreatedTime = "01/01/2026";
      },
      "appStream.images[0].CreatedTime",
      /ISO 8601/,
    ],
    [
      "an epoch-number timestamp",
      (f: Example) => {
        const version = f.medicalImaging.datastores[0]?.imageSets[0]?.versions[0];
        if (version) (version as { createdAt: unknown }).createdAt = 1767225600;
      },
      "medicalImaging.datastores[0].imageSets[0].versions[0].createdAt",
      /1767225600 is not an ISO 8601/,
    ],
    [
      "an unknown enum value",
      (f: Example) => {
        const image = f.appStream.images[0];
        if (image) image.Visibility = "FRIENDS";
      },
      "appStream.images[0].Visibility",
      /PUBLIC/,
    ],
    [
      "an empty package name",
      (f: Example) => {
        const pkg = f.imageBuilder.images[0]?.packages[0];
        if (pkg) pkg.packageName = "";
      },
      "imageBuilder.images[0].packages[0].packageName",
      /at least 1/,
    ],
    [
      "a region that differs from the image ARN's",
      (f: Example) => {
        const execution = f.imageBuilder.workflowExecutions[0];
        if (execution) execution.region = "us-west-2";
      },
      "imageBuilder.workflowExecutions[0].region",
      /us-east-1/,
    ],
    [
      "a version whose imageSetId differs from its image set's",
      (f: Example) => {
        const version = f.medicalImaging.datastores[0]?.imageSets[0]?.versions[0];
        if (version) Object.assign(version, { imageSetId: "a".repeat(32) });
      },
      "medicalImaging.datastores[0].imageSets[0].versions[0].imageSetId",
      /enclosing/,
    ],
    [
      "a section that is not an object",
      (f: Record<string, unknown>) => {
        f.appStream = [];
      },
      "appStream",
      /object/,
    ],
  ])("rejects %s", (_, change, path, message) => {
    const error = failureOf(change as (f: Example) => void);
    const issue = error.issues.find((candidate) => candidate.path === path);
    expect(issue?.message).toMatch(message);
  });

  it("reports every problem at once", () => {
    const error = failureOf((f) => {
      Object.assign(f, { extra: true });
      const image = f.imageBuilder.images[0];
      if (image) image.arn = "bad";
    });
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      "extra",
      "imageBuilder.images[0].arn",
    ]);
    expect(error.message.split("\n")).toHaveLength(3);
  });

  it("rejects a fixture that is not an object", () => {
    expect(() => parseFixture([])).toThrow(FixtureError);
    expect(() => parseFixture(null)).toThrow(/\$: /);
  });

  it("summarises what a fixture holds", () => {
    expect(summarizeFixture(parseFixture(contractExample()))).toBe(
      "Image Builder: 1 image, 1 pipeline, 1 workflow execution; HealthImaging: 1 datastore, 1 image set, 1 version; AppStream: 1 image",
    );
  });
});

describe("parseFixture: several accounts", () => {
  const ROLE = "arn:aws:iam::111111111111:role/ImageGraphReader";
  const accounts = () => ({
    homeAccountId: "123456789012",
    accounts: [
      {
        accountId: "111111111111",
        roles: [{ arn: ROLE, externalId: "ext-id_1" }],
        denied: [{ service: "imagebuilder", region: "eu-west-1" }],
      },
      { accountId: "333333333333" },
    ],
    homeDenied: [{ service: "appstream", region: "us-east-1" }],
  });
  /** The FixtureError the contract example gets with `members` replaced. */
  const failure = (members: object) => failureOf((fixture) => Object.assign(fixture, members));
  const store = (accountId: string | undefined, region = "us-east-1") => ({
    datastoreId: "a".repeat(32),
    region,
    ...(accountId ? { accountId } : {}),
  });

  it("accepts the contract's accounts example with every optional member", () => {
    const fixture = { ...contractExample(), ...accounts() };
    expect(parseFixture(fixture)).toEqual(fixture);
    expect(summarizeFixture(parseFixture(fixture))).toMatch(
      /; accounts: 123456789012, 111111111111, 333333333333$/,
    );
  });

  it("allows the same identifiers in two accounts, or two regions of one account", () => {
    expect(() =>
      parseFixture({
        ...accounts(),
        medicalImaging: {
          datastores: [store(undefined), store("111111111111"), store("111111111111", "eu-west-1")],
        },
      }),
    ).not.toThrow();
  });

  it("rejects the same identifier twice in one account and region", () => {
    const error = failure({
      medicalImaging: { datastores: [store(undefined), store("123456789012")] },
    });
    expect(error.issues).toEqual([
      {
        path: "medicalImaging.datastores[1].datastoreId",
        message: expect.stringMatching(/duplicate datastore id .* in account 123456789012/),
      },
    ]);
  });

  it.each([
    ["a malformed home account id", { homeAccountId: "12345" }, "homeAccountId", /does not match/],
    [
      "a malformed account id",
      { accounts: [{ accountId: "abc" }] },
      "accounts[0].accountId",
      /does not match/,
    ],
    [
      "an unknown account member",
      { accounts: [{ accountId: "111111111111", policy: {} }] },
      "accounts[0].policy",
      /unknown member/,
    ],
    [
      "a role that is not an IAM role ARN",
      {
        accounts: [
          { accountId: "111111111111", roles: [{ arn: "arn:aws:iam::111111111111:user/x" }] },
        ],
      },
      "accounts[0].roles[0].arn",
      /does not match/,
    ],
    [
      "a role of another account",
      {
        accounts: [{ accountId: "333333333333", roles: [{ arn: ROLE }] }],
      },
      "accounts[0].roles[0].arn",
      /differs from the account it is listed under/,
    ],
    [
      "an external id that is too short",
      { accounts: [{ accountId: "111111111111", roles: [{ arn: ROLE, externalId: "x" }] }] },
      "accounts[0].roles[0].externalId",
      /at least 2/,
    ],
    [
      "a duplicate account",
      { accounts: [{ accountId: "111111111111" }, { accountId: "111111111111" }] },
      "accounts[1].accountId",
      /duplicate account id/,
    ],
    [
      "the home account listed again",
      { accounts: [{ accountId: "123456789012" }] },
      "accounts[0].accountId",
      /duplicate account id .*homeAccountId/,
    ],
    [
      "an unknown denied service",
      { homeDenied: [{ service: "ec2", region: "us-east-1" }] },
      "homeDenied[0].service",
      /imagebuilder/,
    ],
    [
      "a malformed item account",
      { medicalImaging: { datastores: [{ ...store(undefined), accountId: "1" }] } },
      "medicalImaging.datastores[0].accountId",
      /does not match/,
    ],
    [
      "an item account that contradicts its ARN",
      {
        appStream: {
          images: [
            {
              region: "us-east-1",
              Name: "x",
              Arn: "arn:aws:appstream:us-east-1:111111111111:image/x",
              accountId: "333333333333",
            },
          ],
        },
      },
      "appStream.images[0].accountId",
      /differs from the account in the ARN/,
    ],
  ])("rejects %s", (_, fixture, path, message) => {
    const issue = failure(fixture).issues.find((candidate) => candidate.path === path);
    expect(issue?.message).toMatch(message);
  });
});

describe("loadFixtureFile", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "emulator-fixture-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("loads a valid file", async () => {
    const path = join(dir, "good.json");
    await writeFile(path, JSON.stringify(contractExample()));
    expect(await loadFixtureFile(path)).toEqual(contractExample());
  });

  it("names the file and the JSON path of a problem", async () => {
    const path = join(dir, "bad.json");
    await writeFile(path, JSON.stringify({ appStream: { images: [{ region: "us-east-1" }] } }));
    const error = await loadFixtureFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FixtureError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain(
      "appStream.images[0].Name: required member is missing",
    );
  });

  it("reports invalid JSON as a FixtureError", async () => {
    const path = join(dir, "broken.json");
    await writeFile(path, "{ not json");
    await expect(loadFixtureFile(path)).rejects.toThrow(FixtureError);
    await expect(loadFixtureFile(path)).rejects.toThrow(/not valid JSON/);
  });

  it("reports an unreadable file as a FixtureError", async () => {
    const path = join(dir, "missing.json");
    await expect(loadFixtureFile(path)).rejects.toThrow(FixtureError);
    await expect(loadFixtureFile(path)).rejects.toThrow(/cannot read the file.*ENOENT/);
  });
});
