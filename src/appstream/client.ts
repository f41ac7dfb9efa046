import {
  DescribeImagesCommand,
  type DescribeImagesRequest,
  type DescribeImagesResult,
} from "@aws-sdk/client-appstream";
import type { AwsClients } from "../aws/clients.js";
import { awsError } from "../graph/errors.js";

export const SERVICE = "Amazon AppStream 2.0";

/** The largest MaxResults DescribeImages accepts. */
export const PAGE_CAP = 25;

export interface ImagesPageRequest {
  region: string;
  type?: DescribeImagesRequest["Type"];
  names?: string[];
  arns?: string[];
  nextToken?: string;
}

/** One page of DescribeImages, always PAGE_CAP long so cursor positions stay valid. */
export async function describeImagesPage(
  clients: AwsClients,
  { region, type, names, arns, nextToken }: ImagesPageRequest,
): Promise<DescribeImagesResult> {
  try {
    return await clients.appStream(region).send(
      new DescribeImagesCommand({
        Type: type,
        Names: names,
        Arns: arns,
        NextToken: nextToken,
        MaxResults: PAGE_CAP,
      }),
    );
  } catch (error) {
    throw awsError(error, { service: SERVICE, operation: "DescribeImages", region });
  }
}
