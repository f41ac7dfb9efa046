import {
  type DatastoreStatus,
  GetImageSetCommand,
  type GetImageSetResponse,
  ListDatastoresCommand,
  type ListDatastoresResponse,
  ListImageSetVersionsCommand,
  type ListImageSetVersionsResponse,
  type SearchCriteria,
  SearchImageSetsCommand,
  type SearchImageSetsResponse,
} from "@aws-sdk/client-medical-imaging";
import type { AwsCaller } from "../aws/calls.js";

/** The largest maxResults ListImageSetVersions, ListDatastores and SearchImageSets accept. */
export const PAGE_CAP = 50;

export interface ImageSetVersionsPageRequest {
  region: string;
  /** The configured account to call as; absent: the home account. */
  account?: string;
  datastoreId: string;
  imageSetId: string;
  nextToken?: string;
}

/** One page of an image set's versions, always PAGE_CAP long so cursor positions stay valid. */
export function listImageSetVersionsPage(
  aws: AwsCaller,
  { region, account, datastoreId, imageSetId, nextToken }: ImageSetVersionsPageRequest,
): Promise<ListImageSetVersionsResponse> {
  return aws.call(
    { service: "medical-imaging", operation: "ListImageSetVersions", region, account },
    {
      datastoreId,
      imageSetId,
      nextToken,
      maxResults: PAGE_CAP,
    },
    (clients, input, options) =>
      clients.medicalImaging(region, account).send(new ListImageSetVersionsCommand(input), options),
  );
}

export interface ImageSetVersionRequest {
  region: string;
  /** The configured account to call as; absent: the home account. */
  account?: string;
  datastoreId: string;
  imageSetId: string;
  /** Absent: the latest version. */
  versionId?: string;
}

/** One image set version's properties (the latest without `versionId`), in one call. */
export function getImageSet(
  aws: AwsCaller,
  { region, account, datastoreId, imageSetId, versionId }: ImageSetVersionRequest,
): Promise<GetImageSetResponse> {
  return aws.call(
    { service: "medical-imaging", operation: "GetImageSet", region, account },
    { datastoreId, imageSetId, versionId },
    (clients, input, options) =>
      clients.medicalImaging(region, account).send(new GetImageSetCommand(input), options),
  );
}

export interface DatastoresPageRequest {
  region: string;
  /** The configured account to call as; absent: the home account. */
  account?: string;
  status?: DatastoreStatus;
  nextToken?: string;
}

/** One page of the region's data stores, always PAGE_CAP long so cursor positions stay valid. */
export function listDatastoresPage(
  aws: AwsCaller,
  { region, account, status, nextToken }: DatastoresPageRequest,
): Promise<ListDatastoresResponse> {
  return aws.call(
    { service: "medical-imaging", operation: "ListDatastores", region, account },
    { datastoreStatus: status, nextToken, maxResults: PAGE_CAP },
    (clients, input, options) =>
      clients.medicalImaging(region, account).send(new ListDatastoresCommand(input), options),
  );
}

export interface ImageSetsSearchPageRequest {
  region: string;
  /** The configured account to call as; absent: the home account. */
  account?: string;
  datastoreId: string;
  /** Absent: every image set, newest update first. */
  searchCriteria?: SearchCriteria;
  nextToken?: string;
}

/** One page of a data store's image sets (SearchImageSets), always PAGE_CAP long. */
export function searchImageSetsPage(
  aws: AwsCaller,
  { region, account, datastoreId, searchCriteria, nextToken }: ImageSetsSearchPageRequest,
): Promise<SearchImageSetsResponse> {
  return aws.call(
    { service: "medical-imaging", operation: "SearchImageSets", region, account },
    {
      datastoreId,
      searchCriteria,
      nextToken,
      maxResults: PAGE_CAP,
    },
    (clients, input, options) =>
      clients.medicalImaging(region, account).send(new SearchImageSetsCommand(input), options),
  );
}
