import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { freePort } from "../integration/support/mosquitto.js";
import { isReachable } from "./services.js";
import type { TestPki } from "./test-pki.js";

/**
 * A private Mosquitto with one mqtts listener on a free loopback port, serving a certificate of
 * `pki` and requiring clients to present one signed by its CA (`require_certificate true`).
 */
export interface TlsMosquitto {
  url: string;
  stop(): Promise<void>;
}

export async function startTlsMosquitto(pki: TestPki): Promise<TlsMosquitto> {
  const server = pki.server("mosquitto");
  const port = await freePort();
  const config = pki.path(`mosquitto-${port}.conf`);
  writeFileSync(
    config,
    [
      `listener ${port} 127.0.0.1`,
      "allow_anonymous true",
      "persistence false",
      `cafile ${pki.caCertFile}`,
      `certfile ${server.certFile}`,
      `keyfile ${server.keyFile}`,
      "require_certificate true",
      // Started as root, Mosquitto switches to user "mosquitto", who cannot read the temp PKI.
      `user ${userInfo().username}`,
      "log_dest stderr",
      "log_type error",
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn("mosquitto", ["-c", config], { stdio: "ignore" });
  const deadline = Date.now() + 10_000;
  while (!(await isReachable("127.0.0.1", port, 200))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`mosquitto with TLS on port ${port} did not start (exit ${child.exitCode})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `mqtts://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((resolve) => child.once("exit", resolve));
      }
    },
  };
}
