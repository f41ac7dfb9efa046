import {
  DescribeImagesCommand,
  type DescribeImagesRequest,
  type DescribeImagesResult,
} from "@aws-sdk/client-appstream";
import type { AwsCaller } from "../aws/calls.js";

/** The largest MaxResults DescribeImages accepts. */
export const PAGE_CAP = 25;

export interface ImagesPageRequest {
  region: string;
  /** The configured account to call as; absent: the home account. */
  account?: string;
  type?: DescribeImagesRequest["Type"];
  names?: string[];
  arns?: string[];
  nextToken?: string;
}

/** One page of DescribeImages, always PAGE_CAP long so cursor positions stay valid. */
export function describeImagesPage(
  aws: AwsCaller,
  { region, account, type, names, arns, nextToken }: ImagesPageRequest,
): Promise<DescribeImagesResult> {
  return aws.call(
    { service: "appstream", operation: "DescribeImages", region, account },
    {
      Type: type,
      Names: names,
      Arns: arns,
      NextToken: nextToken,
      MaxResults: PAGE_CAP,
    },
    (clients, input, options) =>
      clients.appStream(region, account).send(new DescribeImagesCommand(input), options),
  );
}
