import { expect } from "vitest";
import { expectData, type TestGateway } from "./gateway.js";

export interface ConnectionPage<Node> {
  edges: Array<{ cursor: string; node: Node }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/**
 * Pages a connection to its end `first` edges at a time, checking pageInfo on every page, and
 * returns every node in the order received.
 */
export async function pageToEnd<Node>(
  gateway: TestGateway,
  document: string,
  variables: Record<string, unknown>,
  pick: (data: Record<string, unknown>) => ConnectionPage<Node>,
  first: number,
  maxPages = 1000,
): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const connection = pick(
      expectData(await gateway.query(document, { ...variables, first, after })),
    );
    expect(connection.edges.length).toBeLessThanOrEqual(first);
    expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
    expect(connection.pageInfo.startCursor).toBe(connection.edges[0]?.cursor ?? null);
    expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
    nodes.push(...connection.edges.map((edge) => edge.node));
    if (!connection.pageInfo.hasNextPage) return nodes;
    // hasNextPage promises at least one more item: a full page was served.
    expect(connection.edges).toHaveLength(first);
    after = connection.pageInfo.endCursor;
  }
  throw new Error(`paging did not end within ${maxPages} pages`);
}
