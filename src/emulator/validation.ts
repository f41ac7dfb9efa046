// Request validation from the AWS models. The SDK validates nothing client-side, so every
// constraint the model gives an operation's input (required members, types, lengths, ranges,
// patterns, enums, unions, list and map sizes) is checked here, by walking the input shape in the
// generated model (src/aws/generated). Messages follow AWS's own wording ("Value ... at 'member'
// failed to satisfy constraint: ...") and always name the member, the problem and what is allowed.

import {
  codePointLength,
  type ModelShape,
  modelPattern,
  type ServiceModel,
  shapeOf,
} from "../aws/model.js";
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

/**
 * Values accepted although the model's pattern refuses them, by member path (e.g. identifiers the
 * fixture defines in a form of its own).
 */
export type PatternExemptions = Readonly<Record<string, (value: string) => boolean>>;

/** The input shape of `operation`; throws when the model has no such operation. */
export function inputShapeOf(model: ServiceModel, operation: string): ModelShape | undefined {
  const found = model.operations[operation];
  if (found === undefined) {
    throw new Error(`The ${model.service} model has no operation ${operation}`);
  }
  return found.input === undefined ? undefined : shapeOf(model, found.input);
}

/**
 * Checks `input` against the input shape `operation` has in `model`, adding every violation to
 * `v`. Members the model does not know are ignored, as AWS ignores them.
 */
export function checkInput(
  model: ServiceModel,
  operation: string,
  input: Input,
  v: Violations,
  exemptions: PatternExemptions = {},
): void {
  const shape = inputShapeOf(model, operation);
  if (shape !== undefined) checkMembers(model, shape, input, "", v, exemptions);
}

function checkMembers(
  model: ServiceModel,
  shape: ModelShape,
  value: Input,
  prefix: string,
  v: Violations,
  exemptions: PatternExemptions,
): void {
  const members = shape.members ?? {};
  const names = Object.keys(members);
  if (shape.union) {
    const set = names.filter((name) => value[name] !== undefined && value[name] !== null);
    if (set.length !== 1) {
      v.add(
        prefix.slice(0, -1),
        value,
        `Member is a union: exactly one of [${names.join(", ")}] must be set, ${set.length} are`,
      );
      return;
    }
  }
  const required = new Set(shape.required ?? []);
  for (const name of names) {
    const member = members[name];
    if (member === undefined) continue;
    const path = `${prefix}${name}`;
    const memberValue = value[name];
    if (memberValue === undefined || memberValue === null) {
      if (required.has(name)) v.add(path, memberValue, "Member must not be null");
      continue;
    }
    checkValue(model, member.shape, memberValue, path, v, exemptions);
  }
}

function lengthRule(shape: ModelShape): string {
  const { min, max } = shape;
  if (min !== undefined && max !== undefined)
    return `Member must have length between ${min} and ${max}`;
  if (min !== undefined) return `Member must have length greater than or equal to ${min}`;
  return `Member must have length less than or equal to ${max}`;
}

const outside = (shape: ModelShape, size: number) =>
  (shape.min !== undefined && size < shape.min) || (shape.max !== undefined && size > shape.max);

const isObject = (value: unknown): value is Input =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Checks one value against its shape. */
function checkValue(
  model: ServiceModel,
  shapeName: string,
  value: unknown,
  path: string,
  v: Violations,
  exemptions: PatternExemptions,
): void {
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case "string": {
      if (typeof value !== "string") {
        v.add(path, value, "Member must be a string");
        break;
      }
      if (outside(shape, codePointLength(value))) {
        v.add(path, value, lengthRule(shape));
        break;
      }
      if (
        shape.pattern !== undefined &&
        !modelPattern(shape.pattern).test(value) &&
        !exemptions[path]?.(value)
      ) {
        v.add(path, value, `Member must satisfy regular expression pattern: ${shape.pattern}`);
        break;
      }
      if (shape.enum !== undefined && !shape.enum.includes(value)) {
        v.add(path, value, `Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
      }
      break;
    }
    case "integer":
    case "long": {
      if (typeof value !== "number" || !Number.isInteger(value)) {
        const range =
          shape.min !== undefined && shape.max !== undefined
            ? ` between ${shape.min} and ${shape.max}`
            : "";
        v.add(path, value, `Member must be an integer${range}`);
      } else if (shape.min !== undefined && value < shape.min) {
        v.add(path, value, `Member must have value greater than or equal to ${shape.min}`);
      } else if (shape.max !== undefined && value > shape.max) {
        v.add(path, value, `Member must have value less than or equal to ${shape.max}`);
      }
      break;
    }
    case "float":
    case "double":
      if (typeof value !== "number" || !Number.isFinite(value)) {
        v.add(path, value, "Member must be a number");
      }
      break;
    case "boolean":
      if (typeof value !== "boolean") v.add(path, value, "Member must be a boolean");
      break;
    case "timestamp":
      // JSON bodies carry timestamps as epoch seconds (the restJson1 and awsJson default).
      if (typeof value !== "number" || !Number.isFinite(value)) {
        v.add(path, value, "Member must be a timestamp in epoch seconds");
      }
      break;
    case "list": {
      if (!Array.isArray(value)) {
        v.add(path, value, "Member must be a list");
        break;
      }
      if (outside(shape, value.length)) {
        v.add(path, value, lengthRule(shape));
        break;
      }
      value.forEach((item: unknown, index) => {
        const at = `${path}.${index + 1}.member`;
        if (item === null || item === undefined) v.add(at, item, "Member must not be null");
        else checkValue(model, shape.member ?? "", item, at, v, exemptions);
      });
      break;
    }
    case "map": {
      if (!isObject(value)) {
        v.add(path, value, "Member must be a map");
        break;
      }
      const entries = Object.entries(value);
      if (outside(shape, entries.length)) {
        v.add(path, value, lengthRule(shape));
        break;
      }
      for (const [key, entry] of entries) {
        checkValue(model, shape.key ?? "", key, `${path}.key`, v, exemptions);
        checkValue(model, shape.value ?? "", entry, `${path}.${key}`, v, exemptions);
      }
      break;
    }
    case "structure":
      if (!isObject(value)) v.add(path, value, "Member must be a structure");
      else checkMembers(model, shape, value, `${path}.`, v, exemptions);
      break;
    default:
      // blob and document members carry no constraint the emulator's operations use.
      break;
  }
}
