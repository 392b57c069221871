import { describe, expect, it } from "vitest";
import {
  DEFAULT_TELEMETRY_PARTITIONS,
  partitionedTelemetryRoutingKey,
} from "../../../vnfs/runtime-kit/primitives/telemetry-partitions.js";
import type { MessageBus, OutgoingMessage } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { parseTelemetryPrimitive } from "../../../vnfs/runtime-kit/primitives/request-primitive.js";
import { Registry } from "prom-client";
import { boundedStatusCode, OpcuaKpis } from "../../../vnfs/opcua-adapter/kpis.js";
import {
  explicitItems,
  pathMatches,
  sanitiseAttribute,
  sanitiseIdentifier,
  type MonitoredItemSpec,
} from "../../../vnfs/opcua-adapter/mapping.js";
import { Publisher } from "../../../vnfs/opcua-adapter/publisher.js";
import type { OpcuaServerConfig } from "../../../vnfs/opcua-adapter/server-config.js";
import { toMeasurementValue, type Notification } from "../../../vnfs/opcua-adapter/subscription.js";
import { parsePlcArgs } from "../../../vnfs/simulators/plc/plc-command.js";

const server: OpcuaServerConfig = {
  id: "line1",
  tenant: "acme",
  endpointUrl: "opc.tcp://127.0.0.1:4840",
  securityMode: "None",
  securityPolicy: "None",
  monitoring: { samplingIntervalMs: 250, queueSize: 5 },
  mappings: [
    { nodeId: "ns=2;s=T", deviceId: "press-1", attribute: "temperature" },
    {
      nodeId: "ns=2;s=P",
      deviceId: "press-1",
      attribute: "pressure",
      queueSize: 1,
      deadband: { type: "percent", value: 2 },
    },
  ],
};

describe("mapping", () => {
  it("applies server monitoring defaults and per-mapping overrides", () => {
    const [temperature, pressure] = explicitItems(server);
    expect(temperature).toEqual({
      nodeId: "ns=2;s=T",
      deviceId: "press-1",
      attribute: "temperature",
      kind: "value",
      samplingIntervalMs: 250,
      queueSize: 5,
      discardOldest: true,
    });
    expect(pressure).toMatchObject({ queueSize: 1, deadband: { type: "percent", value: 2 } });
  });

  it("refuses a node id that is not OPC UA syntax, naming the mapping", () => {
    expect(() =>
      explicitItems({ ...server, mappings: [{ nodeId: "ns=x;q=1", deviceId: "d", attribute: "a" }] }),
    ).toThrow(
      /OPCUA_MAPPING_INVALID: server line1 \/mappings\/0\/nodeId "ns=x;q=1" is not an OPC UA node id/,
    );
  });

  it("matches browse paths with * for one segment and ** for any depth", () => {
    expect(pathMatches("*/Counter", ["Machine01", "Counter"])).toBe(true);
    expect(pathMatches("*/Counter", ["Machine01", "Sensors", "Counter"])).toBe(false);
    expect(pathMatches("**/Counter", ["Machine01", "Sensors", "Counter"])).toBe(true);
    expect(pathMatches("Machine0?/Sens*/*", ["Machine02", "Sensors", "S00001"])).toBe(true);
    expect(pathMatches("Machine.01", ["MachineX01"])).toBe(false); // dots are literal, not regex
  });

  it("sanitises browse names into routing-key-safe ids", () => {
    expect(sanitiseIdentifier("Press #1 (hall.B)")).toBe("Press__1__hall_B_");
    expect(sanitiseIdentifier("a".repeat(80))).toHaveLength(64);
    expect(sanitiseAttribute(["Sensors", "T°C/raw"])).toBe("Sensors.T_C_raw");
  });
});

function recordingBus(failFirst = 0): MessageBus & { batches: OutgoingMessage[][] } {
  const batches: OutgoingMessage[][] = [];
  let failures = failFirst;
  return {
    kind: "embedded",
    batches,
    declareExchange: async () => undefined,
    declareQueue: async () => undefined,
    publish: async () => undefined,
    publishBatch: async (_exchange, messages) => {
      if (failures-- > 0) throw new Error("bus unavailable");
      batches.push(messages);
    },
    consume: async () => {
      throw new Error("not used");
    },
    queueStats: async () => ({ ready: 0, unacked: 0, oldestReadyAgeSeconds: 0, consumers: 0 }),
    isHealthy: () => true,
    close: async () => undefined,
  };
}

const items = explicitItems(server) as [MonitoredItemSpec, MonitoredItemSpec];
const at = new Date("2026-11-27T10:00:00.000Z");
const note = (item: MonitoredItemSpec, value: number, when = at): Notification => ({
  item,
  value,
  sourceTimestamp: when,
  picoseconds: 0,
  quality: "Good",
});
const logger = createLogger({ ivf: "t", instanceId: "t", level: "silent" });

describe("publisher", () => {
  it("builds valid primitives per device and timestamp with ids that do not depend on arrival", () => {
    const publisher = new Publisher({
      server,
      bus: recordingBus(),
      kpis: new OpcuaKpis(new Registry()),
      logger,
      checkpoint: new Map(),
    });
    const later = new Date(at.getTime() + 100);
    const first = publisher.toMessages([note(items[0], 20), note(items[1], 1.2), note(items[0], 21, later)]);
    expect(first).toHaveLength(2);
    // The partition word routes it to the device's partition queue (per-device order).
    expect(first[0]!.routingKey).toBe(
      partitionedTelemetryRoutingKey("acme", "press-1", DEFAULT_TELEMETRY_PARTITIONS),
    );
    expect(first[0]!.routingKey).toMatch(/^telemetry\.acme\.press-1\.\d+$/);
    const primitive = parseTelemetryPrimitive(first[0]!.body);
    expect(primitive.measurements.map((m) => [m.attribute, m.value, m.timestamp])).toEqual([
      ["temperature", 20, at.toISOString()],
      ["pressure", 1.2, at.toISOString()],
    ]);
    const again = publisher.toMessages([note(items[0], 20), note(items[1], 1.2)]);
    expect(again[0]!.messageId).toBe(first[0]!.messageId);
    const otherServer = new Publisher({
      server: { ...server, id: "line2" },
      bus: recordingBus(),
      kpis: new OpcuaKpis(new Registry()),
      logger,
      checkpoint: new Map(),
    });
    expect(otherServer.toMessages([note(items[0], 20), note(items[1], 1.2)])[0]!.messageId).not.toBe(
      first[0]!.messageId,
    );
  });

  it("splits more than 1000 measurements of one device and instant into several primitives", () => {
    const many = Array.from({ length: 1500 }, (_, i) =>
      note({ ...items[0], nodeId: `ns=2;i=${i}`, attribute: `a${i}` }, i),
    );
    const publisher = new Publisher({
      server,
      bus: recordingBus(),
      kpis: new OpcuaKpis(new Registry()),
      logger,
      checkpoint: new Map(),
    });
    expect(
      publisher.toMessages(many).map((m) => parseTelemetryPrimitive(m.body).measurements.length),
    ).toEqual([1000, 500]);
  });

  it("retries a refused batch with the same ids and skips readings at or before the checkpoint", async () => {
    const bus = recordingBus(1);
    const checkpoint = new Map([["ns=2;s=T", at.getTime()]]);
    const publisher = new Publisher({ server, bus, kpis: new OpcuaKpis(new Registry()), logger, checkpoint });
    publisher.accept([
      note(items[0], 20),
      note(items[0], 21, new Date(at.getTime() + 50)),
      note(items[1], 1),
    ]);
    expect(await publisher.flush(5000)).toBe(true);
    expect(publisher.suppressed).toBe(1);
    expect(publisher.published).toBe(2);
    expect(
      bus.batches
        .flat()
        .flatMap((m) => parseTelemetryPrimitive(m.body).measurements.map((x) => x.value))
        .sort(),
    ).toEqual([1, 21]);
    expect(checkpoint.get("ns=2;s=T")).toBe(at.getTime() + 50);
  });

  it("converts OPC UA values to what a primitive carries", () => {
    expect(toMeasurementValue(Number.NaN)).toBeNull();
    expect(toMeasurementValue([1, 2])).toBe(2 ** 32 + 2);
    expect(toMeasurementValue({ text: "hello", locale: "en" })).toBe("hello");
    expect(toMeasurementValue(new Date(0))).toBe("1970-01-01T00:00:00.000Z");
    expect(toMeasurementValue([1, 2, 3])).toBe("[1,2,3]");
    expect(toMeasurementValue("x".repeat(5000))).toHaveLength(4096);
  });

  it("keeps status-code labels bounded", () => {
    expect(boundedStatusCode("GoodOverload")).toBe("GoodOverload");
    expect(boundedStatusCode("BadSomethingNew")).toBe("Bad");
    expect(boundedStatusCode("UncertainLastUsableValue")).toBe("Uncertain");
    expect(boundedStatusCode("ns=2;s=Evil")).toBe("Other");
  });
});

describe("ivf simulate plc arguments", () => {
  it("parses sizes, rate, port and users, and refuses bad values with the flag", () => {
    expect(
      parsePlcArgs(["--variables", "10000", "--rate-ms", "100", "--port", "4840", "--user", "op:p:w"], {}),
    ).toMatchObject({
      variables: 10000,
      rateMs: 100,
      port: 4840,
      users: [{ userName: "op", password: "p:w" }],
      pkiDir: ".ivf/data/plc-pki",
    });
    expect(parsePlcArgs(["--variables", "-1"], {})).toBe(
      '--variables must be a non-negative integer, got "-1"',
    );
    expect(parsePlcArgs(["--user", "nopassword"], {})).toMatch(/--user must be name:password/);
    expect(parsePlcArgs(["--colour", "red"], {})).toBe("unknown option --colour");
    expect(parsePlcArgs(["--port"], {})).toBe("--port needs a value");
  });
});
