// SearchImageSets' search criteria: the operators' rules (the model's constraints are checked
// before, like every request's) and matching and sorting of image sets.

import type {
  DICOMTags,
  ImageSetsMetadataSummary,
  Operator,
  SearchByAttributeValue,
  Sort,
  SortField,
} from "@aws-sdk/client-medical-imaging";
import type { DatesAs } from "./fixture.js";
import type { ImageSet } from "./state.js";
import type { Violations } from "./validation.js";

type UnionMember = Exclude<
  SearchByAttributeValue extends infer U ? (U extends unknown ? keyof U : never) : never,
  "$unknown"
>;

/** SearchByAttributeValue flattened (one member set), timestamps as epoch seconds. */
type WireAttributeValue = {
  [K in UnionMember]?: DatesAs<
    Extract<SearchByAttributeValue, Record<K, unknown>>,
    number
  > extends infer M
    ? K extends keyof M
      ? NonNullable<M[K]>
      : never
    : never;
};

/** A sort with both members, as validation leaves it. */
type FullSort = { [K in keyof Sort]-?: NonNullable<Sort[K]> };

/** One validated filter. */
export interface Filter {
  operator: Operator;
  values: WireAttributeValue[];
}

export interface Criteria {
  filters: Filter[];
  sort?: FullSort;
}

/** An image set as SearchImageSets summarises it, timestamps as epoch seconds. */
export type WireSummary = DatesAs<ImageSetsMetadataSummary, number>;

/** The members a BETWEEN filter can range over ("All date range queries must be input as (lowerBound, upperBound)"). */
const RANGE_MEMBERS = ["createdAt", "updatedAt", "DICOMStudyDateAndTime"];

/** The one member a SearchByAttributeValue union sets. */
const attributeOf = (value: WireAttributeValue): string =>
  Object.keys(value).find(
    (key) => value[key as UnionMember] !== undefined && value[key as UnionMember] !== null,
  ) ?? "";

/** Comparable text of a DICOM study date and time; an upper bound without a time takes the whole day. */
function studyMoment(date: string, time: string | undefined, upper = false): string {
  return `${date}${time ?? (upper ? "999999.999999" : "")}`;
}

function lowerThanOrEqual(lower: WireAttributeValue, upper: WireAttributeValue): boolean {
  if (lower.DICOMStudyDateAndTime && upper.DICOMStudyDateAndTime) {
    const { DICOMStudyDate: from, DICOMStudyTime: fromTime } = lower.DICOMStudyDateAndTime;
    const { DICOMStudyDate: to, DICOMStudyTime: toTime } = upper.DICOMStudyDateAndTime;
    return studyMoment(from ?? "", fromTime) <= studyMoment(to ?? "", toTime, true);
  }
  const from = lower.createdAt ?? lower.updatedAt ?? 0;
  const to = upper.createdAt ?? upper.updatedAt ?? 0;
  return from <= to;
}

/** A search filter as the wire carries it, once the model's constraints hold. */
type WireFilter = { operator: Operator; values: WireAttributeValue[] };

/** SearchCriteria as the wire carries it, once the model's constraints hold. */
export type SearchCriteriaOnTheWire = { filters?: WireFilter[]; sort?: Sort };

/** What the operators require beyond the model: EQUAL one value, BETWEEN an ordered range. */
function checkFilter(filter: WireFilter, member: string, v: Violations): boolean {
  const { operator, values } = filter;
  if (operator === "EQUAL" && values.length !== 1) {
    v.add(`${member}.values`, values, "Member must hold exactly one value with operator EQUAL");
    return false;
  }
  if (operator === "BETWEEN") {
    const [lower, upper] = values;
    const attribute = lower ? attributeOf(lower) : "";
    if (
      values.length !== 2 ||
      !lower ||
      !upper ||
      attribute !== attributeOf(upper) ||
      !RANGE_MEMBERS.includes(attribute)
    ) {
      v.add(
        `${member}.values`,
        values,
        `Member must hold (lowerBound, upperBound) of one of [${RANGE_MEMBERS.join(", ")}] with operator BETWEEN`,
      );
      return false;
    }
    if (!lowerThanOrEqual(lower, upper)) {
      v.add(`${member}.values`, values, "Member's lowerBound must not be after its upperBound");
      return false;
    }
  }
  return true;
}

/**
 * The request's search criteria (already checked against the model), with the operators' own
 * rules checked; violations are added to `v`.
 */
export function readCriteria(
  searchCriteria: SearchCriteriaOnTheWire | undefined,
  v: Violations,
): Criteria {
  const filters = (searchCriteria?.filters ?? []).filter((filter, index) =>
    checkFilter(filter, `searchCriteria.filters.${index + 1}.member`, v),
  );
  const { sortField, sortOrder } = searchCriteria?.sort ?? {};
  return { filters, sort: sortField && sortOrder ? { sortField, sortOrder } : undefined };
}

const epochSeconds = (iso: string | undefined) =>
  iso === undefined ? undefined : Date.parse(iso) / 1000;

/** The highest version id (the model's `^\d+$`, so compared as integers); later wins a tie. */
export function latestVersion<V extends { versionId: string }>(
  versions: readonly V[],
): V | undefined {
  let latest: V | undefined;
  for (const version of versions) {
    if (latest === undefined || BigInt(version.versionId) >= BigInt(latest.versionId)) {
      latest = version;
    }
  }
  return latest;
}

/** An image set as SearchImageSets lists it: its latest version's dates, its DICOM tags. */
export function summaryOf(imageSet: ImageSet): WireSummary {
  const latest = latestVersion(imageSet.versions);
  return {
    imageSetId: imageSet.imageSetId,
    version: latest === undefined ? undefined : Number(latest.versionId),
    createdAt: epochSeconds(latest?.createdAt),
    updatedAt: epochSeconds(latest?.updatedAt),
    lastAccessedAt: epochSeconds(imageSet.lastAccessedAt),
    storageTier: imageSet.storageTier,
    DICOMTags: imageSet.DICOMTags,
    isPrimary: latest?.isPrimary,
  };
}

function studyMomentOf(tags: DICOMTags | undefined): string | undefined {
  return tags?.DICOMStudyDate === undefined
    ? undefined
    : studyMoment(tags.DICOMStudyDate, tags.DICOMStudyTime);
}

function matches(summary: WireSummary, filter: Filter): boolean {
  const [first, second] = filter.values;
  if (first === undefined) return false;
  const attribute = attributeOf(first);
  const tags = summary.DICOMTags;
  if (attribute === "createdAt" || attribute === "updatedAt") {
    const actual = summary[attribute];
    if (actual === undefined) return false;
    const from = first[attribute] ?? 0;
    return filter.operator === "EQUAL"
      ? actual === from
      : actual >= from && actual <= (second?.[attribute] ?? 0);
  }
  if (attribute === "DICOMStudyDateAndTime") {
    const actual = studyMomentOf(tags);
    const lower = first.DICOMStudyDateAndTime;
    if (actual === undefined || lower === undefined) return false;
    if (filter.operator === "EQUAL") {
      return lower.DICOMStudyTime === undefined
        ? tags?.DICOMStudyDate === lower.DICOMStudyDate
        : actual === studyMoment(lower.DICOMStudyDate ?? "", lower.DICOMStudyTime);
    }
    const upper = second?.DICOMStudyDateAndTime;
    return (
      upper !== undefined &&
      actual >= studyMoment(lower.DICOMStudyDate ?? "", lower.DICOMStudyTime) &&
      actual <= studyMoment(upper.DICOMStudyDate ?? "", upper.DICOMStudyTime, true)
    );
  }
  if (attribute === "isPrimary") return (summary.isPrimary ?? false) === first.isPrimary;
  // The remaining union members are DICOM text tags of the same name.
  const key = attribute as UnionMember & keyof DICOMTags;
  return tags?.[key] !== undefined && tags[key] === first[key];
}

function sortKey(summary: WireSummary, field: SortField): number | string | undefined {
  if (field === "DICOMStudyDateAndTime") return studyMomentOf(summary.DICOMTags);
  return summary[field];
}

/**
 * The image sets that pass every filter, sorted (by default, as AWS documents: updatedAt,
 * newest first). The sort is stable, so ties keep fixture order; image sets without the sort
 * field come last.
 */
export function search(imageSets: Iterable<ImageSet>, criteria: Criteria): WireSummary[] {
  const { sortField, sortOrder }: FullSort = criteria.sort ?? {
    sortField: "updatedAt",
    sortOrder: "DESC",
  };
  const direction = sortOrder === "ASC" ? 1 : -1;
  return [...imageSets]
    .map(summaryOf)
    .filter((summary) => criteria.filters.every((filter) => matches(summary, filter)))
    .sort((a, b) => {
      const left = sortKey(a, sortField);
      const right = sortKey(b, sortField);
      if (left === right) return 0;
      if (left === undefined) return 1;
      if (right === undefined) return -1;
      return left < right ? -direction : direction;
    });
}
