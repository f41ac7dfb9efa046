// A stand-in for AWS that misbehaves on purpose: a plain node:http server answering the gateway's
// seven operations of Image Builder (restJson1), HealthImaging (restJson1) and AppStream 2.0
// (awsJson1_1) the way real services sometimes do: tokens that repeat or cycle, empty pages that
// never end, enumeration values newer than the gateway's schema, or no answer at all.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type StandInService = "imagebuilder" | "medical-imaging" | "appstream";

/**
 * How list operations page, and what items hold:
 * - well: three pages of two items, then no token;
 * - repeat: every page hands out the same token again;
 * - cycle: tokens t1, t2, t3, then t1 again;
 * - endless: fresh tokens forever, the pages after the first empty;
 * - unknown-enums: one page whose items hold values no schema knows in every enumeration member;
 * - never: no answer at all (the socket stays open until the client gives up);
 * - bad-credentials: every call refused as signed with unknown credentials;
 * - access-denied: every call refused as not allowed by the caller's IAM policy.
 */
export type StandInMode =
  | "well"
  | "repeat"
  | "cycle"
  | "endless"
  | "unknown-enums"
  | "never"
  | "bad-credentials"
  | "access-denied";

/** The value the stand-in puts in every enumeration member in `unknown-enums` mode. */
export const FUTURE_VALUE = "ADDED_BY_AWS_LATER";

export interface StandInRequest {
  service: StandInService;
  operation: string;
  /** The page token the request carried. */
  token?: string;
  /** The client closed the connection before an answer was written. */
  aborted: boolean;
}

export interface StandInAws {
  /** For AWS_ENDPOINT_URL. */
  url: string;
  /** Sets the mode of one service, or of all when `service` is absent. */
  behave(mode: StandInMode, service?: StandInService): void;
  /** Waits this long before every answer (0 by default). */
  delayAnswers(ms: number): void;
  requests: StandInRequest[];
  /** TCP connections from clients currently open. */
  openConnections(): number;
  close(): Promise<void>;
}

const SERVICES: readonly StandInService[] = ["imagebuilder", "medical-imaging", "appstream"];

/** The token after page `page` (0 = first), or undefined at the end of the list. */
function nextToken(mode: StandInMode, page: number): string | undefined {
  switch (mode) {
    case "well":
      return page < 2 ? `p${page + 1}` : undefined;
    case "repeat":
      return "same-token";
    case "cycle":
      return `t${(page % 3) + 1}`;
    case "endless":
      return `e${page + 1}`;
    default:
      return undefined;
  }
}

/** The page a token leads to; tokens carry their page number after their one-letter prefix. */
function pageOf(token: string | undefined): number {
  if (!token) return 0;
  const number = Number(token.slice(1));
  return Number.isInteger(number) ? number : 1;
}

function itemCount(mode: StandInMode, page: number): number {
  if (mode === "endless") return page === 0 ? 1 : 0;
  if (mode === "unknown-enums") return 3;
  return 2;
}

const epochSeconds = 1_767_225_600; // 2026-01-01T00:00:00Z

function imagePackages(mode: StandInMode, page: number) {
  return Array.from({ length: itemCount(mode, page) }, (_, index) => ({
    packageName: `package-${page}-${index}`,
    packageVersion: "1.0",
  }));
}

function workflowSteps(mode: StandInMode, page: number) {
  const future = mode === "unknown-enums";
  return Array.from({ length: itemCount(mode, page) }, (_, index) => ({
    stepExecutionId: `step-00000000-0000-4000-8000-${String(page * 100 + index).padStart(12, "0")}`,
    name: `Step${page}x${index}`,
    action: "ExecuteComponents",
    status: future ? FUTURE_VALUE : "COMPLETED",
    rollbackStatus: future ? FUTURE_VALUE : "SKIPPED",
  }));
}

function imageSetVersions(mode: StandInMode, page: number) {
  const future = mode === "unknown-enums";
  return Array.from({ length: itemCount(mode, page) }, (_, index) => ({
    imageSetId: "b".repeat(32),
    versionId: String(page * 100 + index + 1),
    imageSetState: future ? FUTURE_VALUE : "ACTIVE",
    ImageSetWorkflowStatus: future ? FUTURE_VALUE : "CREATED",
    createdAt: epochSeconds,
  }));
}

function appStreamImages(mode: StandInMode, page: number, names: string[] | undefined) {
  const future = mode === "unknown-enums";
  const value = (known: string) => (future ? FUTURE_VALUE : known);
  const count = names?.length && mode === "well" ? names.length : itemCount(mode, page);
  return Array.from({ length: count }, (_, index) => {
    const name = names?.[index] ?? `image-${page}-${index}`;
    return {
      Name: name,
      Arn: `arn:aws:appstream:us-east-1:123456789012:image/${name}`,
      DisplayName: `Image ${name}`,
      State: value("AVAILABLE"),
      Visibility: value("PRIVATE"),
      Platform: value("WINDOWS_SERVER_2022"),
      StateChangeReason: { Code: value("INTERNAL_ERROR"), Message: "reason" },
      ImageErrors: [{ ErrorCode: value("INTERNAL_SERVICE_ERROR"), ErrorMessage: "error" }],
      LatestAppstreamAgentVersion: value("TRUE"),
      DynamicAppProvidersEnabled: value("ENABLED"),
      ImageSharedWithOthers: value("FALSE"),
      ImageType: value("CUSTOM"),
      // A known platform beside the unknown one: only the unknown item may go.
      Applications: [{ Name: "notepad", Platforms: ["WINDOWS", value("WINDOWS_SERVER_2022")] }],
      CreatedTime: epochSeconds,
    };
  });
}

interface Route {
  service: StandInService;
  operation: string;
  token?: string;
  answer(mode: StandInMode): object;
}

/** A finished AMI build; with "unknown-enums", enum members nested deep hold values AWS added later. */
function builtImage(mode: StandInMode, arn: string) {
  const newer = mode === "unknown-enums";
  return {
    requestId: "standin",
    image: {
      arn,
      type: "AMI",
      state: { status: "AVAILABLE" },
      outputResources: {
        amis: [
          {
            region: "us-east-1",
            image: "ami-0123456789abcdef0",
            state: { status: newer ? "ARCHIVED" : "AVAILABLE" },
          },
        ],
      },
      imageRecipe: {
        blockDeviceMappings: [{ ebs: { volumeType: newer ? "gp4" : "gp3", volumeSize: 30 } }],
      },
      scanState: { status: newer ? "QUEUED" : "COMPLETED" },
      workflows: [
        {
          workflowArn: "arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/x.x.x",
          onFailure: newer ? "RETRY" : "ABORT",
        },
      ],
      tags: { team: "platform" },
    },
  };
}

function route(request: IncomingMessage, url: URL, body: Record<string, unknown>): Route | null {
  const token = (value: unknown) => (typeof value === "string" ? value : undefined);
  const target = request.headers["x-amz-target"];
  if (target === "PhotonAdminProxyService.DescribeImages") {
    const names = Array.isArray(body.Names) ? body.Names.map(String) : undefined;
    const page = pageOf(token(body.NextToken));
    return {
      service: "appstream",
      operation: "DescribeImages",
      token: token(body.NextToken),
      answer: (mode) => ({
        Images: appStreamImages(mode, page, names),
        NextToken: nextToken(mode, page),
      }),
    };
  }
  const imageSet =
    /^\/datastore\/([^/]+)\/imageSet\/([^/]+)\/(listImageSetVersions|getImageSet)$/.exec(
      url.pathname,
    );
  if (imageSet?.[3] === "listImageSetVersions") {
    const requested = url.searchParams.get("nextToken") ?? undefined;
    const page = pageOf(requested);
    return {
      service: "medical-imaging",
      operation: "ListImageSetVersions",
      token: requested,
      answer: (mode) => ({
        imageSetPropertiesList: imageSetVersions(mode, page),
        nextToken: nextToken(mode, page),
      }),
    };
  }
  if (imageSet?.[3] === "getImageSet") {
    return {
      service: "medical-imaging",
      operation: "GetImageSet",
      answer: (mode) => {
        const [version] = imageSetVersions(mode === "unknown-enums" ? mode : "well", 0);
        const { ImageSetWorkflowStatus, ...rest } = version as NonNullable<typeof version>;
        return {
          ...rest,
          datastoreId: imageSet[1],
          versionId: url.searchParams.get("version") ?? "1",
          imageSetWorkflowStatus: ImageSetWorkflowStatus,
        };
      },
    };
  }
  const page = pageOf(token(body.nextToken));
  switch (url.pathname) {
    case "/ListImagePackages":
      return {
        service: "imagebuilder",
        operation: "ListImagePackages",
        token: token(body.nextToken),
        answer: (mode) => ({
          requestId: "standin",
          imagePackageList: imagePackages(mode, page),
          nextToken: nextToken(mode, page),
        }),
      };
    case "/ListWorkflowStepExecutions":
      return {
        service: "imagebuilder",
        operation: "ListWorkflowStepExecutions",
        token: token(body.nextToken),
        answer: (mode) => ({
          requestId: "standin",
          workflowExecutionId: body.workflowExecutionId,
          steps: workflowSteps(mode, page),
          nextToken: nextToken(mode, page),
        }),
      };
    case "/GetWorkflowStepExecution":
      return {
        service: "imagebuilder",
        operation: "GetWorkflowStepExecution",
        answer: (mode) => ({
          requestId: "standin",
          ...workflowSteps(mode === "unknown-enums" ? mode : "well", 0)[0],
          stepExecutionId: body.stepExecutionId,
          workflowExecutionId: "wf-00000000-0000-4000-8000-000000000001",
        }),
      };
    case "/GetImage":
      return {
        service: "imagebuilder",
        operation: "GetImage",
        answer: (mode) => builtImage(mode, url.searchParams.get("imageBuildVersionArn") ?? ""),
      };
    case "/StartImagePipelineExecution":
      return {
        service: "imagebuilder",
        operation: "StartImagePipelineExecution",
        answer: () => ({
          requestId: "standin",
          clientToken: body.clientToken,
          imageBuildVersionArn: "arn:aws:imagebuilder:us-east-1:123456789012:image/standin/1.0.0/1",
        }),
      };
    default:
      return null;
  }
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

export async function startStandInAws(): Promise<StandInAws> {
  const modes = new Map<StandInService, StandInMode>();
  const requests: StandInRequest[] = [];
  const sockets = new Set<Socket>();
  let delayMs = 0;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://standin.invalid");
    const matched = route(request, url, await readJson(request));
    if (!matched) {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(
        JSON.stringify({ message: `No stand-in for ${request.method} ${url.pathname}` }),
      );
      return;
    }
    const record: StandInRequest = {
      service: matched.service,
      operation: matched.operation,
      token: matched.token,
      aborted: false,
    };
    requests.push(record);
    response.once("close", () => {
      if (!response.writableFinished) record.aborted = true;
    });
    const mode = modes.get(matched.service) ?? "well";
    if (mode === "never") return;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (mode === "bad-credentials" || mode === "access-denied") {
      const action = `${matched.service}:${matched.operation}`;
      const [name, message] =
        mode === "bad-credentials"
          ? [
              "UnrecognizedClientException",
              "The security token included in the request is invalid.",
            ]
          : [
              "AccessDeniedException",
              `User: arn:aws:sts::123456789012:assumed-role/gateway/task is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
            ];
      const appStream = matched.service === "appstream";
      response.writeHead(403, {
        "content-type": appStream ? "application/x-amz-json-1.1" : "application/json",
        ...(appStream ? {} : { "x-amzn-errortype": name }),
      });
      response.end(JSON.stringify(appStream ? { __type: name, Message: message } : { message }));
      return;
    }
    const body = JSON.stringify(matched.answer(mode));
    response.writeHead(200, {
      "content-type":
        matched.service === "appstream" ? "application/x-amz-json-1.1" : "application/json",
      "x-amzn-requestid": `standin-${requests.length}`,
    });
    response.end(body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ message: String(error) }));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    behave(mode, service) {
      for (const each of service ? [service] : SERVICES) modes.set(each, mode);
    },
    delayAnswers(ms) {
      delayMs = ms;
    },
    requests,
    openConnections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
