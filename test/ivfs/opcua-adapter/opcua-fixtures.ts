import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmbeddedBus } from "../../../vnfs/runtime-kit/bus/embedded/embedded-bus.js";
import type { Consumer, Delivery, MessageBus } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import { startIvf, type RunningIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import {
  REQUESTS_EXCHANGE,
  type TelemetryPrimitive,
} from "../../../vnfs/runtime-kit/primitives/request-primitive.js";
import { adapterRegistry, opcuaAdapterDefinition } from "../../../vnfs/opcua-adapter/definition.js";
import type { OpcuaAdapter } from "../../../vnfs/opcua-adapter/adapter.js";
import type { OpcuaServerConfig } from "../../../vnfs/opcua-adapter/server-config.js";
import type { opcuaSettings } from "../../../vnfs/opcua-adapter/settings.js";

/** Shared fixtures of the OPC UA adapter tests: temp dirs, adapters on the embedded bus, collectors. */

export async function tempDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `iotvf-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function writeServersFile(dir: string, servers: OpcuaServerConfig[]): Promise<string> {
  const file = join(dir, "servers.json");
  await writeFile(file, JSON.stringify({ servers }, null, 2));
  return file;
}

export interface AdapterHandle {
  running: RunningIvf<typeof opcuaSettings>;
  adapter: OpcuaAdapter;
  stop: () => Promise<void>;
}

export async function startAdapter(options: {
  dataDir: string;
  instanceId: string;
  pkiDir: string;
  serversFile?: string;
  env?: Record<string, string>;
}): Promise<AdapterHandle> {
  const env: NodeJS.ProcessEnv = {
    IVF_DATA_DIR: options.dataDir,
    IVF_INSTANCE_ID: options.instanceId,
    IVF_LOG_LEVEL: process.env.IVF_TEST_LOG_LEVEL ?? "silent",
    IVF_HTTP_PORT: "0",
    IVF_OPCUA_PKI_DIR: options.pkiDir,
    IVF_OPCUA_CONNECT_RETRY: "300ms",
    IVF_OPCUA_RECONCILE_INTERVAL: "300ms",
    IVF_OPCUA_LEASE_TTL: "3s",
    IVF_OPCUA_CHECKPOINT_INTERVAL: "500ms",
    ...(options.serversFile ? { IVF_OPCUA_SERVERS_FILE: options.serversFile } : {}),
    ...options.env,
  };
  const running = await startIvf(opcuaAdapterDefinition, env);
  const adapter = adapterRegistry.get(options.instanceId);
  if (!adapter) throw new Error("adapter did not register");
  return { running, adapter, stop: () => running.stop("test done") };
}

export interface Collector {
  bus: MessageBus;
  primitives: { messageId: string; headers: Record<string, string>; body: TelemetryPrimitive }[];
  close: () => Promise<void>;
}

/** Opens the embedded bus the adapters use and records every telemetry primitive on it. */
export async function collectTelemetry(dataDir: string, queue = "test.opcua.telemetry"): Promise<Collector> {
  const bus = await EmbeddedBus.open({
    path: join(dataDir, "bus.sqlite"),
    instanceId: "test-collector",
    logger: createLogger({ ivf: "test", instanceId: "collector", level: "silent" }),
  });
  await bus.declareExchange(REQUESTS_EXCHANGE);
  const primitives: Collector["primitives"] = [];
  const consumer: Consumer = await bus.consume<TelemetryPrimitive>(
    { name: queue, exchange: REQUESTS_EXCHANGE, bindings: ["telemetry.#"] },
    async (delivery: Delivery<TelemetryPrimitive>) => {
      primitives.push({ messageId: delivery.messageId, headers: delivery.headers, body: delivery.body });
    },
    { prefetch: 1000 },
  );
  return {
    bus,
    primitives,
    close: async () => {
      await consumer.stop(1000);
      await bus.close();
    },
  };
}

/** Every (device, attribute) -> measurements seen so far. */
export function measurementsOf(collector: Collector, deviceId: string, attribute: string) {
  return collector.primitives
    .filter((primitive) => primitive.body.deviceId === deviceId)
    .flatMap((primitive) => primitive.body.measurements.filter((m) => m.attribute === attribute));
}

export function server(
  id: string,
  endpointUrl: string,
  overrides: Partial<OpcuaServerConfig> = {},
): OpcuaServerConfig {
  return {
    id,
    tenant: "acme",
    endpointUrl,
    securityMode: "None",
    securityPolicy: "None",
    connection: { initialDelayMs: 200, maxDelayMs: 1000 },
    subscription: { publishingIntervalMs: 100, keepAliveCount: 10, lifetimeCount: 60 },
    ...overrides,
  };
}
