import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keys, startGateway, waitFor, type GatewayFixture } from "./gateway-fixture.js";

let gateway: GatewayFixture;
beforeAll(async () => {
  gateway = await startGateway();
}, 30_000);
afterAll(async () => gateway?.stop());

function post(deviceId: string, body: string | Uint8Array, headers: Record<string, string> = {}) {
  return fetch(`${gateway.url}/v1/telemetry/${deviceId}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": keys.open, ...headers },
    body,
  });
}

async function problem(response: Response): Promise<{ code: string; status: number; detail: string }> {
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  return (await response.json()) as { code: string; status: number; detail: string };
}

describe("field-gateway HTTP binding", () => {
  it("accepts telemetry with 202 after the bus confirmed it, attributed to the key's tenant", async () => {
    const response = await post(
      "meter-a",
      JSON.stringify({ power: 1.5, voltage: 230.1, timestamp: "2026-01-01T00:00:00Z" }),
    );
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 2 });
    await waitFor(() => gateway.received.some((primitive) => primitive.deviceId === "meter-a"));
    const primitive = gateway.received.find((entry) => entry.deviceId === "meter-a")!;
    expect(primitive).toMatchObject({
      tenant: "acme",
      source: { protocol: "http", endpoint: "/v1/telemetry/meter-a" },
      measurements: [
        { attribute: "power", value: 1.5, timestamp: "2026-01-01T00:00:00.000Z" },
        { attribute: "voltage", value: 230.1, timestamp: "2026-01-01T00:00:00.000Z" },
      ],
    });
  });

  it("ignores a tenant named in the payload or headers: the API key decides", async () => {
    const response = await post("meter-b", JSON.stringify({ tenant: "globex", power: 1 }), {
      "fiware-service": "globex",
    });
    expect(response.status).toBe(202);
    await waitFor(() => gateway.received.some((primitive) => primitive.deviceId === "meter-b"));
    expect(gateway.received.find((entry) => entry.deviceId === "meter-b")!.tenant).toBe("acme");
  });

  it("refuses a missing or wrong API key with 401", async () => {
    expect((await problem(await post("meter-a", "{}", { "x-api-key": "" }))).code).toBe("MISSING_API_KEY");
    const wrong = await post("meter-a", JSON.stringify({ power: 1 }), {
      "x-api-key": "not-a-key-of-anyone-1234",
    });
    expect(wrong.status).toBe(401);
    expect((await problem(wrong)).code).toBe("UNKNOWN_API_KEY");
  });

  it("refuses unknown devices of a group that does not autoprovision, and devices of another group", async () => {
    const unknown = await post("nobody", JSON.stringify({ power: 1 }), { "x-api-key": keys.strict });
    expect(unknown.status).toBe(404);
    expect((await problem(unknown)).code).toBe("UNKNOWN_DEVICE");
    const foreign = await post("known-1", JSON.stringify({ power: 1 }), { "x-api-key": keys.open });
    expect(foreign.status).toBe(403);
    expect((await problem(foreign)).code).toBe("DEVICE_GROUP_MISMATCH");
  });

  it("refuses malformed JSON, non-UTF-8 bytes, wrong media types and oversized bodies with specific problems", async () => {
    const malformed = await post("meter-a", '{"power": 1,');
    expect([malformed.status, (await problem(malformed)).code]).toEqual([400, "MALFORMED_JSON"]);
    const latin1 = await post("meter-a", Uint8Array.from([0x7b, 0x22, 0x70, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    expect([latin1.status, (await problem(latin1)).code]).toEqual([400, "INVALID_ENCODING"]);
    const text = await post("meter-a", "power=1", { "content-type": "text/plain" });
    expect([text.status, (await problem(text)).code]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
    const big = await post("meter-a", JSON.stringify({ note: "x".repeat(3000) }));
    expect([big.status, (await problem(big)).code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
  });

  it("lists every shape problem with its JSON pointer", async () => {
    const response = await post(
      "meter-a",
      JSON.stringify({ "bad name!": 1, nested: { a: 1 }, timestamp: "yesterday" }),
    );
    const body = await problem(response);
    expect(body.code).toBe("INVALID_PAYLOAD");
    expect(body.detail).toContain("/timestamp");
    expect(body.detail).toContain("/bad name!");
    expect(body.detail).toContain("/nested");
  });

  it("enforces the declared attributes and types of an explicit group", async () => {
    const response = await post("known-1", JSON.stringify({ power: "high", colour: "red" }), {
      "x-api-key": keys.strict,
    });
    expect(response.status).toBe(422);
    const body = await problem(response);
    expect(body.detail).toContain('"colour" is not declared');
    expect(body.detail).toContain('"power" must be a number');
  });

  it("refuses device ids that could inject into routing keys or topics", async () => {
    const response = await post("a.b", JSON.stringify({ power: 1 }));
    expect((await problem(response)).code).toBe("INVALID_DEVICE_ID");
  });

  it("counts refusals by reason in its KPIs", async () => {
    expect(await gateway.metric("iotvf_dropped_messages_total", 'reason="auth"')).toBeGreaterThanOrEqual(2);
    expect(await gateway.metric("iotvf_dropped_messages_total", 'reason="malformed"')).toBeGreaterThanOrEqual(
      2,
    );
  });
});

describe("field-gateway MQTT binding", () => {
  it("publishes telemetry from ivf/v1/<apiKey>/<deviceId>/attrs and refuses bad messages without blocking the session", async () => {
    const client = await mqtt.connectAsync(gateway.mqttUrl, { clientId: "test-device", clean: true });
    try {
      await client.publishAsync(`ivf/v1/${keys.open}/bad-json/attrs`, "{not json", { qos: 1 });
      await client.publishAsync(`ivf/v1/wrong-key-123456789/mqtt-x/attrs`, '{"power":1}', { qos: 1 });
      await client.publishAsync(
        `ivf/v1/${keys.open}/mqtt-1/attrs`,
        JSON.stringify([{ attribute: "power", value: 2, timestamp: "2026-01-01T00:00:01Z" }]),
        {
          qos: 1,
        },
      );
      await waitFor(() => gateway.received.some((primitive) => primitive.deviceId === "mqtt-1"));
      const primitive = gateway.received.find((entry) => entry.deviceId === "mqtt-1")!;
      expect(primitive.source).toEqual({ protocol: "mqtt", endpoint: "ivf/v1/***/mqtt-1/attrs" });
      expect(
        gateway.received.some((entry) => entry.deviceId === "bad-json" || entry.deviceId === "mqtt-x"),
      ).toBe(false);
    } finally {
      await client.endAsync();
    }
  });
});
