import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `npm start` on a machine with no services: `ivf up` must bring up every IVF through the VNFM on
 * embedded adapters, simulated meters must become readable through a cloud-api VNFC, and Ctrl-C
 * must terminate everything through the VNFM.
 */
const home = mkdtempSync(join(tmpdir(), "ivf-up-test-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("ivf up", () => {
  it("runs the telemetry path with no external service, serves simulated meters, and stops cleanly on SIGINT", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, IVF_HOME: home };
    for (const name of ["IVF_AMQP_URL", "IVF_MQTT_URL", "IVF_MONGODB_URL", "IVF_DATA_DIR", "IVF_HTTP_PORT"])
      delete env[name];
    // From dist/, as `npm start` runs it: the VIM driver starts VNFCs with the built entry point
    // (`npm test` builds before running the tests).
    const cli = fileURLToPath(new URL("../../dist/vnfs/cli/main.js", import.meta.url));
    const args = [
      "up",
      "--meters",
      "3",
      "--rate",
      "10",
      "--vnfm-port",
      "0",
      "--console-port",
      "0",
      "--no-monitor",
    ];
    const child = spawn(process.execPath, [cli, ...args], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await until(
        () => output.includes("IoT platform is up"),
        150_000,
        () => output,
      );
      // The summary prints a ready-to-run request against a cloud-api VNFC.
      const [, applicationKey, cloudApi] =
        /curl -H 'X-API-Key: ([^']+)' (http:\/\/[\d.:]+)\/v1\/devices/.exec(output)!;
      let values: { attribute: string }[] = [];
      await until(
        async () => {
          const response = await fetch(`${cloudApi}/v1/devices/meter-0001/latest`, {
            headers: { "x-api-key": applicationKey! },
          });
          values =
            response.status === 200
              ? ((await response.json()) as { values: { attribute: string }[] }).values
              : [];
          return values.length === 5;
        },
        30_000,
        () => output,
      );
      expect(values.map((value) => value.attribute)).toEqual([
        "current",
        "energy",
        "power",
        "powerFactor",
        "voltage",
      ]);
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    expect(output).toContain("ivf up: stopped");
  }, 300_000);
});

async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  explain: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; output:\n${explain().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
