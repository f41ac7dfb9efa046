import { createHash } from "node:crypto";
import { GraphQLError, type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";
import { PageWalk } from "../aws/page-walk.js";
import type { AwsCallDescription } from "../aws/services.js";
import type { CursorCodec, CursorPosition } from "./cursor.js";
import { gatewayError } from "./errors.js";

/** One page of an AWS list: its items and the token of the page after it, if AWS gave one. */
export interface TokenPage<Item> {
  items: readonly Item[];
  nextToken?: string;
}

export interface PagingLimits {
  /** Edges returned when `first` is absent. */
  defaultPageSize: number;
  /** The largest `first` accepted. */
  maxPageSize: number;
  /** The most AWS pages one walk along a token chain may read. */
  maxPagesPerWalk: number;
}

export interface Edge<Item> {
  cursor: string;
  node: Item;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface TokenConnection<Item, Page extends TokenPage<Item>> {
  edges: Edge<Item>[];
  pageInfo: PageInfo;
  /** The first backend page this request read, for connection-level fields. */
  page: Page;
}

export interface TokenConnectionOptions<Item, Page extends TokenPage<Item>> {
  first?: number | null;
  after?: string | null;
  /** The field and the arguments that select the list; cursors are only valid on the same one. */
  binding: string;
  codec: CursorCodec;
  limits: PagingLimits;
  /** The AWS operation the pages come from, named when its token chain misbehaves. */
  call: AwsCallDescription;
  /** Fetches one backend page; it must always ask for the same page size so cursors line up. */
  fetchPage: (pageToken: string | undefined) => Promise<Page>;
  /** A stable identity of an item, used to notice when the list changed under a cursor. */
  identify: (item: Item) => string;
  /**
   * Whether `hasNextPage` must be exact when the edges end where a page ends: that takes reading
   * the next page. Resolvers pass `selectsHasNextPage(info)`, so a query that does not ask pays
   * nothing. When false, such a page reports AWS's token as `hasNextPage`. Default true.
   */
  exactHasNextPage?: boolean;
}

/**
 * Serves a Relay connection from a forward-only AWS token chain. Every connection field is
 * nullable: a failed AWS call (throttled, timed out, over a budget, a data store not ACTIVE) then
 * nulls that field alone, with its error at its path, instead of every parent up to `data`.
 *
 * Each edge's cursor records the token of the page its item came from and the item's index in
 * that page, so `after` resumes at the very next item even mid-page. `first` above the backend's
 * page cap follows nextToken; `hasNextPage` is exact: when the requested edges end where a page
 * ends and the query selects it, the next page is read (it may be empty even though AWS handed out
 * a token).
 */
export async function resolveTokenConnection<Item, Page extends TokenPage<Item>>(
  options: TokenConnectionOptions<Item, Page>,
): Promise<TokenConnection<Item, Page>> {
  const first = pageSize(options.first, options.limits);
  const hasAfter = options.after !== null && options.after !== undefined;
  const position = hasAfter
    ? options.codec.decode(options.binding, options.after ?? "")
    : undefined;

  let pageToken = position?.pageToken;
  const walk = new PageWalk(options.call, options.limits.maxPagesPerWalk);
  await walk.enter(pageToken);
  const firstPage = await fetchResumable(options, pageToken);
  let page = firstPage;
  let start = position ? resumeIndex(page, position, options.identify) : 0;
  const edges: Edge<Item>[] = [];
  let hasNextPage = false;

  for (;;) {
    const items = page.items;
    if (start < items.length && edges.length === first) {
      hasNextPage = true;
      break;
    }
    for (let index = start; index < items.length && edges.length < first; index++) {
      edges.push(new LazyEdge(options, items[index] as Item, pageToken, index));
      if (edges.length === first && index + 1 < items.length) hasNextPage = true;
    }
    if (hasNextPage) break;
    const nextToken = page.nextToken;
    if (!nextToken) break;
    if (edges.length === first && options.exactHasNextPage === false) {
      // Nobody reads hasNextPage: AWS's token is the answer, and the look-ahead call is saved.
      hasNextPage = true;
      break;
    }
    pageToken = nextToken;
    await walk.enter(pageToken);
    page = await fetchResumable(options, pageToken);
    start = 0;
  }

  return { edges, pageInfo: pageInfoOf(edges, hasNextPage, hasAfter), page: firstPage };
}

/** A page's info; its cursors are read (and signed) only when selected. */
export function pageInfoOf<Item>(
  edges: readonly Edge<Item>[],
  hasNextPage: boolean,
  hasAfter: boolean,
): PageInfo {
  return {
    hasNextPage,
    // Relay allows true when edges before `after` exist: the item under `after` is one.
    hasPreviousPage: hasAfter,
    get startCursor() {
      return edges[0]?.cursor ?? null;
    },
    get endCursor() {
      return edges.at(-1)?.cursor ?? null;
    },
  };
}

/**
 * Whether a connection field's selection asks for `pageInfo { hasNextPage }`, through aliases,
 * inline fragments and named fragments. Conditional selections (@skip/@include) count as asked:
 * an extra call is cheaper than a wrong answer.
 */
export function selectsHasNextPage(info: GraphQLResolveInfo): boolean {
  // A named fragment is searched once per search: one that did not have it the first time will
  // not have it when spread again, however often fragments spread each other.
  const selects = (
    selectionSet: SelectionSetNode | undefined,
    name: string,
    visit: (inner: SelectionSetNode | undefined) => boolean,
    searched: Set<string>,
  ): boolean =>
    (selectionSet?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) {
        return selection.name.value === name && visit(selection.selectionSet);
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        return selects(selection.selectionSet, name, visit, searched);
      }
      if (searched.has(selection.name.value)) return false;
      searched.add(selection.name.value);
      return selects(info.fragments[selection.name.value]?.selectionSet, name, visit, searched);
    });
  const pageInfoSearched = new Set<string>();
  const hasNextPageSearched = new Set<string>();
  return info.fieldNodes.some((field) =>
    selects(
      field.selectionSet,
      "pageInfo",
      (pageInfo) => selects(pageInfo, "hasNextPage", () => true, hasNextPageSearched),
      pageInfoSearched,
    ),
  );
}

/** Paging arguments as resolvers pass them on: `first`, `after`, and whether hasNextPage is read. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  exactHasNextPage?: boolean;
}

/** A connection field's paging arguments plus what its selection needs. */
export function connectionArgs(
  args: { first?: number | null; after?: string | null },
  info: GraphQLResolveInfo,
): ConnectionArgs {
  return { first: args.first, after: args.after, exactHasNextPage: selectsHasNextPage(info) };
}

/**
 * An edge whose cursor is signed when first read: most queries select only `endCursor`, and a
 * cursor costs an HMAC, a hash of the item and, past the first page, compressing the token.
 */
class LazyEdge<Item, Page extends TokenPage<Item>> implements Edge<Item> {
  #cursor: string | undefined;

  constructor(
    private readonly options: TokenConnectionOptions<Item, Page>,
    readonly node: Item,
    private readonly pageToken: string | undefined,
    private readonly index: number,
  ) {}

  get cursor(): string {
    this.#cursor ??= this.options.codec.encode(this.options.binding, {
      pageToken: this.pageToken,
      index: this.index,
      fingerprint: fingerprint(this.options.identify(this.node)),
    });
    return this.#cursor;
  }
}

export function pageSize(first: number | null | undefined, limits: PagingLimits): number {
  if (first === null || first === undefined) return limits.defaultPageSize;
  if (!Number.isInteger(first) || first < 0 || first > limits.maxPageSize) {
    throw gatewayError(
      "BAD_USER_INPUT",
      `Invalid argument first: ${first} is out of range; it must be between 0 and ${limits.maxPageSize}.`,
      { argument: "first", min: 0, max: limits.maxPageSize },
    );
  }
  return first;
}

/**
 * Where to continue in a re-fetched page. When the item under the cursor moved (the list changed
 * between requests), continue after its new place in the page; when it is gone, refuse rather
 * than skip or repeat items silently.
 */
export function resumeIndex<Item>(
  page: TokenPage<Item>,
  position: CursorPosition,
  identify: (item: Item) => string,
): number {
  if (position.fingerprint === undefined) return position.index + 1;
  const at = page.items[position.index];
  if (at !== undefined && fingerprint(identify(at)) === position.fingerprint) {
    return position.index + 1;
  }
  const moved = page.items.findIndex(
    (item) => fingerprint(identify(item)) === position.fingerprint,
  );
  if (moved >= 0) return moved + 1;
  throw gatewayError(
    "STALE_CURSOR",
    'The list changed since this cursor was issued and the item it points at is gone. Restart paging from the first page (omit "after").',
    { argument: "after" },
  );
}

async function fetchResumable<Item, Page extends TokenPage<Item>>(
  options: TokenConnectionOptions<Item, Page>,
  pageToken: string | undefined,
): Promise<Page> {
  try {
    return await options.fetchPage(pageToken);
  } catch (error) {
    throw asStaleCursor(error, pageToken);
  }
}

/**
 * HealthImaging and AppStream report a rejected token as a plain validation error. Every other
 * argument was checked before the first page, so on a later page it is the token: STALE_CURSOR.
 */
export function asStaleCursor(error: unknown, pageToken: string | undefined): unknown {
  if (
    pageToken !== undefined &&
    error instanceof GraphQLError &&
    error.extensions.code === "BAD_USER_INPUT"
  ) {
    return gatewayError(
      "STALE_CURSOR",
      'AWS no longer accepts the page token behind this cursor. Restart paging from the first page (omit "after").',
      { ...error.extensions, code: "STALE_CURSOR", argument: "after" },
    );
  }
  return error;
}

/** A 32-bit hash of an item's identity: small enough for every cursor, enough to tell items apart within a page. */
export function fingerprint(identity: string): number {
  return createHash("sha256").update(identity).digest().readUInt32BE(0);
}
