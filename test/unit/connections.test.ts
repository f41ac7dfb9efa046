import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveTokenConnection, type TokenPage } from "../../src/graph/connections.js";
import { CursorCodec } from "../../src/graph/cursor.js";

const codec = new CursorCodec(["unit-test-secret-0001"], 100_000);
const limits = { defaultPageSize: 25, maxPageSize: 100, maxPagesPerWalk: 1000 };
const call = { service: "appstream", operation: "DescribeImages", region: "us-east-1" } as const;

/** An in-memory AWS list: pages of `cap` items, opaque tokens, optionally a trailing empty page. */
function backend(length: number, cap: number, trailingEmptyPage = false) {
  const items = Array.from({ length }, (_, index) => `item-${index}`);
  const calls: Array<string | undefined> = [];
  const fetchPage = async (token: string | undefined): Promise<TokenPage<string>> => {
    calls.push(token);
    const start = token ? Number(token.slice("tok-".length)) : 0;
    const end = start + cap;
    const more = end < items.length || (trailingEmptyPage && end === items.length && start < end);
    return { items: items.slice(start, end), nextToken: more ? `tok-${end}` : undefined };
  };
  return { items, calls, fetchPage };
}

function connection(
  list: ReturnType<typeof backend>,
  first: number | undefined,
  after?: string | null,
) {
  return resolveTokenConnection({
    first,
    after,
    binding: "test",
    codec,
    limits,
    call,
    fetchPage: list.fetchPage,
    identify: (item: string) => item,
  });
}

describe("resolveTokenConnection", () => {
  it("pages any list exactly once, in order, for any page cap, page sizes and cursor choices", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 50 }),
        fc.boolean(),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.nat()), {
          minLength: 1,
          maxLength: 20,
        }),
        async (length, cap, trailingEmptyPage, steps) => {
          const list = backend(length, cap, trailingEmptyPage);
          // `next` is the index of the first item not yet consumed.
          let next = 0;
          let after: string | null = null;
          for (let step = 0; step < 2000; step++) {
            const [size, pick] = steps[step % steps.length] as [number, number];
            // first: 0 is exercised, but never twice in a row, so paging always advances.
            const first = size === 0 && step % 2 === 1 ? 1 : size;
            const page = await connection(list, first, after);
            expect(page.edges.map((edge) => edge.node)).toEqual(
              list.items.slice(next, next + Math.min(first, length - next)),
            );
            expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
            expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
            expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
            // hasNextPage is exact: true if and only if an item follows the last edge.
            expect(page.pageInfo.hasNextPage).toBe(next + page.edges.length < length);
            if (page.edges.length === 0) {
              if (!page.pageInfo.hasNextPage) break;
              continue;
            }
            // Continue from any edge's cursor, mid-page ones included, not only the last.
            const chosen = pick % page.edges.length;
            after = page.edges[chosen]?.cursor ?? null;
            next += chosen + 1;
            if (next >= length && !page.pageInfo.hasNextPage && chosen === page.edges.length - 1)
              break;
          }
          // Finally page to the end from where we are: every remaining item, once, in order.
          const rest = await connection(list, 100, after);
          expect(rest.edges.map((edge) => edge.node)).toEqual(list.items.slice(next, next + 100));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("resumes from any edge's cursor at the very next item, mid-page included", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 30 }),
        fc.nat(),
        fc.integer({ min: 1, max: 100 }),
        async (length, cap, pick, first) => {
          const list = backend(length, cap);
          const all = await connection(list, 100);
          const index = pick % Math.min(length, 100);
          const resumed = await connection(list, first, all.edges[index]?.cursor);
          expect(resumed.edges.map((edge) => edge.node)).toEqual(
            list.items.slice(index + 1, index + 1 + first),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it("costs ceil(first / cap) calls, plus one look-ahead only when the edges end on a page boundary", async () => {
    const list = backend(100, 25);
    await connection(list, 30);
    expect(list.calls).toEqual([undefined, "tok-25"]);

    const boundary = backend(100, 25);
    const page = await connection(boundary, 50);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(boundary.calls).toEqual([undefined, "tok-25", "tok-50"]);

    const lastPage = backend(50, 25);
    expect((await connection(lastPage, 50)).pageInfo.hasNextPage).toBe(false);
    expect(lastPage.calls).toEqual([undefined, "tok-25"]);
  });

  it("skips the look-ahead when hasNextPage is not read, and costs ceil(first / cap) calls then", async () => {
    const boundary = backend(100, 25);
    const page = await resolveTokenConnection({
      first: 50,
      binding: "test",
      call,
      codec,
      limits,
      fetchPage: boundary.fetchPage,
      identify: (item: string) => item,
      exactHasNextPage: false,
    });
    expect(page.edges.map((edge) => edge.node)).toEqual(boundary.items.slice(0, 50));
    expect(boundary.calls).toEqual([undefined, "tok-25"]);

    const midPage = backend(100, 25);
    const sliced = await resolveTokenConnection({
      first: 20,
      binding: "test",
      call,
      codec,
      limits,
      fetchPage: midPage.fetchPage,
      identify: (item: string) => item,
      exactHasNextPage: false,
    });
    expect(sliced.pageInfo.hasNextPage).toBe(true);
    expect(midPage.calls).toEqual([undefined]);
  });

  it("does not report a next page that AWS's trailing token leads to but that is empty", async () => {
    const list = backend(25, 25, true);
    const page = await connection(list, 25);
    expect(page.edges).toHaveLength(25);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(list.calls).toEqual([undefined, "tok-25"]);
  });

  it("rejects first outside 0..max with the allowed range", async () => {
    const list = backend(10, 5);
    await expect(connection(list, -1)).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
      message: expect.stringContaining("between 0 and 100"),
    });
    await expect(connection(list, 101)).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect(list.calls).toEqual([]);
  });

  it("re-synchronises on a moved item and refuses when it is gone", async () => {
    const items = ["a", "b", "c", "d"];
    const fetchPage = async (): Promise<TokenPage<string>> => ({ items: [...items] });
    const options = {
      binding: "t",
      codec,
      limits,
      call,
      fetchPage,
      identify: (item: string) => item,
    };
    const first = await resolveTokenConnection({ ...options, first: 2 });
    items.unshift("new");
    const moved = await resolveTokenConnection({
      ...options,
      first: 2,
      after: first.pageInfo.endCursor,
    });
    expect(moved.edges.map((edge) => edge.node)).toEqual(["c", "d"]);
    items.splice(items.indexOf("b"), 1);
    await expect(
      resolveTokenConnection({ ...options, first: 2, after: first.pageInfo.endCursor }),
    ).rejects.toMatchObject({ extensions: { code: "STALE_CURSOR" } });
  });

  describe("stops a token chain that does not end", () => {
    /** A backend answering one item per page, with the token `tokens(page)` after page `page`. */
    function chain(tokens: (page: number) => string | undefined) {
      const calls: Array<string | undefined> = [];
      const fetchPage = async (token: string | undefined): Promise<TokenPage<string>> => {
        calls.push(token);
        const page = calls.length - 1;
        return { items: page < 3 ? [`item-${page}`] : [], nextToken: tokens(page) };
      };
      return { calls, fetchPage };
    }
    const walk = (list: ReturnType<typeof chain>, maxPagesPerWalk = 1000) =>
      resolveTokenConnection({
        first: 100,
        binding: "t",
        codec,
        limits: { ...limits, maxPagesPerWalk },
        call,
        fetchPage: list.fetchPage,
        identify: (item: string) => item,
      });

    it.each([
      ["the same token on every page", () => "same"],
      ["a cycle of three tokens", (page: number) => `t${page % 3}`],
    ])("refuses %s with UPSTREAM_PAGING naming the operation", async (_name, tokens) => {
      const list = chain(tokens);
      await expect(walk(list)).rejects.toMatchObject({
        extensions: {
          code: "UPSTREAM_PAGING",
          reason: "REPEATED_TOKEN",
          operation: "DescribeImages",
        },
        message: expect.stringContaining("Amazon AppStream 2.0 DescribeImages (us-east-1)"),
      });
      // Each distinct token is read once; the first repeat is never fetched.
      expect(new Set(list.calls).size).toBe(list.calls.length);
    });

    it("stops endless empty pages after the page limit", async () => {
      const list = chain((page) => `fresh-${page}`);
      await expect(walk(list, 40)).rejects.toMatchObject({
        extensions: { code: "UPSTREAM_PAGING", reason: "PAGE_LIMIT", maxPages: 40 },
      });
      expect(list.calls).toHaveLength(40);
    });

    it("lets other work run between pages even when every page is already at hand", async () => {
      const list = chain((page) => `fresh-${page}`);
      let turns = 0;
      const ticker = setInterval(() => turns++, 0);
      await expect(walk(list, 2000)).rejects.toMatchObject({
        extensions: { code: "UPSTREAM_PAGING" },
      });
      clearInterval(ticker);
      expect(turns).toBeGreaterThan(0);
    });
  });
});
