import { AppStreamClient } from "@aws-sdk/client-appstream";
import { ImagebuilderClient } from "@aws-sdk/client-imagebuilder";
import { MedicalImagingClient } from "@aws-sdk/client-medical-imaging";
import type { AwsCredentialIdentity, InitializeMiddleware, MiddlewareStack } from "@smithy/types";
import { AwsAccounts, HOME } from "./accounts.js";
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
  /** The accounts requests may read (AWS_ACCOUNTS); absent: the home account alone. */
  accounts?: AwsAccounts;
  retry: RetrySettings;
  /** Time one HTTP attempt may take to connect, and then to answer. */
  callTimeoutMs: number;
  /** Keep-alive sockets one client may open. */
  maxSockets: number;
  /** Environment, read for AWS_ENDPOINT_URL* overrides. */
  env?: NodeJS.ProcessEnv;
}

/**
 * AWS has a few dozen regions; a bound keeps region names from requests from growing the cache
 * (and the sockets its clients hold) without end.
 */
export const MAX_REGIONS_PER_SERVICE = 32;

/** The credentials key of calls made with the gateway's own credentials. */
const HOME_CREDENTIALS = "home";

/**
 * One SDK client per service, region and account, created on first use and reused, as the SDK
 * advises: each client owns a connection pool and a credential cache, and signs with its
 * account's credentials (the gateway's own for the home account, an assumed role's otherwise).
 */
export class AwsClients {
  private readonly imageBuilderClients: RegionalClients<ImagebuilderClient>;
  private readonly appStreamClients: RegionalClients<AppStreamClient>;
  private readonly medicalImagingClients: RegionalClients<MedicalImagingClient>;
  private readonly retryStrategy: BoundedRetryStrategy;
  /** The configured accounts; the home account alone without AWS_ACCOUNTS. */
  readonly accounts: AwsAccounts;

  constructor(readonly settings: AwsClientSettings) {
    this.retryStrategy = new BoundedRetryStrategy(settings.retry);
    this.accounts =
      settings.accounts ??
      new AwsAccounts([], {
        region: settings.defaultRegion,
        credentials: settings.credentials,
        endpoint: settings.endpoint,
      });
    const capacity = MAX_REGIONS_PER_SERVICE * this.accounts.list.length;
    this.imageBuilderClients = new RegionalClients((key, counter) => {
      const client = new ImagebuilderClient(this.common(key));
      prepare(client.middlewareStack, counter);
      return client;
    }, capacity);
    this.appStreamClients = new RegionalClients((key, counter) => {
      const client = new AppStreamClient(this.common(key));
      prepare(client.middlewareStack, counter);
      return client;
    }, capacity);
    this.medicalImagingClients = new RegionalClients((key, counter) => {
      const client = new MedicalImagingClient({
        ...this.common(key),
        // The image set operations (SearchImageSets, ListImageSetVersions, GetImageSet) have
        // host prefix "runtime-" (ListDatastores has none), which would turn a custom endpoint
        // such as 127.0.0.1 into the unresolvable runtime-127.0.0.1.
        disableHostPrefix: this.hasCustomEndpoint("MEDICAL_IMAGING"),
      });
      prepare(client.middlewareStack, counter);
      return client;
    }, capacity);
  }

  get defaultRegion(): string {
    return this.settings.defaultRegion;
  }

  get regions(): RegionPolicy {
    return this.settings.regions;
  }

  /** Whether requests may read `account` (a configured account's name). */
  hasAccount(account: string): boolean {
    return this.accounts.named(account) !== undefined;
  }

  imageBuilder(region: string, account: string = HOME): ImagebuilderClient {
    return this.imageBuilderClients.get(clientKey(region, account));
  }

  appStream(region: string, account: string = HOME): AppStreamClient {
    return this.appStreamClients.get(clientKey(region, account));
  }

  medicalImaging(region: string, account: string = HOME): MedicalImagingClient {
    return this.medicalImagingClients.get(clientKey(region, account));
  }

  /**
   * Who a call made in `account` signs as, so calls made with different credentials are never
   * taken for one another (identical calls are shared only under the same key).
   */
  credentialsKey(account?: string): string {
    return account ?? HOME_CREDENTIALS;
  }

  destroy(): void {
    this.imageBuilderClients.destroyAll();
    this.appStreamClients.destroyAll();
    this.medicalImagingClients.destroyAll();
    this.accounts.destroy();
  }

  private common(key: string) {
    const { callTimeoutMs, maxSockets } = this.settings;
    const { region, account } = parseClientKey(key);
    return {
      region,
      endpoint: this.settings.endpoint,
      credentials: this.accounts.credentials(account),
      retryStrategy: this.retryStrategy,
      requestHandler: {
        connectionTimeout: callTimeoutMs,
        requestTimeout: callTimeoutMs,
        // Without it the SDK only logs a warning and keeps waiting for the answer.
        throwOnRequestTimeout: true,
        httpAgent: { keepAlive: true, maxSockets },
        httpsAgent: { keepAlive: true, maxSockets },
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

/** Clients are cached by region and account name (names never hold a space). */
const clientKey = (region: string, account: string) => `${region} ${account}`;

function parseClientKey(key: string): { region: string; account: string } {
  const [region = "", account = HOME] = key.split(" ");
  return { region, account };
}

/** Calls in flight on one client, kept by a middleware every call passes first. */
export interface CallCounter {
  inFlight: number;
  /** Set once the client left the cache: destroys it when its last call ends. */
  onIdle?: () => void;
}

export function countCalls<Input extends object, Output extends object>(
  counter: CallCounter,
): InitializeMiddleware<Input, Output> {
  return (next) => async (args) => {
    counter.inFlight++;
    try {
      return await next(args);
    } finally {
      counter.inFlight--;
      if (counter.inFlight === 0) counter.onIdle?.();
    }
  };
}

const COUNT_CALLS = { step: "initialize", priority: "high", name: "gatewayCallsInFlight" } as const;

/**
 * Every client counts its calls in flight, and drops the SDK's logger middleware: the gateway logs
 * AWS calls itself (src/aws/calls.ts), while that middleware copies every input and output
 * through the service schema to hide sensitive members on each call, even for a logger that
 * discards everything (a tenth of the CPU of a query with many calls).
 */
function prepare<Input extends object, Output extends object>(
  stack: MiddlewareStack<Input, Output>,
  counter: CallCounter,
): void {
  stack.add(countCalls<Input, Output>(counter), COUNT_CALLS);
  stack.remove("loggerMiddleware");
}

/**
 * One service's clients by region (and account), least recently used first. Past `capacity` the
 * least recently used client leaves the cache and is destroyed (its sockets closed) as soon as
 * no call is using it.
 */
export class RegionalClients<Client extends { destroy(): void }> {
  private readonly cached = new Map<string, { client: Client; counter: CallCounter }>();
  private readonly evicted = new Set<Client>();

  /** `create` must add `countCalls(counter)` to the new client's middleware stack. */
  constructor(
    private readonly create: (key: string, counter: CallCounter) => Client,
    private readonly capacity: number = MAX_REGIONS_PER_SERVICE,
  ) {}

  get(region: string): Client {
    const cached = this.cached.get(region);
    if (cached) {
      this.cached.delete(region);
      this.cached.set(region, cached);
      return cached.client;
    }
    if (this.cached.size >= this.capacity) this.evictLeastRecentlyUsed();
    const counter: CallCounter = { inFlight: 0 };
    const client = this.create(region, counter);
    this.cached.set(region, { client, counter });
    return client;
  }

  destroyAll(): void {
    for (const { client } of this.cached.values()) client.destroy();
    for (const client of this.evicted) client.destroy();
    this.cached.clear();
    this.evicted.clear();
  }

  private evictLeastRecentlyUsed(): void {
    const [region, { client, counter }] = this.cached.entries().next().value as [
      string,
      { client: Client; counter: CallCounter },
    ];
    this.cached.delete(region);
    this.evicted.add(client);
    counter.onIdle = () => {
      this.evicted.delete(client);
      client.destroy();
    };
    if (counter.inFlight === 0) counter.onIdle();
  }
}
