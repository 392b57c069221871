import { primitivesOf } from "../../../vnfs/runtime-kit/primitives/telemetry-envelope.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startIvf, type RunningIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import { definition } from "../../../vnfs/field-gateway/definition.js";
import type { fieldGatewaySettings } from "../../../vnfs/field-gateway/settings.js";
import type { Delivery, Json, MessageBus } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import type { TelemetryPrimitive } from "../../../vnfs/runtime-kit/primitives/request-primitive.js";
import { freePort } from "../../integration/support/mosquitto.js";

export const keys = {
  open: "open-group-key-0123456789",
  strict: "strict-group-key-0123456789",
  other: "other-tenant-key-0123456789",
};

/** Provisioning built in code: an autoprovisioning group, a strict one with declared attributes, another tenant. */
export function provisioningYaml(): string {
  return [
    "deviceGroups:",
    `  - { id: open, tenant: acme, apiKey: ${keys.open}, autoprovision: true }`,
    `  - id: strict`,
    `    tenant: acme`,
    `    apiKey: ${keys.strict}`,
    `    explicitAttributes: true`,
    `    attributes: [{ name: power, type: number, unit: kW }, { name: state, type: string }]`,
    `  - { id: meters, tenant: globex, apiKey: ${keys.other} }`,
    "devices:",
    "  - { id: known-1, tenant: acme, group: strict }",
    "  - { id: g-1, tenant: globex, group: meters }",
    "",
  ].join("\n");
}

export interface GatewayFixture {
  running: RunningIvf<typeof fieldGatewaySettings>;
  url: string;
  mqttUrl: string;
  received: TelemetryPrimitive[];
  metric(name: string, labels?: string): Promise<number>;
  stop(): Promise<void>;
}

/** A real field gateway (embedded bus, SQLite store, embedded MQTT broker) and a consumer of what it publishes. */
export async function startGateway(
  extraEnv: NodeJS.ProcessEnv = {},
  provisioningContent = provisioningYaml(),
): Promise<GatewayFixture> {
  const dir = mkdtempSync(join(tmpdir(), "ivf-fg-test-"));
  const provisioning = join(dir, "provisioning.yaml");
  writeFileSync(provisioning, provisioningContent);
  const mqttPort = await freePort();
  const running = await startIvf(definition, {
    IVF_LOG_LEVEL: process.env.IVF_TEST_LOG_LEVEL ?? "silent",
    IVF_DATA_DIR: join(dir, "data"),
    IVF_PROVISIONING_FILE: provisioning,
    IVF_MQTT_EMBEDDED_PORT: String(mqttPort),
    IVF_FIELD_GATEWAY_MAX_PAYLOAD: "2048",
    ...extraEnv,
  });
  const received: TelemetryPrimitive[] = [];
  const consumer = await running.context.bus.consume(
    { name: "test.telemetry", exchange: "iot.requests", bindings: ["telemetry.#"] },
    async (delivery: Delivery<Json>) => {
      // Envelopes (a batch's primitives of one partition) are unpacked in their order.
      for (const body of primitivesOf(delivery)) received.push(body as unknown as TelemetryPrimitive);
    },
  );
  return {
    running,
    url: running.server.url,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    received,
    async metric(name, labels = "") {
      const text = await running.context.metrics.metrics();
      return text
        .split("\n")
        .filter((line) => line.startsWith(name) && line.includes(labels))
        .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
    },
    async stop() {
      await consumer.stop();
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The real embedded bus with publisher confirms held back until `open()`: a slow or unavailable broker. */
export function gated(bus: MessageBus): { bus: MessageBus; open(): void; confirmed: () => number } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let confirmed = 0;
  const wrapper = Object.create(bus) as MessageBus;
  wrapper.publishBatch = async (exchange, messages) => {
    await gate;
    await bus.publishBatch(exchange, messages);
    confirmed += messages.length;
  };
  return { bus: wrapper, open: () => release(), confirmed: () => confirmed };
}
