import type { Image } from "@aws-sdk/client-appstream";
import DataLoader from "dataloader";
import { callLoader, type LoaderMode, loaderOptions } from "../aws/call-loader.js";
import type { AwsCaller } from "../aws/calls.js";
import { isNotFound } from "../graph/errors.js";
import { describeImagesPage, type ImagesPageRequest, PAGE_CAP } from "./client.js";

/** One image looked up by name or ARN in a region. */
export interface ImageKey {
  region: string;
  by: "name" | "arn";
  value: string;
}

export function createAppStreamLoaders(aws: AwsCaller, mode: LoaderMode) {
  const imagesPage = callLoader(mode, (request: ImagesPageRequest) =>
    describeImagesPage(aws, request),
  );

  /** Every image matching names or ARNs, following the token chain. */
  async function describeAll(request: Omit<ImagesPageRequest, "nextToken">): Promise<Image[]> {
    const images: Image[] = [];
    let nextToken: string | undefined;
    do {
      const page = await imagesPage.load({ ...request, nextToken });
      images.push(...(page.Images ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    return images;
  }

  /**
   * Single-image look-ups made in the same tick become one DescribeImages call per region and key
   * kind. AppStream fails the whole call when any name or ARN is unknown, so a failed batch is
   * retried key by key to answer the others and null for the missing ones.
   */
  const image = new DataLoader<ImageKey, Image | null, string>(
    async (keys) => {
      const results = new Map<string, Image | null | Error>();
      const groups = new Map<string, ImageKey[]>();
      for (const key of keys) {
        const group = `${key.region}|${key.by}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const [{ region, by }] = group as [ImageKey, ...ImageKey[]];
          const values = [...new Set(group.map((key) => key.value))];
          for (const chunk of chunks(values, PAGE_CAP)) {
            for (const [value, found] of await lookUp(region, by, chunk)) {
              results.set(keyOf({ region, by, value }), found);
            }
          }
        }),
      );
      return keys.map((key) => results.get(keyOf(key)) ?? null);
    },
    { cacheKeyFn: keyOf, ...loaderOptions(mode) },
  );

  async function lookUp(
    region: string,
    by: ImageKey["by"],
    values: string[],
  ): Promise<Map<string, Image | null | Error>> {
    const request = by === "name" ? { region, names: values } : { region, arns: values };
    try {
      const images = await describeAll(request);
      const byValue = new Map(
        images.map((found) => [by === "name" ? found.Name : found.Arn, found]),
      );
      return new Map(values.map((value) => [value, byValue.get(value) ?? null]));
    } catch (error) {
      if (values.length > 1 && isNotFound(error)) {
        const singles = await Promise.all(values.map((value) => lookUp(region, by, [value])));
        return new Map(singles.flatMap((single) => [...single]));
      }
      if (isNotFound(error)) return new Map([[values[0] as string, null]]);
      const failure = error instanceof Error ? error : new Error(String(error));
      return new Map(values.map((value) => [value, failure]));
    }
  }

  return { imagesPage, image };
}

function keyOf(key: ImageKey): string {
  return `${key.region}|${key.by}|${key.value}`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}
