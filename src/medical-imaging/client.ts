import {
  GetImageSetCommand,
  type GetImageSetResponse,
  ListImageSetVersionsCommand,
  type ListImageSetVersionsResponse,
} from "@aws-sdk/client-medical-imaging";
import type { AwsCaller } from "../aws/calls.js";

/** The largest maxResults ListImageSetVersions accepts. */
export const PAGE_CAP = 50;

export interface ImageSetVersionsPageRequest {
  region: string;
  datastoreId: string;
  imageSetId: string;
  nextToken?: string;
}

/** One page of an image set's versions, always PAGE_CAP long so cursor positions stay valid. */
export function listImageSetVersionsPage(
  aws: AwsCaller,
  { region, datastoreId, imageSetId, nextToken }: ImageSetVersionsPageRequest,
): Promise<ListImageSetVersionsResponse> {
  return aws.call(
    { service: "medical-imaging", operation: "ListImageSetVersions", region },
    (clients, options) =>
      clients.medicalImaging(region).send(
        new ListImageSetVersionsCommand({
          datastoreId,
          imageSetId,
          nextToken,
          maxResults: PAGE_CAP,
        }),
        options,
      ),
  );
}

export interface ImageSetVersionRequest {
  region: string;
  datastoreId: string;
  imageSetId: string;
  versionId: string;
}

/** One image set version's properties: refetches a version in one call. */
export function getImageSet(
  aws: AwsCaller,
  { region, datastoreId, imageSetId, versionId }: ImageSetVersionRequest,
): Promise<GetImageSetResponse> {
  return aws.call(
    { service: "medical-imaging", operation: "GetImageSet", region },
    (clients, options) =>
      clients
        .medicalImaging(region)
        .send(new GetImageSetCommand({ datastoreId, imageSetId, versionId }), options),
  );
}
