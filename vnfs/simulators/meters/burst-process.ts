/**
 * Runs the burst load (./burst-load.ts) in a child process, as a separate device fleet would be:
 * building and sending thousands of readings a second must not share one event loop with the
 * process that hosts the VNFM, the monitoring agent and the MQTT broker (`ivf up`), whose
 * decisions the scenario is about. The two processes talk over the IPC channel: the child
 * reports its phases and asks the parent the questions only the platform can answer (a
 * field-gateway HTTP address, whether it has settled); at the end it sends its ledger back.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runBurstLoad, type BurstLoadOptions, type BurstLoadResult, type PhaseTimes } from "./burst-load.js";
import { ReadingLedger, type SentReading } from "./reading-ledger.js";

/** The options that cross the process boundary (callbacks stay with the parent). */
type ChildOptions = Omit<BurstLoadOptions, "httpBaseUrl" | "signal" | "onPhase" | "quiet"> & {
  quiet: { seconds: number; rate: number };
  askSettled: boolean;
};

type Question = "httpBaseUrl" | "settled";
type ToChild = { start: ChildOptions } | { answer: { id: number; value: unknown } } | { stop: true };
type ToParent =
  | { phase: { name: string; at: number } }
  | { ask: { id: number; question: Question } }
  | { done: { readings: SentReading[]; phases: PhaseTimes[] } }
  | { error: string };

const START = "--ivf-meter-burst";

export function runBurstLoadInChild(options: BurstLoadOptions): Promise<BurstLoadResult> {
  const self = fileURLToPath(import.meta.url);
  const child = fork(self, [START], {
    execArgv: self.endsWith(".ts") ? ["--import", "tsx"] : [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const { httpBaseUrl, signal, onPhase, quiet, ...plain } = options;
  const stop = () => child.connected && child.send({ stop: true } satisfies ToChild);
  signal?.addEventListener("abort", stop, { once: true });
  const answer = async (id: number, question: Question): Promise<void> => {
    const value =
      question === "httpBaseUrl"
        ? await httpBaseUrl?.().catch(() => undefined)
        : await (quiet.endWhen?.() ?? Promise.resolve(false)).catch(() => false);
    if (child.connected) child.send({ answer: { id, value: value ?? null } } satisfies ToChild);
  };
  return new Promise<BurstLoadResult>((resolve, reject) => {
    let result: BurstLoadResult | undefined;
    let failure: string | undefined;
    child.on("message", (message: ToParent) => {
      if ("phase" in message) onPhase?.(message.phase.name, message.phase.at);
      else if ("ask" in message) void answer(message.ask.id, message.ask.question);
      else if ("done" in message)
        result = { ledger: ReadingLedger.from(message.done.readings), phases: message.done.phases };
      else failure = message.error;
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      signal?.removeEventListener("abort", stop);
      if (result) resolve(result);
      else
        reject(
          new Error(`meter burst process ${failure ? `failed: ${failure}` : `exited with code ${code}`}`),
        );
    });
    const start: ChildOptions = {
      ...plain,
      quiet: { seconds: quiet.seconds, rate: quiet.rate },
      askSettled: quiet.endWhen !== undefined,
    };
    child.send({ start } satisfies ToChild);
  });
}

/** The child: runs the load, forwarding questions to the parent. */
function serve(): void {
  const abort = new AbortController();
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 0;
  const send = (message: ToParent) =>
    new Promise<void>((done) =>
      process.connected ? process.send!(message, undefined, {}, () => done()) : done(),
    );
  const ask = (question: Question): Promise<unknown> =>
    new Promise((resolve) => {
      if (!process.connected) return resolve(undefined);
      const id = nextId++;
      pending.set(id, resolve);
      void send({ ask: { id, question } });
    });
  // Ctrl-C on a terminal reaches the whole process group: stop sending and report, as the
  // parent (which stops the scenario on the same signal) expects the ledger.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => abort.abort());
  // The parent gone (ivf up killed): stop sending, and stop waiting for its answers.
  process.once("disconnect", () => {
    abort.abort();
    for (const resolve of pending.values()) resolve(undefined);
    pending.clear();
  });
  process.on("message", (message: ToChild) => {
    if ("stop" in message) abort.abort();
    else if ("answer" in message) {
      pending.get(message.answer.id)?.(message.answer.value);
      pending.delete(message.answer.id);
    } else void run(message.start);
  });
  const run = async (options: ChildOptions): Promise<void> => {
    try {
      const { askSettled, quiet, ...rest } = options;
      const { ledger, phases } = await runBurstLoad({
        ...rest,
        httpBaseUrl: async () => ((await ask("httpBaseUrl")) as string | null) ?? undefined,
        quiet: { ...quiet, ...(askSettled ? { endWhen: async () => (await ask("settled")) === true } : {}) },
        signal: abort.signal,
        onPhase: (name, at) => void send({ phase: { name, at } }),
      });
      await send({ done: { readings: ledger.all(), phases } });
    } catch (error) {
      await send({ error: error instanceof Error ? error.message : String(error) });
    } finally {
      if (process.connected) process.disconnect();
    }
  };
}

if (process.argv.includes(START) && process.send) serve();
