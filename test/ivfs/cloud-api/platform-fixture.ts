import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startIvf, type IvfDefinition, type RunningIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import type { ConfigSpec } from "../../../vnfs/runtime-kit/config/env-config.js";
import { definition as cloudApi } from "../../../vnfs/cloud-api/definition.js";
import { definition as deviceManager } from "../../../vnfs/device-manager/definition.js";
import { definition as fieldGateway } from "../../../vnfs/field-gateway/definition.js";
import { definition as requestProcessor } from "../../../vnfs/request-processor/definition.js";
import { definition as dataStore } from "../../../vnfs/data-store/definition.js";
import { definition as subscriptionNotifier } from "../../../vnfs/subscription-notifier/definition.js";
import { startIdentity, type IdentityFixture } from "../../support/identity-fixture.js";
import { freePort } from "../../integration/support/mosquitto.js";

/**
 * Real IVFs for cloud-api and tenancy tests: identity (own store) and, sharing one data
 * directory (one embedded bus, one `iot` store), the cloud-api, the device-manager (consumes
 * command statuses), and on request the field gateway with an embedded MQTT broker, the
 * request processor, the data store and the subscription notifier (notifying on that broker).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are asserted field by field
export type ApiBody = any;

export type Part = "gateway" | "processor" | "dataStore" | "notifier";

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: ApiBody;
  text: string;
}

export interface Platform {
  identity: IdentityFixture;
  cloudApi: RunningIvf<typeof cloudApi.settings>;
  urls: { cloudApi: string; deviceManager: string; dataStore: string; identity: string; gateway: string };
  mqttUrl: string;
  running: RunningIvf<ConfigSpec>[];
  /** A token for a new client of `tenant` with these roles. */
  token(tenant: string, clientId: string, roles: string[]): Promise<string>;
  /** A request with a bearer token (or X-API-Key when `credential` starts with "key:"). */
  call(
    base: string,
    credential: string | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiAnswer>;
  stop(): Promise<void>;
}

export async function startPlatform(parts: Part[] = [], extraEnv: NodeJS.ProcessEnv = {}): Promise<Platform> {
  const dir = mkdtempSync(join(tmpdir(), "ivf-cloud-api-platform-"));
  const identity = await startIdentity(join(dir, "identity"));
  const mqttPort = await freePort();
  const mqttUrl = `mqtt://127.0.0.1:${mqttPort}`;
  const common = {
    IVF_LOG_LEVEL: process.env.IVF_TEST_LOG_LEVEL ?? "silent",
    IVF_DATA_DIR: join(dir, "iot"),
    IVF_IDENTITY_JWKS_URL: identity.jwksUrl,
    IVF_API_RESPONSE_VALIDATION: "throw",
    // The test webhook receivers listen on loopback, which the webhook target policy refuses by default.
    IVF_NOTIFIER_WEBHOOK_ALLOW: "127.0.0.1",
    ...extraEnv,
  };
  const running: RunningIvf<ConfigSpec>[] = [];
  const start = async <S extends ConfigSpec>(definition: IvfDefinition<S>, env: NodeJS.ProcessEnv = {}) => {
    const ivf = await startIvf(definition, { ...common, ...env });
    running.push(ivf as unknown as RunningIvf<ConfigSpec>);
    return ivf;
  };
  try {
    const manager = await start(deviceManager, { IVF_DEVICE_MANAGER_EXPIRY_SWEEP: "200" });
    const api = await start(cloudApi, { IVF_CLOUD_API_RATE: "10000" });
    const gateway = parts.includes("gateway")
      ? await start(fieldGateway, {
          IVF_MQTT_EMBEDDED_PORT: String(mqttPort),
          IVF_FIELD_GATEWAY_REGISTRY_CACHE_TTL: "300",
        })
      : undefined;
    if (parts.includes("processor"))
      await start(requestProcessor, { IVF_REQUEST_PROCESSOR_REGISTRY_CACHE_TTL: "300" });
    const store = parts.includes("dataStore") ? await start(dataStore) : undefined;
    if (parts.includes("notifier"))
      await start(subscriptionNotifier, {
        IVF_NOTIFIER_MQTT_URL: mqttUrl,
        IVF_NOTIFIER_REFRESH: "100ms",
        IVF_NOTIFIER_RETRY_BACKOFF_MS: "50,100",
      });
    return {
      identity,
      cloudApi: api,
      urls: {
        cloudApi: api.server.url,
        deviceManager: manager.server.url,
        dataStore: store?.server.url ?? "",
        identity: identity.url,
        gateway: gateway?.server.url ?? "",
      },
      mqttUrl,
      running,
      async token(tenant, clientId, roles) {
        for (let attempt = 0; ; attempt++) {
          try {
            return await identity.clientToken(
              tenant,
              attempt === 0 ? clientId : `${clientId}-${attempt}`,
              roles,
            );
          } catch (error) {
            // A keep-alive socket the server closed while the client reused it: a test transport failure.
            if (attempt >= 2 || !(error instanceof TypeError)) throw error;
          }
        }
      },
      call: (base, credential, method, path, body) => call(`${base}${path}`, credential, method, body),
      async stop() {
        for (const ivf of running.reverse()) await ivf.stop();
        await identity.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const ivf of running.reverse()) await ivf.stop().catch(() => undefined);
    await identity.stop();
    throw error;
  }
}

async function call(
  url: string,
  credential: string | null,
  method: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (credential?.startsWith("key:")) headers["x-api-key"] = credential.slice(4);
  else if (credential) headers.authorization = `Bearer ${credential}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let parsed: ApiBody;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
      return { status: response.status, headers: response.headers, body: parsed, text };
    } catch (error) {
      if (attempt >= 2 || !(error instanceof TypeError)) throw error;
    }
  }
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
