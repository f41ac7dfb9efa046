import { gatewayError } from "../graph/errors.js";
import { SERVICE_NAMES, type ServiceId } from "./services.js";

/**
 * Where each service has an endpoint, per partition, from the services' "endpoints and quotas"
 * pages. A region names the hostname the SDK resolves, so nothing outside these lists is ever
 * called: no attacker-chosen labels, no other partition's domains. Add a region here when AWS
 * launches the service there.
 */
const SERVICE_REGIONS: Record<ServiceId, Readonly<Record<string, readonly string[]>>> = {
  imagebuilder: {
    aws: [
      "af-south-1",
      "ap-east-1",
      "ap-northeast-1",
      "ap-northeast-2",
      "ap-northeast-3",
      "ap-south-1",
      "ap-south-2",
      "ap-southeast-1",
      "ap-southeast-2",
      "ap-southeast-3",
      "ap-southeast-4",
      "ca-central-1",
      "ca-west-1",
      "eu-central-1",
      "eu-central-2",
      "eu-north-1",
      "eu-south-1",
      "eu-south-2",
      "eu-west-1",
      "eu-west-2",
      "eu-west-3",
      "il-central-1",
      "me-central-1",
      "me-south-1",
      "sa-east-1",
      "us-east-1",
      "us-east-2",
      "us-west-1",
      "us-west-2",
    ],
    "aws-cn": ["cn-north-1", "cn-northwest-1"],
    "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
  },
  "medical-imaging": {
    aws: ["ap-southeast-2", "eu-west-1", "us-east-1", "us-west-2"],
  },
  appstream: {
    aws: [
      "ap-northeast-1",
      "ap-northeast-2",
      "ap-south-1",
      "ap-southeast-1",
      "ap-southeast-2",
      "ca-central-1",
      "eu-central-1",
      "eu-west-1",
      "eu-west-2",
      "eu-west-3",
      "il-central-1",
      "sa-east-1",
      "us-east-1",
      "us-east-2",
      "us-west-2",
    ],
    "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
  },
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
