import { REGION_PATTERN } from "../config.js";

/** The parts every ARN has: arn:partition:service:region:account-id:resource. */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition = "", service = "", region = "", accountId = ""] = parts;
  return { partition, service, region, accountId, resource: parts.slice(5).join(":") };
}

/** Whether an ARN names a real-looking region: it decides which regional endpoint is called. */
export function hasRegion(arn: string): boolean {
  return REGION_PATTERN.test(parseArn(arn)?.region ?? "");
}
