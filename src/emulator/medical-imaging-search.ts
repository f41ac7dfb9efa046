// SearchImageSets' search criteria: validation of the request payload (every constraint of the
// current HealthImaging model and API reference) and matching and sorting of image sets.

import {
  type DICOMTags,
  type ImageSetsMetadataSummary,
  Operator,
  type SearchByAttributeValue,
  type Sort,
  SortField,
  SortOrder,
} from "@aws-sdk/client-medical-imaging";
import { DICOM_UID } from "./constraints.js";
import type { DatesAs } from "./fixture.js";
import type { Input } from "./protocol.js";
import type { ImageSet } from "./state.js";
import { readString, type Violations } from "./validation.js";

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

const LIST_RANGE = { min: 1, max: 2 };
const STRING_MEMBERS = {
  DICOMPatientId: { maxLength: 512 },
  DICOMAccessionNumber: { maxLength: 512 },
  DICOMStudyId: { maxLength: 512 },
  DICOMStudyInstanceUID: { maxLength: 512, pattern: DICOM_UID },
  DICOMSeriesInstanceUID: { maxLength: 512, pattern: DICOM_UID },
} as const;
const TIMESTAMP_MEMBERS = ["createdAt", "updatedAt"] as const;
const UNION_MEMBERS = [
  ...Object.keys(STRING_MEMBERS),
  ...TIMESTAMP_MEMBERS,
  "DICOMStudyDateAndTime",
  "isPrimary",
];
/** The members a BETWEEN filter can range over ("All date range queries must be input as (lowerBound, upperBound)"). */
const RANGE_MEMBERS = ["createdAt", "updatedAt", "DICOMStudyDateAndTime"];

const isObject = (value: unknown): value is Input =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function readList(value: unknown, member: string, v: Violations): unknown[] | undefined {
  if (!Array.isArray(value)) {
    v.add(member, value, "Member must be a list");
    return undefined;
  }
  if (value.length < LIST_RANGE.min || value.length > LIST_RANGE.max) {
    v.add(member, value, `Member must have length between ${LIST_RANGE.min} and ${LIST_RANGE.max}`);
    return undefined;
  }
  return value;
}

function readAttributeValue(
  value: unknown,
  member: string,
  v: Violations,
): WireAttributeValue | undefined {
  if (!isObject(value)) {
    v.add(member, value, "Member must be a structure");
    return undefined;
  }
  const set = UNION_MEMBERS.filter((name) => value[name] !== undefined && value[name] !== null);
  if (set.length !== 1) {
    v.add(
      member,
      value,
      `Member is a union: exactly one of [${UNION_MEMBERS.join(", ")}] must be set, ${set.length} are`,
    );
    return undefined;
  }
  const name = set[0] as string;
  const path = `${member}.${name}`;
  const raw = value[name];
  if (name in STRING_MEMBERS) {
    const rules = STRING_MEMBERS[name as keyof typeof STRING_MEMBERS];
    const text = readString({ [path]: raw }, path, { minLength: 0, ...rules }, v);
    return text === undefined ? undefined : ({ [name]: text } as WireAttributeValue);
  }
  if (name === "createdAt" || name === "updatedAt") {
    if (typeof raw !== "number" || !Number.isFinite(raw)) {
      v.add(path, raw, "Member must be a timestamp in epoch seconds");
      return undefined;
    }
    return { [name]: raw } as WireAttributeValue;
  }
  if (name === "isPrimary") {
    if (typeof raw !== "boolean") {
      v.add(path, raw, "Member must be a boolean");
      return undefined;
    }
    return { isPrimary: raw };
  }
  if (!isObject(raw)) {
    v.add(path, raw, "Member must be a structure");
    return undefined;
  }
  const date = readString(
    raw,
    "DICOMStudyDate",
    { required: true, minLength: 0, maxLength: 18 },
    v,
  );
  const time = readString(raw, "DICOMStudyTime", { minLength: 0, maxLength: 28 }, v);
  if (date === undefined) return undefined;
  return { DICOMStudyDateAndTime: { DICOMStudyDate: date, DICOMStudyTime: time } };
}

const attributeOf = (value: WireAttributeValue): string =>
  Object.keys(value).find((key) => UNION_MEMBERS.includes(key)) ?? "";

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

function readFilter(value: unknown, member: string, v: Violations): Filter | undefined {
  if (!isObject(value)) {
    v.add(member, value, "Member must be a structure");
    return undefined;
  }
  const operator = readString(
    value,
    "operator",
    { required: true, oneOf: Object.values(Operator) },
    v,
  ) as Operator | undefined;
  if (value.values === undefined || value.values === null) {
    v.add(`${member}.values`, value.values, "Member must not be null");
    return undefined;
  }
  const list = readList(value.values, `${member}.values`, v);
  if (list === undefined || operator === undefined) return undefined;
  const values = list.map((item, index) =>
    readAttributeValue(item, `${member}.values.${index + 1}.member`, v),
  );
  if (values.some((item) => item === undefined)) return undefined;
  const valid = values as WireAttributeValue[];
  if (operator === "EQUAL" && valid.length !== 1) {
    v.add(`${member}.values`, list, "Member must hold exactly one value with operator EQUAL");
    return undefined;
  }
  if (operator === "BETWEEN") {
    const [lower, upper] = valid;
    const attribute = lower ? attributeOf(lower) : "";
    if (
      valid.length !== 2 ||
      !lower ||
      !upper ||
      attribute !== attributeOf(upper) ||
      !RANGE_MEMBERS.includes(attribute)
    ) {
      v.add(
        `${member}.values`,
        list,
        `Member must hold (lowerBound, upperBound) of one of [${RANGE_MEMBERS.join(", ")}] with operator BETWEEN`,
      );
      return undefined;
    }
    if (!lowerThanOrEqual(lower, upper)) {
      v.add(`${member}.values`, list, "Member's lowerBound must not be after its upperBound");
      return undefined;
    }
  }
  return { operator, values: valid };
}

function readSort(value: unknown, v: Violations): FullSort | undefined {
  if (!isObject(value)) {
    v.add("searchCriteria.sort", value, "Member must be a structure");
    return undefined;
  }
  const sortOrder = readString(
    value,
    "sortOrder",
    { required: true, oneOf: Object.values(SortOrder) },
    v,
  ) as SortOrder | undefined;
  const sortField = readString(
    value,
    "sortField",
    { required: true, oneOf: Object.values(SortField) },
    v,
  ) as SortField | undefined;
  return sortOrder && sortField ? { sortOrder, sortField } : undefined;
}

/** The request's search criteria, validated; violations are added to `v`. */
export function readCriteria(input: Input, v: Violations): Criteria {
  const raw = input.searchCriteria;
  if (raw === undefined || raw === null) return { filters: [] };
  if (!isObject(raw)) {
    v.add("searchCriteria", raw, "Member must be a structure");
    return { filters: [] };
  }
  let filters: Filter[] = [];
  if (raw.filters !== undefined && raw.filters !== null) {
    const list = readList(raw.filters, "searchCriteria.filters", v);
    const read = (list ?? []).map((item, index) =>
      readFilter(item, `searchCriteria.filters.${index + 1}.member`, v),
    );
    filters = read.filter((filter): filter is Filter => filter !== undefined);
  }
  const sort = raw.sort === undefined || raw.sort === null ? undefined : readSort(raw.sort, v);
  return { filters, sort };
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
  const key = attribute as keyof typeof STRING_MEMBERS;
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
