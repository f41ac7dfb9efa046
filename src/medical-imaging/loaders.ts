import { callLoader, type LoaderMode } from "../aws/call-loader.js";
import type { AwsCaller } from "../aws/calls.js";
import {
  getImageSet,
  type ImageSetVersionRequest,
  type ImageSetVersionsPageRequest,
  listImageSetVersionsPage,
} from "./client.js";

export function createMedicalImagingLoaders(aws: AwsCaller, mode: LoaderMode) {
  return {
    imageSetVersionsPage: callLoader(mode, (request: ImageSetVersionsPageRequest) =>
      listImageSetVersionsPage(aws, request),
    ),
    imageSetVersion: callLoader(mode, (request: ImageSetVersionRequest) =>
      getImageSet(aws, request),
    ),
  };
}
