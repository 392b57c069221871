import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS_EXCHANGE, type CommandStatus } from "../../../vnfs/opcua-adapter/commands.js";
import type { DiscoveredDevice, DiscoveredGroup } from "../../../vnfs/opcua-adapter/mapping.js";
import { DISCOVERY_COLLECTION } from "../../../vnfs/opcua-adapter/server-worker.js";
import { startPlcSimulator, type PlcSimulator } from "../../../vnfs/simulators/plc/plc-simulator.js";
import type { Json } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import {
  collectTelemetry,
  measurementsOf,
  server,
  startAdapter,
  tempDir,
  waitFor,
  writeServersFile,
  type AdapterHandle,
  type Collector,
} from "./opcua-fixtures.js";

describe("discovery mapping and commands", { timeout: 60_000 }, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let plc: PlcSimulator;
  let adapter: AdapterHandle;
  let collector: Collector;
  const statuses: CommandStatus[] = [];

  beforeAll(async () => {
    dir = await tempDir("opcua-discovery");
    plc = await startPlcSimulator({
      pkiDir: join(dir.path, "plc-pki"),
      machines: 2,
      variables: 6,
      rateMs: 100,
    });
    const entry = server("line", plc.endpointUrl, {
      // Explicit mappings merge with discovery: the same kind of point with and without a deadband.
      mappings: [
        {
          nodeId: plc.nodeId("Machine01", "Pressure"),
          deviceId: "Machine01",
          attribute: "pressure",
          deadband: { type: "absolute", value: 1 },
        },
        { nodeId: plc.nodeId("Machine02", "Pressure"), deviceId: "Machine02", attribute: "pressure" },
      ],
      discovery: {
        rootNodeId: `ns=${plc.namespaceIndex};s=Plant`,
        namespaces: [plc.namespaceIndex],
        deviceLevel: 0,
        browsePaths: ["*", "*/Counter", "*/Temperature", "*/Setpoint", "*/ResetCounter", "*/Sensors/*"],
        group: "presses",
        samplingIntervalMs: 0,
        queueSize: 20,
      },
    });
    const dataDir = join(dir.path, "data");
    collector = await collectTelemetry(dataDir);
    await collector.bus.declareExchange(COMMANDS_EXCHANGE);
    await collector.bus.consume<CommandStatus>(
      { name: "test.command-status", exchange: COMMANDS_EXCHANGE, bindings: ["command-status.#"] },
      async (delivery) => void statuses.push(delivery.body),
    );
    adapter = await startAdapter({
      dataDir,
      instanceId: "adapter-discovery",
      pkiDir: join(dir.path, "adapter-pki"),
      serversFile: await writeServersFile(dir.path, [entry]),
    });
  }, 120_000);

  afterAll(async () => {
    await adapter?.stop();
    await collector?.close();
    await plc?.stop();
    await dir?.remove();
  }, 120_000);

  it("turns the browsed address space into a device group and devices, honouring the filters", async () => {
    const collection = await adapter.running.context.store.collection<{
      id: string;
      groups: DiscoveredGroup[];
      devices: DiscoveredDevice[];
    }>(DISCOVERY_COLLECTION);
    await waitFor(
      async () => (await collection.get("acme.line")) !== undefined,
      20_000,
      "the discovery document",
    );
    const model = (await collection.get("acme.line"))!;
    expect(model.groups).toEqual([
      expect.objectContaining({
        id: "presses",
        tenant: "acme",
        protocol: "opcua",
        resource: plc.endpointUrl,
        commands: ["ResetCounter"],
      }),
    ]);
    expect(model.groups[0]!.attributes).toEqual(
      [
        "Counter",
        "Sensors.S00001",
        "Sensors.S00002",
        "Sensors.S00003",
        "Sensors.S00004",
        "Sensors.S00005",
        "Sensors.S00006",
        "Setpoint",
        "Temperature",
        "events",
      ].sort(),
    );
    expect(model.devices.map((device) => device.id).sort()).toEqual(["Machine01", "Machine02"]);
    const machine1 = model.devices.find((device) => device.id === "Machine01")!;
    // Pressure and State exist on the server but no browse path selects them.
    expect(machine1.attributes.map((attribute) => attribute.name)).not.toContain("Pressure");
    expect(machine1.attributes.find((attribute) => attribute.name === "Temperature")!.nodeId).toBe(
      plc.nodeId("Machine01", "Temperature"),
    );
    expect(machine1.commands).toEqual([
      {
        name: "ResetCounter",
        objectNodeId: plc.nodeId("Machine01", "").replace(/\.$/, ""),
        methodNodeId: plc.nodeId("Machine01", "ResetCounter"),
      },
    ]);
  });

  it("publishes values and alarm events of the discovered devices", async () => {
    await waitFor(
      () => measurementsOf(collector, "Machine02", "Sensors.S00002").length >= 2,
      20_000,
      "sensor values",
    );
    plc.raiseAlarm("Machine01", "door open on press 1");
    await waitFor(
      () => measurementsOf(collector, "Machine01", "events").length >= 1,
      20_000,
      "the alarm event",
    );
    const event = JSON.parse(String(measurementsOf(collector, "Machine01", "events")[0]!.value)) as Record<
      string,
      Json
    >;
    expect(event).toMatchObject({ message: "door open on press 1", severity: 800, sourceName: "Machine01" });
  });

  it("applies an absolute deadband on the server: sub-threshold changes are not sent", async () => {
    // Pressure moves by less than 0.1 bar per tick: with a 1 bar deadband only the initial value comes.
    await waitFor(
      () => measurementsOf(collector, "Machine02", "pressure").length >= 10,
      20_000,
      "undamped pressure values",
    );
    expect(measurementsOf(collector, "Machine01", "pressure")).toHaveLength(1);
  });

  async function command(body: Record<string, Json>): Promise<CommandStatus[]> {
    await collector.bus.publish(COMMANDS_EXCHANGE, {
      routingKey: `command.acme.${String(body.deviceId)}`,
      body: { commandVersion: 1, tenant: "acme", ...body },
    });
    await waitFor(
      () => statuses.some((s) => s.commandId === body.commandId && s.status !== "delivered"),
      20_000,
      `status of ${String(body.commandId)}`,
    );
    return statuses.filter((s) => s.commandId === body.commandId);
  }

  it("writes a setpoint and reports delivered then executed", async () => {
    const reported = await command({
      commandId: "w-1",
      deviceId: "Machine01",
      command: "Setpoint",
      value: 72.5,
    });
    expect(reported.map((s) => s.status)).toEqual(["delivered", "executed"]);
    expect(reported[1]).toMatchObject({ statusCode: "Good", tenant: "acme", deviceId: "Machine01" });
    expect(plc.readSetpoint("Machine01")).toBe(72.5);
  });

  it("calls ResetCounter and returns its output arguments", async () => {
    await waitFor(() => plc.readCounter("Machine02") > 5, 10_000, "counter to run");
    const reported = await command({ commandId: "m-1", deviceId: "Machine02", command: "ResetCounter" });
    expect(reported.at(-1)).toMatchObject({ status: "executed", statusCode: "Good" });
    expect((reported.at(-1)!.result as number[])[0]).toBeGreaterThan(5);
    expect(plc.readCounter("Machine02")).toBeLessThan(5);
  });

  it("reports failures with the OPC UA status or the reason", async () => {
    const readOnly = await command({
      commandId: "w-2",
      deviceId: "Machine01",
      command: "Temperature",
      value: 10,
    });
    expect(readOnly.at(-1)).toMatchObject({
      status: "failed",
      statusCode: expect.stringMatching(/^Bad(NotWritable|UserAccessDenied)$/),
    });
    const wrongType = await command({
      commandId: "w-3",
      deviceId: "Machine01",
      command: "Setpoint",
      value: "hot",
    });
    expect(wrongType.at(-1)).toMatchObject({
      status: "failed",
      detail: expect.stringContaining("expects a number"),
    });
    const unknown = await command({ commandId: "w-4", deviceId: "Machine01", command: "Pressure", value: 2 });
    expect(unknown.at(-1)).toMatchObject({
      status: "failed",
      detail: "device Machine01 has no mapped attribute Pressure to write",
    });
    const expired = await command({
      commandId: "w-5",
      deviceId: "Machine01",
      command: "Setpoint",
      value: 1,
      expiresAt: "2020-01-01T00:00:00Z",
    });
    expect(expired.map((s) => s.status)).toEqual(["expired"]);
    expect(plc.readSetpoint("Machine01")).toBe(72.5);
  });
});
