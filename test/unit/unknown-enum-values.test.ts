import SchemaBuilder from "@pothos/core";
import {
  type GraphQLField,
  type GraphQLSchema,
  type GraphQLType,
  getNamedType,
  graphql,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
} from "graphql";
import { describe, expect, it } from "vitest";
import { plainSchema, subgraphSchema } from "../../src/graph/schema.js";
import UnknownEnumValuesPlugin, { CHECKED_EXTENSION } from "../../src/graph/unknown-enum-values.js";

/** Every field of an object or interface type whose type holds an enum, as `Type.field`. */
function enumFields(schema: GraphQLSchema) {
  const fields: Array<{ name: string; field: GraphQLField<unknown, unknown> }> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (isEnumType(getNamedType(field.type))) {
        fields.push({ name: `${type.name}.${field.name}`, field });
      }
    }
  }
  return fields;
}

/** Whether a value of the enum itself may be null at every place it appears (items included). */
function enumIsNullable(type: GraphQLType): boolean {
  if (isNonNullType(type)) return !isEnumType(type.ofType) && enumIsNullable(type.ofType);
  if (isListType(type)) return enumIsNullable(type.ofType);
  return true;
}

describe("every enum field tolerates values newer than the schema", () => {
  it.each([
    ["plain", plainSchema],
    ["subgraph", subgraphSchema],
  ])("in the %s schema, each enum field is checked and may be null", (_name, schema) => {
    const fields = enumFields(schema);
    // The three services expose a dozen enums; a schema walk that found none proves nothing.
    expect(fields.length).toBeGreaterThanOrEqual(12);
    const unguarded = fields
      .filter(
        ({ field }) => field.extensions[CHECKED_EXTENSION] !== true || !enumIsNullable(field.type),
      )
      .map(({ name }) => name);
    expect(unguarded).toEqual([]);
    expect(fields.map(({ name }) => name)).toEqual(
      expect.arrayContaining([
        "AppStreamApplication.platforms",
        "ImageSetVersion.imageSetState",
        "WorkflowStepExecution.status",
      ]),
    );
  });

  it("turns an unknown value into null with UNKNOWN_ENUM_VALUE, keeping the rest", async () => {
    const builder = new SchemaBuilder<{ DefaultFieldNullability: false }>({
      plugins: [UnknownEnumValuesPlugin],
      defaultFieldNullability: false,
      // Required by the scope-auth plugin's option types, which the gateway's builder loads.
      scopeAuth: { authScopes: () => ({}) },
    });
    const Color = builder.enumType("Color", { values: ["RED", "GREEN"] as const });
    interface Paint {
      name: string;
      color: string;
      mixes: string[];
    }
    const PaintType = builder.objectRef<Paint>("Paint").implement({
      fields: (t) => ({
        name: t.exposeString("name"),
        // The shapes say Color; AWS sends strings, which is what happens at run time.
        color: t.field({ type: Color, resolve: (paint) => paint.color as "RED" }),
        mixes: t.field({
          type: [Color],
          resolve: async (paint) => paint.mixes as Array<"RED">,
        }),
      }),
    });
    builder.queryType({
      fields: (t) => ({
        paints: t.field({
          type: [PaintType],
          resolve: () => [
            { name: "a", color: "RED", mixes: ["GREEN"] },
            { name: "b", color: "ULTRAVIOLET", mixes: ["RED", "INFRARED", "GREEN"] },
          ],
        }),
      }),
    });
    const result = await graphql({
      schema: builder.toSchema(),
      source: "{ paints { name color mixes } }",
    });
    expect(result.data).toEqual({
      paints: [
        { name: "a", color: "RED", mixes: ["GREEN"] },
        { name: "b", color: null, mixes: ["RED", null, "GREEN"] },
      ],
    });
    expect(result.errors?.map((error) => [error.path, error.extensions])).toEqual([
      [
        ["paints", 1, "color"],
        { code: "UNKNOWN_ENUM_VALUE", enum: "Color", value: "ULTRAVIOLET", field: "Paint.color" },
      ],
      [
        ["paints", 1, "mixes", 1],
        { code: "UNKNOWN_ENUM_VALUE", enum: "Color", value: "INFRARED", field: "Paint.mixes" },
      ],
    ]);
    expect(result.errors?.[0]?.message).toContain('"ULTRAVIOLET"');
  });
});
