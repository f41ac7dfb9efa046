import { isObjectType, isUnionType } from "graphql";
import { describe, expect, it } from "vitest";
import { subgraphSchema } from "../../src/graph/schema.js";

// Objects that can meet in one selection set (`node { ... on A { f } ... on B { f } }`, or
// `_entities`) may only share a field name when it has one type everywhere; otherwise GraphQL
// rejects the query ("fields conflict because they return conflicting types").
function conflicts(typeNames: readonly string[]) {
  const byField = new Map<string, Map<string, string[]>>();
  for (const name of typeNames) {
    const type = subgraphSchema.getType(name);
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const types = byField.get(field.name) ?? new Map<string, string[]>();
      types.set(String(field.type), [...(types.get(String(field.type)) ?? []), name]);
      byField.set(field.name, types);
    }
  }
  return [...byField]
    .filter(([, types]) => types.size > 1)
    .map(
      ([field, types]) =>
        `${field}: ${[...types].map(([type, on]) => `${type} on ${on.join(", ")}`).join(" / ")}`,
    );
}

describe("fields shared by types that meet in one selection", () => {
  it("have one type across every Node implementation", () => {
    const nodes = Object.values(subgraphSchema.getTypeMap())
      .filter((type) => isObjectType(type) && type.getInterfaces().some((i) => i.name === "Node"))
      .map((type) => type.name);
    expect(nodes).toEqual(
      expect.arrayContaining(["ImagePipeline", "ImageBuildVersion", "AppStreamImage"]),
    );
    expect(conflicts(nodes)).toEqual([]);
  });

  it("have one type across every federation entity", () => {
    const entity = subgraphSchema.getType("_Entity");
    const members = isUnionType(entity) ? entity.getTypes().map((type) => type.name) : [];
    expect(members).toContain("ImagePipeline");
    expect(conflicts(members)).toEqual([]);
  });
});
