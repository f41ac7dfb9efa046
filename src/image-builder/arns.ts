import type { ImagePipeline, ImageSummary } from "@aws-sdk/client-imagebuilder";
import { z } from "zod";
import { hasRegion, parseArn } from "../aws/arn.js";
import { imagebuilderModel } from "../aws/generated/imagebuilder.js";
import { shapePattern } from "../aws/model.js";
import type { GatewayContext } from "../context.js";
import { accountNamed } from "../graph/partitions.js";

/**
 * Patterns of the identifiers Image Builder's operations take, from the current service model
 * (generated). An image's account part is 12 digits or AWS itself (`aws`, `aws-marketplace`, …); a
 * pipeline's, 12 digits or `aws`.
 */
export const IMAGE_BUILD_VERSION_ARN = shapePattern(imagebuilderModel, "ImageBuildVersionArn");
export const IMAGE_BUILD_VERSION_ARN_FORM =
  "arn:aws:imagebuilder:<region>:<account id, aws or aws-…>:image/<name>/<major.minor.patch>/<build number>";

export const IMAGE_PIPELINE_ARN = shapePattern(imagebuilderModel, "ImagePipelineArn");
export const IMAGE_PIPELINE_ARN_FORM =
  "arn:aws:imagebuilder:<region>:<account id>:image-pipeline/<name>";

export const WORKFLOW_EXECUTION_ID = shapePattern(imagebuilderModel, "WorkflowExecutionId");
export const WORKFLOW_EXECUTION_ID_FORM = "wf-<UUID>, e.g. wf-0123abcd-0123-4abc-8def-0123456789ab";

/** An image build version, as far as its ARN tells. */
export interface ImageBuildVersionRef {
  arn: string;
  region: string;
  accountId: string;
  name: string;
  version: string;
  buildNumber: number;
  /** What a pipeline's build list said about it; spares a GetImage for these fields. */
  summary?: ImageSummary;
  /**
   * The build listed right after it (the one made before it) when its page of the pipeline's
   * builds showed it; null when that page ended the list.
   */
  olderBuildArn?: string | null;
  /** The pipeline it was listed under, when it was reached through one. */
  pipeline?: { arn: string; region: string; shape?: ImagePipeline };
}

/** Reads an ARN already checked against IMAGE_BUILD_VERSION_ARN. */
export function imageBuildVersionFromArn(arn: string): ImageBuildVersionRef {
  const parsed = parseArn(arn);
  const [, name = "", version = "", build = "0"] = parsed?.resource.split("/") ?? [];
  return {
    arn,
    region: parsed?.region ?? "",
    accountId: parsed?.accountId ?? "",
    name,
    version,
    buildNumber: Number(build),
  };
}

/** The configured account an Image Builder ARN's resource is read as; undefined: home. */
export function accountOfArn(arn: string, context: Pick<GatewayContext, "clients">) {
  return accountNamed(parseArn(arn ?? "")?.accountId, context);
}

/** The region an Image Builder ARN lives in: calls about it go there. */
export function regionOfArn(arn: string): string {
  return parseArn(arn)?.region ?? "";
}

export function isImageBuildVersionArn(arn: string): boolean {
  return IMAGE_BUILD_VERSION_ARN.test(arn) && hasRegion(arn);
}

export function isImagePipelineArn(arn: string): boolean {
  return IMAGE_PIPELINE_ARN.test(arn) && hasRegion(arn);
}

// The documented patterns allow any text as the region; it picks the endpoint, so it must be one.
export const imageBuildVersionArnSchema = z
  .string()
  .refine(isImageBuildVersionArn, `must have the form ${IMAGE_BUILD_VERSION_ARN_FORM}`);

export const imagePipelineArnSchema = z
  .string()
  .refine(isImagePipelineArn, `must have the form ${IMAGE_PIPELINE_ARN_FORM}`);
