import { callLoader, type LoaderMode } from "../aws/call-loader.js";
import type { AwsCaller } from "../aws/calls.js";
import { type ImageSetVersionsPageRequest, listImageSetVersionsPage } from "./client.js";

export function createMedicalImagingLoaders(aws: AwsCaller, mode: LoaderMode) {
  return {
    imageSetVersionsPage: callLoader(mode, (request: ImageSetVersionsPageRequest) =>
      listImageSetVersionsPage(aws, request),
    ),
  };
}
