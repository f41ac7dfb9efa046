// Which (account, region) partitions a root list reads: its `accounts`, `regions` and `region`
// arguments resolved against AWS_ACCOUNTS, the regions where the service exists and AWS_REGIONS.

import { z } from "zod";
import { type AwsAccount, type AwsAccounts, HOME, REGION_OR_WILDCARD } from "../aws/accounts.js";
import type { AwsClients } from "../aws/clients.js";
import { SERVICE_NAMES, type ServiceId } from "../aws/services.js";
import type { GatewayContext } from "../context.js";
import type { builder } from "./builder.js";
import { gatewayError } from "./errors.js";

/** One account in one region: what one AWS list call chain reads. */
export interface Partition {
  /** The configured account's name (`home` for the gateway's own account). */
  account: string;
  region: string;
}

export interface PartitionArgs {
  accounts?: readonly string[] | null;
  regions?: readonly string[] | null;
  region?: string | null;
}

/** An AWS account id: twelve digits. */
const ACCOUNT_ID = /^\d{12}$/;

/** Most partitions one merged connection may span (cursors hold the index in 16 bits). */
export const MAX_PARTITIONS = 1000;

/**
 * The configured account `name` (a name or id) stands for; BAD_USER_INPUT naming the accounts
 * `argument` may name otherwise.
 */
function configuredAccount(
  accounts: AwsAccounts,
  name: string,
  argument: "accounts" | "account",
): AwsAccount {
  const account = accounts.find(name);
  if (account) return account;
  const { list } = accounts;
  const every = argument === "accounts" ? ', or "*" for every one' : "";
  throw gatewayError(
    "BAD_USER_INPUT",
    `Invalid argument ${argument}: "${name.slice(0, 64)}" is not a configured account; use a name or id of ${list.map((each) => each.name).join(", ")}${every}.`,
    { argument, allowedAccounts: list.map((each) => each.name) },
  );
}

/**
 * The accounts the `accounts` argument names (names, ids, or `*` for all), in configuration
 * order; the home account alone when it is absent.
 */
function accountsOf(
  clients: AwsClients,
  names: readonly string[] | null | undefined,
): AwsAccount[] {
  const { list } = clients.accounts;
  if (!names || names.length === 0) return list.filter((account) => account.name === HOME);
  if (names.includes("*")) return [...list];
  const wanted = new Set(
    names.map((name) => configuredAccount(clients.accounts, name, "accounts")),
  );
  return list.filter((account) => wanted.has(account));
}

/**
 * The account name calls use for a single look-up's `account` argument (a name or id from
 * `awsAccounts`): undefined for the home account, and when the argument is absent.
 */
export function accountArgument(
  clients: AwsClients,
  name: string | null | undefined,
): string | undefined {
  return name ? callAccount(configuredAccount(clients.accounts, name, "account").name) : undefined;
}

/**
 * The partitions a root list reads, in the documented order: accounts in configuration order,
 * then each account's regions in the order `regions` (or the account's configured regions) names
 * them, a wildcard's regions sorted by name (as expandRegions gives them).
 * - `regions` (names or wildcards): those where the service exists, within AWS_REGIONS and the
 *   account's own `regions` when it has them; a region where the service does not exist is
 *   skipped.
 * - `region`: that region, checked as before (the home account alone: the field's old meaning).
 * - neither: each account's `regions`, or AWS_REGION for an account without them.
 */
export function partitionsOf(
  service: ServiceId,
  args: PartitionArgs,
  clients: AwsClients,
): Partition[] {
  // An empty list means what an absent one does, as for `accounts`.
  const patterns = args.regions?.length ? args.regions : undefined;
  if (args.region && patterns) {
    throw gatewayError(
      "BAD_USER_INPUT",
      "Invalid arguments region and regions: give one of them (regions takes a list and wildcards).",
      { argument: "regions" },
    );
  }
  const policy = clients.regions;
  if (patterns) policy.checkPatterns(patterns, "regions");
  const partitions: Partition[] = [];
  for (const account of accountsOf(clients, args.accounts)) {
    const own = account.regions ? policy.expand(service, account.regions) : undefined;
    let regions: string[];
    if (patterns) {
      regions = policy.expand(service, patterns);
      if (own) regions = regions.filter((region) => own.includes(region));
    } else if (args.region) {
      const region = policy.check(service, args.region, "region");
      regions = !own || own.includes(region) ? [region] : [];
    } else {
      regions = own ?? [policy.check(service, clients.defaultRegion)];
    }
    for (const region of regions) partitions.push({ account: account.name, region });
  }
  if (partitions.length > MAX_PARTITIONS) {
    throw gatewayError(
      "BAD_USER_INPUT",
      `Invalid arguments accounts and regions: they name ${partitions.length} account and region pairs of ${SERVICE_NAMES[service]}; at most ${MAX_PARTITIONS} can be listed at once.`,
      { argument: "regions" },
    );
  }
  return partitions;
}

/**
 * partitionsOf, once the home account's id is known when `accounts` names an id that no
 * configured account has (it may be the home account's, which only STS can tell).
 */
export async function partitionsNamed(
  service: ServiceId,
  args: PartitionArgs,
  clients: AwsClients,
): Promise<Partition[]> {
  const unknownId = args.accounts?.some(
    (name) => ACCOUNT_ID.test(name) && clients.accounts.find(name) === undefined,
  );
  // Unanswered, the id stays unknown and partitionsOf names the accounts that may be asked for.
  if (unknownId) await clients.accounts.homeAccountId().catch(() => undefined);
  return partitionsOf(service, args, clients);
}

/** How many partitions the arguments name, for the cost estimate; 1 when they are invalid. */
export function partitionCount(service: ServiceId, args: PartitionArgs, clients: AwsClients) {
  try {
    return Math.max(1, partitionsOf(service, args, clients).length);
  } catch {
    // Execution refuses the arguments before any AWS call.
    return 1;
  }
}

type ArgBuilder = Parameters<Parameters<typeof builder.queryField>[1]>[0]["arg"];

const accountName = z.string().min(1, "must not be empty").max(64, "must be at most 64 characters");
const accountNames = z.array(accountName).max(100, "must hold at most 100 accounts");
const regionPatterns = z
  .array(
    z
      .string()
      .regex(
        REGION_OR_WILDCARD,
        "must be a region name such as us-east-1 or a wildcard such as *, us-* or eu-west-*",
      ),
  )
  .max(100, "must hold at most 100 regions");

/** `accounts` and `regions`, the arguments every root list that spans accounts takes. */
export function partitionArgs(arg: ArgBuilder) {
  return {
    accounts: arg.stringList({
      description:
        'Accounts to read, by name or id from `awsAccounts`; `["*"]` for every configured account. Absent: the gateway\'s own account (`home`). Items come account by account, in configuration order.',
      validate: accountNames,
    }),
    regions: arg.stringList({
      description:
        "Regions to read, by name or wildcard (`*`, `us-*`, `eu-west-*`); items come region by region, in the order given here (a wildcard's regions sorted by name). Regions where the service does not exist are skipped; a name or wildcard that matches no region the gateway calls is refused. Absent (or empty): `region`, else each account's configured regions, else AWS_REGION. Cannot be combined with `region`.",
      validate: regionPatterns,
    }),
  };
}

/** `account`, for a look-up of one object by a name that is unique only within its account. */
export function accountArg(arg: ArgBuilder) {
  return arg.string({
    description:
      "The account to look in, by name or id from `awsAccounts`. Absent: the gateway's own account (`home`).",
    validate: accountName,
  });
}

/**
 * The configured account whose credentials read a resource of `accountId` (from its ARN or its
 * global ID); undefined for the home account, and for an account that is not configured (read
 * with the gateway's own credentials, as before accounts existed). Needs no call: the home
 * account's id does not matter here.
 */
export async function accountNamed(
  accountId: string | undefined,
  context: Pick<GatewayContext, "clients">,
): Promise<string | undefined> {
  if (!accountId) return undefined;
  const found = context.clients.accounts.list.find((account) => account.id === accountId);
  return callAccount(found?.name);
}

/** The account name calls about a resource of `account` use: undefined stands for home. */
export const callAccount = (account: string | undefined) =>
  account === undefined || account === HOME ? undefined : account;

/**
 * The account a federation reference's `accountId` names: undefined (the home account) when the
 * key has none or names the home account's id, a configured account's name, or null when it
 * names any other account (or is malformed), so the reference resolves to null.
 *
 * Unlike accountNamed, an account that is not configured is not read as home: the IDs this
 * gateway issues name only configured accounts (accountIdPart), but another subgraph's keys can
 * name any account, and identifiers are unique only within an account, so reading home would
 * answer with the home account's object of the same id. Telling the home id may take one
 * GetCallerIdentity (asked once per process); when STS cannot answer it, the reference is null.
 */
export async function referenceAccount(
  key: object,
  context: Pick<GatewayContext, "clients">,
): Promise<string | undefined | null> {
  const accountId = "accountId" in key ? key.accountId : undefined;
  if (accountId === undefined || accountId === null) return undefined;
  if (typeof accountId !== "string" || !ACCOUNT_ID.test(accountId)) return null;
  const account = await context.clients.accounts.withId(accountId).catch(() => undefined);
  return account ? callAccount(account.name) : null;
}

/** The id of the account an object lives in (`account`, a configured name; absent: home). */
export async function accountIdOf(
  account: string | undefined,
  context: Pick<GatewayContext, "clients">,
): Promise<string | null> {
  // Null while STS cannot tell the home account's id, like `awsAccounts { id }`.
  return (await context.clients.accounts.idOf(account ?? HOME).catch(() => undefined)) ?? null;
}

/** `accountId` of an object that knows its account's name (absent: home). */
export function accountIdField(what: string) {
  return {
    nullable: true as const,
    description: `The 12-digit id of the AWS account ${what}.`,
    resolve: (object: { account?: string }, _args: unknown, context: GatewayContext) =>
      accountIdOf(object.account, context),
  };
}
