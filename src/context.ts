import { createAppStreamLoaders } from "./appstream/loaders.js";
import type { AwsClients } from "./aws/clients.js";
import type { PagingLimits } from "./graph/connections.js";
import type { CursorCodec } from "./graph/cursor.js";
import { createImageBuilderLoaders } from "./image-builder/loaders.js";
import { createMedicalImagingLoaders } from "./medical-imaging/loaders.js";

/** What lives as long as the process: SDK clients, the cursor keys, paging limits. */
export interface GatewayServices {
  clients: AwsClients;
  cursors: CursorCodec;
  paging: PagingLimits;
}

/** Per-request loaders, so identical AWS calls within one GraphQL request run once. */
export interface RequestLoaders {
  imageBuilder: ReturnType<typeof createImageBuilderLoaders>;
  medicalImaging: ReturnType<typeof createMedicalImagingLoaders>;
  appStream: ReturnType<typeof createAppStreamLoaders>;
}

export interface GatewayContext extends GatewayServices {
  loaders: RequestLoaders;
}

export function createContext(services: GatewayServices): GatewayContext {
  return {
    ...services,
    loaders: {
      imageBuilder: createImageBuilderLoaders(services.clients),
      medicalImaging: createMedicalImagingLoaders(services.clients),
      appStream: createAppStreamLoaders(services.clients),
    },
  };
}
