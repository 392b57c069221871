import { createConnection } from "node:net";
import { describe } from "vitest";

/**
 * Integration tests talk to real services. Outside CI a missing service skips its tests with
 * a visible notice; under CI=true it fails the run loudly (DEVELOPERS.md "What done means").
 */
export const serviceAddresses = {
  rabbitmq: {
    host: "127.0.0.1",
    port: 5672,
    url: process.env.IVF_TEST_AMQP_URL ?? "amqp://guest:guest@127.0.0.1:5672",
  },
  mosquitto: { host: "127.0.0.1", port: 1883, url: process.env.IVF_TEST_MQTT_URL ?? "mqtt://127.0.0.1:1883" },
  postgres: { host: "127.0.0.1", port: 5432, url: "postgres://127.0.0.1:5432/test" },
  redis: { host: "127.0.0.1", port: 6379, url: "redis://127.0.0.1:6379" },
  nats: { host: "127.0.0.1", port: 4222, url: "nats://127.0.0.1:4222" },
} as const;

export type ServiceName = keyof typeof serviceAddresses;

export const inCi = process.env.CI === "true";

export function isReachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

const reachability = new Map<ServiceName, boolean>();

/** Checks every named service once per test file (top-level await in the caller). */
export async function checkServices(...names: ServiceName[]): Promise<boolean> {
  let all = true;
  for (const name of names) {
    if (!reachability.has(name)) {
      const { host, port } = serviceAddresses[name];
      reachability.set(name, await isReachable(host, port));
    }
    if (!reachability.get(name)) {
      const { host, port } = serviceAddresses[name];
      const message = `${name} is not reachable at ${host}:${port}`;
      if (inCi) throw new Error(`${message}; CI=true requires it (start it in .ci/run)`);
      console.warn(`NOTICE: ${message}; skipping the tests that need it`);
      all = false;
    }
  }
  return all;
}

/** `describe` that runs only when every named service answers (fails under CI when one does not). */
export async function describeWithServices(
  names: ServiceName[],
  title: string,
  body: () => void,
): Promise<void> {
  const available = await checkServices(...names);
  describe.skipIf(!available)(`${title} [needs ${names.join(", ")}]`, body);
}
