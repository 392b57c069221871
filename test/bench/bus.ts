/**
 * Bus throughput: N persistent messages published with confirms (batches of 1000) and consumed
 * with manual acks (prefetch 500), through the embedded bus, the AMQP bus, and raw amqplib on
 * the same RabbitMQ as the baseline. Run: `npm run bench:bus` (BENCH_BUS_N to change N).
 * Prints a table, then one line of JSON with the figures.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import amqp from "amqplib";
import { pino } from "pino";
import { AmqpBus } from "../../vnfs/runtime-kit/bus/amqp/amqp-bus.js";
import { EmbeddedBus } from "../../vnfs/runtime-kit/bus/embedded/embedded-bus.js";
import type { MessageBus } from "../../vnfs/runtime-kit/bus/message-bus.js";
import { startChildConsumer } from "../runtime-kit/bus/bus-test-kit.js";
import { isReachable, serviceAddresses } from "../support/services.js";

const N = Number(process.env.BENCH_BUS_N ?? 20_000);
const BATCH = 1000;
const PREFETCH = 500;
const logger = pino({ level: "warn" });
const run = `bench.${Date.now().toString(36)}`;

interface Figures {
  name: string;
  publishPerSecond: number;
  endToEndPerSecond: number;
  seconds: number;
}

function body(i: number) {
  return {
    deviceId: `meter-${i % 500}`,
    seq: i,
    at: new Date(1_700_000_000_000 + i).toISOString(),
    kWh: i * 0.001,
    unit: "kWh",
  };
}

function figures(name: string, started: number, published: number, consumed: number): Figures {
  const seconds = (consumed - started) / 1000;
  return {
    name,
    publishPerSecond: Math.round(N / ((published - started) / 1000)),
    endToEndPerSecond: Math.round(N / seconds),
    seconds: Number(seconds.toFixed(2)),
  };
}

async function viaPort(name: string, bus: MessageBus): Promise<Figures> {
  const exchange = `${run}.${bus.kind}`;
  const spec = { name: `${exchange}.q`, exchange, bindings: ["#"] };
  await bus.declareExchange(exchange);
  await bus.declareQueue(spec);
  let received = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const consumer = await bus.consume(
    spec,
    async () => {
      if (++received === N) finish();
    },
    { prefetch: PREFETCH },
  );
  const started = Date.now();
  for (let from = 0; from < N; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, N - from) }, (_, k) => ({
      routingKey: "meter.reading",
      messageId: `m-${from + k}`,
      body: body(from + k),
    }));
    await bus.publishBatch(exchange, batch);
  }
  const published = Date.now();
  await done;
  const result = figures(name, started, published, Date.now());
  await consumer.stop();
  return result;
}

/** The consumer runs in a child process on the same bus file: the cross-process path. */
async function embeddedAcrossProcesses(path: string): Promise<Figures> {
  const bus = await EmbeddedBus.open({ path, instanceId: "bench-publisher", logger });
  const exchange = `${run}.cross`;
  const spec = { name: `${exchange}.q`, exchange, bindings: ["#"] };
  await bus.declareExchange(exchange);
  await bus.declareQueue(spec);
  const child = startChildConsumer(
    { adapter: "embedded", path, options: { heartbeatMs: 1000, staleConsumerMs: 3000, idlePollMs: 50 } },
    spec,
    "ack",
    PREFETCH,
  );
  await child.ready;
  const started = Date.now();
  for (let from = 0; from < N; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, N - from) }, (_, k) => ({
      routingKey: "meter.reading",
      messageId: `m-${from + k}`,
      body: body(from + k),
    }));
    await bus.publishBatch(exchange, batch);
  }
  const published = Date.now();
  while (child.deliveries.length < N) await new Promise((resolve) => setTimeout(resolve, 5));
  const result = figures("embedded, 2 processes", started, published, Date.now());
  await child.kill();
  await bus.close();
  return result;
}

async function rawAmqplib(url: string): Promise<Figures> {
  const model = await amqp.connect(url);
  const queue = `${run}.raw.q`;
  const pub = await model.createConfirmChannel();
  const sub = await model.createChannel();
  await pub.assertExchange(`${run}.raw`, "topic", { durable: true });
  await pub.assertQueue(queue, { durable: true });
  await pub.bindQueue(queue, `${run}.raw`, "#");
  await sub.prefetch(PREFETCH);
  let received = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  await sub.consume(queue, (msg) => {
    if (!msg) return;
    JSON.parse(msg.content.toString());
    sub.ack(msg);
    if (++received === N) finish();
  });
  const started = Date.now();
  for (let from = 0; from < N; from += BATCH) {
    for (let i = from; i < Math.min(from + BATCH, N); i++) {
      const ok = pub.publish(`${run}.raw`, "meter.reading", Buffer.from(JSON.stringify(body(i))), {
        persistent: true,
        messageId: `m-${i}`,
        contentType: "application/json",
      });
      if (!ok) await new Promise((resolve) => pub.once("drain", resolve));
    }
    await pub.waitForConfirms();
  }
  const published = Date.now();
  await done;
  const result = figures("raw amqplib (baseline)", started, published, Date.now());
  await pub.deleteQueue(queue);
  await pub.deleteExchange(`${run}.raw`);
  await model.close();
  return result;
}

async function removeAmqpTopology(url: string): Promise<void> {
  const model = await amqp.connect(url);
  const ch = await model.createChannel();
  for (const q of [`${run}.amqp.q`, `${run}.amqp.q.dlq`]) await ch.deleteQueue(q);
  await ch.deleteExchange(`${run}.amqp`);
  await model.close();
}

async function main(): Promise<void> {
  const results: Figures[] = [];
  const dir = mkdtempSync(join(tmpdir(), "ivf-bench-bus-"));
  try {
    const embedded = await EmbeddedBus.open({ path: join(dir, "bus.sqlite"), instanceId: "bench", logger });
    results.push(await viaPort("embedded bus (SQLite)", embedded));
    await embedded.close();
    results.push(await embeddedAcrossProcesses(join(dir, "cross.sqlite")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const { host, port, url } = serviceAddresses.rabbitmq;
  if (await isReachable(host, port)) {
    results.push(await rawAmqplib(url));
    const bus = await AmqpBus.connect({ url, instanceId: "bench", logger });
    results.push(await viaPort("AMQP bus (RabbitMQ)", bus));
    await bus.close();
    await removeAmqpTopology(url);
  } else {
    console.log(`NOTICE: RabbitMQ not reachable at ${host}:${port}; AMQP figures skipped`);
  }
  console.log(
    `\nBus throughput, N=${N} persistent messages, publish batches of ${BATCH}, prefetch ${PREFETCH}\n`,
  );
  console.log(
    `${"adapter".padEnd(26)} ${"publish msg/s".padStart(14)} ${"end-to-end msg/s".padStart(17)} ${"seconds".padStart(8)}`,
  );
  for (const r of results) {
    console.log(
      `${r.name.padEnd(26)} ${String(r.publishPerSecond).padStart(14)} ${String(r.endToEndPerSecond).padStart(17)} ${String(r.seconds).padStart(8)}`,
    );
  }
  const baseline = results.find((r) => r.name.startsWith("raw"));
  const ours = results.find((r) => r.name.startsWith("AMQP"));
  const ratio =
    baseline && ours ? Number((ours.endToEndPerSecond / baseline.endToEndPerSecond).toFixed(2)) : null;
  if (ratio !== null) console.log(`\nAMQP bus / raw amqplib end-to-end: ${ratio}`);
  console.log(JSON.stringify({ bench: "bus", n: N, results, amqpVsBaseline: ratio }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
