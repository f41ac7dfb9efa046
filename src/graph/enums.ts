import { builder } from "./builder.js";

/** The string values of an enumeration object the AWS SDK exports, e.g. `ImageState`. */
type SdkEnumValue<SdkEnum extends Record<string, string>> = SdkEnum[keyof SdkEnum];

export interface AwsEnumOptions<SdkEnum extends Record<string, string>> {
  name: string;
  description: string;
  /**
   * What each value means, one entry per value the SDK knows: a newer SDK with a new value fails
   * the typecheck until the value is described.
   */
  values: Record<SdkEnumValue<SdkEnum>, string>;
}

/**
 * A GraphQL enum over an AWS SDK enumeration, with a description for every value. The GraphQL
 * value names are the AWS strings themselves, so what AWS sends is what clients see.
 */
export function awsEnum<SdkEnum extends Record<string, string>>(
  _sdkEnum: SdkEnum,
  options: AwsEnumOptions<SdkEnum>,
) {
  const entries = Object.entries(options.values) as Array<[SdkEnumValue<SdkEnum>, string]>;
  const values = Object.fromEntries(
    entries.map(([value, description]) => [value, { value, description }]),
  ) as Record<string, { value: SdkEnumValue<SdkEnum>; description: string }>;
  return builder.enumType(options.name, { description: options.description, values });
}
