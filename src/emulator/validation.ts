// Request member validation. The SDK validates nothing client-side, so every documented
// constraint is checked here. Messages follow AWS's own wording ("Value ... at 'member' failed to
// satisfy constraint: ...") and always name the member, the problem and the allowed form.

import { patternText } from "./constraints.js";
import { type ErrorKind, type Input, ServiceError } from "./protocol.js";

function show(value: unknown): string {
  if (value === undefined || value === null) return "null";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `'${text.length > 200 ? `${text.slice(0, 200)}…` : text}'`;
}

export class Violations {
  private readonly problems: string[] = [];

  add(member: string, value: unknown, constraint: string): void {
    this.problems.push(
      `Value ${show(value)} at '${member}' failed to satisfy constraint: ${constraint}`,
    );
  }

  /** Throws `kind` listing every violation, if there were any. */
  throwIfAny(kind: ErrorKind): void {
    const count = this.problems.length;
    if (count === 0) return;
    const heading = `${count} validation error${count === 1 ? "" : "s"} detected: `;
    throw new ServiceError(kind, heading + this.problems.join("; "));
  }
}

export interface StringRules {
  required?: boolean;
  pattern?: RegExp;
  /** Values accepted although they break `pattern` (e.g. identifiers the fixture defines). */
  patternExempt?: (value: string) => boolean;
  minLength?: number;
  maxLength?: number;
  /** Allowed values, for enums. */
  oneOf?: readonly string[];
}

function checkString(member: string, value: string, rules: StringRules, v: Violations): boolean {
  const { minLength = 0, maxLength = Number.POSITIVE_INFINITY } = rules;
  if (value.length < minLength || value.length > maxLength) {
    const bounds =
      maxLength === Number.POSITIVE_INFINITY
        ? `Member must have length greater than or equal to ${minLength}`
        : `Member must have length between ${minLength} and ${maxLength}`;
    v.add(member, value, bounds);
    return false;
  }
  if (rules.pattern && !rules.pattern.test(value) && !rules.patternExempt?.(value)) {
    v.add(
      member,
      value,
      `Member must satisfy regular expression pattern: ${patternText(rules.pattern)}`,
    );
    return false;
  }
  if (rules.oneOf && !rules.oneOf.includes(value)) {
    v.add(member, value, `Member must satisfy enum value set: [${rules.oneOf.join(", ")}]`);
    return false;
  }
  return true;
}

export function readString(
  input: Input,
  member: string,
  rules: StringRules,
  v: Violations,
): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) {
    if (rules.required) v.add(member, value, "Member must not be null");
    return undefined;
  }
  if (typeof value !== "string") {
    v.add(member, value, "Member must be a string");
    return undefined;
  }
  return checkString(member, value, rules, v) ? value : undefined;
}

export function readInteger(
  input: Input,
  member: string,
  range: { min: number; max: number },
  v: Violations,
): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    v.add(member, value, `Member must be an integer between ${range.min} and ${range.max}`);
    return undefined;
  }
  if (value < range.min) {
    v.add(member, value, `Member must have value greater than or equal to ${range.min}`);
    return undefined;
  }
  if (value > range.max) {
    v.add(member, value, `Member must have value less than or equal to ${range.max}`);
    return undefined;
  }
  return value;
}

export function readStringList(
  input: Input,
  member: string,
  itemRules: StringRules,
  v: Violations,
): string[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    v.add(member, value, "Member must be a list of strings");
    return undefined;
  }
  let valid = true;
  value.forEach((item: unknown, index) => {
    const itemMember = `${member}.${index + 1}.member`;
    if (typeof item !== "string") {
      v.add(itemMember, item, "Member must be a string");
      valid = false;
    } else if (!checkString(itemMember, item, itemRules, v)) valid = false;
  });
  return valid ? (value as string[]) : undefined;
}

export interface MapRules {
  minEntries: number;
  maxEntries: number;
  key: StringRules;
  value: StringRules;
}

export function readStringMap(
  input: Input,
  member: string,
  rules: MapRules,
  v: Violations,
): Record<string, string> | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    v.add(member, value, "Member must be a map of string to string");
    return undefined;
  }
  const entries = Object.entries(value);
  let valid = true;
  if (entries.length < rules.minEntries || entries.length > rules.maxEntries) {
    v.add(
      member,
      value,
      `Member must have between ${rules.minEntries} and ${rules.maxEntries} entries (has ${entries.length})`,
    );
    valid = false;
  }
  for (const [key, entry] of entries) {
    if (!checkString(`${member}.key`, key, rules.key, v)) valid = false;
    if (typeof entry !== "string") {
      v.add(`${member}.${key}`, entry, "Member must be a string");
      valid = false;
    } else if (!checkString(`${member}.${key}`, entry, rules.value, v)) valid = false;
  }
  return valid ? (value as Record<string, string>) : undefined;
}

/** For a required member after `throwIfAny`: its absence would be a bug in the emulator. */
export function present<T>(value: T | undefined, member: string): T {
  if (value === undefined) throw new Error(`${member} passed validation but has no value`);
  return value;
}

/** An Image Builder list filter (`Filter`): a member name and the values it may have. */
export interface ListFilter {
  name: string;
  values: string[];
}

/**
 * Image Builder's `filters` (FilterList): 1 to 10 filters, each a name matching `namePattern` and
 * 1 to 10 values matching `valuePattern`. Which names an operation supports is its own check.
 */
export function readFilters(
  input: Input,
  member: string,
  rules: { namePattern: RegExp; valuePattern: RegExp },
  v: Violations,
): ListFilter[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    v.add(member, value, "Member must be a list of Filter objects");
    return undefined;
  }
  if (value.length < 1 || value.length > 10) {
    v.add(member, value, "Member must have length between 1 and 10");
    return undefined;
  }
  const filters: ListFilter[] = [];
  value.forEach((item: unknown, index) => {
    const at = `${member}.${index + 1}.member`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      v.add(at, item, "Member must be a Filter object with name and values");
      return;
    }
    const filter = item as Input;
    const name = readString(filter, "name", { required: true, pattern: rules.namePattern }, v);
    const values = readStringList(filter, "values", { pattern: rules.valuePattern }, v);
    if (values === undefined && filter.values === undefined) {
      v.add(`${at}.values`, undefined, "Member must not be null");
    } else if (values !== undefined && (values.length < 1 || values.length > 10)) {
      v.add(`${at}.values`, values, "Member must have length between 1 and 10");
    } else if (name !== undefined && values !== undefined) {
      filters.push({ name, values });
    }
  });
  return filters;
}
