import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "./opcua-fixtures.js";

/**
 * The simulator as the benchmark runs it, in its own process: stdout carries only the JSON summary
 * (node-opcua's own console output goes to stderr), and when the reading process goes away the
 * simulator stops cleanly instead of dying of EPIPE.
 */

const repo = join(import.meta.dirname, "..", "..", "..");

describe("PLC simulator process", { timeout: 90_000 }, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir("plc-process");
  });
  afterAll(async () => {
    await dir?.remove();
  });

  it("prints only JSON on stdout and exits 0 when its reader closes the pipes", async () => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(repo, "vnfs/simulators/plc/plc-process.ts"),
        ...["--variables", "10", "--machines", "1", "--stats-ms", "100", "--pki-dir", join(dir.path, "pki")],
      ],
      { cwd: repo, stdio: ["ignore", "pipe", "pipe"] },
    );
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    try {
      const stdoutLines: string[] = [];
      const summary = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).on("line", (line) => {
          stdoutLines.push(line);
          if (line.includes("endpointUrl")) resolve(line);
        });
        child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
      });
      expect(stdoutLines).toEqual([summary]);
      expect(JSON.parse(summary)).toMatchObject({
        endpointUrl: expect.stringMatching(/^opc\.tcp:\/\/127\.0\.0\.1:\d+/),
      });
      // The reader goes away: the next stats line on stderr hits a closed pipe.
      child.stdout.destroy();
      child.stderr.destroy();
      expect(await exited).toEqual({ code: 0, signal: null });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });
});
