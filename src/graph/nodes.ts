import { brandWithType, type OutputType, type SchemaTypes } from "@pothos/core";
import { decodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { HOME } from "../aws/accounts.js";
import type { GatewayContext } from "../context.js";
import { awsCost, declareRefetchCost, type ObjectCost } from "../cost/fields.js";
import { builder } from "./builder.js";
import { gatewayError } from "./errors.js";

/** Loads a node from the raw id inside its global ID; null when AWS does not know it. */
type NodeLoader = (rawId: string, context: GatewayContext) => Promise<object | null>;

const nodeLoaders = new Map<string, NodeLoader>();

/**
 * Makes a node type refetchable through `node` and `nodes` (and, for entities, `_entities`,
 * whose references do the same work), with what one refetch costs at worst.
 */
export function refetchable(typename: string, cost: ObjectCost, load: NodeLoader): void {
  nodeLoaders.set(typename, load);
  declareRefetchCost(typename, cost);
}

/** Raw ids made of several parts (region, store, set, version…) travel as a JSON array. */
export function compositeId(...parts: string[]): string {
  return JSON.stringify(parts);
}

export function parseCompositeId(rawId: string, count: number): string[] {
  let parts: unknown;
  try {
    parts = JSON.parse(rawId);
  } catch {
    parts = undefined;
  }
  if (
    !Array.isArray(parts) ||
    parts.length !== count ||
    !parts.every((part) => typeof part === "string")
  ) {
    throw invalidId("its contents are malformed");
  }
  return parts;
}

/**
 * The trailing part of a raw id that names another account than the gateway's own, by its id
 * (stable whatever the account is named); none for the home account, so IDs from before
 * accounts existed keep meaning the same object.
 */
export function accountIdPart(
  account: string | undefined,
  context: Pick<GatewayContext, "clients">,
): string[] {
  if (account === undefined || account === HOME) return [];
  const id = context.clients.accounts.named(account)?.id;
  return id ? [id] : [];
}

/** A composite raw id of `count` parts, optionally followed by an account id (accountIdPart). */
export function parseCompositeIdWithAccount(
  rawId: string,
  count: number,
): { parts: string[]; accountId?: string } {
  let parts: string[];
  try {
    parts = parseCompositeId(rawId, count + 1);
  } catch {
    return { parts: parseCompositeId(rawId, count) };
  }
  const accountId = parts.pop();
  if (!accountId || !/^\d{12}$/.test(accountId)) throw invalidId("its account id is malformed");
  return { parts, accountId };
}

export function invalidId(reason: string) {
  return gatewayError(
    "BAD_USER_INPUT",
    `Invalid global ID: ${reason}. Use an \`id\` this gateway returned.`,
    { argument: "id" },
  );
}

async function loadNode(globalId: string, context: GatewayContext): Promise<object> {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw invalidId("it is not a global ID");
  }
  const load = nodeLoaders.get(decoded.typename);
  if (!load) throw invalidId(`no refetchable type is named ${decoded.typename}`);
  const node = await load(decoded.id, context);
  if (!node) {
    throw gatewayError("NOT_FOUND", `No ${decoded.typename} exists with this ID.`, {
      typename: decoded.typename,
    });
  }
  // The Node interface resolves the concrete type from this brand.
  brandWithType(node, decoded.typename as OutputType<SchemaTypes>);
  return node;
}

const NodeInterface = builder.nodeInterfaceRef();

/** One `nodes` request may refetch this many objects, so its AWS cost stays bounded. */
const MAX_NODES = 100;

builder.queryFields((t) => ({
  node: t.field({
    type: NodeInterface,
    nullable: true,
    description:
      "Refetches any object with an `id`; null with a NOT_FOUND or BAD_USER_INPUT error when the ID is unknown or malformed.",
    extensions: awsCost.refetch("id"),
    args: { id: t.arg.id({ required: true, description: "A global ID from an `id` field." }) },
    resolve: (_root, { id }, context) => loadNode(String(id), context),
  }),
  nodes: t.field({
    type: [NodeInterface],
    nullable: { list: false, items: true },
    description:
      "Refetches several objects at once, in the order of `ids`; each unknown or malformed ID is null with its own error. Look-ups are batched like any other.",
    // Each ID costs what its type's refetch does.
    extensions: awsCost.refetch("ids"),
    args: {
      ids: t.arg.idList({
        required: true,
        description: `Global IDs from \`id\` fields, at most ${MAX_NODES}.`,
        validate: z.array(z.unknown()).max(MAX_NODES, `must hold at most ${MAX_NODES} IDs`),
      }),
    },
    // An Error in the list becomes null at that index with the error at that path.
    resolve: (_root, { ids }, context) =>
      ids.map((id) => loadNode(String(id), context).catch((error: unknown) => error as Error)),
  }),
}));
