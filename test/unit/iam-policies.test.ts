import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  ACTIONS_NEEDING_NO_PERMISSION,
  iamAction,
  MUTATING_OPERATIONS,
  POLICY_FILES,
  policyFileFor,
} from "../../src/aws/iam.js";
import { awsError } from "../../src/graph/errors.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const IAM_DIR = join(ROOT, "deploy/iam");

/**
 * Credential providers that call AWS themselves: the gateway's identity needs their action too
 * (a role assumed with `fromTemporaryCredentials` is the several-accounts set-up).
 */
const PROVIDER_ACTIONS: Record<string, string> = {
  fromTemporaryCredentials: "sts:AssumeRole",
};

/** The verbs AWS operation names that change something begin with. */
const WRITE_VERBS =
  /^(Start|Stop|Cancel|Create|Delete|Update|Put|Send|Import|Export|Tag|Untag|Associate|Disassociate|Copy|Modify|Register|Deregister|Enable|Disable|Reset|Restore|Run|Terminate)[A-Z]/;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !relative(join(ROOT, "src"), path).startsWith("emulator/"));
}

/**
 * Every IAM action the gateway's code can need, read from its imports: each SDK command or
 * paginator imported from an `@aws-sdk/client-*` package (the action is `<service>:<Operation>`,
 * the service being the package name without `client-`), and each credential provider that calls
 * AWS. The emulator is left out: it answers calls, it sends none.
 */
async function actionsTheCodeSends(): Promise<Map<string, string[]>> {
  const actions = new Map<string, string[]>();
  const add = (action: string, file: string) => {
    actions.set(action, [...(actions.get(action) ?? []), relative(ROOT, file)]);
  };
  for (const file of await sourceFiles(join(ROOT, "src"))) {
    const text = await readFile(file, "utf8");
    for (const match of text.matchAll(/import\s*(type\s+)?\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
      const [, wholeImportIsType, names = "", from = ""] = match;
      if (wholeImportIsType) continue;
      const imported = names
        .split(",")
        .map((name) => name.trim())
        .filter((name) => name && !name.startsWith("type "))
        .map((name) => name.split(/\s+as\s+/)[0] ?? name);
      const client = /^@aws-sdk\/client-(.+)$/.exec(from)?.[1];
      for (const name of imported) {
        const operation = client && /^(?:(\w+)Command|paginate(\w+))$/.exec(name);
        if (client && operation) add(`${client}:${operation[1] ?? operation[2]}`, file);
        const providerAction = PROVIDER_ACTIONS[name];
        if (from.startsWith("@aws-sdk/") && providerAction) add(providerAction, file);
      }
    }
  }
  return actions;
}

interface Statement {
  Effect: string;
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: string | string[];
  Principal?: unknown;
}

async function policy(file: string): Promise<Statement[]> {
  const document = JSON.parse(await readFile(join(ROOT, file), "utf8")) as {
    Version: string;
    Statement: Statement[];
  };
  expect(document.Version, file).toBe("2012-10-17");
  return document.Statement;
}

function actionsOf(statements: Statement[]): string[] {
  return statements.flatMap((statement) => [statement.Action ?? []].flat());
}

const sent = await actionsTheCodeSends();
const permissionFiles = (await readdir(IAM_DIR))
  .filter((name) => name.endsWith("-policy.json") && !name.endsWith("trust-policy.json"))
  .map((name) => `deploy/iam/${name}`);

describe("IAM policies in deploy/iam", () => {
  it("are found, and so are the operations the code sends", () => {
    expect(permissionFiles.sort()).toEqual(Object.values(POLICY_FILES).sort());
    // The collector itself works: a read, the mutation and a readiness probe are among them.
    expect([...sent.keys()]).toEqual(
      expect.arrayContaining([
        "imagebuilder:ListImagePackages",
        "imagebuilder:StartImagePipelineExecution",
        "appstream:DescribeImages",
      ]),
    );
  });

  it("allow only, name every action exactly (no wildcard, no NotAction)", async () => {
    for (const file of [...permissionFiles, "deploy/iam/reader-trust-policy.json"]) {
      for (const statement of await policy(file)) {
        expect(statement.Effect, file).toBe("Allow");
        expect(statement.NotAction, file).toBeUndefined();
        for (const action of actionsOf([statement])) {
          expect(action, file).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
        }
      }
    }
  });

  it("grant every action the code sends, each in the policy error messages point to", async () => {
    for (const [action, files] of sent) {
      if (ACTIONS_NEEDING_NO_PERMISSION.has(action)) continue;
      const operation = action.split(":")[1] ?? "";
      const file = policyFileFor({ operation });
      expect(actionsOf(await policy(file)), `${action} (sent from ${files.join(", ")})`).toContain(
        action,
      );
    }
  });

  it("grant nothing the code does not send, and nothing twice", async () => {
    const granted = (await Promise.all(permissionFiles.map(policy))).flatMap(actionsOf);
    expect(granted.filter((action) => !sent.has(action))).toEqual([]);
    expect(granted.filter((action) => ACTIONS_NEEDING_NO_PERMISSION.has(action))).toEqual([]);
    expect(granted.length).toBe(new Set(granted).size);
  });

  it("keep writes out of the reader policy", async () => {
    // AWS names its writes with these verbs: one the code sends must be granted as a mutation.
    const writes = [...sent.keys()]
      .map((action) => action.split(":")[1] ?? "")
      .filter((operation) => WRITE_VERBS.test(operation));
    expect(writes.filter((operation) => !MUTATING_OPERATIONS.has(operation))).toEqual([]);
    const reader = actionsOf(await policy(POLICY_FILES.reader));
    for (const operation of MUTATING_OPERATIONS) {
      expect(reader.some((action) => action.endsWith(`:${operation}`))).toBe(false);
      // A write nobody sends any more would leave the mutations policy granting it.
      expect([...sent.keys()].some((action) => action.endsWith(`:${operation}`))).toBe(true);
    }
  });

  it("let the reader role be assumed by one named principal only", async () => {
    const [statement, ...others] = await policy("deploy/iam/reader-trust-policy.json");
    expect(others).toEqual([]);
    expect(statement?.Action).toBe("sts:AssumeRole");
    expect(JSON.stringify(statement?.Principal)).toMatch(
      /"AWS":"arn:aws:iam::\d{12}:role\/[\w+=,.@-]+"/,
    );
  });
});

describe("an access-denied answer from AWS", () => {
  function denied(operation: string) {
    const error = Object.assign(new Error(`User is not authorized to perform ${operation}`), {
      name: "AccessDeniedException",
      $metadata: { httpStatusCode: 403, requestId: "r-1", attempts: 1 },
    });
    return awsError(error, { service: "imagebuilder", operation, region: "us-east-1" });
  }

  it("names the missing action and the reader policy for a read", () => {
    const error = denied("ListImagePipelines");
    expect(error.extensions).toMatchObject({
      code: "FORBIDDEN",
      iamAction: "imagebuilder:ListImagePipelines",
    });
    expect(error.message).toContain("imagebuilder:ListImagePipelines");
    expect(error.message).toContain(POLICY_FILES.reader);
  });

  it("names the mutations policy for a write", () => {
    const error = denied("StartImagePipelineExecution");
    expect(iamAction({ service: "imagebuilder", operation: "StartImagePipelineExecution" })).toBe(
      "imagebuilder:StartImagePipelineExecution",
    );
    expect(error.message).toContain("imagebuilder:StartImagePipelineExecution");
    expect(error.message).toContain(POLICY_FILES.mutations);
  });
});
