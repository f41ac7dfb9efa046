import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appStreamImages, fixture } from "../helpers/fixtures.js";
import { expectData, expectError, startTestGateway, type TestGateway } from "../helpers/gateway.js";
import { pageToEnd } from "../helpers/paging.js";

const US = appStreamImages(45);
const EU = appStreamImages(2, "eu-west-1", "Eu");
const BASE = US[0] as (typeof US)[number];
const RICH = {
  region: "us-east-1",
  Name: "Rich-Image",
  Arn: "arn:aws:appstream:us-east-1:123456789012:image/Rich-Image",
  BaseImageArn: BASE.Arn,
  DisplayName: "Rich image",
  State: "FAILED",
  Visibility: "PRIVATE",
  ImageBuilderSupported: true,
  ImageBuilderName: "builder-1",
  Platform: "WINDOWS_SERVER_2022",
  Description: "Everything AppStream can say about an image",
  StateChangeReason: { Code: "IMAGE_COPY_FAILURE", Message: "copy failed" },
  Applications: [
    {
      Name: "notepad",
      DisplayName: "Notepad",
      IconURL: "https://example.com/notepad.png",
      LaunchPath: "C:\\Windows\\notepad.exe",
      LaunchParameters: "/A",
      Enabled: true,
      Metadata: { team: "tools" },
      WorkingDirectory: "C:\\",
      Description: "Text editor",
      Arn: "arn:aws:appstream:us-east-1:123456789012:application/notepad",
      AppBlockArn: "arn:aws:appstream:us-east-1:123456789012:app-block/tools",
      IconS3Location: { S3Bucket: "icons-bucket", S3Key: "notepad.png" },
      Platforms: ["WINDOWS_SERVER_2022"],
      InstanceFamilies: ["GENERAL_PURPOSE"],
      CreatedTime: "2026-02-01T00:00:00Z",
    },
  ],
  CreatedTime: "2026-02-01T00:00:00Z",
  PublicBaseImageReleasedDate: "2026-01-15T00:00:00Z",
  AppstreamAgentVersion: "1.1.1234",
  ImagePermissions: { allowFleet: true, allowImageBuilder: false },
  ImageErrors: [
    {
      ErrorCode: "IMAGE_NOT_FOUND",
      ErrorMessage: "base image missing",
      ErrorTimestamp: "2026-02-01T01:00:00Z",
    },
  ],
  LatestAppstreamAgentVersion: "TRUE",
  SupportedInstanceFamilies: ["GENERAL_PURPOSE", "GRAPHICS_G4"],
  DynamicAppProvidersEnabled: "ENABLED",
  ImageSharedWithOthers: "FALSE",
  ManagedSoftwareIncluded: false,
  ImageType: "CUSTOM",
};

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: fixture({ appStream: { images: [...US, RICH, ...EU] } }),
  });
});

afterAll(() => gateway?.close());

const IMAGES = /* GraphQL */ `
  query Images($type: AppStreamImageVisibility, $names: [String!], $arns: [String!], $region: String, $first: Int, $after: String) {
    appStreamImages(type: $type, names: $names, arns: $arns, region: $region, first: $first, after: $after) {
      edges { cursor node { name arn visibility } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;
type ImagesData = {
  appStreamImages: {
    edges: Array<{ cursor: string; node: { name: string; arn: string; visibility: string } }>;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
  };
};
const pick = (data: Record<string, unknown>) => (data as ImagesData).appStreamImages;
const ALL_US = [...US.map((image) => image.Name), RICH.Name];

describe("appStreamImages", () => {
  it.each([1, 4, 25, 26, 46, 100])(
    "pages all 46 images %i at a time exactly once",
    async (first) => {
      const nodes = await pageToEnd(gateway, IMAGES, {}, pick, first);
      expect(nodes.map((node) => node.name)).toEqual(ALL_US);
    },
  );

  it("filters by visibility", async () => {
    const nodes = await pageToEnd(gateway, IMAGES, { type: "SHARED" }, pick, 10);
    expect(nodes.map((node) => node.name)).toEqual(
      US.filter((image) => image.Visibility === "SHARED").map((image) => image.Name),
    );
    expect(new Set(nodes.map((node) => node.visibility))).toEqual(new Set(["SHARED"]));
  });

  it("filters by names and by ARNs", async () => {
    const byName = expectData(
      await gateway.query<ImagesData>(IMAGES, { names: [US[3]?.Name, US[1]?.Name] }),
    );
    expect(byName.appStreamImages.edges.map((edge) => edge.node.name).sort()).toEqual(
      [US[1]?.Name, US[3]?.Name].sort(),
    );
    const byArn = expectData(await gateway.query<ImagesData>(IMAGES, { arns: [EU[0]?.Arn] }));
    expect(byArn.appStreamImages.edges.map((edge) => edge.node.name)).toEqual([EU[0]?.Name]);
  });

  it("serves another region", async () => {
    const data = expectData(await gateway.query<ImagesData>(IMAGES, { region: "eu-west-1" }));
    expect(data.appStreamImages.edges.map((edge) => edge.node.name)).toEqual(
      EU.map((image) => image.Name),
    );
  });

  it("rejects names together with ARNs, and malformed ARNs", async () => {
    gateway.emulator?.resetCalls();
    expect(
      expectError(await gateway.query(IMAGES, { names: ["a"], arns: [BASE.Arn] }), "BAD_USER_INPUT")
        .message,
    ).toMatch(/names.*arns/);
    expect(
      expectError(await gateway.query(IMAGES, { arns: ["not-an-arn"] }), "BAD_USER_INPUT").message,
    ).toContain("arns");
    expect(gateway.emulator?.calls).toHaveLength(0);
  });

  it("reports unknown names as NOT_FOUND", async () => {
    const error = expectError(
      await gateway.query(IMAGES, { names: ["No-Such-Image"] }),
      "NOT_FOUND",
    );
    // AppStream answers HTTP 400: the error's name, not its status, makes it NOT_FOUND.
    expect(error.extensions).toMatchObject({
      awsErrorName: "ResourceNotFoundException",
      httpStatusCode: 400,
    });
  });
});

describe("appStreamImage", () => {
  const IMAGE = /* GraphQL */ `
    query Image($arn: String, $name: String, $region: String) {
      appStreamImage(arn: $arn, name: $name, region: $region) {
        name arn baseImageArn displayName state visibility imageBuilderSupported imageBuilderName
        platform description stateChangeReason { code message }
        applications {
          name displayName iconUrl launchPath launchParameters enabled metadata { key value }
          workingDirectory description arn appBlockArn iconS3Location { s3Bucket s3Key }
          platforms instanceFamilies createdTime
        }
        createdTime publicBaseImageReleasedDate appstreamAgentVersion
        imagePermissions { allowFleet allowImageBuilder }
        imageErrors { errorCode errorMessage errorTimestamp }
        latestAppstreamAgentVersion supportedInstanceFamilies dynamicAppProvidersEnabled
        imageSharedWithOthers managedSoftwareIncluded imageType
        baseImage { name visibility }
      }
    }
  `;

  it("exposes every member of the image, nested objects typed", async () => {
    const data = expectData(await gateway.query(IMAGE, { name: RICH.Name }));
    expect(data.appStreamImage).toEqual({
      name: RICH.Name,
      arn: RICH.Arn,
      baseImageArn: BASE.Arn,
      displayName: "Rich image",
      state: "FAILED",
      visibility: "PRIVATE",
      imageBuilderSupported: true,
      imageBuilderName: "builder-1",
      platform: "WINDOWS_SERVER_2022",
      description: RICH.Description,
      stateChangeReason: { code: "IMAGE_COPY_FAILURE", message: "copy failed" },
      applications: [
        {
          name: "notepad",
          displayName: "Notepad",
          iconUrl: "https://example.com/notepad.png",
          launchPath: "C:\\Windows\\notepad.exe",
          launchParameters: "/A",
          enabled: true,
          metadata: [{ key: "team", value: "tools" }],
          workingDirectory: "C:\\",
          description: "Text editor",
          arn: "arn:aws:appstream:us-east-1:123456789012:application/notepad",
          appBlockArn: "arn:aws:appstream:us-east-1:123456789012:app-block/tools",
          iconS3Location: { s3Bucket: "icons-bucket", s3Key: "notepad.png" },
          platforms: ["WINDOWS_SERVER_2022"],
          instanceFamilies: ["GENERAL_PURPOSE"],
          createdTime: "2026-02-01T00:00:00.000Z",
        },
      ],
      createdTime: "2026-02-01T00:00:00.000Z",
      publicBaseImageReleasedDate: "2026-01-15T00:00:00.000Z",
      appstreamAgentVersion: "1.1.1234",
      imagePermissions: { allowFleet: true, allowImageBuilder: false },
      imageErrors: [
        {
          errorCode: "IMAGE_NOT_FOUND",
          errorMessage: "base image missing",
          errorTimestamp: "2026-02-01T01:00:00.000Z",
        },
      ],
      latestAppstreamAgentVersion: "TRUE",
      supportedInstanceFamilies: ["GENERAL_PURPOSE", "GRAPHICS_G4"],
      dynamicAppProvidersEnabled: "ENABLED",
      imageSharedWithOthers: "FALSE",
      managedSoftwareIncluded: false,
      imageType: "CUSTOM",
      baseImage: { name: BASE.Name, visibility: "PUBLIC" },
    });
  });

  it("finds an image by ARN in the ARN's region", async () => {
    const data = expectData(await gateway.query(IMAGE, { arn: EU[1]?.Arn }));
    expect((data.appStreamImage as { name: string }).name).toBe(EU[1]?.Name);
  });

  it("is null with a NOT_FOUND error for an image that does not exist", async () => {
    const response = await gateway.query(IMAGE, { name: "No-Such-Image" });
    expect(response.data).toEqual({ appStreamImage: null });
    expect(expectError(response, "NOT_FOUND").message).toContain("No-Such-Image");
  });

  it("answers the images that exist in a batch and NOT_FOUND for the missing one alone", async () => {
    gateway.emulator?.resetCalls();
    const names = US.slice(0, 8).map((image) => image.Name);
    const aliases = [...names.slice(0, 5), "Missing-Image", ...names.slice(5)]
      .map((name, index) => `i${index}: appStreamImage(name: "${name}") { name }`)
      .join(" ");
    const response = await gateway.query<Record<string, { name: string } | null>>(`{ ${aliases} }`);
    expect(response.data?.i5).toBeNull();
    expect(Object.values(response.data ?? {}).filter(Boolean)).toHaveLength(8);
    expect(response.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [["i5"], "NOT_FOUND"],
    ]);
    // The failed batch of 9 is halved until the unknown name is alone: 1 + 2 + 2 + 2 calls.
    expect(gateway.emulator?.calls.length).toBeLessThanOrEqual(7);
  });

  it("requires exactly one of arn and name", async () => {
    expectError(await gateway.query(IMAGE, {}), "BAD_USER_INPUT");
    expectError(await gateway.query(IMAGE, { arn: BASE.Arn, name: BASE.Name }), "BAD_USER_INPUT");
  });
});
