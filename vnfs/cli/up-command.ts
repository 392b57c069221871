import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { createLogger } from "../runtime-kit/logging/logger.js";
import { startEmbeddedBroker, type EmbeddedBroker } from "../runtime-kit/mqtt/embedded-broker.js";
import { mqttSender } from "../simulators/meters/meter-senders.js";
import { runMeterFleet } from "../simulators/meters/run-meters.js";

/**
 * `ivf up` (npm start): the whole first telemetry path on one machine. Until the VNFM-driven
 * bring-up (issue 8) replaces it, it supervises the IVFs as child processes (`ivf run <fn>`):
 * field-gateway, two request-processors (competing consumers) and cloud-api, on embedded
 * defaults under .ivf/ (or RabbitMQ / MongoDB / an external MQTT broker when IVF_AMQP_URL,
 * IVF_MONGODB_URL, IVF_MQTT_URL are set), provisions a demo tenant, runs the meter simulator and
 * prints where to look. Ctrl-C stops everything gracefully.
 */
const HOME = resolve(process.env.IVF_HOME ?? ".ivf");
const TENANT = "demo";
const PROCESSES = [
  { fn: "field-gateway", instance: "field-gateway-1" },
  { fn: "request-processor", instance: "request-processor-1" },
  { fn: "request-processor", instance: "request-processor-2" },
  { fn: "cloud-api", instance: "cloud-api-1" },
];

interface DemoCredentials {
  deviceApiKey: string;
  applicationKey: string;
}

interface Child {
  instance: string;
  process: ChildProcess;
  url: Promise<string>;
}

export async function run(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(
      "usage: ivf up [--no-simulator] [--meters N] [--rate R]\n\nStarts the platform on this machine; Ctrl-C stops it.",
    );
    return 0;
  }
  const meters = numberOption(args, "--meters", 20);
  const rate = numberOption(args, "--rate", 20);
  mkdirSync(join(HOME, "logs"), { recursive: true });
  const credentials = demoCredentials();
  const provisioningFile = writeProvisioning(credentials);
  const logger = createLogger({ ivf: "ivf-up", instanceId: `up-${process.pid}`, level: "warn" });

  let broker: EmbeddedBroker | undefined;
  const mqttUrl =
    process.env.IVF_MQTT_URL ??
    (broker = await startEmbeddedBroker({ port: numberOption(args, "--mqtt-port", 0), logger })).url;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    IVF_DATA_DIR: process.env.IVF_DATA_DIR ?? join(HOME, "data"),
    IVF_MQTT_URL: mqttUrl,
    // aedes has no shared subscriptions; the single gateway then subscribes directly.
    IVF_MQTT_SHARED_SUBSCRIPTION: broker ? "false" : (process.env.IVF_MQTT_SHARED_SUBSCRIPTION ?? "true"),
    IVF_PROVISIONING_FILE: provisioningFile,
    IVF_CLOUD_API_KEYS: [process.env.IVF_CLOUD_API_KEYS, `${TENANT}:${credentials.applicationKey}`]
      .filter(Boolean)
      .join(","),
  };
  const children: Child[] = [];
  const abort = new AbortController();
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= shutdown(children, abort, broker));
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());

  try {
    // The gateway first: it seeds the device registry the others read.
    children.push(startChild(PROCESSES[0]!.fn, PROCESSES[0]!.instance, env));
    const gatewayUrl = await children[0]!.url;
    for (const entry of PROCESSES.slice(1)) children.push(startChild(entry.fn, entry.instance, env));
    const urls = await Promise.all(children.map((child) => child.url));
    printWelcome(urls, mqttUrl, gatewayUrl, credentials);
  } catch (error) {
    console.error(`ivf up: ${error instanceof Error ? error.message : String(error)}`);
    await stop();
    return 1;
  }
  const simulator = args.includes("--no-simulator")
    ? Promise.resolve()
    : simulate(mqttUrl, credentials, meters, rate, abort.signal);
  const firstExit = Promise.race(
    children.map(
      (child) => new Promise<string>((done) => child.process.once("exit", () => done(child.instance))),
    ),
  );
  const ended = await Promise.race([
    firstExit,
    new Promise<undefined>((done) => abort.signal.addEventListener("abort", () => done(undefined))),
  ]);
  if (ended)
    console.error(
      `ivf up: ${ended} exited unexpectedly; see ${join(HOME, "logs", `${ended}.log`)}. Stopping.`,
    );
  await stop();
  await simulator;
  return ended ? 1 : 0;
}

function startChild(fn: string, instance: string, env: NodeJS.ProcessEnv): Child {
  const entry = process.argv[1]!;
  const child = spawn(process.execPath, [...process.execArgv, entry, "run", fn], {
    env: { ...env, IVF_INSTANCE_ID: instance },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(join(HOME, "logs", `${instance}.log`), { flags: "a" });
  child.stderr!.pipe(log, { end: false });
  const url = new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`${instance} did not start within 60 s; see ${join(HOME, "logs", `${instance}.log`)}`),
        ),
      60_000,
    );
    createInterface({ input: child.stdout! }).on("line", (line) => {
      log.write(`${line}\n`);
      if (!line.includes('"listening"')) return;
      try {
        const record = JSON.parse(line) as { event?: string; url?: string };
        if (record.event === "listening" && record.url) {
          clearTimeout(timer);
          resolveUrl(record.url);
        }
      } catch {
        // Not a log record: already written to the log file.
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${instance} exited with code ${code}; see ${join(HOME, "logs", `${instance}.log`)}`));
    });
  });
  url.catch(() => undefined);
  return { instance, process: child, url };
}

async function shutdown(
  children: Child[],
  abort: AbortController,
  broker: EmbeddedBroker | undefined,
): Promise<void> {
  abort.abort();
  console.log("\nivf up: stopping (graceful: in-flight messages finish or are handed back)...");
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.process.exitCode !== null || child.process.signalCode !== null) return done();
          const kill = setTimeout(() => child.process.kill("SIGKILL"), 20_000);
          child.process.once("exit", () => {
            clearTimeout(kill);
            done();
          });
          child.process.kill("SIGTERM");
        }),
    ),
  );
  await broker?.close();
  console.log("ivf up: stopped");
}

async function simulate(
  mqttUrl: string,
  credentials: DemoCredentials,
  count: number,
  rate: number,
  signal: AbortSignal,
): Promise<void> {
  const sender = await mqttSender(mqttUrl, credentials.deviceApiKey);
  try {
    await runMeterFleet(sender, { count, rate, signal, onError: () => undefined });
  } finally {
    await sender.close();
  }
}

function demoCredentials(): DemoCredentials {
  const file = join(HOME, "demo-credentials.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DemoCredentials;
  const credentials = {
    deviceApiKey: randomBytes(18).toString("base64url"),
    applicationKey: randomBytes(18).toString("base64url"),
  };
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

function writeProvisioning(credentials: DemoCredentials): string {
  const file = join(HOME, "provisioning.yaml");
  const attributes = [
    ["energy", "kWh"],
    ["power", "kW"],
    ["voltage", "V"],
    ["current", "A"],
    ["powerFactor", "1"],
  ];
  const yaml = [
    "# Written by `ivf up`: the demo tenant's meter group (devices autoprovision on first telemetry).",
    "deviceGroups:",
    "  - id: meters",
    `    tenant: ${TENANT}`,
    `    apiKey: ${credentials.deviceApiKey}`,
    "    autoprovision: true",
    "    explicitAttributes: true",
    "    attributes:",
    ...attributes.map(([name, unit]) => `      - { name: ${name}, type: number, unit: "${unit}" }`),
    "",
  ].join("\n");
  writeFileSync(file, yaml, { mode: 0o600 });
  return file;
}

function printWelcome(
  urls: string[],
  mqttUrl: string,
  gatewayUrl: string,
  credentials: DemoCredentials,
): void {
  const cloudApi = urls[urls.length - 1]!;
  const lines = [
    "",
    "IoT Virtualized Functions are up.",
    "",
    ...PROCESSES.map(
      (entry, index) => `  ${entry.instance.padEnd(20)} ${urls[index]}   (/healthz /readyz /metrics)`,
    ),
    `  ${"MQTT (devices)".padEnd(20)} ${mqttUrl}   topic ivf/v1/<apiKey>/<deviceId>/attrs`,
    "",
    "Latest values of a simulated meter:",
    `  curl -H 'X-API-Key: ${credentials.applicationKey}' ${cloudApi}/v1/devices/meter-0001/latest`,
    "Its measurements of the last minutes:",
    `  curl -H 'X-API-Key: ${credentials.applicationKey}' '${cloudApi}/v1/devices/meter-0001/measurements?attribute=power&limit=10'`,
    "Send telemetry yourself over HTTP:",
    `  curl -X POST -H 'X-API-Key: ${credentials.deviceApiKey}' -H 'content-type: application/json' \\`,
    `       -d '{"power": 1.5, "voltage": 231.2}' ${gatewayUrl}/v1/telemetry/my-meter`,
    "",
    `Logs: ${join(HOME, "logs")}   Credentials: ${join(HOME, "demo-credentials.json")}   Stop: Ctrl-C`,
    "",
  ];
  console.log(lines.join("\n"));
}

function numberOption(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} needs a non-negative number`);
  return value;
}
