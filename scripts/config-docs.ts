/**
 * Writes docs/configuration.md from the descriptions and defaults of the configuration schema
 * (src/config.ts): `npm run docs:config`. test/unit/config-docs.test.ts fails when the committed
 * page differs from what this prints.
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describeConfig } from "../src/config.js";

export const CONFIGURATION_PAGE = fileURLToPath(
  new URL("../docs/configuration.md", import.meta.url),
);

const INTRODUCTION = `# Configuration

<!-- Generated from src/config.ts by \`npm run docs:config\`; edit the descriptions there. -->

The gateway is configured by environment variables only. Every variable is validated at start-up,
and every invalid one is reported together in one message that names the variable, the form it
must have and the value it had, e.g. \`PORT: must be a whole number from 0 to 65535, got "70000"\`.
A \`HOST\` or \`PORT\` the machine cannot listen on is named the same way. An empty variable counts
as unset. The AWS SDK reads its own variables as well (credentials, \`AWS_PROFILE\`,
\`AWS_ENDPOINT_URL\` and the service-specific \`AWS_ENDPOINT_URL_*\`): see
[deployment.md](deployment.md#pointing-it-at-your-aws-account).`;

/** The page, as the schema describes it now. */
export function configurationPage(): string {
  const variables = describeConfig();
  const index = variables.map(({ name }) => `[\`${name}\`](#${name.toLowerCase()})`).join(" ·\n");
  const sections = variables.map((variable) => {
    const facts = [
      variable.default === undefined ? undefined : `Default: \`${variable.default}\`.`,
      variable.emulator ? "Read by `npm run emulator` too." : undefined,
    ].filter(Boolean);
    return [
      `### ${variable.name}`,
      "",
      wrap(variable.description),
      ...(facts.length ? ["", facts.join(" ")] : []),
    ].join("\n");
  });
  return `${[INTRODUCTION, `## Variables\n\n${index}`, ...sections].join("\n\n")}\n`;
}

/** Text as lines of at most 100 characters, broken between words. */
function wrap(text: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > 100) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const page = configurationPage();
  if (process.argv.includes("--check")) {
    const committed = await readFile(CONFIGURATION_PAGE, "utf8").catch(() => "");
    if (committed !== page) {
      console.error("docs/configuration.md is stale. Run `npm run docs:config` and commit it.");
      process.exit(1);
    }
  } else {
    await writeFile(CONFIGURATION_PAGE, page);
  }
}
