import mqtt, { type MqttClient } from "mqtt";
import type { MeterReading } from "./meter-model.js";

/** One way of delivering a reading; resolves when the platform acknowledged it (PUBACK or 202). */
export interface MeterSender {
  send(deviceId: string, reading: MeterReading): Promise<void>;
  close(): Promise<void>;
}

/** MQTT QoS 1 on `<prefix>/<apiKey>/<deviceId>/attrs` (docs/design/telemetry-path.md). */
export async function mqttSender(url: string, apiKey: string, topicPrefix = "ivf/v1"): Promise<MeterSender> {
  const client: MqttClient = await mqtt.connectAsync(url, {
    clientId: `ivf-meters-${process.pid}-${Math.floor(Math.random() * 1e9)}`,
    clean: true,
    reconnectPeriod: 1000,
  });
  return {
    send: async (deviceId, reading) => {
      await client.publishAsync(`${topicPrefix}/${apiKey}/${deviceId}/attrs`, JSON.stringify(reading), {
        qos: 1,
      });
    },
    close: () => client.endAsync(),
  };
}

/** HTTP POST /v1/telemetry/<deviceId> with X-API-Key; 202 is success, anything else an error with the problem text. */
export function httpSender(baseUrl: string, apiKey: string): MeterSender {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    send: async (deviceId, reading) => {
      const response = await fetch(`${base}/v1/telemetry/${encodeURIComponent(deviceId)}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": apiKey },
        body: JSON.stringify(reading),
      });
      if (response.status !== 202) {
        throw new Error(`HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
      }
      await response.body?.cancel();
    },
    close: async () => undefined,
  };
}
