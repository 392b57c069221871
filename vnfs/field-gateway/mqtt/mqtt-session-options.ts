import type { IClientOptions } from "mqtt";
import { loadTlsMaterial, type TlsMaterial } from "../../runtime-kit/http/tls-material.js";

/**
 * What the gateway's MQTT sessions (telemetry ingress and commands) share: protocol version,
 * credentials and the TLS material for an mqtts:// or wss:// broker. Passwords and keys come only
 * from configuration and are handed to mqtt.js, never logged.
 */
export interface MqttSessionOptions {
  username?: string;
  password?: string;
  /** 4 = MQTT 3.1.1, 5 = MQTT 5.0 (PUBACK reason codes for refused messages). */
  protocolVersion?: 4 | 5;
  /** CA to trust and/or client certificate to present (mqtts/wss). */
  tls?: TlsMaterial;
}

export function sessionClientOptions(session: MqttSessionOptions): IClientOptions {
  return {
    protocolVersion: session.protocolVersion ?? 4,
    ...(session.username ? { username: session.username } : {}),
    ...(session.password ? { password: session.password } : {}),
    ...(session.tls
      ? {
          ...(session.tls.ca ? { ca: session.tls.ca } : {}),
          ...(session.tls.cert ? { cert: session.tls.cert } : {}),
          ...(session.tls.key ? { key: session.tls.key } : {}),
          ...(session.tls.passphrase ? { passphrase: session.tls.passphrase } : {}),
          rejectUnauthorized: true,
        }
      : {}),
  };
}

/** The gateway's client-side MQTT TLS settings (IVF_MQTT_TLS_*), checked at start. */
export function mqttClientTls(config: {
  mqttTlsCaFile?: string | undefined;
  mqttTlsCertFile?: string | undefined;
  mqttTlsKeyFile?: string | undefined;
  mqttTlsKeyPassphrase?: string | undefined;
}): TlsMaterial | undefined {
  return loadTlsMaterial(
    {
      caFile: config.mqttTlsCaFile,
      certFile: config.mqttTlsCertFile,
      keyFile: config.mqttTlsKeyFile,
      keyPassphrase: config.mqttTlsKeyPassphrase,
    },
    { caFile: "IVF_MQTT_TLS_CA_FILE", certFile: "IVF_MQTT_TLS_CERT_FILE", keyFile: "IVF_MQTT_TLS_KEY_FILE" },
  );
}
