import { setImmediate as nextTurn } from "node:timers/promises";
import { gatewayError } from "../graph/errors.js";
import { type AwsCallDescription, SERVICE_NAMES } from "./services.js";

/**
 * One walk along an AWS token chain: a connection following nextToken, a look-up that reads every
 * page, a refetch scan. AWS ends a chain by omitting the token; a service that hands out a token
 * it already gave in this walk (the same one again, or a cycle) or never stops would otherwise
 * keep the request looping, and pages served from the request's loader cache loop without any I/O,
 * starving every other request. So a walk refuses a token it has seen, stops after `maxPages`, and
 * lets the event loop breathe between pages.
 */
export class PageWalk {
  private readonly seen = new Set<string | undefined>();
  private pages = 0;

  constructor(
    private readonly call: AwsCallDescription,
    private readonly maxPages: number,
  ) {}

  /**
   * Call before reading the page of `token` (undefined for the first page of a list). Throws
   * UPSTREAM_PAGING when the token repeats or the walk is too long.
   */
  async enter(token: string | undefined): Promise<void> {
    const where = `${SERVICE_NAMES[this.call.service]} ${this.call.operation} (${this.call.region})`;
    const extensions = {
      service: this.call.service,
      operation: this.call.operation,
      region: this.call.region,
      pages: this.pages,
    };
    if (this.seen.has(token)) {
      throw gatewayError(
        "UPSTREAM_PAGING",
        `${where} returned a page token it had already returned in this listing, after ${this.pages} pages: AWS is paging in a circle, so the gateway stopped. Retry later.`,
        { ...extensions, reason: "REPEATED_TOKEN" },
      );
    }
    if (this.pages >= this.maxPages) {
      throw gatewayError(
        "UPSTREAM_PAGING",
        `${where} still had more pages after ${this.pages}, the most one listing may read (AWS_MAX_PAGES_PER_WALK); the gateway stopped there. Ask for fewer items, or raise the limit if such long lists are expected.`,
        { ...extensions, reason: "PAGE_LIMIT", maxPages: this.maxPages },
      );
    }
    if (this.pages > 0) await nextTurn();
    this.seen.add(token);
    this.pages++;
  }
}

/**
 * Reads every page of a token chain in order, through `fetchPage`, and returns what `collect`
 * gathers; `collect` returning true stops early.
 */
export async function walkAllPages<Page>(
  walk: PageWalk,
  fetchPage: (token: string | undefined) => Promise<Page>,
  nextTokenOf: (page: Page) => string | undefined,
  stop: (page: Page) => boolean = () => false,
): Promise<void> {
  let token: string | undefined;
  do {
    await walk.enter(token);
    const page = await fetchPage(token);
    if (stop(page)) return;
    token = nextTokenOf(page);
  } while (token);
}
