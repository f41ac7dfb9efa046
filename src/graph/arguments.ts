import { z } from "zod";
import type { ServiceId } from "../aws/services.js";
import { REGION_PATTERN } from "../config.js";
import type { GatewayContext } from "../context.js";
import type { builder } from "./builder.js";

type ArgBuilder = Parameters<Parameters<typeof builder.queryField>[1]>[0]["arg"];

/** `first` and `after`: forward paging only, because AWS list tokens only lead forward. */
export function pageArgs(arg: ArgBuilder) {
  return {
    first: arg.int({
      description:
        "How many edges to return, from 0 to the gateway's maximum (100 unless configured); " +
        "20 when absent (unless configured). Larger than one AWS page is served by following AWS's next tokens.",
    }),
    after: arg.string({
      description:
        "Return the edges after this cursor, taken from an edge or from pageInfo.endCursor.",
    }),
  };
}

export const regionSchema = z
  .string()
  .regex(REGION_PATTERN, "must be an AWS region name such as us-east-1 or eu-west-1");

export function regionArg(arg: ArgBuilder) {
  return arg.string({
    description: "AWS region to call; the gateway's configured region (AWS_REGION) when absent.",
    validate: regionSchema,
  });
}

/**
 * The region a root field calls: its `region` argument or AWS_REGION, checked against the regions
 * where the gateway may call `service` before anything is built or resolved.
 */
export function regionOrDefault(
  region: string | null | undefined,
  context: GatewayContext,
  service: ServiceId,
): string {
  return context.clients.regions.check(service, region ?? context.clients.defaultRegion, "region");
}

/** A string argument that must match an AWS-documented pattern; the message shows the form. */
export function patterned(pattern: RegExp, form: string) {
  return z.string().regex(pattern, `must have the form ${form}`);
}
