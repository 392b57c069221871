import { describe, expect, it } from "vitest";
import { decodeJson, normalisePayload } from "../../../vnfs/field-gateway/ingest/normalise-payload.js";
import { IngestError } from "../../../vnfs/field-gateway/ingest/ingest-errors.js";

const receivedAt = new Date("2026-03-01T12:00:00.000Z");
const options = { receivedAt, maxFutureSkewMs: 60_000 };

function refusal(action: () => unknown): IngestError {
  try {
    action();
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
  throw new Error("expected an IngestError");
}

describe("payload normalisation", () => {
  it("turns an attribute object into measurements stamped with the shared timestamp", () => {
    expect(
      normalisePayload(
        { power: 1.2, on: true, label: "a", missing: null, timestamp: 1767225600000 },
        options,
      ),
    ).toEqual([
      { attribute: "power", value: 1.2, timestamp: "2026-01-01T00:00:00.000Z" },
      { attribute: "on", value: true, timestamp: "2026-01-01T00:00:00.000Z" },
      { attribute: "label", value: "a", timestamp: "2026-01-01T00:00:00.000Z" },
      { attribute: "missing", value: null, timestamp: "2026-01-01T00:00:00.000Z" },
    ]);
  });

  it("stamps readings without a timestamp with the acceptance time", () => {
    expect(normalisePayload({ power: 1 }, options)).toEqual([
      { attribute: "power", value: 1, timestamp: receivedAt.toISOString() },
    ]);
  });

  it("accepts the array form with per-reading timestamps and quality, normalised to UTC", () => {
    const measurements = normalisePayload(
      [
        { attribute: "power", value: 1, timestamp: "2026-01-01T01:00:00+01:00", quality: "Good" },
        { attribute: "power", value: 2 },
      ],
      options,
    );
    expect(measurements[0]).toEqual({
      attribute: "power",
      value: 1,
      timestamp: "2026-01-01T00:00:00.000Z",
      quality: "Good",
    });
    expect(measurements[1]!.timestamp).toBe(receivedAt.toISOString());
  });

  it("lists every shape problem with its JSON pointer", () => {
    const error = refusal(() =>
      normalisePayload(
        [
          { attribute: "a b", value: 1 },
          { attribute: "ok", value: { nested: 1 } },
          "x",
          { attribute: "t", value: 1, extra: 2 },
        ],
        options,
      ),
    );
    expect(error.code).toBe("INVALID_PAYLOAD");
    expect(error.problems).toEqual([
      expect.stringMatching(/^\/0\/attribute: attribute name must match/),
      expect.stringMatching(/^\/1\/value: value must be/),
      expect.stringMatching(/^\/2: must be an object/),
      "/3/extra: unknown member",
    ]);
  });

  it("refuses scalars, empty objects, NaN-like values and too many measurements", () => {
    expect(refusal(() => normalisePayload(42, options)).code).toBe("INVALID_PAYLOAD");
    expect(refusal(() => normalisePayload({}, options)).problems).toEqual(["/: contains no measurement"]);
    expect(refusal(() => normalisePayload({ big: "x".repeat(5000) }, options)).problems[0]).toMatch(
      /^\/big:/,
    );
    const many = Object.fromEntries(Array.from({ length: 1001 }, (_, index) => [`a${index}`, index]));
    expect(refusal(() => normalisePayload(many, options)).problems[0]).toMatch(/at most 1000/);
  });

  it("refuses timestamps beyond the skew allowance and unparseable ones", () => {
    const future = refusal(() => normalisePayload({ power: 1, timestamp: "2026-03-01T12:05:00Z" }, options));
    expect(future.code).toBe("TIMESTAMP_OUT_OF_RANGE");
    expect(
      refusal(() => normalisePayload({ power: 1, timestamp: "01/03/2026" }, options)).problems[0],
    ).toMatch(/^\/timestamp: must be an ISO 8601/);
  });

  it("decodes UTF-8 JSON and refuses other bytes and broken JSON with distinct codes", () => {
    expect(decodeJson(Buffer.from('{"temp":"21 °C"}'))).toEqual({ temp: "21 °C" });
    expect(refusal(() => decodeJson(Uint8Array.from([0x22, 0xff, 0x22]))).code).toBe("INVALID_ENCODING");
    expect(refusal(() => decodeJson(Buffer.from("{"))).code).toBe("MALFORMED_JSON");
  });
});
