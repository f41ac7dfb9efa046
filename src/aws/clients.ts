import { AppStreamClient } from "@aws-sdk/client-appstream";
import { ImagebuilderClient } from "@aws-sdk/client-imagebuilder";
import { MedicalImagingClient } from "@aws-sdk/client-medical-imaging";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { RegionPolicy } from "./regions.js";
import { BoundedRetryStrategy, type RetrySettings } from "./retry.js";

export interface AwsClientSettings {
  /** Region used by root fields called without a region. */
  defaultRegion: string;
  /** The regions requests may call each service in. */
  regions: RegionPolicy;
  /** Fixed endpoint for every service (the emulator); absent means the SDK's own resolution. */
  endpoint?: string;
  /** Fixed credentials (the emulator); absent means the default provider chain. */
  credentials?: AwsCredentialIdentity;
  retry: RetrySettings;
  requestTimeoutMs: number;
  /** Environment, read for AWS_ENDPOINT_URL* overrides. */
  env?: NodeJS.ProcessEnv;
}

/**
 * One SDK client per service and region, created on first use and reused, as the SDK advises:
 * each client owns a connection pool and a credential cache.
 */
export class AwsClients {
  private readonly imageBuilderClients = new Map<string, ImagebuilderClient>();
  private readonly appStreamClients = new Map<string, AppStreamClient>();
  private readonly medicalImagingClients = new Map<string, MedicalImagingClient>();
  private readonly retryStrategy: BoundedRetryStrategy;

  constructor(readonly settings: AwsClientSettings) {
    this.retryStrategy = new BoundedRetryStrategy(settings.retry);
  }

  get defaultRegion(): string {
    return this.settings.defaultRegion;
  }

  get regions(): RegionPolicy {
    return this.settings.regions;
  }

  imageBuilder(region: string): ImagebuilderClient {
    return reuse(
      this.imageBuilderClients,
      region,
      () => new ImagebuilderClient(this.common(region)),
    );
  }

  appStream(region: string): AppStreamClient {
    return reuse(this.appStreamClients, region, () => new AppStreamClient(this.common(region)));
  }

  medicalImaging(region: string): MedicalImagingClient {
    return reuse(
      this.medicalImagingClients,
      region,
      () =>
        new MedicalImagingClient({
          ...this.common(region),
          // The image set operations (SearchImageSets, ListImageSetVersions, GetImageSet) have
          // host prefix "runtime-" (ListDatastores has none), which would turn a custom endpoint
          // such as 127.0.0.1 into the unresolvable runtime-127.0.0.1.
          disableHostPrefix: this.hasCustomEndpoint("MEDICAL_IMAGING"),
        }),
    );
  }

  destroy(): void {
    for (const clients of [
      this.imageBuilderClients,
      this.appStreamClients,
      this.medicalImagingClients,
    ]) {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    }
  }

  private common(region: string) {
    return {
      region,
      endpoint: this.settings.endpoint,
      credentials: this.settings.credentials,
      retryStrategy: this.retryStrategy,
      requestHandler: {
        requestTimeout: this.settings.requestTimeoutMs,
        connectionTimeout: this.settings.requestTimeoutMs,
      },
    };
  }

  private hasCustomEndpoint(serviceEnvSuffix: string): boolean {
    const env = this.settings.env ?? process.env;
    return Boolean(
      this.settings.endpoint ?? env.AWS_ENDPOINT_URL ?? env[`AWS_ENDPOINT_URL_${serviceEnvSuffix}`],
    );
  }
}

/**
 * AWS has a few dozen regions; a bound keeps region names from requests from growing the cache
 * without end. Past it, the oldest client leaves the cache; it is not destroyed, because a request
 * may still be using it.
 */
const MAX_REGIONS_PER_SERVICE = 32;

function reuse<Client>(clients: Map<string, Client>, region: string, create: () => Client): Client {
  let client = clients.get(region);
  if (!client) {
    if (clients.size >= MAX_REGIONS_PER_SERVICE) {
      const oldest = clients.keys().next().value;
      if (oldest !== undefined) clients.delete(oldest);
    }
    client = create();
    clients.set(region, client);
  }
  return client;
}
