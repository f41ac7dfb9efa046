import { callLoader } from "../aws/call-loader.js";
import type { AwsClients } from "../aws/clients.js";
import { type ImageSetVersionsPageRequest, listImageSetVersionsPage } from "./client.js";

export function createMedicalImagingLoaders(clients: AwsClients) {
  return {
    imageSetVersionsPage: callLoader((request: ImageSetVersionsPageRequest) =>
      listImageSetVersionsPage(clients, request),
    ),
  };
}
