import { callLoader, type LoaderMode } from "../aws/call-loader.js";
import type { AwsCaller } from "../aws/calls.js";
import {
  type DatastoresPageRequest,
  getImageSet,
  type ImageSetsSearchPageRequest,
  type ImageSetVersionRequest,
  type ImageSetVersionsPageRequest,
  listDatastoresPage,
  listImageSetVersionsPage,
  searchImageSetsPage,
} from "./client.js";

export function createMedicalImagingLoaders(aws: AwsCaller, mode: LoaderMode) {
  return {
    imageSetVersionsPage: callLoader(mode, (request: ImageSetVersionsPageRequest) =>
      listImageSetVersionsPage(aws, request),
    ),
    imageSetVersion: callLoader(mode, (request: ImageSetVersionRequest) =>
      getImageSet(aws, request),
    ),
    datastoresPage: callLoader(mode, (request: DatastoresPageRequest) =>
      listDatastoresPage(aws, request),
    ),
    imageSetsSearchPage: callLoader(mode, (request: ImageSetsSearchPageRequest) =>
      searchImageSetsPage(aws, request),
    ),
  };
}
