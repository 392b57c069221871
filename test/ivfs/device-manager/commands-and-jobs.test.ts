import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Consumer, Delivery, Json } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import {
  COMMANDS_EXCHANGE,
  commandStatusMessage,
  type CommandState,
  type DeviceCommand,
} from "../../../vnfs/runtime-kit/primitives/device-command.js";
import { eventually, startPlatform, type PlatformFixture } from "./device-manager-fixture.js";

let platform: PlatformFixture;
let admin: string;
let writer: string;
let reader: string;
let otherWriter: string;
let tap: Consumer;
const published: DeviceCommand[] = [];

beforeAll(async () => {
  platform = await startPlatform();
  admin = await platform.token("acme", "acme-admin", ["tenant-admin"]);
  writer = await platform.token("acme", "acme-writer", ["writer"]);
  reader = await platform.token("acme", "acme-reader", ["reader"]);
  otherWriter = await platform.token("globex", "globex-writer", ["writer"]);
  await platform.api(admin, "POST", "/v1/tenants/acme/groups", { groupId: "valves", transport: "mqtt" });
  for (const id of ["valve-1", "valve-2", "valve-3"]) {
    await platform.api(admin, "POST", "/v1/tenants/acme/devices", { deviceId: id, groupId: "valves" });
  }
  // Stands in for the device side: sees what the device-manager publishes.
  tap = await platform.manager.context.bus.consume(
    { name: "test.command-tap", exchange: COMMANDS_EXCHANGE, bindings: ["command.#"] },
    async (delivery: Delivery<Json>) => {
      published.push(delivery.body as unknown as DeviceCommand);
    },
  );
}, 60_000);

afterAll(async () => {
  await tap?.stop();
  await platform?.stop();
});

function report(
  command: DeviceCommand,
  status: CommandState,
  overrides: Partial<DeviceCommand> = {},
  result?: Json,
) {
  const target = { ...command, ...overrides };
  return platform.manager.context.bus.publish(
    COMMANDS_EXCHANGE,
    commandStatusMessage(target, status, status === "failed" ? "BadSomething" : "Good", {
      ...(result !== undefined ? { result } : {}),
    }),
  );
}

async function commandState(deviceId: string, commandId: string, expected: string) {
  return eventually(async () => {
    const answer = await platform.api(
      reader,
      "GET",
      `/v1/tenants/acme/devices/${deviceId}/commands/${commandId}`,
    );
    return answer.body.state === expected ? answer.body : undefined;
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe("commands", () => {
  it("answers 202 with a pending command and publishes it on command.<tenant>.<deviceId>", async () => {
    const sent = await platform.api(writer, "POST", "/v1/tenants/acme/devices/valve-1/commands", {
      command: "setpoint",
      kind: "write",
      value: 42.5,
      timeoutSeconds: 60,
    });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({
      state: "pending",
      command: "setpoint",
      value: 42.5,
      history: [{ state: "pending" }],
    });
    const onBus = await eventually(async () =>
      published.find((command) => command.commandId === sent.body.commandId),
    );
    expect(onBus).toMatchObject({
      commandVersion: 1,
      tenant: "acme",
      deviceId: "valve-1",
      command: "setpoint",
      kind: "write",
      value: 42.5,
      expiresAt: sent.body.expiresAt,
    });
  });

  it("moves forward only: a late delivered after executed and a duplicate executed change nothing", async () => {
    const sent = await platform.api(writer, "POST", "/v1/tenants/acme/devices/valve-2/commands", {
      command: "open",
    });
    const command = await eventually(async () =>
      published.find((entry) => entry.commandId === sent.body.commandId),
    );
    await report(command, "executed", {}, { opened: true });
    const executed = await commandState("valve-2", command.commandId, "executed");
    expect(executed.result).toEqual({ opened: true });
    await report(command, "delivered");
    await report(command, "executed", {}, { opened: "again" });
    await report(command, "failed");
    await settle();
    const after = await platform.api(
      reader,
      "GET",
      `/v1/tenants/acme/devices/valve-2/commands/${command.commandId}`,
    );
    expect(after.body.state).toBe("executed");
    expect(after.body.result).toEqual({ opened: true });
    expect(after.body.history.map((change: { state: string }) => change.state)).toEqual([
      "pending",
      "executed",
    ]);
  });

  it("records pending -> delivered -> failed with the status code and lists by state", async () => {
    const sent = await platform.api(writer, "POST", "/v1/tenants/acme/devices/valve-3/commands", {
      command: "close",
    });
    const command = await eventually(async () =>
      published.find((entry) => entry.commandId === sent.body.commandId),
    );
    await report(command, "delivered");
    await commandState("valve-3", command.commandId, "delivered");
    await report(command, "failed");
    const failed = await commandState("valve-3", command.commandId, "failed");
    expect(failed.history.map((change: { state: string }) => change.state)).toEqual([
      "pending",
      "delivered",
      "failed",
    ]);
    expect(failed.history[2].statusCode).toBe("BadSomething");
    const listed = await platform.api(
      reader,
      "GET",
      "/v1/tenants/acme/devices/valve-3/commands?state=failed",
    );
    expect(listed.body.items.map((item: { commandId: string }) => item.commandId)).toContain(
      command.commandId,
    );
  });

  it("ignores a status that names another tenant or device than the command's", async () => {
    const sent = await platform.api(writer, "POST", "/v1/tenants/acme/devices/valve-1/commands", {
      command: "open",
    });
    const command = await eventually(async () =>
      published.find((entry) => entry.commandId === sent.body.commandId),
    );
    await report(command, "executed", { tenant: "globex" });
    await report(command, "executed", { deviceId: "valve-2" });
    await settle();
    const still = await platform.api(
      reader,
      "GET",
      `/v1/tenants/acme/devices/valve-1/commands/${command.commandId}`,
    );
    expect(still.body.state).toBe("pending");
  });

  it("expires a command nobody executed before its timeout", async () => {
    const sent = await platform.api(writer, "POST", "/v1/tenants/acme/devices/valve-1/commands", {
      command: "reboot",
      timeoutSeconds: 1,
    });
    const expired = await commandState("valve-1", sent.body.commandId, "expired");
    expect(expired.history.at(-1)).toMatchObject({ state: "expired", statusCode: "Timeout" });
    const command = published.find((entry) => entry.commandId === sent.body.commandId)!;
    await report(command, "executed");
    await settle();
    expect(
      (await platform.api(reader, "GET", `/v1/tenants/acme/devices/valve-1/commands/${command.commandId}`))
        .body.state,
    ).toBe("expired");
  });

  it("does not let another tenant send, read or list commands of this tenant's devices", async () => {
    const sent = await platform.api(writer, "POST", "/v1/tenants/acme/devices/valve-1/commands", {
      command: "open",
    });
    const count = published.length;
    expect(
      (
        await platform.api(otherWriter, "POST", "/v1/tenants/acme/devices/valve-1/commands", {
          command: "open",
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await platform.api(otherWriter, "POST", "/v1/tenants/globex/devices/valve-1/commands", {
          command: "open",
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await platform.api(
          otherWriter,
          "GET",
          `/v1/tenants/acme/devices/valve-1/commands/${sent.body.commandId}`,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await platform.api(
          otherWriter,
          "GET",
          `/v1/tenants/globex/devices/valve-1/commands/${sent.body.commandId}`,
        )
      ).status,
    ).toBe(404);
    expect((await platform.api(otherWriter, "GET", "/v1/tenants/acme/devices/valve-1/commands")).status).toBe(
      404,
    );
    await settle();
    expect(published.slice(count).filter((command) => command.tenant !== "acme")).toEqual([]);
  });

  it("answers 404 for a command of an unknown device", async () => {
    const answer = await platform.api(writer, "POST", "/v1/tenants/acme/devices/ghost/commands", {
      command: "open",
    });
    expect(answer.status).toBe(404);
  });
});

describe("jobs", () => {
  it("fans a configuration job out to every device of the group and aggregates their statuses", async () => {
    const started = await platform.api(admin, "POST", "/v1/tenants/acme/jobs", {
      target: { groupId: "valves" },
      configuration: { reportEverySeconds: 30 },
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      type: "configuration",
      state: "running",
      total: 3,
      progress: { pending: 3 },
    });
    const jobId = started.body.jobId as string;
    const commands = await eventually(async () => {
      const found = published.filter(
        (command) =>
          command.command === "configure" &&
          (command.value as { reportEverySeconds?: number })?.reportEverySeconds === 30,
      );
      return found.length === 3 ? found : undefined;
    });
    expect(commands.map((command) => command.deviceId).sort()).toEqual(["valve-1", "valve-2", "valve-3"]);
    await report(commands[0]!, "executed");
    await report(commands[1]!, "delivered");
    await report(commands[2]!, "failed");
    const partial = await eventually(async () => {
      const job = (await platform.api(reader, "GET", `/v1/tenants/acme/jobs/${jobId}`)).body;
      return job.progress.failed === 1 && job.progress.delivered === 1 && job.progress.executed === 1
        ? job
        : undefined;
    });
    expect(partial.state).toBe("running");
    await report(commands[1]!, "executed");
    const done = await eventually(async () => {
      const job = (await platform.api(reader, "GET", `/v1/tenants/acme/jobs/${jobId}`)).body;
      return job.state === "completed" ? job : undefined;
    });
    expect(done.progress).toEqual({
      pending: 0,
      delivered: 0,
      executed: 2,
      failed: 1,
      expired: 0,
      cancelled: 0,
    });
    const listed = await platform.api(reader, "GET", "/v1/tenants/acme/jobs");
    expect(listed.body.items.map((job: { jobId: string }) => job.jobId)).toContain(jobId);
  });

  it("cancels a firmware job: pending commands become cancelled, delivered ones keep going", async () => {
    const started = await platform.api(admin, "POST", "/v1/tenants/acme/jobs", {
      target: { deviceIds: ["valve-1", "valve-2"] },
      firmware: { url: "https://firmware.example/valve-2.1.bin", version: "2.1" },
    });
    expect(started.status).toBe(202);
    const jobId = started.body.jobId as string;
    const commands = await eventually(async () => {
      const found = published.filter((command) => command.command === "firmware-update");
      return found.length === 2 ? found : undefined;
    });
    expect(commands[0]!.value).toEqual({ url: "https://firmware.example/valve-2.1.bin", version: "2.1" });
    const delivered = commands.find((command) => command.deviceId === "valve-1")!;
    await report(delivered, "delivered");
    await eventually(async () => {
      const job = (await platform.api(reader, "GET", `/v1/tenants/acme/jobs/${jobId}`)).body;
      return job.progress.delivered === 1 ? job : undefined;
    });
    const cancelled = await platform.api(admin, "POST", `/v1/tenants/acme/jobs/${jobId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      state: "cancelled",
      progress: { delivered: 1, cancelled: 1, pending: 0 },
    });
    expect((await platform.api(admin, "POST", `/v1/tenants/acme/jobs/${jobId}/cancel`)).status).toBe(409);
    const other = commands.find((command) => command.deviceId === "valve-2")!;
    await report(other, "executed");
    await settle();
    expect(
      (await platform.api(reader, "GET", `/v1/tenants/acme/devices/valve-2/commands/${other.commandId}`)).body
        .state,
    ).toBe("cancelled");
  });

  it("refuses a job with both or neither payload, unknown devices, or a job on another tenant's job id", async () => {
    const both = await platform.api(admin, "POST", "/v1/tenants/acme/jobs", {
      target: { groupId: "valves" },
      configuration: { a: 1 },
      firmware: { url: "https://f.example/x.bin" },
    });
    expect(both.status).toBe(400);
    const neither = await platform.api(admin, "POST", "/v1/tenants/acme/jobs", {
      target: { groupId: "valves" },
    });
    expect(neither.status).toBe(400);
    const unknown = await platform.api(admin, "POST", "/v1/tenants/acme/jobs", {
      target: { deviceIds: ["valve-1", "ghost"] },
      configuration: { a: 1 },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.detail).toContain("ghost");
    const badUrl = await platform.api(admin, "POST", "/v1/tenants/acme/jobs", {
      target: { groupId: "valves" },
      firmware: { url: "file:///etc/passwd" },
    });
    expect(badUrl.status).toBe(400);
    const jobs = (await platform.api(reader, "GET", "/v1/tenants/acme/jobs")).body.items;
    const globexAdmin = await platform.token("globex", "globex-admin", ["tenant-admin"]);
    expect((await platform.api(globexAdmin, "GET", `/v1/tenants/globex/jobs/${jobs[0].jobId}`)).status).toBe(
      404,
    );
    expect(
      (await platform.api(globexAdmin, "POST", `/v1/tenants/globex/jobs/${jobs[0].jobId}/cancel`)).status,
    ).toBe(404);
  });
});
