/**
 * Ingest benchmark (issue 6 "Proof"): MQTT QoS 1 (a private Mosquitto) -> field-gateway ->
 * RabbitMQ (persistent, confirmed) -> request-processor -> embedded store, with 1 and then 2
 * request-processor instances as real child processes. The raw ceilings are measured in the
 * same run with the same messages (ingest-raw.ts): Mosquitto QoS 1 pub->sub, and RabbitMQ
 * persistent publish-confirm -> consume-ack of the pipeline's request primitives. Every sent
 * reading must be stored exactly once (lost = 0, duplicates = 0). Latency is from the device
 * timestamp to `storedAt` of the request processor's stored event. CPU milliseconds per message
 * of every process on the path are read from /proc (ingest-cpu.ts), so the cost of each stage
 * is visible however loaded the machine is. The two configurations run BENCH_INGEST_ROUNDS times
 * in alternating order and are compared by their median phases; the machine's own two-process
 * gain is measured in the same run (machine-parallelism.ts) as the bound a second instance has.
 * Run: `npm run bench:ingest` (BENCH_INGEST_N messages per end-to-end phase, BENCH_INGEST_RAW_N
 * per raw ceiling). Prints tables, then one line of JSON with the figures.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import amqp from "amqplib";
import mqtt from "mqtt";
import { pino } from "pino";
import { MeterModel } from "../../vnfs/simulators/meters/meter-model.js";
import { meterIds } from "../../vnfs/simulators/meters/run-meters.js";
import { handlerRate } from "./ingest-handler.js";
import { DEFAULT_BATCH } from "../../vnfs/request-processor/handling/handle-telemetry.js";
import { CpuMeter, findProcesses } from "./ingest-cpu.js";
import { machineParallelGain } from "./machine-parallelism.js";
import {
  deleteTopology,
  ownedPartitions,
  queueDepth,
  settledOwnership,
  watchStoredEvents,
  type StoredEventWatch,
} from "./ingest-observers.js";
import { meterPayload, meterPrimitive, publishAll, rawAmqp, rawMqtt, waitUntil } from "./ingest-raw.js";
import { SqliteStore } from "../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { packTelemetry } from "../../vnfs/runtime-kit/primitives/telemetry-envelope.js";
import { publishProperties } from "../../vnfs/runtime-kit/bus/amqp/amqp-publisher.js";
import { startIvfProcess, stopIvfProcess, type IvfProcess } from "../integration/support/ivf-processes.js";
import { startPrivateMosquitto, type PrivateMosquitto } from "../integration/support/mosquitto.js";
import { isReachable, serviceAddresses } from "../support/services.js";

const N = Number(process.env.BENCH_INGEST_N ?? 30_000);
const RAW_N = Number(process.env.BENCH_INGEST_RAW_N ?? 20_000);
const METERS = 100;
/** The field gateway's default publish batch (IVF_FIELD_GATEWAY_BATCH_SIZE). */
const GATEWAY_BATCH = 500;
const ATTRIBUTES = 5; // MeterModel: energy, power, voltage, current, powerFactor
const PHASE_TIMEOUT_MS = 90_000;
const AMQP_URL = process.env.IVF_AMQP_URL ?? serviceAddresses.rabbitmq.url;
const run = `bench-ingest-${randomBytes(3).toString("hex")}`;

interface Phase {
  instances: number;
  round: number;
  throughput: number;
  p50: number;
  p99: number;
  lost: number;
  duplicates: number;
  seconds: number;
  /** MQTT messages/s PUBACKed by the gateway path (accepted into RabbitMQ). */
  accepted: number;
  /** Messages waiting in the request-processor queue when the last MQTT publish was acknowledged. */
  backlog: number;
  /** Primitives/s stored when published straight to RabbitMQ (request-processor stage alone). */
  busOnly: number;
  /** CPU ms per message by process, end to end and for the request-processor stage alone. */
  cpu: Record<string, number>;
  busOnlyCpu: Record<string, number>;
}

/** Phases per configuration; the order alternates between rounds. */
const ROUNDS = Number(process.env.BENCH_INGEST_ROUNDS ?? 3);

/** The phase with the median figure (the lower middle one for an even count). */
function median(phases: Phase[], figure: (phase: Phase) => number): Phase {
  const sorted = [...phases].sort((a, b) => figure(a) - figure(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

async function endToEnd(mosquitto: PrivateMosquitto, instances: number, round: number): Promise<Phase> {
  const tag = `${instances}r${round}`;
  let keep = false;
  const dir = mkdtempSync(join(tmpdir(), `${run}-e2e-`));
  const apiKey = `bench-key-${randomBytes(12).toString("hex")}`;
  const names = {
    requests: `${run}.${tag}.requests`,
    events: `${run}.${tag}.events`,
    queue: `${run}.${tag}.rp`,
    prefix: `${run}/${tag}`,
  };
  const provisioning = join(dir, "provisioning.yaml");
  writeFileSync(
    provisioning,
    `deviceGroups:\n  - { id: meters, tenant: acme, apiKey: ${apiKey}, autoprovision: true }\n`,
  );
  const env = {
    IVF_DATA_DIR: join(dir, "data"),
    IVF_AMQP_URL: AMQP_URL,
    IVF_MQTT_URL: mosquitto.url,
    IVF_MQTT_TOPIC_PREFIX: names.prefix,
    IVF_BUS_REQUESTS_EXCHANGE: names.requests,
    IVF_BUS_EVENTS_EXCHANGE: names.events,
    IVF_REQUEST_PROCESSOR_QUEUE: names.queue,
    IVF_PROVISIONING_FILE: provisioning,
    IVF_LOG_LEVEL: "warn",
    IVF_MONGODB_URL: "",
  };
  const processes: IvfProcess[] = [];
  const events = await watchStoredEvents(AMQP_URL, names.events);
  const device = await mqtt.connectAsync(mosquitto.url, { clientId: `${run}-dev-${tag}`, clean: true });
  try {
    processes.push(await startIvfProcess("field-gateway", `${run}-fg-${tag}`, env));
    processes.push(
      ...(await Promise.all(
        Array.from({ length: instances }, (_, i) =>
          startIvfProcess("request-processor", `${run}-rp${i + 1}-${tag}`, env),
        ),
      )),
    );
    const meters = meterIds(METERS, `b${tag}-`).map((id) => new MeterModel(id));
    const send = (i: number): [string, string] => {
      const meter = meters[i % meters.length]!;
      return [`${names.prefix}/${apiKey}/${meter.deviceId}/attrs`, meterPayload(meter)];
    };
    const rps = processes.slice(1).map((ivf) => ivf.child.pid);
    const meter = () =>
      new CpuMeter()
        .track("field-gateway", [processes[0]!.child.pid])
        .track("request-processor(s)", rps)
        .track("RabbitMQ (shared broker)", findProcesses("beam.smp"))
        .track("Mosquitto (private)", findProcesses("mosquitto", process.pid));
    // Every instance consumes its share of the partitions before anything is measured.
    await waitUntil(
      async () => settledOwnership(await Promise.all(processes.slice(1).map(ownedPartitions)), instances),
      PHASE_TIMEOUT_MS,
      "the request processors to share the telemetry partitions",
    );
    // Warm-up: autoprovisions every meter and fills caches, outside the measured window.
    await publishAll(device, METERS, send);
    await waitUntil(() => events.seen.size >= METERS, PHASE_TIMEOUT_MS, "warm-up readings stored");
    const busCpu = meter();
    busCpu.start();
    const direct = await busStage(names.requests, meters, events);
    busCpu.stop();
    const warm = events.seen.size;
    events.latencies.length = 0;
    const cpu = meter();
    cpu.start();
    const started = Date.now();
    await publishAll(device, N, (i) => send(i + METERS));
    const publishedSeconds = (Date.now() - started) / 1000;
    const backlog = await queueDepth(AMQP_URL, names.queue);
    await waitUntil(() => events.seen.size >= warm + N, PHASE_TIMEOUT_MS, `${N} readings stored`).catch(
      (error: unknown) => console.error(String(error)),
    );
    cpu.stop();
    const seconds = (events.lastStoredAt() - started) / 1000;
    await sleep(500); // let late duplicates (if any) arrive before counting
    const store = await SqliteStore.open({
      path: join(dir, "data", "iot.sqlite"),
      logger: pino({ level: "silent" }),
    });
    const measurements = await store.collection("measurements");
    const stored = await measurements.count();
    await store.close();
    const expected = (2 * N + METERS) * ATTRIBUTES;
    // Evidence for a failed phase: its store stays on disk.
    keep = stored !== expected;
    if (keep)
      console.error(`phase ${tag}: ${stored} readings stored, ${expected} expected; data kept in ${dir}`);
    const latencies = [...events.latencies].sort((a, b) => a - b);
    return {
      instances,
      round,
      throughput: Math.round(N / seconds),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      lost: Math.max(0, expected - stored) / ATTRIBUTES,
      duplicates: Math.max(0, stored - expected),
      seconds: Number(seconds.toFixed(2)),
      accepted: Math.round(N / publishedSeconds),
      busOnly: direct,
      backlog,
      cpu: cpu.perMessage(N),
      busOnlyCpu: busCpu.perMessage(N),
    };
  } finally {
    await device.endAsync();
    await Promise.all(processes.map((ivf) => stopIvfProcess(ivf)));
    await events.close();
    await deleteTopology(AMQP_URL, names);
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The request-processor stage alone: N primitives (as the gateway would publish them) sent
 * straight to the requests exchange with confirms, timed until every one is stored.
 */
async function busStage(exchange: string, meters: MeterModel[], events: StoredEventWatch): Promise<number> {
  const connection = await amqp.connect(AMQP_URL);
  try {
    const channel = await connection.createConfirmChannel();
    const before = events.seen.size;
    const started = Date.now();
    // Packed as the field gateway packs one flush (IVF_FIELD_GATEWAY_BATCH_SIZE messages).
    for (let i = 0; i < N; i += GATEWAY_BATCH) {
      const batch = Array.from({ length: Math.min(GATEWAY_BATCH, N - i) }, (_, j) =>
        meterPrimitive(meters[(i + j) % meters.length]!, "acme", "bench"),
      );
      for (const message of packTelemetry(batch)) {
        const body = JSON.stringify(message.body);
        channel.publish(
          exchange,
          message.routingKey,
          Buffer.from(body),
          publishProperties(
            { ...message, messageId: message.messageId ?? "", body, headers: {} },
            Date.now(),
          ),
        );
      }
      await channel.waitForConfirms();
    }
    await waitUntil(() => events.seen.size >= before + N, PHASE_TIMEOUT_MS, `${N} bus primitives stored`);
    return Math.round(N / ((events.lastStoredAt() - started) / 1000));
  } finally {
    await connection.close();
  }
}

async function main(): Promise<number> {
  const amqpAddress = new URL(AMQP_URL);
  if (!(await isReachable(amqpAddress.hostname, Number(amqpAddress.port || 5672), 1000))) {
    console.error(`RabbitMQ is not reachable at ${amqpAddress.host}: start it or set IVF_AMQP_URL`);
    return 2;
  }
  const load = loadavg().map((n) => n.toFixed(2));
  const mosquitto = await startPrivateMosquitto();
  try {
    const unbatched = await handlerRate(Math.min(N, 5000), 1);
    const batched = await handlerRate(Math.min(N, 5000), DEFAULT_BATCH.maxSize);
    const rawCpu = new CpuMeter().track("RabbitMQ (shared broker)", findProcesses("beam.smp"));
    rawCpu.start();
    const amqpRaw = await rawAmqp(AMQP_URL, run, RAW_N);
    rawCpu.stop();
    const mqttRaw = await rawMqtt(mosquitto.url, run, RAW_N);
    const parallelGain = await machineParallelGain();
    // Rounds alternate the order (1, 2), (2, 1), ...: a machine whose speed drifts during the run
    // (a shared host) then favours neither configuration; each is reported by its median phase.
    const phases: Phase[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const instances of round % 2 === 1 ? [1, 2] : [2, 1])
        phases.push(await endToEnd(mosquitto, instances, round));
    }
    const of = (instances: number) => phases.filter((phase) => phase.instances === instances);
    const one = median(of(1), (phase) => phase.throughput);
    const two = median(of(2), (phase) => phase.throughput);
    const busOne = median(of(1), (phase) => phase.busOnly).busOnly;
    const busTwo = median(of(2), (phase) => phase.busOnly).busOnly;
    const gainsByRound = Array.from({ length: ROUNDS }, (_, i) => {
      const pair = phases.filter((phase) => phase.round === i + 1);
      const rate = (instances: number) => pair.find((phase) => phase.instances === instances)!.throughput;
      return Number((rate(2) / rate(1)).toFixed(3));
    });
    const best = two.throughput >= one.throughput ? two : one;
    const ceiling = Math.min(mqttRaw.rate, amqpRaw.rate);
    const pathCpu = (phase: Phase) =>
      Object.entries(phase.cpu)
        .filter(([group]) => !group.startsWith("benchmark"))
        .reduce((sum, [, ms]) => sum + ms, 0);
    const cores = availableParallelism();
    const figures = {
      benchmark: "ingest",
      messages: N,
      readings_per_message: ATTRIBUTES,
      throughput_msgs_per_s: best.throughput,
      throughput_1x_msgs_per_s: one.throughput,
      throughput_2x_msgs_per_s: two.throughput,
      p50_ms: best.p50,
      p99_ms: best.p99,
      raw_mqtt_msgs_per_s: mqttRaw.rate,
      raw_amqp_msgs_per_s: amqpRaw.rate,
      raw_mqtt_body_bytes: mqttRaw.bodyBytes,
      raw_amqp_body_bytes: amqpRaw.bodyBytes,
      ratio_vs_raw: Number((best.throughput / ceiling).toFixed(3)),
      ratio_vs_raw_amqp: Number((best.throughput / amqpRaw.rate).toFixed(3)),
      handler_unbatched_msgs_per_s: unbatched,
      handler_batched_msgs_per_s: batched,
      batching_gain: Number((batched / unbatched).toFixed(2)),
      request_processor_1x_msgs_per_s: busOne,
      request_processor_2x_msgs_per_s: busTwo,
      request_processor_scaling_gain_2x: Number((busTwo / busOne).toFixed(3)),
      scaling_gain_2x: Number((two.throughput / one.throughput).toFixed(3)),
      scaling_gain_2x_by_round: gainsByRound,
      /** Two CPU-bound processes over one on this machine, now: the most a second instance can add. */
      machine_parallel_gain: parallelGain,
      rounds: ROUNDS,
      lost: phases.reduce((sum, phase) => sum + phase.lost, 0),
      duplicates: phases.reduce((sum, phase) => sum + phase.duplicates, 0),
      raw_amqp_broker_cpu_ms_per_msg: rawCpu.perMessage(RAW_N)["RabbitMQ (shared broker)"],
      cpu_ms_per_msg_1x: one.cpu,
      cpu_ms_per_msg_2x: two.cpu,
      request_processor_cpu_ms_per_msg_1x: one.busOnlyCpu,
      request_processor_cpu_ms_per_msg_2x: two.busOnlyCpu,
      path_cpu_ms_per_msg_2x: Number(pathCpu(two).toFixed(3)),
      /** What `cores` idle cores could carry at most at the 2x phase's CPU cost per message. */
      cpu_bound_msgs_per_s: Math.round((cores * 1000) / pathCpu(two)),
      cores,
      loadavg_at_start: load,
      loadavg_at_end: loadavg().map((n) => n.toFixed(2)),
    };
    console.log(
      `\ningest benchmark (${N} MQTT messages x ${ATTRIBUTES} readings per phase; load ${load.join(" ")})`,
    );
    console.table([
      { stage: "handler in-process, SQLite, no bus: batch 1", "msg/s": unbatched },
      { stage: `handler in-process, SQLite, no bus: batch ${DEFAULT_BATCH.maxSize}`, "msg/s": batched },
      ...phases.map((p) => ({
        stage: `round ${p.round}: RabbitMQ -> ${p.instances} request-processor(s) -> store`,
        "msg/s": p.busOnly,
      })),
      { stage: `raw Mosquitto QoS1 pub->sub (${mqttRaw.bodyBytes} B)`, "msg/s": mqttRaw.rate },
      { stage: `raw RabbitMQ persistent confirm->ack (${amqpRaw.bodyBytes} B)`, "msg/s": amqpRaw.rate },
      ...phases.map((p) => ({
        stage: `round ${p.round}: end to end, ${p.instances} request-processor(s)`,
        "msg/s": p.throughput,
        "p50 ms": p.p50,
        "p99 ms": p.p99,
        "accepted msg/s": p.accepted,
        "backlog at end": p.backlog,
        lost: p.lost,
        duplicates: p.duplicates,
      })),
    ]);
    console.log(
      `median end to end: ${one.throughput} msg/s with 1 request-processor, ${two.throughput} with 2 ` +
        `(gain ${figures.scaling_gain_2x}; by round ${gainsByRound.join(", ")}); ` +
        `two CPU-bound processes on this machine do ${parallelGain}x the work of one`,
    );
    console.log("CPU milliseconds per message, by process (median phases)");
    console.table({
      "RabbitMQ -> 1 request-processor (no MQTT)": one.busOnlyCpu,
      "RabbitMQ -> 2 request-processors (no MQTT)": two.busOnlyCpu,
      "end to end, 1 request-processor": one.cpu,
      "end to end, 2 request-processors": two.cpu,
    });
    console.log(JSON.stringify(figures));
    return figures.lost === 0 && figures.duplicates === 0 ? 0 : 1;
  } finally {
    await mosquitto.stop();
  }
}

process.exitCode = await main();
