import { builder } from "./builder.js";

/**
 * A GraphQL enum over an SDK enumeration object (e.g. `ImageStatus`), with a description for
 * every value: the GraphQL names are the SDK's keys, the values resolvers see are AWS's strings.
 */
export function describedEnum<const Sdk extends Record<string, string>>(
  sdkEnum: Sdk,
  options: { name: string; description: string; values: Record<keyof Sdk & string, string> },
) {
  const values = Object.fromEntries(
    Object.entries(sdkEnum).map(([key, value]) => [
      key,
      { value, description: options.values[key] },
    ]),
  ) as { [Key in keyof Sdk]: { value: Sdk[Key]; description: string } };
  return builder.enumType<string, typeof values>(options.name, {
    description: options.description,
    values,
  });
}
