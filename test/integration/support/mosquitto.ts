import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isReachable } from "../../support/services.js";

/**
 * A private Mosquitto on a free loopback port with a generated configuration. The machine's
 * Mosquitto on 1883 uses the defaults (max_inflight_messages 20, max_queued_messages 1000) and
 * drops messages once a subscriber's queue fills (issue 2 "Measured facts"); a test that counts
 * losses must not depend on that, so it raises both limits here.
 */
export interface PrivateMosquitto {
  url: string;
  stop(): Promise<void>;
}

export async function startPrivateMosquitto(binary = "mosquitto"): Promise<PrivateMosquitto> {
  const dir = mkdtempSync(join(tmpdir(), "ivf-mosquitto-"));
  const port = await freePort();
  const config = join(dir, "mosquitto.conf");
  writeFileSync(
    config,
    [
      `listener ${port} 127.0.0.1`,
      "allow_anonymous true",
      "persistence false",
      "max_inflight_messages 1000",
      "max_queued_messages 100000",
      "log_dest stderr",
      "log_type error",
      "",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(binary, ["-c", config], { stdio: ["ignore", "ignore", "pipe"] });
  const spawnError = new Promise<Error>((resolve) => child.once("error", resolve));
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await isReachable("127.0.0.1", port, 200)) break;
    const failed = await Promise.race([
      spawnError,
      new Promise((resolve) => setTimeout(() => resolve(undefined), 100)),
    ]);
    if (failed) throw failed as Error;
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((resolve) => child.once("exit", resolve));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
