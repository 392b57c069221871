import mqtt, { type MqttClient } from "mqtt";
import type { SendOutcome } from "./webhook-sender.js";
import type { TlsMaterial } from "../../runtime-kit/http/tls-material.js";

/**
 * MQTT notifications, QoS 1, on `<prefix>/<tenant>/<subscriptionId>[/<suffix>]`. The topic is
 * built only from validated identifiers, never from event content, so no wildcard or `$` topic
 * can be injected; tenants' topics are disjoint by construction. Over mqtts:// the broker is
 * verified against `tls.ca` (system CAs when absent) and `tls.cert`/`tls.key` are presented.
 */
export class MqttSender {
  private constructor(
    private readonly client: MqttClient,
    private readonly prefix: string,
  ) {}

  static async connect(
    url: string,
    prefix: string,
    clientId: string,
    tls?: TlsMaterial,
  ): Promise<MqttSender> {
    const client = await mqtt.connectAsync(url, {
      clientId,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      ...(tls?.ca ? { ca: tls.ca } : {}),
      ...(tls?.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
    });
    return new MqttSender(client, prefix);
  }

  get connected(): boolean {
    return this.client.connected;
  }

  topic(tenant: string, subscriptionId: string, suffix?: string): string {
    return [this.prefix, tenant, subscriptionId, ...(suffix ? [suffix] : [])].join("/");
  }

  async send(topic: string, body: string): Promise<SendOutcome> {
    if (!this.client.connected) return { ok: false, retry: true, reason: "MQTT broker not connected" };
    try {
      await this.client.publishAsync(topic, body, { qos: 1 });
      return { ok: true };
    } catch (error) {
      return {
        ok: false,
        retry: true,
        reason: `MQTT publish failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  close(): Promise<void> {
    return this.client.endAsync();
  }
}
