import { parseArgs } from "node:util";
import { httpSender, mqttSender, type MeterSender } from "./meter-senders.js";
import { runMeterFleet } from "./run-meters.js";

const USAGE = `usage: ivf simulate meters --count N --rate R (--mqtt-url URL | --http-url URL) --api-key KEY
       [--duration S] [--messages M] [--topic-prefix ivf/v1] [--prefix meter-]

Smart meters sending energy (kWh), power (kW), voltage (V), current (A) and powerFactor.
--rate is readings per second for the whole fleet; the API key is the device group's
(IVF_SIMULATOR_API_KEY is read when --api-key is absent).`;

/** \`ivf simulate meters ...\`: prints a progress line every 5 s and a summary; exit 1 if readings failed. */
export async function run(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        count: { type: "string", default: "10" },
        rate: { type: "string", default: "10" },
        duration: { type: "string" },
        messages: { type: "string" },
        "mqtt-url": { type: "string" },
        "http-url": { type: "string" },
        "api-key": { type: "string" },
        "topic-prefix": { type: "string", default: "ivf/v1" },
        prefix: { type: "string", default: "meter-" },
        help: { type: "boolean" },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(
      `ivf simulate meters: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`,
    );
    return 2;
  }
  if (values.help) {
    print(USAGE);
    return 0;
  }
  const problems: string[] = [];
  const count = positiveInteger(values.count, "--count", problems);
  const rate = positiveNumber(values.rate, "--rate", problems);
  const duration =
    values.duration === undefined ? undefined : positiveNumber(values.duration, "--duration", problems);
  const messages =
    values.messages === undefined ? undefined : positiveInteger(values.messages, "--messages", problems);
  const apiKey = values["api-key"] ?? process.env.IVF_SIMULATOR_API_KEY;
  if (!apiKey) problems.push("--api-key (or IVF_SIMULATOR_API_KEY) is required");
  if (Boolean(values["mqtt-url"]) === Boolean(values["http-url"]))
    problems.push("give exactly one of --mqtt-url and --http-url");
  if (problems.length > 0) {
    console.error(`ivf simulate meters:\n  - ${problems.join("\n  - ")}\n\n${USAGE}`);
    return 2;
  }
  const sender: MeterSender = values["mqtt-url"]
    ? await mqttSender(values["mqtt-url"], apiKey!, values["topic-prefix"])
    : httpSender(values["http-url"]!, apiKey!);
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  let lastError = "";
  const stats = { acked: 0 };
  const progress = setInterval(() => print(`meters: ${stats.acked} readings acknowledged`), 5000);
  try {
    const result = await runMeterFleet(sender, {
      count,
      rate,
      signal: abort.signal,
      devicePrefix: values.prefix,
      ...(duration !== undefined ? { durationSeconds: duration } : {}),
      ...(messages !== undefined ? { messages } : {}),
      onAcked: () => (stats.acked += 1),
      onError: (_device, error) => (lastError = error instanceof Error ? error.message : String(error)),
    });
    print(
      `meters: sent ${result.sent}, acknowledged ${result.acked}, failed ${result.failed} in ${result.elapsedSeconds.toFixed(1)} s` +
        (lastError ? ` (last error: ${lastError})` : ""),
    );
    return result.failed > 0 ? 1 : 0;
  } finally {
    clearInterval(progress);
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await sender.close();
  }
}

function positiveInteger(raw: string | undefined, name: string, problems: string[]): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    problems.push(`${name} must be a positive integer (got ${JSON.stringify(raw)})`);
  return value;
}

function positiveNumber(raw: string | undefined, name: string, problems: string[]): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    problems.push(`${name} must be a positive number (got ${JSON.stringify(raw)})`);
  return value;
}

/** CLI output goes to stdout (console.log is reserved for the cli/ folder by the lint rules). */
function print(text: string): void {
  process.stdout.write(`${text}\n`);
}
