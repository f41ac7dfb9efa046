import { afterEach, describe, expect, it } from "vitest";
import { fixture, imageArn, imageSetVersions, packages, storeId } from "../helpers/fixtures.js";
import {
  expectData,
  expectError,
  startTestGateway,
  type TestGateway,
  type TestGatewayOptions,
} from "../helpers/gateway.js";

const IMAGE = imageArn("web-server");
const OTHER = imageArn("other");
const DATASTORE = storeId(1);
const IMAGE_SET = storeId(2);

const data = () =>
  fixture({
    imageBuilder: {
      images: [
        { arn: IMAGE, packages: packages(60) },
        { arn: OTHER, packages: packages(60) },
      ],
    },
    medicalImaging: {
      datastores: [
        {
          datastoreId: DATASTORE,
          region: "us-east-1",
          imageSets: [{ imageSetId: IMAGE_SET, versions: imageSetVersions(120) }],
        },
      ],
    },
  });

const PACKAGES = `query($arn: String!, $first: Int, $after: String) { imagePackages(imageBuildVersionArn: $arn, first: $first, after: $after) { edges { cursor node { packageName } } pageInfo { endCursor hasNextPage } } }`;
type Page = {
  imagePackages: {
    edges: Array<{ cursor: string; node: { packageName: string } }>;
    pageInfo: { endCursor: string; hasNextPage: boolean };
  };
};

const started: TestGateway[] = [];
async function gatewayWith(options: Partial<TestGatewayOptions> = {}) {
  const gateway = await startTestGateway({ fixture: data(), ...options });
  started.push(gateway);
  return gateway;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((gateway) => gateway.close()));
});

async function cursorAt(gateway: TestGateway, arn: string, first: number) {
  const page = expectData(await gateway.query<Page>(PACKAGES, { arn, first }));
  return page.imagePackages.pageInfo.endCursor;
}

describe("cursors", () => {
  it("continue on any gateway instance holding the same key: they are stateless", async () => {
    const one = await gatewayWith();
    // A second instance in front of the same AWS (here: the first one's emulator), configured
    // the way a deployment would be: the aws backend with an endpoint override.
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: one.emulator?.url,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
    });
    try {
      const two = await gatewayWith({ env: { GATEWAY_BACKEND: "aws", GATEWAY_AUTH: "off" } });
      expect(two.emulator).toBeUndefined();
      const after = await cursorAt(one, IMAGE, 30);
      const page = expectData(await two.query<Page>(PACKAGES, { arn: IMAGE, first: 2, after }));
      expect(page.imagePackages.edges.map((edge) => edge.node.packageName)).toEqual([
        "pkg-030",
        "pkg-031",
      ]);
    } finally {
      process.env = saved;
    }
  });

  it("signed with an old key are accepted while the key is listed, and refused after", async () => {
    const old = await gatewayWith({ env: { CURSOR_SECRET: "old-secret-0123456789" } });
    const after = await cursorAt(old, IMAGE, 3);
    const rotated = await gatewayWith({
      env: { CURSOR_SECRET: "new-secret-0123456789,old-secret-0123456789" },
    });
    expectData(await rotated.query(PACKAGES, { arn: IMAGE, first: 1, after }));
    // New cursors are signed with the new key.
    const fresh = await cursorAt(rotated, IMAGE, 3);
    expectError(
      await old.query(PACKAGES, { arn: IMAGE, first: 1, after: fresh }),
      "BAD_USER_INPUT",
    );
    const retired = await gatewayWith({ env: { CURSOR_SECRET: "new-secret-0123456789" } });
    const error = expectError(
      await retired.query(PACKAGES, { arn: IMAGE, first: 1, after }),
      "BAD_USER_INPUT",
    );
    expect(error.message).toMatch(/invalid cursor/i);
  });

  it("are refused when flipped, truncated, swapped between connections or too long, before any AWS call", async () => {
    const gateway = await gatewayWith({ env: { MAX_CURSOR_LENGTH: "512" } });
    const after = await cursorAt(gateway, IMAGE, 30);
    const versions = expectData(
      await gateway.query<{ imageSetVersions: { pageInfo: { endCursor: string } } }>(
        `{ imageSetVersions(datastoreId: "${DATASTORE}", imageSetId: "${IMAGE_SET}", first: 3) { pageInfo { endCursor } } }`,
      ),
    ).imageSetVersions.pageInfo.endCursor;
    const flip = (cursor: string, at: number) =>
      cursor.slice(0, at) + (cursor[at] === "a" ? "b" : "a") + cursor.slice(at + 1);
    const candidates = [
      flip(after, 5),
      flip(after, after.length - 1),
      after.slice(0, -4),
      versions,
      "x".repeat(513),
      "",
    ];
    gateway.emulator?.resetCalls();
    for (const candidate of candidates) {
      const error = expectError(
        await gateway.query(PACKAGES, { arn: IMAGE, first: 1, after: candidate }),
        "BAD_USER_INPUT",
      );
      expect(error.message).toMatch(/invalid cursor/i);
    }
    // A cursor from another image's packages is refused just the same.
    const other = await cursorAt(gateway, OTHER, 30);
    gateway.emulator?.resetCalls();
    expectError(
      await gateway.query(PACKAGES, { arn: IMAGE, first: 1, after: other }),
      "BAD_USER_INPUT",
    );
    expect(gateway.emulator?.calls).toHaveLength(0);
  });

  it("whose AWS token expired answer STALE_CURSOR, telling the client to restart", async () => {
    const gateway = await gatewayWith({ emulatorBehaviour: { tokenTtlMs: 150 } });
    const after = await cursorAt(gateway, IMAGE, 30);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const error = expectError(
      await gateway.query(PACKAGES, { arn: IMAGE, first: 1, after }),
      "STALE_CURSOR",
    );
    expect(error.message).toMatch(/restart paging/i);
    expect(error.extensions?.awsErrorName).toBe("InvalidPaginationTokenException");
  });

  it("do not report a next page behind a trailing empty AWS page", async () => {
    const EXACT = imageArn("exact");
    const exact = await gatewayWith({
      fixture: fixture({ imageBuilder: { images: [{ arn: EXACT, packages: packages(50) }] } }),
      emulatorBehaviour: { emptyTrailingPage: true },
    });
    const page = expectData(await exact.query<Page>(PACKAGES, { arn: EXACT, first: 50 }));
    expect(page.imagePackages.edges).toHaveLength(50);
    expect(page.imagePackages.pageInfo.hasNextPage).toBe(false);
    // Two full pages, then the look-ahead that found the trailing page empty.
    expect(exact.emulator?.calls).toHaveLength(3);
  });
});
