import { GraphQLError, type GraphQLResolveInfo, responsePathAsArray } from "graphql";
import { isAsyncIterable, type Plugin } from "graphql-yoga";
import { PageWalk } from "../aws/page-walk.js";
import type { AwsCallDescription, ServiceId } from "../aws/services.js";
import type { GatewayContext } from "../context.js";
import {
  asStaleCursor,
  type ConnectionArgs,
  type Edge,
  fingerprint,
  type PageInfo,
  type PagingLimits,
  pageInfoOf,
  pageSize,
  resumeIndex,
  type TokenPage,
} from "./connections.js";
import type { CursorCodec, CursorPosition } from "./cursor.js";
import { gatewayError } from "./errors.js";
import { type Partition, type PartitionArgs, partitionsNamed } from "./partitions.js";

/** Most partitions whose first pages are read at once (the call gate bounds calls in flight). */
const MAX_PARTITIONS_AT_ONCE = 8;

export interface MergedConnectionOptions<Item> {
  first?: number | null;
  after?: string | null;
  exactHasNextPage?: boolean;
  /** The field and its arguments; the partition list is signed into every cursor with it. */
  binding: string;
  partitions: readonly Partition[];
  codec: CursorCodec;
  limits: PagingLimits;
  /** The AWS operation a partition's pages come from. */
  call: (partition: Partition) => AwsCallDescription;
  /** One page of one partition; always the same page size so cursors line up. */
  fetchPage: (partition: Partition, pageToken: string | undefined) => Promise<TokenPage<Item>>;
  identify: (item: Item) => string;
  /** Where the connection is in the response: failed partitions' errors carry it. */
  path: ReadonlyArray<string | number>;
  /** Receives one error per failed partition; the response carries them beside the data. */
  report: (error: GraphQLError) => void;
  /** AWS_IGNORE_ACCESS_DENIED: a partition that answers FORBIDDEN is left out silently. */
  ignoreAccessDenied: boolean;
  /** The account id of a partition's account, for its error. */
  accountIdOf: (partition: Partition) => Promise<string | undefined>;
}

export interface MergedConnection<Item> {
  edges: Edge<Item>[];
  pageInfo: PageInfo;
}

/** One partition's token chain as this request walks it. */
class PartitionReader<Item> {
  private readonly walk: PageWalk;
  private firstPage: Promise<TokenPage<Item>> | undefined;
  /** The token of the page read last (undefined: the partition's first page). */
  token: string | undefined;

  constructor(
    private readonly options: MergedConnectionOptions<Item>,
    private readonly partition: Partition,
    startToken: string | undefined,
  ) {
    this.walk = new PageWalk(options.call(partition), options.limits.maxPagesPerWalk);
    this.token = startToken;
  }

  /** The page the walk starts with, read once (possibly ahead of need). */
  first(): Promise<TokenPage<Item>> {
    this.firstPage ??= this.read(this.token);
    return this.firstPage;
  }

  next(token: string): Promise<TokenPage<Item>> {
    this.token = token;
    return this.read(token);
  }

  private async read(token: string | undefined): Promise<TokenPage<Item>> {
    await this.walk.enter(token);
    return this.options.fetchPage(this.partition, token);
  }
}

/**
 * One Relay connection over several (account, region) partitions of an AWS list: the items of
 * the first partition in AWS's order, then the second's, and so on, in the order of
 * `partitions`. Each cursor records its partition, the AWS token of its page there and its index
 * in that page (partitions before it are read to their end, those after it not begun), signed
 * with the binding and the partition list, so `after` resumes exactly. A page that runs past a
 * partition reads the next partitions' first pages at once (one, then two, four… up to eight,
 * and never more than the items still missing from the page),
 * and `hasNextPage` is exact: when the edges end where a partition ends, the following
 * partitions are read until one has an item.
 *
 * A partition that fails (access denied, throttled past retries, timed out, its role not
 * assumable) costs only its items: the others are returned and `report` gets one error naming
 * its account and region. A failure while only looking ahead for `hasNextPage` reports
 * `hasNextPage: true` instead, so the next page shows the error.
 */
export async function resolveMergedConnection<Item>(
  options: MergedConnectionOptions<Item>,
): Promise<MergedConnection<Item>> {
  const { partitions } = options;
  const first = pageSize(options.first, options.limits);
  const binding = `${options.binding}|${partitions.map((each) => `${each.account}@${each.region}`).join(",")}`;
  const hasAfter = options.after !== null && options.after !== undefined;
  const position = hasAfter ? options.codec.decode(binding, options.after ?? "") : undefined;
  const start = position?.partition ?? 0;
  if (start >= partitions.length && partitions.length > 0) {
    throw gatewayError("BAD_USER_INPUT", 'Invalid cursor in "after": it points past the list.', {
      argument: "after",
    });
  }

  const readers = new Map<number, PartitionReader<Item>>();
  const readerOf = (index: number) => {
    let reader = readers.get(index);
    if (!reader) {
      const token = index === start ? position?.pageToken : undefined;
      reader = new PartitionReader(options, partitions[index] as Partition, token);
      readers.set(index, reader);
    }
    return reader;
  };
  const edges: Edge<Item>[] = [];
  let hasNextPage = false;
  let window = 1;

  listing: for (let index = start; index < partitions.length; index++) {
    const partition = partitions[index] as Partition;
    if (edges.length === first && options.exactHasNextPage === false) {
      hasNextPage = true;
      break;
    }
    if (edges.length < first) {
      // Read ahead while items are still needed, no further than one item from each partition
      // could fill the page; a failure is handled when its page is awaited.
      const end = Math.min(partitions.length, index + Math.min(window, first - edges.length));
      for (let next = index + 1; next < end; next++)
        readerOf(next)
          .first()
          .catch(() => undefined);
      window = Math.min(window * 2, MAX_PARTITIONS_AT_ONCE);
    }
    const reader = readerOf(index);
    let page: TokenPage<Item>;
    try {
      page = await reader.first();
    } catch (error) {
      if (index === start) {
        const stale = asStaleCursor(error, position?.pageToken);
        if (stale !== error) throw stale;
      }
      if (edges.length === first) {
        hasNextPage = true;
        break;
      }
      await fail(options, partition, error);
      continue;
    }
    let itemIndex = index === start && position ? resumeIndex(page, position, options.identify) : 0;
    for (;;) {
      const items = page.items;
      for (; itemIndex < items.length && edges.length < first; itemIndex++) {
        edges.push(
          new MergedEdge(options, binding, items[itemIndex] as Item, {
            partition: index,
            pageToken: reader.token,
            index: itemIndex,
          }),
        );
      }
      if (itemIndex < items.length) {
        hasNextPage = true;
        break listing;
      }
      const nextToken = page.nextToken;
      if (!nextToken) break;
      if (edges.length === first && options.exactHasNextPage === false) {
        hasNextPage = true;
        break listing;
      }
      try {
        page = await reader.next(nextToken);
      } catch (error) {
        if (edges.length === first) {
          hasNextPage = true;
          break listing;
        }
        await fail(options, partition, error);
        break;
      }
      itemIndex = 0;
    }
  }

  return { edges, pageInfo: pageInfoOf(edges, hasNextPage, hasAfter) };
}

/** Reports a failed partition: its error, with the connection's path, account and region. */
async function fail<Item>(
  options: MergedConnectionOptions<Item>,
  partition: Partition,
  error: unknown,
): Promise<void> {
  const cause =
    error instanceof GraphQLError
      ? error
      : gatewayError("INTERNAL", "Listing this account and region failed unexpectedly.");
  if (options.ignoreAccessDenied && cause.extensions.code === "FORBIDDEN") return;
  const accountId = await options.accountIdOf(partition).catch(() => undefined);
  const where = `account ${partition.account}${accountId ? ` (${accountId})` : ""} in ${partition.region}`;
  options.report(
    new GraphQLError(
      `${cause.message} Left out: ${where}; the other accounts and regions are listed.`,
      {
        path: options.path,
        extensions: {
          ...cause.extensions,
          account: partition.account,
          accountId: accountId ?? null,
          region: partition.region,
        },
      },
    ),
  );
}

/** An edge whose cursor is signed when first read. */
class MergedEdge<Item> implements Edge<Item> {
  #cursor: string | undefined;

  constructor(
    private readonly options: MergedConnectionOptions<Item>,
    private readonly binding: string,
    readonly node: Item,
    private readonly position: Omit<CursorPosition, "fingerprint">,
  ) {}

  get cursor(): string {
    this.#cursor ??= this.options.codec.encode(this.binding, {
      ...this.position,
      fingerprint: fingerprint(this.options.identify(this.node)),
    });
    return this.#cursor;
  }
}

/** What a root list that spans partitions says about itself; the rest comes from the request. */
export interface PartitionedList<Item> extends ConnectionArgs {
  service: ServiceId;
  operation: string;
  binding: string;
  /** The `accounts`, `regions` and `region` arguments that name the partitions read. */
  where: PartitionArgs;
  identify: (item: Item) => string;
  fetchPage: (partition: Partition, pageToken: string | undefined) => Promise<TokenPage<Item>>;
}

/** A merged connection for a root field, its failed partitions reported with the response. */
export async function resolvePartitionedList<Item>(
  { where, ...list }: PartitionedList<Item>,
  context: GatewayContext,
  info: GraphQLResolveInfo,
): Promise<MergedConnection<Item>> {
  return resolveMergedConnection({
    ...list,
    partitions: await partitionsNamed(list.service, where, context.clients),
    codec: context.cursors,
    limits: context.paging,
    call: ({ account, region }) => ({
      service: list.service,
      operation: list.operation,
      region,
      account,
    }),
    path: responsePathAsArray(info.path),
    report: (error) => context.partitionErrors.push(error),
    ignoreAccessDenied: context.ignoreAccessDenied,
    accountIdOf: ({ account }) => context.clients.accounts.idOf(account),
  });
}

/**
 * Adds the errors of the partitions merged lists left out to the response, beside its data, so
 * the response cache (which keeps only answers without errors) and the client both see them.
 */
export function usePartitionErrors(): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const context = args.contextValue;
      return {
        onExecuteDone({ result, setResult }) {
          const errors = context.partitionErrors;
          if (errors.length === 0 || isAsyncIterable(result)) return;
          setResult({ ...result, errors: [...(result.errors ?? []), ...errors.splice(0)] });
        },
      };
    },
  };
}
