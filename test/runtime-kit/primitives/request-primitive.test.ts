import { describe, expect, it } from "vitest";
import {
  InvalidPrimitiveError,
  measurementId,
  parseTelemetryPrimitive,
  primitiveMessageId,
  telemetryMessage,
  telemetryRoutingKey,
  type TelemetryPrimitive,
} from "../../../vnfs/runtime-kit/primitives/request-primitive.js";

const primitive: TelemetryPrimitive = {
  primitiveVersion: 1,
  operation: "create",
  tenant: "acme",
  deviceId: "meter-0001",
  source: { protocol: "mqtt", endpoint: "mqtt://127.0.0.1:1883" },
  receivedAt: "2026-11-27T10:00:00.120Z",
  measurements: [
    { attribute: "power_w", value: 512.5, timestamp: "2026-11-27T10:00:00Z" },
    { attribute: "voltage_v", value: 229.8, timestamp: "2026-11-27T10:00:00Z" },
  ],
};

describe("request primitive", () => {
  it("accepts a well-formed telemetry primitive", () => {
    expect(parseTelemetryPrimitive(JSON.parse(JSON.stringify(primitive)))).toEqual(primitive);
  });

  it("lists every structural problem", () => {
    const broken = {
      ...primitive,
      tenant: "acme.*",
      measurements: [{ attribute: "a b", value: { nested: true }, timestamp: "yesterday" }],
    };
    expect(() => parseTelemetryPrimitive(broken)).toThrow(InvalidPrimitiveError);
    try {
      parseTelemetryPrimitive(broken);
    } catch (error) {
      const problems = (error as InvalidPrimitiveError).problems.join("\n");
      expect(problems).toMatch(/\/tenant must match pattern/);
      expect(problems).toMatch(/\/measurements\/0\/attribute must match pattern/);
      expect(problems).toMatch(/\/measurements\/0\/timestamp must match format "date-time"/);
    }
  });

  it("refuses identifiers that could inject routing-key or topic wildcards", () => {
    for (const hostile of ["a.b", "*", "#", "dev/1", "+", "$SYS", "", "x".repeat(65)]) {
      expect(() => telemetryRoutingKey("acme", hostile)).toThrow(InvalidPrimitiveError);
    }
    expect(telemetryRoutingKey("acme", "meter-0001")).toBe("telemetry.acme.meter-0001");
  });

  it("derives the same ids for the same reading however the timestamp is written", () => {
    const a = measurementId("acme", "m1", "power_w", "2026-11-27T10:00:00Z");
    const b = measurementId("acme", "m1", "power_w", "2026-11-27T11:00:00.000+01:00");
    expect(a).toBe(b);
    expect(measurementId("acme", "m1", "power_w", "2026-11-27T10:00:01Z")).not.toBe(a);
    expect(measurementId("other", "m1", "power_w", "2026-11-27T10:00:00Z")).not.toBe(a);
  });

  it("builds a bus message whose id is stable across redelivery", () => {
    const first = telemetryMessage(primitive);
    const again = telemetryMessage(JSON.parse(JSON.stringify(primitive)) as TelemetryPrimitive);
    expect(first.routingKey).toBe("telemetry.acme.meter-0001");
    expect(first.messageId).toBe(again.messageId);
    expect(first.messageId).toBe(primitiveMessageId(primitive));
  });

  it("gives a primitive's message id from its tenant, device, attributes and instants, in order", () => {
    const id = primitiveMessageId(primitive);
    const [measurement] = primitive.measurements;
    const sameInstant = new Date(Date.parse(measurement!.timestamp)).toISOString().replace("Z", "+00:00");
    const variant = (change: Partial<TelemetryPrimitive>) => primitiveMessageId({ ...primitive, ...change });
    expect(variant({ measurements: [{ ...measurement!, timestamp: sameInstant }] })).toBe(
      primitiveMessageId({ ...primitive, measurements: [measurement!] }),
    );
    expect(variant({ receivedAt: "2030-01-01T00:00:00.000Z" })).toBe(id);
    expect(variant({ deviceId: "meter-0002" })).not.toBe(id);
    expect(variant({ tenant: "other" })).not.toBe(id);
    expect(variant({ measurements: [{ ...measurement!, attribute: "other" }] })).not.toBe(
      primitiveMessageId({ ...primitive, measurements: [measurement!] }),
    );
    expect(variant({ measurements: [...primitive.measurements].reverse() })).not.toBe(id);
    const [, second] = primitive.measurements;
    expect(variant({ measurements: [{ ...measurement!, value: 1 }, second!] })).toBe(id);
  });
});
