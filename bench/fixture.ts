/**
 * The benchmark's data: the demo fixture plus what its scenarios need beyond it, a build with 150
 * packages (a 100-edge page takes four pages and the look-ahead), 100 builds of 30 packages (for
 * requests that each ask for another build) and 50 AppStream images in one region (50 look-ups
 * by ARN take two DescribeImages calls of 25).
 */
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_FIXTURE_PATH, parseFixture } from "../src/emulator/index.js";

export const DEEP_IMAGE = "arn:aws:imagebuilder:us-east-1:123456789012:image/bench-deep/1.0.0/1";
export const LOOKUP_ARNS = Array.from(
  { length: 50 },
  (_, index) =>
    `arn:aws:appstream:us-east-1:123456789012:image/bench-lookup-${String(index).padStart(2, "0")}`,
);

/** 100 builds of 30 packages each, for requests that each ask for a different build. */
export const DISTINCT_BUILDS = Array.from(
  { length: 100 },
  (_, index) =>
    `arn:aws:imagebuilder:us-east-1:123456789012:image/bench-build-${String(index).padStart(3, "0")}/1.0.0/1`,
);

/** Writes the benchmark fixture to a temporary file (validated by the emulator's own parser). */
export async function writeBenchFixture(): Promise<string> {
  const demo = JSON.parse(await readFile(DEMO_FIXTURE_PATH, "utf8"));
  demo.imageBuilder.images.push({
    arn: DEEP_IMAGE,
    packages: Array.from({ length: 150 }, (_, index) => ({
      packageName: `bench-package-${index}`,
      packageVersion: `1.0.${index}`,
    })),
  });
  demo.imageBuilder.images.push(
    ...DISTINCT_BUILDS.map((arn, build) => ({
      arn,
      packages: Array.from({ length: 30 }, (_, index) => ({
        packageName: `build-${build}-package-${index}`,
        packageVersion: `2.${build}.${index}`,
      })),
    })),
  );
  demo.appStream.images.push(
    ...LOOKUP_ARNS.map((arn, index) => ({
      region: "us-east-1",
      Name: arn.slice(arn.lastIndexOf("/") + 1),
      Arn: arn,
      Visibility: "SHARED",
      State: "AVAILABLE",
      Platform: "WINDOWS_SERVER_2022",
      CreatedTime: `2026-01-${String((index % 28) + 1).padStart(2, "0")}T00:00:00Z`,
      Applications: [],
    })),
  );
  parseFixture(demo);
  const path = join(tmpdir(), `aws-image-graph-bench-${process.pid}.json`);
  await writeFile(path, JSON.stringify(demo));
  return path;
}
