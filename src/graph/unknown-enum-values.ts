import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  type PothosOutputFieldType,
  type SchemaTypes,
} from "@pothos/core";
import {
  type GraphQLEnumType,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  getNamedType,
  isEnumType,
} from "graphql";
import { gatewayError } from "./errors.js";

/**
 * AWS adds enumeration values without notice and the SDK passes them through as strings, so an
 * enum field can meet a value its GraphQL enum does not have. GraphQL would fail the field, and a
 * non-null one would take its parents (a whole connection) with it. This plugin makes every
 * enum-typed output field, and every enum item of a list, nullable, and checks each value: an
 * unknown one becomes null with an UNKNOWN_ENUM_VALUE error at its own path that carries the raw
 * value, and the rest of the response is unaffected. It applies to every enum field the builder
 * defines, present and future, with no per-field code.
 */
export class UnknownEnumValuesPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): PothosOutputFieldConfig<Types> {
    if (!holdsEnum(fieldConfig.type)) return fieldConfig;
    return {
      ...fieldConfig,
      type: nullableEnums(fieldConfig.type),
      extensions: { ...fieldConfig.extensions, [CHECKED_EXTENSION]: true },
    };
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    if (!holdsEnum(fieldConfig.type)) return resolver;
    return (parent, args, context, info) => {
      const result: unknown = resolver(parent, args, context, info);
      return result instanceof Promise
        ? result.then((value: unknown) => checkEnumValues(value, info))
        : checkEnumValues(result, info);
    };
  }
}

/** Set on every field the plugin guards, so a test can prove none was missed. */
export const CHECKED_EXTENSION = "unknownEnumValuesChecked";

const PLUGIN_NAME = "unknownEnumValues";

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      unknownEnumValues: UnknownEnumValuesPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(PLUGIN_NAME, UnknownEnumValuesPlugin);

export default PLUGIN_NAME;

function holdsEnum<Types extends SchemaTypes>(type: PothosOutputFieldType<Types>): boolean {
  return type.kind === "List" ? holdsEnum(type.type) : type.kind === "Enum";
}

function nullableEnums<Types extends SchemaTypes>(
  type: PothosOutputFieldType<Types>,
): PothosOutputFieldType<Types> {
  if (type.kind === "List") return { ...type, type: nullableEnums(type.type) };
  return { ...type, nullable: true };
}

const knownValues = new WeakMap<GraphQLEnumType, Set<unknown>>();

function valuesOf(enumType: GraphQLEnumType): Set<unknown> {
  let values = knownValues.get(enumType);
  if (!values) {
    values = new Set(enumType.getValues().map((value) => value.value));
    knownValues.set(enumType, values);
  }
  return values;
}

/** The value, with every unknown enum value replaced by its error (thrown at the top level). */
function checkEnumValues(value: unknown, info: GraphQLResolveInfo): unknown {
  const enumType = getNamedType(info.returnType);
  if (!isEnumType(enumType)) return value;
  const check = (item: unknown): unknown => {
    if (item === null || item === undefined) return item;
    if (Array.isArray(item)) return item.map(check);
    return valuesOf(enumType).has(item) ? item : unknownValueError(item, enumType, info);
  };
  const checked = check(value);
  if (checked instanceof Error) throw checked;
  // An Error inside a list becomes null at its index, with the error at that path.
  return checked;
}

const MAX_QUOTED_LENGTH = 200;

function unknownValueError(raw: unknown, enumType: GraphQLEnumType, info: GraphQLResolveInfo) {
  const text = String(raw);
  const value = text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
  const field = `${info.parentType.name}.${info.fieldName}`;
  const known = enumType.getValues().map((entry) => entry.name);
  return gatewayError(
    "UNKNOWN_ENUM_VALUE",
    `${field} has the value ${JSON.stringify(value)}, which AWS added after this gateway's ${enumType.name} enum was written (it knows ${known.join(", ")}). Only this value is null; the raw value is in extensions.value.`,
    { enum: enumType.name, value, field },
  );
}
