import {
  ListImageSetVersionsCommand,
  type ListImageSetVersionsResponse,
} from "@aws-sdk/client-medical-imaging";
import type { AwsClients } from "../aws/clients.js";
import { awsError } from "../graph/errors.js";

export const SERVICE = "AWS HealthImaging";

/** The largest maxResults ListImageSetVersions accepts. */
export const PAGE_CAP = 50;

export interface ImageSetVersionsPageRequest {
  region: string;
  datastoreId: string;
  imageSetId: string;
  nextToken?: string;
}

/** One page of an image set's versions, always PAGE_CAP long so cursor positions stay valid. */
export async function listImageSetVersionsPage(
  clients: AwsClients,
  { region, datastoreId, imageSetId, nextToken }: ImageSetVersionsPageRequest,
): Promise<ListImageSetVersionsResponse> {
  try {
    return await clients.medicalImaging(region).send(
      new ListImageSetVersionsCommand({
        datastoreId,
        imageSetId,
        nextToken,
        maxResults: PAGE_CAP,
      }),
    );
  } catch (error) {
    throw awsError(error, { service: SERVICE, operation: "ListImageSetVersions", region });
  }
}
