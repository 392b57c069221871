import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `npm start` on a machine with no services: `ivf up` must bring up the path on embedded adapters,
 * simulated meters must become readable through cloud-api, and Ctrl-C must stop everything.
 */
const home = mkdtempSync(join(tmpdir(), "ivf-up-test-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("ivf up", () => {
  it("runs the telemetry path with no external service, serves simulated meters, and stops cleanly on SIGINT", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, IVF_HOME: home };
    for (const name of ["IVF_AMQP_URL", "IVF_MQTT_URL", "IVF_MONGODB_URL", "IVF_DATA_DIR", "IVF_HTTP_PORT"])
      delete env[name];
    const cli = fileURLToPath(new URL("../../vnfs/cli/main.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", cli, "up", "--meters", "3", "--rate", "10"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      await until(
        () => output.includes("are up."),
        90_000,
        () => output,
      );
      const cloudApi = /cloud-api-1\s+(http:\/\/\S+)/.exec(output)![1]!;
      const { applicationKey } = JSON.parse(readFileSync(join(home, "demo-credentials.json"), "utf8")) as {
        applicationKey: string;
      };
      let values: { attribute: string }[] = [];
      await until(
        async () => {
          const response = await fetch(`${cloudApi}/v1/devices/meter-0001/latest`, {
            headers: { "x-api-key": applicationKey },
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
  }, 180_000);
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
