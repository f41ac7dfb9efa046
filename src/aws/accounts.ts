// The AWS accounts the gateway reads (AWS_ACCOUNTS): the home account its own credentials belong
// to, and other accounts reached by assuming a role in each with STS. Each account's temporary
// credentials are shared by every SDK client of that account and refreshed shortly before they
// expire, so AssumeRole runs once per account and credential lifetime, never per request.

import { readFileSync } from "node:fs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  MetadataBearer,
  Pluggable,
} from "@smithy/types";
import { z } from "zod";
import { regionWildcardProblems } from "./regions.js";
import type { CredentialCallDescription } from "./services.js";

/** The name the gateway's own account goes by unless AWS_ACCOUNTS names an entry `home`. */
export const HOME = "home";

const ACCOUNT_ID = /^\d{12}$/;
const ROLE_ARN =
  /^arn:aws(?:-cn|-us-gov|-iso|-iso-b)?:iam::(\d{12}):role\/(?:[\x21-\x7E]*\/)?[\w+=,.@-]{1,64}$/;
const ACCOUNT_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
/** A region name (us-east-1) or a wildcard over region names (`*`, `us-*`, `eu-west-*`). */
export const REGION_OR_WILDCARD = /^(?:\*|[a-z]{2}(?:-[a-z]+)*-\*|[a-z]{2}(?:-[a-z]+)+-\d+)$/;

const accountEntry = z.strictObject({
  id: z.string().regex(ACCOUNT_ID, "must be a 12-digit AWS account id").optional(),
  name: z
    .string()
    .regex(
      ACCOUNT_NAME,
      "must start with a letter and hold up to 64 letters, digits, `_`, `.` or `-`",
    ),
  roleArn: z
    .string()
    .regex(ROLE_ARN, "must be an IAM role ARN such as arn:aws:iam::111111111111:role/Reader")
    .optional(),
  externalId: z
    .string()
    .min(2, "must be 2 to 1224 characters")
    .max(1224, "must be 2 to 1224 characters")
    .regex(/^[\w+=,.@:/-]*$/, "may hold only letters, digits and _+=,.@:/-")
    .optional(),
  regions: z
    .array(
      z
        .string()
        .regex(REGION_OR_WILDCARD, "must be a region name (us-east-1) or a wildcard (*, eu-*)"),
    )
    .min(1, "must name at least one region or wildcard")
    .optional(),
});

/** One AWS_ACCOUNTS entry, validated. */
export type AccountEntry = z.infer<typeof accountEntry>;

/** How an entry is named in messages: its index, and its name when it has one. */
function entryLabel(index: number, raw: unknown): string {
  const name =
    typeof raw === "object" && raw !== null && typeof (raw as { name?: unknown }).name === "string"
      ? ` (${(raw as { name: string }).name})`
      : "";
  return `AWS_ACCOUNTS[${index}]${name}`;
}

/**
 * Reads AWS_ACCOUNTS: a JSON array inline, or `@path/to/accounts.json`. Returns the entries or
 * every problem, each naming its entry and member.
 */
export function parseAccounts(
  raw: string | undefined,
  readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
): { entries: AccountEntry[]; problems: string[] } {
  if (raw === undefined || raw.trim() === "") return { entries: [], problems: [] };
  let text = raw.trim();
  if (text.startsWith("@")) {
    const path = text.slice(1);
    try {
      text = readFile(path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { entries: [], problems: [`AWS_ACCOUNTS: cannot read ${path} (${reason})`] };
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      entries: [],
      problems: [`AWS_ACCOUNTS: must be a JSON array of accounts (or @file), not JSON: ${reason}`],
    };
  }
  if (!Array.isArray(json)) {
    return { entries: [], problems: ["AWS_ACCOUNTS: must be a JSON array of accounts"] };
  }
  const problems: string[] = [];
  const entries: AccountEntry[] = [];
  const names = new Map<string, number>();
  const ids = new Map<string, number>();
  json.forEach((item: unknown, index) => {
    const label = entryLabel(index, item);
    const result = accountEntry.safeParse(item);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
        const message =
          issue.code === "unrecognized_keys"
            ? `unknown member ${issue.keys.join(", ")} (members are id, name, roleArn, externalId, regions)`
            : issue.code === "invalid_type" && issue.input === undefined
              ? "is required"
              : issue.message;
        problems.push(`${label}: ${where}${message}`);
      }
      return;
    }
    const entry = result.data;
    const isHome = entry.name === HOME;
    if (!isHome && entry.id === undefined) problems.push(`${label}: id: is required`);
    if (!isHome && entry.roleArn === undefined) {
      problems.push(
        `${label}: roleArn: is required (the role the gateway assumes in the account; only the entry named "home" uses the gateway's own credentials)`,
      );
    }
    const roleAccount = entry.roleArn ? ROLE_ARN.exec(entry.roleArn)?.[1] : undefined;
    if (roleAccount && entry.id && roleAccount !== entry.id) {
      problems.push(
        `${label}: roleArn: names account ${roleAccount}, not the entry's id ${entry.id}`,
      );
    }
    if (entry.externalId && !entry.roleArn) {
      problems.push(`${label}: externalId: needs roleArn (it is presented when assuming the role)`);
    }
    const firstName = names.get(entry.name);
    if (firstName !== undefined) {
      problems.push(`${label}: name: ${entry.name} is already AWS_ACCOUNTS[${firstName}]'s`);
    } else names.set(entry.name, index);
    if (entry.id) {
      const firstId = ids.get(entry.id);
      if (firstId !== undefined) {
        problems.push(`${label}: id: ${entry.id} is already AWS_ACCOUNTS[${firstId}]'s`);
      } else ids.set(entry.id, index);
    }
    for (const problem of regionWildcardProblems(entry.regions ?? [])) {
      problems.push(`${label}: regions: ${problem}`);
    }
    entries.push(entry);
  });
  return { entries: problems.length > 0 ? [] : entries, problems };
}

/** An account requests may read, by its configured name. */
export interface AwsAccount {
  name: string;
  /** Absent for the home account until GetCallerIdentity told it. */
  id?: string;
  roleArn?: string;
  externalId?: string;
  /** Region names and wildcards; absent: the default region only. */
  regions?: readonly string[];
}

export interface AwsAccountsSettings {
  /** The gateway's own credentials (fixed, e.g. the emulator's); absent: the default chain. */
  credentials?: AwsCredentialIdentity;
  /** STS endpoint (the emulator); absent: the SDK's regional STS endpoint. */
  endpoint?: string;
  /** Region STS is called in. */
  region: string;
  /** Credentials are renewed this long before they expire (default five minutes). */
  refreshBeforeExpiryMs?: number;
}

/** STS refused (or did not answer) AssumeRole for an account's role: its calls cannot be signed. */
export class AssumeRoleFailed extends Error {
  override readonly name = "AssumeRoleFailed";
  readonly $metadata: { httpStatusCode?: number; requestId?: string };

  constructor(account: string, roleArn: string, cause: unknown) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`the gateway could not assume ${roleArn} for account ${account} (${reason})`, { cause });
    const metadata = (cause as { $metadata?: AssumeRoleFailed["$metadata"] } | undefined)
      ?.$metadata;
    this.$metadata = { httpStatusCode: metadata?.httpStatusCode, requestId: metadata?.requestId };
  }
}

/** How an STS call ended: with its output, or with the error it failed with. */
export type StsCallEnd = { output: MetadataBearer } | { error: unknown };

/** Told of each STS call as it starts; what it returns is told how the call ended. */
export type StsCallObserver = (call: CredentialCallDescription) => (end: StsCallEnd) => void;

/** The SDK clients renew credentials five minutes before expiry; the shared copy matches. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

const SESSION_NAME = "aws-image-graph";

/** A provider whose credentials every caller shares until they near expiry; one fetch at a time. */
export function sharedUntilNearExpiry(
  provider: AwsCredentialIdentityProvider,
  refreshBeforeExpiryMs: number,
  now: () => number = Date.now,
): AwsCredentialIdentityProvider {
  let cached: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return () => {
    const expiresAt = cached?.expiration?.getTime();
    if (cached && (expiresAt === undefined || expiresAt - now() > refreshBeforeExpiryMs)) {
      return Promise.resolve(cached);
    }
    pending ??= provider()
      .then((fresh) => {
        cached = fresh;
        return fresh;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

/**
 * The configured accounts in configuration order (the home account first unless an entry named
 * `home` places it), each with the credentials its SDK clients sign with.
 */
export class AwsAccounts {
  readonly list: readonly AwsAccount[];
  private readonly byName: ReadonlyMap<string, AwsAccount>;
  private readonly providers = new Map<string, AwsCredentialIdentityProvider>();
  private homeId: Promise<string> | undefined;
  private resolvedHomeId: string | undefined;
  private sts: STSClient | undefined;
  private observer: StsCallObserver | undefined;

  constructor(
    entries: readonly AccountEntry[],
    private readonly settings: AwsAccountsSettings,
  ) {
    const list: AwsAccount[] = entries.map((entry) => ({ ...entry }));
    if (!list.some((account) => account.name === HOME)) list.unshift({ name: HOME });
    this.list = list;
    this.byName = new Map(list.map((account) => [account.name, account]));
  }

  get names(): string[] {
    return this.list.map((account) => account.name);
  }

  named(name: string): AwsAccount | undefined {
    return this.byName.get(name);
  }

  /**
   * What an account's clients sign with: the gateway's own credentials for an account without a
   * role (undefined: the SDK's default chain), else the role's temporary credentials.
   */
  credentials(name: string): AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined {
    const account = this.byName.get(name);
    if (!account?.roleArn) return this.settings.credentials;
    let provider = this.providers.get(name);
    if (!provider) {
      const assume = fromTemporaryCredentials({
        params: {
          RoleArn: account.roleArn,
          RoleSessionName: SESSION_NAME,
          ...(account.externalId ? { ExternalId: account.externalId } : {}),
        },
        ...(this.settings.credentials ? { masterCredentials: this.settings.credentials } : {}),
        clientConfig: {
          region: this.settings.region,
          ...(this.settings.endpoint ? { endpoint: this.settings.endpoint } : {}),
        },
        clientPlugins: [this.reported(name)],
      });
      const roleArn = account.roleArn;
      provider = sharedUntilNearExpiry(
        (options) =>
          assume(options).catch((error: unknown) => {
            throw new AssumeRoleFailed(name, roleArn, error);
          }),
        this.settings.refreshBeforeExpiryMs ?? REFRESH_BEFORE_EXPIRY_MS,
      );
      this.providers.set(name, provider);
    }
    return provider;
  }

  /** The home account's id, from STS GetCallerIdentity (asked once; again only after a failure). */
  homeAccountId(): Promise<string> {
    const configured = this.byName.get(HOME)?.id;
    if (configured) return Promise.resolve(configured);
    this.homeId ??= this.stsClient()
      .send(new GetCallerIdentityCommand({}))
      .then((identity) => {
        if (!identity.Account) throw new Error("STS GetCallerIdentity named no account");
        this.resolvedHomeId = identity.Account;
        return identity.Account;
      })
      .catch((error: unknown) => {
        this.homeId = undefined;
        throw error;
      });
    return this.homeId;
  }

  /**
   * The configured account `nameOrId` names: by name, by id, or by the home account's id once
   * GetCallerIdentity told it.
   */
  find(nameOrId: string): AwsAccount | undefined {
    const home = this.byName.get(HOME);
    return (
      this.list.find((account) => account.name === nameOrId || account.id === nameOrId) ??
      (home && !home.roleArn && this.resolvedHomeId === nameOrId ? home : undefined)
    );
  }

  /** The account's id; the home account's comes from GetCallerIdentity. */
  async idOf(name: string): Promise<string | undefined> {
    const account = this.byName.get(name);
    if (!account) return undefined;
    return account.id ?? (account.roleArn ? undefined : this.homeAccountId());
  }

  /** The configured account with this id (the home account's included), if any. */
  async withId(id: string): Promise<AwsAccount | undefined> {
    const configured = this.list.find((account) => account.id === id);
    if (configured) return configured;
    const home = this.byName.get(HOME);
    if (home && !home.roleArn && (await this.homeAccountId()) === id) return home;
    return undefined;
  }

  /** Reports every STS call made from now on to `observer` (the call gate: metrics, spans, logs). */
  observeCalls(observer: StsCallObserver): void {
    this.observer = observer;
  }

  destroy(): void {
    this.sts?.destroy();
  }

  private stsClient(): STSClient {
    if (!this.sts) {
      this.sts = new STSClient({
        region: this.settings.region,
        ...(this.settings.endpoint ? { endpoint: this.settings.endpoint } : {}),
        ...(this.settings.credentials ? { credentials: this.settings.credentials } : {}),
      });
      this.sts.middlewareStack.use(this.reported(undefined));
    }
    return this.sts;
  }

  /**
   * A plugin that tells the observer of each call an STS client makes for `account` (undefined:
   * the gateway's own identity), retries included. Named and overriding, because
   * fromTemporaryCredentials applies its plugins again on every AssumeRole.
   */
  private reported<Input extends object, Output extends MetadataBearer>(
    account: string | undefined,
  ): Pluggable<Input, Output> {
    const region = this.settings.region;
    return {
      applyToStack: (stack) =>
        stack.add(
          (next, context) => async (args) => {
            const operation = context.commandName?.replace(/Command$/, "") ?? "unknown";
            const end = this.observer?.({ service: "sts", operation, region, account });
            try {
              const result = await next(args);
              end?.({ output: result.output });
              return result;
            } catch (error) {
              end?.({ error });
              throw error;
            }
          },
          { step: "initialize", priority: "high", name: "gatewayStsCalls", override: true },
        ),
    };
  }
}
