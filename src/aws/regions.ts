import { gatewayError } from "../graph/errors.js";
import { SERVICE_PARTITION_REGIONS } from "./generated/regions.js";
import { SERVICE_NAMES, type ServiceId } from "./services.js";

/**
 * Where each service exists, per partition, generated from AWS's endpoint data (see
 * docs/emulator-models.md). A region names the hostname the SDK resolves, so nothing outside these
 * lists is ever called: no attacker-chosen labels, no other partition's domains.
 */
const SERVICE_REGIONS: Record<ServiceId, Readonly<Record<string, readonly string[]>>> = {
  imagebuilder: SERVICE_PARTITION_REGIONS.imagebuilder,
  "medical-imaging": SERVICE_PARTITION_REGIONS["medical-imaging"],
  appstream: SERVICE_PARTITION_REGIONS.appstream,
};

/** The partition of a region the gateway knows, or undefined for any other name. */
export function partitionOf(region: string): string | undefined {
  for (const partitions of Object.values(SERVICE_REGIONS)) {
    for (const [partition, regions] of Object.entries(partitions)) {
      if (regions.includes(region)) return partition;
    }
  }
  return undefined;
}

/** Every region where at least one of the gateway's services exists, sorted. */
export function knownRegions(): string[] {
  const regions = Object.values(SERVICE_REGIONS).flatMap((partitions) =>
    Object.values(partitions).flat(),
  );
  return [...new Set(regions)].sort();
}

/**
 * Problems with AWS_REGION and AWS_REGIONS, as configuration messages: the default region must be
 * one the gateway knows, the allow-list must stay in its partition and include it.
 */
export function regionConfigProblems(
  defaultRegion: string,
  allowList: readonly string[],
): string[] {
  const partition = partitionOf(defaultRegion);
  if (!partition) {
    return [
      `AWS_REGION: ${defaultRegion} is not a region where EC2 Image Builder, AWS HealthImaging or Amazon AppStream 2.0 exists; use one of ${knownRegions().join(", ")}`,
    ];
  }
  const problems = allowList
    .filter((region) => partitionOf(region) !== partition)
    .map(
      (region) =>
        `AWS_REGIONS: ${region} is not a known region of partition ${partition} (the partition of AWS_REGION ${defaultRegion})`,
    );
  if (allowList.length > 0 && !allowList.includes(defaultRegion)) {
    problems.push(`AWS_REGIONS: must include AWS_REGION (${defaultRegion})`);
  }
  return problems;
}

/**
 * Which regions requests may name: those of the configured region's partition where the service
 * exists, narrowed by the optional allow-list. The one check every region passes, whether it came
 * from a `region` argument, an ARN, a global ID or a federation reference.
 */
export class RegionPolicy {
  private readonly allowed: Record<ServiceId, readonly string[]>;
  readonly partition: string;

  constructor(defaultRegion: string, allowList: readonly string[] = []) {
    const problems = regionConfigProblems(defaultRegion, allowList);
    if (problems.length > 0) throw new Error(problems.join("; "));
    this.partition = partitionOf(defaultRegion) ?? "aws";
    const narrow = (regions: readonly string[]) =>
      allowList.length > 0 ? regions.filter((region) => allowList.includes(region)) : regions;
    const inPartition = (service: ServiceId) =>
      narrow(SERVICE_REGIONS[service][this.partition] ?? []);
    this.allowed = {
      imagebuilder: inPartition("imagebuilder"),
      "medical-imaging": inPartition("medical-imaging"),
      appstream: inPartition("appstream"),
    };
  }

  regionsOf(service: ServiceId): readonly string[] {
    return this.allowed[service];
  }

  /**
   * Refuses, with BAD_USER_INPUT naming the allowed regions, a name or wildcard in `patterns`
   * that matches no region where the gateway calls any of its services (a typo, another
   * partition's region, one AWS_REGIONS leaves out): an answer without its items would look
   * like an empty region. A region where only another service exists is fine: lists skip it.
   */
  checkPatterns(patterns: readonly string[], argument: string): void {
    for (const pattern of patterns) {
      const matches = (Object.keys(this.allowed) as ServiceId[]).some(
        (service) => expandRegions(service, [pattern], this).length > 0,
      );
      if (matches) continue;
      const allowed = [...new Set(Object.values(this.allowed).flat())].sort();
      const shown = pattern.length > 40 ? `${pattern.slice(0, 40)}…` : pattern;
      throw gatewayError(
        "BAD_USER_INPUT",
        `Invalid argument ${argument}: "${shown}" names no region where this gateway calls AWS; allowed regions: ${allowed.join(", ")}, or a wildcard such as * or eu-*.`,
        { argument, allowedRegions: allowed },
      );
    }
  }

  /** The regions requests may name for `service` that `patterns` match (see expandRegions). */
  expand(service: ServiceId, patterns: readonly string[]): string[] {
    return expandRegions(service, patterns, this);
  }

  /**
   * Returns `region` when requests may call `service` there; otherwise BAD_USER_INPUT naming the
   * allowed regions. `argument` names where the region came from, for the message.
   */
  check(service: ServiceId, region: string, argument?: string): string {
    const allowed = this.allowed[service];
    if (allowed.includes(region)) return region;
    // A region label can be long: show enough to recognise it, not a page of it.
    const shown = region.length > 40 ? `${region.slice(0, 40)}…` : region;
    const where = argument ? `Invalid argument ${argument}: region` : "Region";
    const list = allowed.length > 0 ? allowed.join(", ") : "none (see AWS_REGIONS)";
    throw gatewayError(
      "BAD_USER_INPUT",
      `${where} "${shown}" is not one where this gateway calls ${SERVICE_NAMES[service]}; allowed regions: ${list}.`,
      { ...(argument ? { argument } : {}), allowedRegions: allowed },
    );
  }
}

const REGION_PATTERN = /^[a-z0-9-]*\*?[a-z0-9-]*$/;

/**
 * The regions of `service` that `patterns` name, in the patterns' order (the regions one pattern
 * matches sorted by name, a region already named left where it first came): `*` (every region),
 * a prefix such as `eu-*` or `us-*` (`*` stands for any run of characters, so `us-*` includes
 * `us-gov-west-1` in GovCloud), or an exact name. With a policy, only the regions it allows (its partition, narrowed
 * by AWS_REGIONS); without, the service's regions in every partition. A name the service does not
 * exist in is skipped; a pattern that is not a region name or glob throws.
 */
export function expandRegions(
  service: ServiceId,
  patterns: readonly string[],
  policy?: RegionPolicy,
): string[] {
  const candidates = policy
    ? policy.regionsOf(service)
    : Object.values(SERVICE_REGIONS[service]).flat();
  const matchers = patterns.map((pattern) => {
    const trimmed = pattern.trim();
    if (trimmed === "" || !REGION_PATTERN.test(trimmed)) {
      throw new Error(
        `"${pattern.slice(0, 40)}" is not a region name or pattern; use a name such as eu-west-1, a prefix such as eu-*, or *`,
      );
    }
    const [prefix = "", suffix = ""] = trimmed.split("*");
    return trimmed.includes("*")
      ? (region: string) =>
          region.length >= prefix.length + suffix.length &&
          region.startsWith(prefix) &&
          region.endsWith(suffix)
      : (region: string) => region === trimmed;
  });
  const sorted = [...new Set(candidates)].sort();
  // Pattern by pattern, each one's regions by name; a region named twice keeps its first place.
  return [...new Set(matchers.flatMap((match) => sorted.filter(match)))];
}

/** Patterns (already well-formed) that match no region any of the gateway's services exists in. */
export function regionWildcardProblems(patterns: readonly string[]): string[] {
  const services = Object.keys(SERVICE_REGIONS) as ServiceId[];
  return patterns
    .filter((pattern) =>
      services.every((service) => expandRegions(service, [pattern]).length === 0),
    )
    .map((pattern) => `${pattern} matches no region where the gateway's services exist`);
}
