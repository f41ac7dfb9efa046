// Where the gateway's HealthImaging calls go on real AWS: the image set operations carry the
// host prefix `runtime-`, ListDatastores does not. Requests are stopped before they leave the
// process (a build-step middleware throws the URL), so nothing is sent anywhere.

import {
  ListDatastoresCommand,
  type MedicalImagingClient,
  SearchImageSetsCommand,
} from "@aws-sdk/client-medical-imaging";
import { afterEach, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/aws/clients.js";
import { RegionPolicy } from "../../src/aws/regions.js";

class Stopped extends Error {}

function stopBeforeSending(client: MedicalImagingClient) {
  client.middlewareStack.add(
    () => async (args) => {
      const request = args.request as { hostname?: string; path?: string };
      throw new Stopped(`${request.hostname}${request.path}`);
    },
    { step: "build", name: "stopBeforeSending" },
  );
}

async function urlOf(send: () => Promise<unknown>) {
  try {
    await send();
  } catch (error) {
    if (error instanceof Stopped) return error.message;
    throw error;
  }
  throw new Error("the request was not stopped");
}

const settings = {
  defaultRegion: "eu-west-1",
  regions: new RegionPolicy("eu-west-1"),
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  callTimeoutMs: 1000,
  maxSockets: 4,
  env: {},
};

let clients: AwsClients | undefined;
afterEach(() => clients?.destroy());

describe("HealthImaging hosts", () => {
  it("sends ListDatastores to the control plane and SearchImageSets to runtime-", async () => {
    clients = new AwsClients(settings);
    const client = clients.medicalImaging("eu-west-1");
    stopBeforeSending(client);
    expect(await urlOf(() => client.send(new ListDatastoresCommand({})))).toBe(
      "medical-imaging.eu-west-1.amazonaws.com/datastore",
    );
    expect(
      await urlOf(() => client.send(new SearchImageSetsCommand({ datastoreId: "0".repeat(32) }))),
    ).toBe(
      `runtime-medical-imaging.eu-west-1.amazonaws.com/datastore/${"0".repeat(32)}/searchImageSets`,
    );
  });

  it("sends both to a custom endpoint unprefixed, as the emulator needs", async () => {
    clients = new AwsClients({ ...settings, endpoint: "http://127.0.0.1:4566" });
    const client = clients.medicalImaging("eu-west-1");
    stopBeforeSending(client);
    expect(await urlOf(() => client.send(new ListDatastoresCommand({})))).toBe(
      "127.0.0.1/datastore",
    );
    expect(
      await urlOf(() => client.send(new SearchImageSetsCommand({ datastoreId: "0".repeat(32) }))),
    ).toBe(`127.0.0.1/datastore/${"0".repeat(32)}/searchImageSets`);
  });
});

describe("the middleware every client runs", () => {
  it("counts calls in flight and leaves out the SDK's logger, for every service", () => {
    const clients = new AwsClients(settings);
    try {
      for (const client of [
        clients.imageBuilder("us-east-1"),
        clients.appStream("us-east-1"),
        clients.medicalImaging("us-east-1"),
      ]) {
        const names = client.middlewareStack.identify().join("\n");
        expect(names).toContain("gatewayCallsInFlight");
        expect(names).not.toContain("loggerMiddleware");
      }
    } finally {
      clients.destroy();
    }
  });
});
