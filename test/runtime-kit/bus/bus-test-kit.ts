import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Delivery, Json, QueueSpec } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import type { ChildBusConfig } from "./bus-contract.js";

const childScript = fileURLToPath(new URL("./fixtures/bus-child.ts", import.meta.url));

/** Polls until `check` passes (or throws its last failure after `timeoutMs`). */
export async function eventually(
  check: () => void | Promise<void>,
  timeoutMs = 10_000,
  stepMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(stepMs);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A promise with its resolver, for handlers that the test releases by hand. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Collects deliveries in arrival order. */
export class Inbox {
  readonly deliveries: Delivery<Json>[] = [];
  readonly handler = async (d: Delivery<Json>): Promise<void> => {
    this.deliveries.push(d);
  };
  ids(): string[] {
    return this.deliveries.map((d) => d.messageId);
  }
}

export interface ChildConsumer {
  deliveries: { messageId: string; deliveryCount: number }[];
  ready: Promise<void>;
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts a consumer in a separate Node process (via tsx) and follows what it reports. */
export function startChildConsumer(
  bus: ChildBusConfig,
  spec: QueueSpec,
  mode: "hold" | "ack",
  prefetch: number,
  delayMs = 0,
): ChildConsumer {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", childScript, JSON.stringify({ bus, spec, mode, prefetch, delayMs })],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const deliveries: ChildConsumer["deliveries"] = [];
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const report = JSON.parse(line) as { ready?: boolean; messageId?: string; deliveryCount?: number };
    if (report.ready) markReady();
    else deliveries.push({ messageId: report.messageId!, deliveryCount: report.deliveryCount! });
  });
  return {
    deliveries,
    ready: Promise.race([
      ready,
      exited.then((code) => {
        throw new Error(`child consumer exited (code ${code}) before it was ready`);
      }),
    ]),
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
