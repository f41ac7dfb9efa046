/**
 * The floor a gateway is measured against: a plain node:http handler that makes each scenario's
 * AWS calls with the SDK directly and answers the same JSON. `POST /<scenario index>` with the
 * same body the gateway gets (read and parsed, like any JSON API would).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { directClients, SCENARIOS } from "../scenarios.js";

const endpoint = process.env.AWS_ENDPOINT_URL;
if (!endpoint) throw new Error("AWS_ENDPOINT_URL must point at the emulator");
const clients = directClients(endpoint);

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", async () => {
    try {
      const { variables = {} } = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as {
        variables?: Record<string, string>;
      };
      const scenario = SCENARIOS[Number((request.url ?? "/").slice(1))];
      if (!scenario?.direct) {
        response.writeHead(404).end();
        return;
      }
      const data = await scenario.direct(clients, variables);
      const body = JSON.stringify({ data });
      response.writeHead(200, {
        "content-type": "application/json; charset=utf-8",
        "content-length": Buffer.byteLength(body),
      });
      response.end(body);
    } catch (error) {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end(error instanceof Error ? error.message : String(error));
    }
  });
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
