import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startIvf, type RunningIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import { definition as deviceManager } from "../../../vnfs/device-manager/definition.js";
import { definition as fieldGateway } from "../../../vnfs/field-gateway/definition.js";
import { startIdentity, type IdentityFixture } from "../../support/identity-fixture.js";
import { freePort } from "../../integration/support/mosquitto.js";

/**
 * A real identity, a real device-manager and (optionally) a real field gateway sharing one data
 * directory, hence one embedded bus and one `iot` store, with an embedded MQTT broker, or the
 * RabbitMQ and MQTT broker given in `env` (IVF_AMQP_URL, IVF_MQTT_URL).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are asserted field by field
type ApiBody = any;

export interface PlatformFixture {
  identity: IdentityFixture;
  manager: RunningIvf<typeof deviceManager.settings>;
  gateway?: RunningIvf<typeof fieldGateway.settings>;
  managerUrl: string;
  gatewayUrl: string;
  mqttUrl: string;
  /** A token for a new client of `tenant` (retried under another id if the connection was reset). */
  token(tenant: string, clientId: string, roles: string[]): Promise<string>;
  /** fetch against the device-manager with a bearer token. */
  api(
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: ApiBody }>;
  stop(): Promise<void>;
}

export async function startPlatform(
  options: { gateway?: boolean; env?: NodeJS.ProcessEnv; gatewayEnv?: NodeJS.ProcessEnv } = {},
): Promise<PlatformFixture> {
  const dir = mkdtempSync(join(tmpdir(), "ivf-dm-test-"));
  const identity = await startIdentity(join(dir, "identity"));
  const common = {
    IVF_LOG_LEVEL: process.env.IVF_TEST_LOG_LEVEL ?? "silent",
    IVF_DATA_DIR: join(dir, "iot"),
    ...options.env,
  };
  const manager = await startIvf(deviceManager, {
    ...common,
    IVF_IDENTITY_JWKS_URL: identity.jwksUrl,
    IVF_API_RESPONSE_VALIDATION: "throw",
    IVF_DEVICE_MANAGER_EXPIRY_SWEEP: "200",
  });
  let gateway: RunningIvf<typeof fieldGateway.settings> | undefined;
  let mqttUrl = options.env?.IVF_MQTT_URL ?? "";
  if (options.gateway) {
    const mqttPort = mqttUrl ? undefined : await freePort();
    gateway = await startIvf(fieldGateway, {
      ...common,
      IVF_FIELD_GATEWAY_REGISTRY_CACHE_TTL: "300",
      ...(mqttPort !== undefined ? { IVF_MQTT_EMBEDDED_PORT: String(mqttPort) } : {}),
      ...options.gatewayEnv,
    });
    if (mqttPort !== undefined) mqttUrl = `mqtt://127.0.0.1:${mqttPort}`;
  }
  const managerUrl = manager.server.url;
  return {
    identity,
    manager,
    gateway,
    managerUrl,
    gatewayUrl: gateway?.server.url ?? "",
    mqttUrl,
    async token(tenant, clientId, roles) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await identity.clientToken(
            tenant,
            attempt === 0 ? clientId : `${clientId}-${attempt}`,
            roles,
          );
        } catch (error) {
          // A keep-alive socket the identity server closed while undici reused it: a transport
          // failure of the test client, not of the platform.
          if (attempt >= 2 || !(error instanceof TypeError)) throw error;
        }
      }
    },
    async api(token, method, path, body) {
      const response = await fetch(`${managerUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      await gateway?.stop();
      await manager.stop();
      await identity.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
