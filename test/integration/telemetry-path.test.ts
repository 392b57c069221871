import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import amqplib from "amqplib";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithServices, serviceAddresses } from "../support/services.js";
import { mqttSender } from "../../vnfs/simulators/meters/meter-senders.js";
import { runMeterFleet } from "../../vnfs/simulators/meters/run-meters.js";
import {
  fetchWithRetry,
  readMetric,
  startIvfProcess,
  stopIvfProcess,
  type IvfProcess,
} from "./support/ivf-processes.js";
import { startPrivateMosquitto, type PrivateMosquitto } from "./support/mosquitto.js";
import { deleteRabbitTopology, requestProcessorQueues } from "./support/rabbitmq-topology.js";

/**
 * THE telemetry path (issue 2): N readings over MQTT QoS 1 to Mosquitto -> two field-gateways
 * sharing the subscription ($share/field-gateway/...) ->
 * RabbitMQ -> two request-processors (one SIGKILLed mid-run) -> store -> read back from cloud-api.
 * Every acknowledged reading must be there exactly once: zero loss, zero duplicates.
 */
const MESSAGES = Number(process.env.IVF_IT_MESSAGES ?? 5000);
const METERS = 50;
const ATTRIBUTES = ["current", "energy", "power", "powerFactor", "voltage"];
const run = randomBytes(4).toString("hex");
const names = {
  requests: `it.requests.${run}`,
  events: `it.events.${run}`,
  queue: `it.request-processor.${run}`,
  topicPrefix: `it/${run}`,
};
const deviceKey = `it-device-key-${randomBytes(12).toString("hex")}`;
const appKey = `it-app-key-${randomBytes(12).toString("hex")}`;

await describeWithServices(
  ["rabbitmq", "mosquitto"],
  "telemetry path MQTT -> RabbitMQ -> store -> cloud-api",
  () => {
    let dataDir: string;
    let mosquitto: PrivateMosquitto;
    const processes: IvfProcess[] = [];

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), "ivf-it-telemetry-"));
      const provisioning = join(dataDir, "provisioning.yaml");
      writeFileSync(
        provisioning,
        `deviceGroups:\n  - { id: meters, tenant: acme, apiKey: ${deviceKey}, autoprovision: true, explicitAttributes: true,\n      attributes: [${ATTRIBUTES.map((name) => `{ name: ${name}, type: number }`).join(", ")}] }\n`,
      );
      mosquitto = await startPrivateMosquitto();
      const env = {
        IVF_DATA_DIR: join(dataDir, "data"),
        IVF_AMQP_URL: serviceAddresses.rabbitmq.url,
        IVF_MQTT_URL: mosquitto.url,
        IVF_MQTT_TOPIC_PREFIX: names.topicPrefix,
        IVF_BUS_REQUESTS_EXCHANGE: names.requests,
        IVF_BUS_EVENTS_EXCHANGE: names.events,
        IVF_REQUEST_PROCESSOR_QUEUE: names.queue,
        IVF_PROVISIONING_FILE: provisioning,
        IVF_CLOUD_API_KEYS: `acme:${appKey}`,
        IVF_API_RESPONSE_VALIDATION: "throw",
        IVF_LOG_LEVEL: "warn",
        IVF_MONGODB_URL: "",
      };
      // The gateway first: it declares the exchange and seeds the registry.
      processes.push(await startIvfProcess("field-gateway", `it-fg-${run}`, env));
      processes.push(
        ...(await Promise.all([
          startIvfProcess("request-processor", `it-rp1-${run}`, env),
          startIvfProcess("request-processor", `it-rp2-${run}`, env),
          startIvfProcess("cloud-api", `it-api-${run}`, env),
          startIvfProcess("field-gateway", `it-fg2-${run}`, env),
        ])),
      );
    }, 180_000);

    afterAll(async () => {
      await Promise.all(processes.map((ivf) => stopIvfProcess(ivf)));
      if (process.env.IVF_IT_KEEP_LOGS) {
        for (const ivf of processes)
          writeFileSync(join(process.env.IVF_IT_KEEP_LOGS, `${ivf.instance}.log`), ivf.logs.join("\n"));
      }
      await mosquitto?.stop();
      await deleteTopology();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    it(`stores every one of ${MESSAGES} acknowledged readings exactly once although a request-processor is killed mid-run`, async () => {
      const [gateway, victim, survivor, api, gateway2] = processes as [
        IvfProcess,
        IvfProcess,
        IvfProcess,
        IvfProcess,
        IvfProcess,
      ];
      const acked = new Map<string, Set<string>>();
      const sender = await mqttSender(mosquitto.url, deviceKey, names.topicPrefix);
      let killedAt = -1;
      const publishing = runMeterFleet(sender, {
        count: METERS,
        rate: 1000,
        messages: MESSAGES,
        maxInFlight: 500,
        devicePrefix: `m${run}-`,
        onAcked: (deviceId, reading) => {
          const set = acked.get(deviceId) ?? new Set<string>();
          set.add(reading.timestamp);
          acked.set(deviceId, set);
        },
      });
      // Kill one consumer once it is demonstrably working, while readings are still flowing.
      await waitFor(
        async () => (await readMetric(victim, "iotvf_messages_processed_total", 'outcome="ok"')) >= 300,
        60_000,
      );
      const processedBeforeKill =
        (await readMetric(victim, "iotvf_messages_processed_total")) +
        (await readMetric(survivor, "iotvf_messages_processed_total"));
      killedAt = [...acked.values()].reduce((sum, set) => sum + set.size, 0);
      victim.child.kill("SIGKILL");
      const stats = await publishing;
      await sender.close();

      expect(stats.failed).toBe(0);
      expect(stats.acked).toBe(MESSAGES);
      // Killed mid-run: work was still waiting or in flight when it died.
      expect(processedBeforeKill).toBeLessThan(MESSAGES - 500);
      expect(await victim.exited).toBe("SIGKILL");

      const expectedTotal = MESSAGES * ATTRIBUTES.length;
      let stored = await readEverything(api, [...acked.keys()]);
      await waitFor(
        async () => {
          stored = await readEverything(api, [...acked.keys()]);
          return stored.total >= expectedTotal;
        },
        120_000,
        async () =>
          `stored ${stored.total} of ${expectedTotal}; survivor processed ` +
          `${await readMetric(survivor, "iotvf_messages_processed_total")} (${JSON.stringify(await queueDepths())}); ` +
          `survivor log tail:\n${survivor.logs.slice(-10).join("\n")}`,
      );

      const missing: string[] = [];
      for (const [deviceId, timestamps] of acked) {
        const got = stored.byDevice.get(deviceId) ?? new Map<string, number>();
        for (const timestamp of timestamps) {
          for (const attribute of ATTRIBUTES) {
            if ((got.get(`${attribute}@${timestamp}`) ?? 0) !== 1)
              missing.push(
                `${deviceId} ${attribute}@${timestamp} x${got.get(`${attribute}@${timestamp}`) ?? 0}`,
              );
          }
        }
      }
      expect(missing.slice(0, 10)).toEqual([]);
      expect(stored.total).toBe(expectedTotal);
      expect(stored.duplicateIds).toBe(0);
      expect(await readMetric(gateway, "iotvf_dropped_messages_total")).toBe(0);
      expect(await readMetric(gateway2, "iotvf_dropped_messages_total")).toBe(0);
      // The shared subscription split the device traffic between both gateways, and nothing twice.
      const perGateway = [
        await readMetric(gateway, "iotvf_messages_received_total"),
        await readMetric(gateway2, "iotvf_messages_received_total"),
      ];
      expect(perGateway.every((count) => count > 0)).toBe(true);
      expect(perGateway[0]! + perGateway[1]!).toBe(MESSAGES);
      const survivorOk = await readMetric(survivor, "iotvf_messages_processed_total", 'outcome="ok"');
      expect(survivorOk).toBeGreaterThan(0);
      console.warn(
        `telemetry path: ${MESSAGES} readings; victim killed after ${processedBeforeKill} processed and ${killedAt} acknowledged to devices; survivor processed ${survivorOk}, ` +
          `redelivered to survivor ${await readMetric(survivor, "iotvf_redelivered_messages_total")}`,
      );
    }, 360_000);
  },
);

interface StoredView {
  byDevice: Map<string, Map<string, number>>;
  total: number;
  duplicateIds: number;
}

/** Pages through every device's measurements on cloud-api (validated against its OpenAPI document). */
async function readEverything(api: IvfProcess, devices: string[]): Promise<StoredView> {
  const view: StoredView = { byDevice: new Map(), total: 0, duplicateIds: 0 };
  const ids = new Set<string>();
  for (const deviceId of devices) {
    const counts = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const url = `${api.url}/v1/devices/${deviceId}/measurements?limit=1000${cursor ? `&cursor=${cursor}` : ""}`;
      const response = await fetchWithRetry(url, { headers: { "x-api-key": appKey } });
      if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
      const page = (await response.json()) as {
        items: { id: string; attribute: string; timestamp: string }[];
        nextCursor?: string;
      };
      for (const item of page.items) {
        if (ids.has(item.id)) view.duplicateIds += 1;
        ids.add(item.id);
        const key = `${item.attribute}@${item.timestamp}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        view.total += 1;
      }
      cursor = page.nextCursor;
    } while (cursor);
    view.byDevice.set(deviceId, counts);
  }
  return view;
}

async function waitFor(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  explain?: () => Promise<string>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms${explain ? `: ${await explain()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function queueDepths(): Promise<Record<string, number>> {
  const connection = await amqplib.connect(serviceAddresses.rabbitmq.url);
  try {
    const channel = await connection.createChannel();
    const depths: Record<string, number> = {};
    for (const queue of [names.queue, `${names.queue}.dlq`])
      depths[queue] = (await channel.checkQueue(queue)).messageCount;
    await channel.close();
    return depths;
  } finally {
    await connection.close();
  }
}

function deleteTopology(): Promise<void> {
  return deleteRabbitTopology(serviceAddresses.rabbitmq.url, {
    queues: requestProcessorQueues(names.queue),
    exchanges: [names.requests, names.events],
  });
}
