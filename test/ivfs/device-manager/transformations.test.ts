import { describe, expect, it } from "vitest";
import { applyTransformations } from "../../../vnfs/field-gateway/ingest/group-transformations.js";
import { IngestError } from "../../../vnfs/field-gateway/ingest/ingest-errors.js";
import type { DeviceGroupRecord } from "../../../vnfs/field-gateway/registry/device-records.js";
import type { Measurement } from "../../../vnfs/runtime-kit/primitives/request-primitive.js";

const T1 = "2026-01-31T12:00:00.000Z";
const T2 = "2026-01-31T12:01:00.000Z";

function group(attributes: DeviceGroupRecord["attributes"], explicitAttributes = false): DeviceGroupRecord {
  return {
    id: "acme/meters",
    tenant: "acme",
    groupId: "meters",
    apiKeyHash: "0".repeat(64),
    autoprovision: false,
    explicitAttributes,
    attributes,
  };
}

const m = (attribute: string, value: Measurement["value"], timestamp = T1): Measurement => ({
  attribute,
  value,
  timestamp,
});

describe("device group transformations at the gateway", () => {
  it("leaves measurements untouched when the group has no expression", () => {
    const input = [m("power_w", 1500)];
    expect(applyTransformations(input, group([{ name: "power_w", type: "number" }]), "d1")).toBe(input);
  });

  it("computes per timestamp, consumes undeclared inputs and keeps the other attributes", () => {
    const output = applyTransformations(
      [m("power_w", 1500), m("voltage", 230), m("power_w", 500, T2), m("extra", "x", T2)],
      group([
        { name: "power", type: "number", expression: "power_w / 1000" },
        { name: "voltage", type: "number" },
      ]),
      "d1",
    );
    expect(output).toEqual([m("voltage", 230), m("power", 1.5), m("extra", "x", T2), m("power", 0.5, T2)]);
  });

  it("replaces an incoming value of a computed attribute and exposes device and group ids", () => {
    const output = applyTransformations(
      [m("temperature", 20)],
      group([
        { name: "temperature", type: "number", expression: "round(temperature * 9 / 5 + 32, 1)" },
        { name: "label", type: "string", expression: "group + ':' + device" },
      ]),
      "t-7",
    );
    expect(output).toEqual([m("temperature", 68), m("label", "meters:t-7")]);
  });

  it("does not forward an attribute whose expression reads something absent or unreachable", () => {
    const output = applyTransformations(
      [m("voltage", 230)],
      group([
        { name: "voltage", type: "number" },
        { name: "power", type: "number", expression: "power_w / 1000" },
        { name: "proto", type: "string", expression: "voltage.constructor" },
        { name: "pollute", type: "string", expression: "device.__proto__" },
      ]),
      "d1",
    );
    expect(output).toEqual([m("voltage", 230)]);
  });

  it("refuses the message, naming the attribute, when an expression fails at run time", () => {
    const run = () =>
      applyTransformations(
        [m("state", "on")],
        group([{ name: "doubled", type: "number", expression: "state * 2" }]),
        "d1",
      );
    expect(run).toThrow(IngestError);
    expect(run).toThrow(/attribute "doubled": transformation failed/);
  });

  it("refuses a message left with no measurement rather than publishing an empty one", () => {
    const run = () =>
      applyTransformations(
        [m("raw", 1)],
        group([{ name: "scaled", type: "number", expression: "raw > 5 ? raw : missing" }]),
        "d1",
      );
    expect(run).toThrow(/no measurement is left/);
  });
});
