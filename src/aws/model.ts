// The shape of the AWS service models in src/aws/generated (written by
// scripts/generate-aws-data.ts from botocore's copies of the AWS models): operations and the
// constraint traits of every shape their inputs and outputs reach. Documentation is left out.

export type ShapeType =
  | "blob"
  | "boolean"
  | "document"
  | "double"
  | "float"
  | "integer"
  | "list"
  | "long"
  | "map"
  | "string"
  | "structure"
  | "timestamp";

export interface ModelMember {
  shape: string;
  /** Where a REST member travels when not in the body. */
  location?: "header" | "headers" | "querystring" | "statusCode" | "uri";
  locationName?: string;
  idempotencyToken?: boolean;
}

export interface ModelShape {
  type: ShapeType;
  /** Length (strings: Unicode code points; lists and maps: entries) or value range. */
  min?: number;
  max?: number;
  /** An ECMA 262 regular expression, matched as a search: unanchored unless it has ^ or $. */
  pattern?: string;
  enum?: readonly string[];
  required?: readonly string[];
  members?: Readonly<Record<string, ModelMember>>;
  /** A structure of which exactly one member is set. */
  union?: boolean;
  /** The member shape of a list, the key and value shapes of a map. */
  member?: string;
  key?: string;
  value?: string;
  /** The member that is the whole HTTP body. */
  payload?: string;
  /** Error shapes: the status AWS answers with. */
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  exception?: boolean;
  fault?: boolean;
}

export interface ModelOperation {
  http: { method: string; requestUri: string; responseCode?: number };
  input?: string;
  output?: string;
  errors: readonly string[];
}

export interface ServiceModel {
  /** The botocore data directory name, e.g. `imagebuilder`. */
  service: string;
  apiVersion: string;
  protocol: string;
  endpointPrefix: string;
  signingName: string;
  targetPrefix?: string;
  operations: Readonly<Record<string, ModelOperation>>;
  shapes: Readonly<Record<string, ModelShape>>;
}

/** A model's shape by name; a missing one is a bug in generated data or in the caller. */
export function shapeOf(model: ServiceModel, name: string): ModelShape {
  const shape = model.shapes[name];
  if (shape === undefined) throw new Error(`${model.service} model has no shape ${name}`);
  return shape;
}

const compiled = new Map<string, RegExp>();

/**
 * A model pattern as a RegExp with the model's semantics: a search (anchored only where the
 * pattern itself says so), in unicode mode when it uses `\p{…}` or `\u{…}` escapes. Other patterns
 * compile in the non-unicode mode some AWS character classes (`[a-z0-9-_]`) need.
 */
export function modelPattern(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(pattern, /\\[pPu]\{/.test(pattern) ? "u" : "");
    compiled.set(pattern, regex);
  }
  return regex;
}

/** The pattern of a string shape, compiled; throws when the shape has none. */
export function shapePattern(model: ServiceModel, name: string): RegExp {
  const { pattern } = shapeOf(model, name);
  if (pattern === undefined) throw new Error(`${model.service} shape ${name} has no pattern`);
  return modelPattern(pattern);
}

/** Smithy counts a string's length in Unicode code points, not UTF-16 units. */
export const codePointLength = (value: string): number => {
  let length = 0;
  for (const _ of value) length++;
  return length;
};

/** The shape of one member of an operation's input. */
export function inputMemberShape(
  model: ServiceModel,
  operation: string,
  member: string,
): ModelShape {
  const input = model.operations[operation]?.input;
  const target = input === undefined ? undefined : shapeOf(model, input).members?.[member];
  if (target === undefined) {
    throw new Error(`${model.service} ${operation} has no input member ${member}`);
  }
  return shapeOf(model, target.shape);
}

/** The shape of one member of a structure. */
export function memberShape(model: ServiceModel, structure: string, member: string): ModelShape {
  const target = shapeOf(model, structure).members?.[member];
  if (target === undefined)
    throw new Error(`${model.service} ${structure} has no member ${member}`);
  return shapeOf(model, target.shape);
}
