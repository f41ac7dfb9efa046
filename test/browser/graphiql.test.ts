import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Kind, parse } from "graphql";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FIXTURE_PATH, loadFixtureFile } from "../../src/emulator/index.js";
import { GRAPHIQL_EXAMPLES } from "../../src/http/graphiql-examples.js";
import { fixture } from "../helpers/fixtures.js";
import { startTestGateway, type TestGateway } from "../helpers/gateway.js";

// Debian's Chromium: Playwright's own browser downloads are not available everywhere we run.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
// The first example starts at the first pipeline of fixtures/demo.json, whose newest build's
// packages follow; the editor renders only the lines in view, so look for the builds' ARN.
const FIRST_DEMO_BUILD = "image/web-server/1.2.0/2";
const WAIT = { timeout: 30_000 };

let browser: Browser;
let pageServer: Server;
let pageOrigin: string;
/** Serves GraphiQL and allows `pageOrigin`. */
let gateway: TestGateway;
/** Allows another origin only. */
let refusing: TestGateway;

/**
 * A page of "another site": it fetch()es the gateway named in its query string from the browser,
 * with a JSON body (so a CORS preflight too), and writes the outcome into #result.
 */
const CROSS_ORIGIN_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>cross-origin client</title><link rel="icon" href="data:,"></head>
<body><pre id="result">pending</pre>
<script>
  const gateway = new URLSearchParams(location.search).get("gateway");
  fetch(gateway, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query: '{ appStreamImage(name: "finance-desktop-win2022-2026-02") { displayName } }' }),
  })
    .then((response) => response.json())
    .then((body) => { document.getElementById("result").textContent = "data: " + JSON.stringify(body.data); })
    .catch((error) => { document.getElementById("result").textContent = "failed: " + error; });
</script></body></html>`;

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

const isLocal = (url: string) => {
  const { protocol, hostname } = new URL(url);
  if (protocol === "data:" || protocol === "blob:") return true;
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
};

/** A fresh browser context that refuses, and records, every request off this machine. */
async function offlineContext(): Promise<{ context: BrowserContext; external: string[] }> {
  const context = await browser.newContext();
  const external: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    external.push(url);
    return route.abort("internetdisconnected");
  });
  context.on("request", (request) => {
    if (!isLocal(request.url())) external.push(request.url());
  });
  return { context, external };
}

// CI installs Chromium and must run this suite; a developer machine without it skips it, loudly.
const CHROMIUM_MISSING = !existsSync(CHROMIUM);
if (CHROMIUM_MISSING && !process.env.CI) {
  console.warn(
    `Skipping the browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`,
  );
}
const browserDescribe = describe.skipIf(CHROMIUM_MISSING && !process.env.CI);

beforeAll(async () => {
  if (CHROMIUM_MISSING && !process.env.CI) return;
  if (CHROMIUM_MISSING) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  pageServer = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(CROSS_ORIGIN_PAGE);
  });
  pageOrigin = `http://127.0.0.1:${await listen(pageServer)}`;
  const demo = await loadFixtureFile(DEMO_FIXTURE_PATH);
  [gateway, refusing, browser] = await Promise.all([
    startTestGateway({
      fixture: demo,
      env: {
        CORS_ORIGINS: pageOrigin,
        // Builds take a few seconds, so a subscription's events arrive one by one.
        EMULATOR_BUILD_STEP_MS: "5000",
        BUILD_PROGRESS_POLL_MS: "100",
        BUILD_PROGRESS_POLL_MAX_MS: "200",
      },
    }),
    startTestGateway({ fixture: fixture({}), env: { CORS_ORIGINS: "https://app.example.com" } }),
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([gateway?.close(), refusing?.close()]);
  if (pageServer) {
    const server = pageServer;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

browserDescribe("GraphiQL in a browser", () => {
  it("runs the first example tab offline and shows its data", async () => {
    const { context, external } = await offlineContext();
    try {
      const page = await context.newPage();
      await page.goto(gateway.url, { waitUntil: "load" });
      await expect(page.title()).resolves.toBe("AWS image graph");

      // One tab per example, the first one active.
      await page.locator(".graphiql-tab").first().waitFor(WAIT);
      expect(await page.locator(".graphiql-tab").count()).toBe(GRAPHIQL_EXAMPLES.length);
      await page
        .locator(".graphiql-query-editor")
        .getByText("PipelineLatestBuildPackages")
        .first()
        .waitFor(WAIT);

      const execution = page.waitForResponse(
        (response) =>
          response.url().startsWith(gateway.url) &&
          (response.request().postData() ?? "").includes("imagePipelines"),
        WAIT,
      );
      await page.locator(".graphiql-execute-button").click(WAIT);
      expect((await execution).status()).toBe(200);
      await page.locator(".graphiql-response").getByText(FIRST_DEMO_BUILD).first().waitFor(WAIT);

      expect(external).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});

/** The name of the operation an example's document defines. */
function operationName(query: string): string {
  const operation = parse(query).definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operation?.kind !== Kind.OPERATION_DEFINITION || !operation.name) {
    throw new Error(`example without a named operation:\n${query}`);
  }
  return operation.name.value;
}

browserDescribe("GraphiQL tabs under the mouse", () => {
  it("switches to every tab clicked with the mouse at 1400×900", async () => {
    const { context } = await offlineContext();
    try {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.goto(gateway.url, { waitUntil: "load" });
      const tabs = page.locator(".graphiql-tab");
      await tabs.first().waitFor(WAIT);
      expect(await tabs.count()).toBe(GRAPHIQL_EXAMPLES.length);
      const editor = page.locator(".graphiql-query-editor");
      // Each example in turn, then back to the first, as a user would click around.
      const order = [...GRAPHIQL_EXAMPLES.keys()].slice(1).concat(0);
      for (const index of order) {
        const tab = tabs.nth(index);
        // Tabs past the bar's width are scrolled to, as a user would.
        await tab.scrollIntoViewIfNeeded();
        const box = await tab.boundingBox();
        if (!box) throw new Error(`tab ${index} has no box`);
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await expect.poll(() => tab.getAttribute("aria-selected"), { timeout: 5_000 }).toBe("true");
        const example = GRAPHIQL_EXAMPLES[index];
        if (!example) throw new Error(`no example ${index}`);
        await editor.getByText(operationName(example.query)).first().waitFor(WAIT);
      }
    } finally {
      await context.close();
    }
  });
});

browserDescribe("CORS in a browser", () => {
  async function fetchFrom(gatewayUrl: string) {
    const { context, external } = await offlineContext();
    const page = await context.newPage();
    const logs: string[] = [];
    page.on("console", (message) => logs.push(message.text()));
    try {
      await page.goto(`${pageOrigin}/?gateway=${encodeURIComponent(gatewayUrl)}`);
      const result = page.locator("#result");
      await result.filter({ hasNotText: "pending" }).waitFor(WAIT);
      expect(external).toEqual([]);
      return { text: (await result.textContent()) ?? "", logs };
    } finally {
      await context.close();
    }
  }

  it("hands the answer to a page whose origin CORS_ORIGINS allows", async () => {
    const { text } = await fetchFrom(gateway.url);
    expect(text).toBe(
      `data: ${JSON.stringify({ appStreamImage: { displayName: "Finance Desktop (Windows Server 2022, February 2026)" } })}`,
    );
  });

  it("keeps the answer from a page whose origin CORS_ORIGINS leaves out", async () => {
    const { text, logs } = await fetchFrom(refusing.url);
    expect(text).toMatch(/^failed: TypeError/);
    expect(logs.join("\n")).toMatch(/blocked by CORS policy/);
  });
});

const DEMO_PIPELINE = "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server";

/** Replaces the active tab's operation, typed at the keyboard as a person pastes it. */
async function typeOperation(page: Page, text: string) {
  const editor = page.locator(".graphiql-query-editor");
  await editor.waitFor(WAIT);
  const box = await editor.boundingBox();
  if (!box) throw new Error("the query editor has no box");
  await page.mouse.click(box.x + box.width / 2, box.y + 20);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  // insertText, as a paste does; the editor still closes the first bracket itself, so whatever
  // it added after the cursor goes.
  await page.keyboard.insertText(text);
  await page.keyboard.press("Shift+ControlOrMeta+End");
  await page.keyboard.press("Delete");
  // GraphiQL takes the editor's text into its state a moment later (the tab is then renamed after
  // the operation); Ctrl+Enter pressed before that runs nothing, so wait as a person would.
  await page
    .locator('.graphiql-tab[aria-selected="true"]')
    .getByText(operationName(text), { exact: true })
    .waitFor(WAIT);
}

browserDescribe("a subscription in GraphiQL", () => {
  it("follows a build started in another tab: events arrive over time, then the stream completes", async () => {
    const { context, external } = await offlineContext();
    try {
      // Both tabs open first, so the build is followed while it runs.
      const starter = await context.newPage();
      const watcher = await context.newPage();
      for (const page of [starter, watcher]) {
        await page.goto(gateway.url, { waitUntil: "load", timeout: 90_000 });
      }
      // First tab: start a build with the mutation, run with Ctrl+Enter.
      await starter.bringToFront();
      await typeOperation(
        starter,
        `mutation StartBuild {\n  startImagePipelineExecution(input: { imagePipelineArn: "${DEMO_PIPELINE}" }) {\n    imageBuildVersion { arn }\n  }\n}\n`,
      );
      const mutation = starter.waitForResponse(
        (response) =>
          response.url().startsWith(gateway.url) &&
          (response.request().postData() ?? "").includes("startImagePipelineExecution"),
        WAIT,
      );
      await starter.keyboard.press("ControlOrMeta+Enter");
      const started = (await (await mutation).json()) as {
        data: { startImagePipelineExecution: { imageBuildVersion: { arn: string } } };
      };
      const arn = started.data.startImagePipelineExecution.imageBuildVersion.arn;
      expect(arn).toMatch(/^arn:aws:imagebuilder:/);
      // The viewer wraps the long ARN over two lines.
      await expect
        .poll(
          async () =>
            ((await starter.locator(".graphiql-response").textContent()) ?? "").replace(/\s+/g, ""),
          WAIT,
        )
        .toContain(arn);

      // Second tab: subscribe to it, run with the mouse.
      await watcher.bringToFront();
      await typeOperation(
        watcher,
        `subscription Follow {\n  imageBuildProgress(imageBuildVersionArn: "${arn}") {\n    step { name }\n    stepStatus\n    buildState { status }\n    finished\n  }\n}\n`,
      );
      const stream = watcher.waitForResponse(
        (response) =>
          response.url().startsWith(gateway.url) &&
          (response.request().headers().accept ?? "").includes("text/event-stream"),
        WAIT,
      );
      const executeButton = watcher.locator(".graphiql-execute-button");
      const button = await executeButton.boundingBox();
      if (!button) throw new Error("the execute button has no box");
      await watcher.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
      const response = await stream;
      expect(response.status()).toBe(200);
      expect(response.request().headers()["x-graphql-csrf"]).toBeTruthy();

      // GraphiQL shows the latest event: record each one it shows until the build is done.
      const shown = new Set<string>();
      const labels = new Set<string>();
      const result = watcher.locator(".graphiql-response");
      for (let waited = 0; waited < 30_000; waited += 50) {
        const text = ((await result.textContent()) ?? "").replace(/\s+/g, " ");
        if (text.includes('"stepStatus"')) shown.add(text);
        labels.add((await executeButton.getAttribute("aria-label")) ?? "");
        if (text.includes('"finished": true')) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect([...shown].at(-1)).toMatch(/"status": "AVAILABLE".*"finished": true/);
      // Several events, one after another, not one answer at the end.
      expect(shown.size).toBeGreaterThanOrEqual(4);
      expect([...shown].some((text) => text.includes('"stepStatus": "RUNNING"'))).toBe(true);
      // While events came the button offered to stop the subscription; once the stream
      // completed, it offers to run the operation again.
      expect([...labels].some((label) => label.startsWith("Stop"))).toBe(true);
      await expect
        .poll(() => executeButton.getAttribute("aria-label"), { timeout: 10_000 })
        .toMatch(/^Execute/);
      expect(external).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
