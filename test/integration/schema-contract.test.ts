import {
  buildClientSchema,
  type GraphQLSchema,
  getIntrospectionQuery,
  type IntrospectionQuery,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appStreamImages, fixture, imageArn, packages } from "../helpers/fixtures.js";
import { expectData, startTestGateway, type TestGateway } from "../helpers/gateway.js";

// What clients see: the schema as the running gateway introspects, federation fields included.
let gateway: TestGateway;
let schema: GraphQLSchema;

const IMAGE = imageArn("web-server");

beforeAll(async () => {
  gateway = await startTestGateway({
    fixture: fixture({
      imageBuilder: { images: [{ arn: IMAGE, packages: packages(3) }] },
      appStream: { images: appStreamImages(2) },
    }),
  });
  const introspection = expectData<IntrospectionQuery>(
    await gateway.query(
      getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, schemaDescription: true }),
    ),
  );
  schema = buildClientSchema(introspection);
});

afterAll(() => gateway?.close());

/** Every field name that two members of one abstract type share, with differing types. */
function conflictingFields(target: GraphQLSchema): string[] {
  const conflicts: string[] = [];
  for (const type of Object.values(target.getTypeMap())) {
    if (!isAbstractType(type) || isIntrospectionType(type)) continue;
    const firstSeen = new Map<string, { owner: string; type: string }>();
    for (const member of target.getPossibleTypes(type)) {
      for (const field of Object.values(member.getFields())) {
        const seen = firstSeen.get(field.name);
        const fieldType = String(field.type);
        if (!seen) firstSeen.set(field.name, { owner: member.name, type: fieldType });
        else if (seen.type !== fieldType) {
          conflicts.push(
            `${type.name}: ${seen.owner}.${field.name} is ${seen.type} but ${member.name}.${field.name} is ${fieldType}`,
          );
        }
      }
    }
  }
  return conflicts;
}

/** Every schema coordinate that has no description. */
function undescribed(target: GraphQLSchema): string[] {
  const missing: string[] = [];
  if (!target.description) missing.push("schema");
  for (const type of Object.values(target.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    if (!type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        if ("args" in field) {
          for (const arg of field.args) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
          }
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing;
}

describe("the schema as clients see it", () => {
  it("gives a field one type across every member of an interface or union", () => {
    expect(schema.getType("Node")).toBeDefined();
    expect(schema.getType("_Entity")).toBeDefined();
    expect(conflictingFields(schema)).toEqual([]);
  });

  it("describes the schema and every type, field, argument, input field and enum value", () => {
    expect(undescribed(schema)).toEqual([]);
  });

  it("says which specification DateTime follows", () => {
    const dateTime = schema.getType("DateTime");
    expect(dateTime && "specifiedByURL" in dateTime ? dateTime.specifiedByURL : undefined).toBe(
      "https://www.rfc-editor.org/rfc/rfc3339",
    );
  });

  it("runs one selection across Node types that share field names", async () => {
    const ids = expectData<{
      imageBuildVersion: { id: string };
      appStreamImages: { edges: Array<{ node: { id: string } }> };
    }>(
      await gateway.query(
        `query ($arn: String!) {
          imageBuildVersion(arn: $arn) { id }
          appStreamImages(type: PRIVATE, first: 1) { edges { node { id } } }
        }`,
        { arn: IMAGE },
      ),
    );
    const appStreamId = ids.appStreamImages.edges[0]?.node.id;
    const data = expectData<{ nodes: Array<{ __typename: string; arn: string; name: string }> }>(
      await gateway.query(
        `query Polymorphic($ids: [ID!]!) {
          nodes(ids: $ids) {
            __typename
            ... on ImageBuildVersion { arn name }
            ... on AppStreamImage { arn name }
          }
        }`,
        { ids: [ids.imageBuildVersion.id, appStreamId] },
      ),
    );
    expect(data.nodes.map((node) => node.__typename)).toEqual([
      "ImageBuildVersion",
      "AppStreamImage",
    ]);
    expect(data.nodes[0]?.arn).toBe(IMAGE);
    expect(data.nodes[1]?.arn).toMatch(/^arn:aws:appstream:/);
  });
});

describe("the checks themselves", () => {
  it("notice a conflict and a missing description", async () => {
    const { buildSchema } = await import("graphql");
    const broken = buildSchema(`
      interface Node { id: ID! }
      type A implements Node { id: ID! arn: String! }
      type B implements Node { id: ID! arn: String }
      type Query { node: Node }
    `);
    expect(conflictingFields(broken)).toEqual(["Node: A.arn is String! but B.arn is String"]);
    expect(undescribed(broken)).toContain("A.arn");
    expect(undescribed(broken)).toContain("schema");
  });
});
