import type { Image } from "@aws-sdk/client-appstream";
import DataLoader from "dataloader";
import { callLoader, type LoaderMode, loaderOptions } from "../aws/call-loader.js";
import type { AwsCaller } from "../aws/calls.js";
import { PageWalk, walkAllPages } from "../aws/page-walk.js";
import { gatewayError, isNotFound } from "../graph/errors.js";
import { describeImagesPage, type ImagesPageRequest, PAGE_CAP } from "./client.js";

/** One image looked up by name or ARN in a region of an account. */
export interface ImageKey {
  region: string;
  /** The configured account to look in; absent: the home account. */
  account?: string;
  by: "name" | "arn";
  value: string;
}

export function createAppStreamLoaders(aws: AwsCaller, mode: LoaderMode, maxPagesPerWalk: number) {
  const imagesPage = callLoader(mode, (request: ImagesPageRequest) =>
    describeImagesPage(aws, request),
  );

  /** Every image matching names or ARNs, following the token chain. */
  async function describeAll(request: Omit<ImagesPageRequest, "nextToken">): Promise<Image[]> {
    const images: Image[] = [];
    const walk = new PageWalk(
      {
        service: "appstream",
        operation: "DescribeImages",
        region: request.region,
        account: request.account,
      },
      maxPagesPerWalk,
    );
    await walkAllPages(
      walk,
      (nextToken) => imagesPage.load({ ...request, nextToken }),
      (page) => page.NextToken,
      (page) => {
        images.push(...(page.Images ?? []));
        return false;
      },
    );
    return images;
  }

  /**
   * Single-image look-ups made in the same tick become one DescribeImages call per region,
   * account (each signs with its own credentials and sees its own images), key kind (name or
   * ARN) and 25 keys. AppStream fails a whole call when one name or ARN is unknown,
   * so a failed batch is halved until the unknown keys are isolated: they alone get NOT_FOUND.
   */
  const image = new DataLoader<ImageKey, Image, string>(
    async (keys) => {
      const groups = new Map<string, ImageKey[]>();
      for (const key of keys) {
        const group = groupOf(key);
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const answers = await Promise.all(
        [...groups.values()].flatMap((group) => {
          const [{ region, account, by }] = group as [ImageKey, ...ImageKey[]];
          const values = [...new Set(group.map((key) => key.value))];
          return chunks(values, PAGE_CAP).map((chunk) => lookUp({ region, account, by }, chunk));
        }),
      );
      const results = new Map(answers.flatMap((answer) => [...answer]));
      return keys.map((key) => results.get(keyOf(key)) ?? notFound(key));
    },
    { cacheKeyFn: keyOf, ...loaderOptions(mode) },
  );

  /** The images for `values`, each answered by its key: the image, or the error for it. */
  async function lookUp(
    where: Omit<ImageKey, "value">,
    values: string[],
  ): Promise<Map<string, Image | Error>> {
    const { region, account, by } = where;
    const request =
      by === "name" ? { region, account, names: values } : { region, account, arns: values };
    const answer = (value: string, result: Image | Error) =>
      [keyOf({ ...where, value }), result] as const;
    try {
      const images = await describeAll(request);
      const byValue = new Map(
        images.map((found) => [by === "name" ? found.Name : found.Arn, found]),
      );
      return new Map(
        values.map((value) => answer(value, byValue.get(value) ?? notFound({ ...where, value }))),
      );
    } catch (error) {
      if (isNotFound(error) && values.length > 1) {
        const middle = Math.ceil(values.length / 2);
        const halves = await Promise.all([
          lookUp(where, values.slice(0, middle)),
          lookUp(where, values.slice(middle)),
        ]);
        return new Map(halves.flatMap((half) => [...half]));
      }
      const failure = error instanceof Error ? error : new Error(String(error));
      return new Map(values.map((value) => answer(value, failure)));
    }
  }

  return { imagesPage, image };
}

function notFound({ region, account, by, value }: ImageKey) {
  const where = account ? `${region} of account ${account}` : region;
  return gatewayError("NOT_FOUND", `No AppStream 2.0 image with ${by} ${value} in ${where}.`);
}

/** Keys one DescribeImages call can answer together (account names never hold a `|`). */
const groupOf = (key: ImageKey) => `${key.region}|${key.account ?? ""}|${key.by}`;

const keyOf = (key: ImageKey) => `${groupOf(key)}|${key.value}`;

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}
