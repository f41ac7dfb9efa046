// ImageBuildVersion.packageChanges: what changed in a build's package inventory since another
// build (by default the one its pipeline made before it), from both builds' complete package
// lists, each walked once per request through the loaders.

import type { ImagePackage } from "@aws-sdk/client-imagebuilder";
import { PageWalk, walkAllPages } from "../aws/page-walk.js";
import type { GatewayContext } from "../context.js";
import { awsCost } from "../cost/fields.js";
import { builder } from "../graph/builder.js";
import {
  IMAGE_BUILD_VERSION_ARN_FORM,
  type ImageBuildVersionRef,
  imageBuildVersionArnSchema,
  imageBuildVersionFromArn,
  regionOfArn,
} from "./arns.js";
import { readImage } from "./builds.js";
import { ImageBuildVersionType, type ImagePackageItem, ImagePackageType } from "./types.js";

/**
 * The most pages of packages one build's list is read to (25 packages a page: 1,000 packages);
 * a longer inventory fails the field with UPSTREAM_PAGING. It bounds the cost estimate too.
 */
export const PACKAGE_CHANGES_MAX_PAGES = 40;

/** One package whose version differs between the two builds. */
interface PackageVersionChange {
  packageName: string;
  fromVersion: string;
  toVersion: string;
}

interface PackageChanges {
  comparedTo: ImageBuildVersionRef;
  added: ImagePackageItem[];
  removed: ImagePackageItem[];
  changed: PackageVersionChange[];
  unchanged: number;
}

const PackageVersionChangeType = builder
  .objectRef<PackageVersionChange>("PackageVersionChange")
  .implement({
    description: "A package installed on both builds, in another version.",
    fields: (t) => ({
      packageName: t.exposeString("packageName", { description: "The package's name." }),
      fromVersion: t.exposeString("fromVersion", {
        description: "Its version on the build compared to (the older one by default).",
      }),
      toVersion: t.exposeString("toVersion", { description: "Its version on this build." }),
    }),
  });

const PackageChangesType = builder.objectRef<PackageChanges>("PackageChanges").implement({
  description:
    "How a build's package inventory differs from another build's: packages added, removed and changed in version, each list sorted by package name.",
  fields: (t) => ({
    comparedTo: t.field({
      type: ImageBuildVersionType,
      description: "The build this one was compared to.",
      resolve: (changes) => changes.comparedTo,
    }),
    added: t.field({
      type: [ImagePackageType],
      description: "Packages on this build that the other one does not have.",
      resolve: (changes) => changes.added,
    }),
    removed: t.field({
      type: [ImagePackageType],
      description: "Packages of the other build that this one no longer has.",
      resolve: (changes) => changes.removed,
    }),
    changed: t.field({
      type: [PackageVersionChangeType],
      description: "Packages on both, in another version.",
      resolve: (changes) => changes.changed,
    }),
    unchangedCount: t.int({
      description: "How many packages both builds have in the same version.",
      resolve: (changes) => changes.unchanged,
    }),
  }),
});

/** Every package of a build, walked once per request (its pages come from the loader). */
const inventories = new WeakMap<object, Map<string, Promise<ImagePackage[]>>>();

function allPackages(arn: string, context: GatewayContext): Promise<ImagePackage[]> {
  const byArn = inventories.get(context.loaders) ?? new Map<string, Promise<ImagePackage[]>>();
  inventories.set(context.loaders, byArn);
  let walk = byArn.get(arn);
  if (!walk) {
    walk = readAllPackages(arn, context);
    byArn.set(arn, walk);
  }
  return walk;
}

async function readAllPackages(arn: string, context: GatewayContext): Promise<ImagePackage[]> {
  const region = regionOfArn(arn);
  const packages: ImagePackage[] = [];
  await walkAllPages(
    new PageWalk(
      { service: "imagebuilder", operation: "ListImagePackages", region },
      Math.min(PACKAGE_CHANGES_MAX_PAGES, context.paging.maxPagesPerWalk),
    ),
    (nextToken) =>
      context.loaders.imageBuilder.imagePackagesPage.load({
        region,
        imageBuildVersionArn: arn,
        nextToken,
      }),
    (page) => page.nextToken,
    (page) => {
      packages.push(...(page.imagePackageList ?? []));
      return false;
    },
  );
  return packages;
}

/**
 * The build its pipeline made before this one: known from the page that listed it, else found
 * in the pipeline's build list (newest first); null for a first build or one without pipeline.
 */
async function previousBuild(
  image: ImageBuildVersionRef,
  context: GatewayContext,
): Promise<string | null> {
  if (image.olderBuildArn !== undefined) return image.olderBuildArn;
  const pipelineArn = image.pipeline?.arn ?? (await readImage(image, context)).sourcePipelineArn;
  if (!pipelineArn) return null;
  const region = regionOfArn(pipelineArn);
  let seen = false;
  let older: string | null = null;
  await walkAllPages(
    new PageWalk(
      { service: "imagebuilder", operation: "ListImagePipelineImages", region },
      Math.min(PACKAGE_CHANGES_MAX_PAGES, context.paging.maxPagesPerWalk),
    ),
    (nextToken) =>
      context.loaders.imageBuilder.pipelineHistoryPage.load({
        region,
        imagePipelineArn: pipelineArn,
        nextToken,
      }),
    (page) => page.nextToken,
    (page) => {
      for (const summary of page.imageSummaryList ?? []) {
        if (seen && summary.arn) {
          older = summary.arn;
          return true;
        }
        if (summary.arn === image.arn) seen = true;
      }
      return false;
    },
  );
  return older;
}

const byName = (a: { packageName?: string }, b: { packageName?: string }) =>
  (a.packageName ?? "") < (b.packageName ?? "")
    ? -1
    : (a.packageName ?? "") > (b.packageName ?? "")
      ? 1
      : 0;

/** Versions by package name (a name may be installed in several versions, e.g. kernels). */
function versionsByName(packages: readonly ImagePackage[]): Map<string, Set<string>> {
  const byPackage = new Map<string, Set<string>>();
  for (const { packageName = "", packageVersion = "" } of packages) {
    const versions = byPackage.get(packageName) ?? new Set<string>();
    versions.add(packageVersion);
    byPackage.set(packageName, versions);
  }
  return byPackage;
}

/**
 * The difference between two inventories. Per name, versions on both are unchanged; one
 * version replaced by one other is a change; anything else is added or removed as it stands.
 */
export function comparePackages(
  current: readonly ImagePackage[],
  earlier: readonly ImagePackage[],
): {
  added: ImagePackage[];
  removed: ImagePackage[];
  changed: PackageVersionChange[];
  unchanged: number;
} {
  const now = versionsByName(current);
  const before = versionsByName(earlier);
  const added: ImagePackage[] = [];
  const removed: ImagePackage[] = [];
  const changed: PackageVersionChange[] = [];
  let unchanged = 0;
  for (const packageName of new Set([...now.keys(), ...before.keys()])) {
    const newVersions = [...(now.get(packageName) ?? [])];
    const oldVersions = [...(before.get(packageName) ?? [])];
    const kept = newVersions.filter((version) => oldVersions.includes(version));
    unchanged += kept.length;
    const gained = newVersions.filter((version) => !kept.includes(version)).sort();
    const lost = oldVersions.filter((version) => !kept.includes(version)).sort();
    const [toVersion] = gained;
    const [fromVersion] = lost;
    if (
      gained.length === 1 &&
      lost.length === 1 &&
      toVersion !== undefined &&
      fromVersion !== undefined
    ) {
      changed.push({ packageName, fromVersion, toVersion });
      continue;
    }
    for (const packageVersion of gained) added.push({ packageName, packageVersion });
    for (const packageVersion of lost) removed.push({ packageName, packageVersion });
  }
  return {
    added: added.sort(byName),
    removed: removed.sort(byName),
    changed: changed.sort(byName),
    unchanged,
  };
}

builder.objectFields(ImageBuildVersionType, (t) => ({
  packageChanges: t.field({
    type: PackageChangesType,
    nullable: true,
    description: `What changed in the installed packages since another build: added, removed and changed packages, from both builds' complete package lists (ListImagePackages, each read once per request; up to ${PACKAGE_CHANGES_MAX_PAGES * 25} packages a build). By default the build compared to is the one the same pipeline made before this one (found in its build list); null when there is none. Cached long once both builds are finished: their inventories never change.`,
    args: {
      comparedTo: t.arg.string({
        description: `Another build to compare with: ${IMAGE_BUILD_VERSION_ARN_FORM}. Default: the previous build of the same pipeline.`,
        validate: imageBuildVersionArnSchema,
      }),
    },
    // Both builds' package walks; without `comparedTo`, finding the previous build too: GetImage
    // for its pipeline, then a walk of the pipeline's builds. Every walk stops at the page cap.
    extensions: awsCost.lookUp(
      { calls: 1, walks: 3, maxPages: PACKAGE_CHANGES_MAX_PAGES },
      {
        given: {
          argument: "comparedTo",
          cost: { walks: 2, maxPages: PACKAGE_CHANGES_MAX_PAGES },
        },
      },
    ),
    resolve: async (image, { comparedTo }, context) => {
      const otherArn = comparedTo ?? (await previousBuild(image, context));
      if (!otherArn) return null;
      const [current, earlier] = await Promise.all([
        allPackages(image.arn, context),
        allPackages(otherArn, context),
      ]);
      const diff = comparePackages(current, earlier);
      const tag = (arn: string) => (item: ImagePackage) => ({ ...item, imageBuildVersionArn: arn });
      return {
        comparedTo: imageBuildVersionFromArn(otherArn),
        added: diff.added.map(tag(image.arn)),
        removed: diff.removed.map(tag(otherArn)),
        changed: diff.changed,
        unchanged: diff.unchanged,
      };
    },
  }),
}));
