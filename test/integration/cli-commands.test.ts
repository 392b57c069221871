import { afterEach, describe, expect, it, vi } from "vitest";
import { run as config } from "../../vnfs/cli/config-command.js";
import { run as runFunction } from "../../vnfs/cli/run-command.js";
import { run as simulate } from "../../vnfs/simulators/simulate-command.js";
import { findFunction, functions, loadDefinition } from "../../vnfs/functions.js";

afterEach(() => vi.restoreAllMocks());

function capture(): { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void out.push(args.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void err.push(args.join(" ")));
  vi.spyOn(process.stdout, "write").mockImplementation(
    (chunk: string | Uint8Array) => (out.push(String(chunk)), true),
  );
  return { out: () => out.join("\n"), err: () => err.join("\n") };
}

describe("function registry", () => {
  it("loads the definition of every telemetry-path function under its own name", async () => {
    for (const name of ["field-gateway", "request-processor", "cloud-api"]) {
      const definition = await loadDefinition(findFunction(name));
      expect(definition.name).toBe(name);
    }
    expect(functions.map((entry) => entry.name)).toContain("opcua-adapter");
  }, 60_000);
});

describe("ivf config", () => {
  it("lists common and per-function variables once each, marking secrets, as a markdown table", async () => {
    const io = capture();
    await config(["--markdown"]);
    const table = io.out();
    expect(table).toMatch(/^\| Variable \| Used by \| Type \| Default \| Meaning \|/);
    for (const variable of [
      "IVF_DATA_DIR",
      "IVF_AMQP_URL",
      "IVF_MQTT_URL",
      "IVF_PROVISIONING_FILE",
      "IVF_REQUEST_PROCESSOR_PREFETCH",
      "IVF_CLOUD_API_KEYS",
    ]) {
      expect(table.split("\n").filter((line) => line.startsWith(`| \`${variable}\``))).toHaveLength(1);
    }
    expect(table).toMatch(/\| `IVF_BUS_REQUESTS_EXCHANGE` \| field-gateway, request-processor \|/);
    expect(table).toMatch(/`IVF_CLOUD_API_KEYS`.*\(secret\)/);
  }, 90_000);

  it("refuses unknown options with usage", async () => {
    const io = capture();
    expect(await config(["--json"])).toBe(2);
    expect(io.err()).toContain("usage: ivf config");
  });
});

describe("ivf run and ivf simulate usage errors", () => {
  it("names the known functions when asked for an unknown one", async () => {
    const io = capture();
    expect(await runFunction(["toaster"])).toBe(2);
    expect(io.err()).toMatch(
      /unknown function "toaster"; known: field-gateway, request-processor, cloud-api/,
    );
  });

  it("lists every problem of a meters command line at once", async () => {
    const io = capture();
    const savedKey = process.env.IVF_SIMULATOR_API_KEY;
    delete process.env.IVF_SIMULATOR_API_KEY;
    try {
      expect(await simulate(["meters", "--count", "0", "--rate", "fast"])).toBe(2);
    } finally {
      if (savedKey !== undefined) process.env.IVF_SIMULATOR_API_KEY = savedKey;
    }
    const text = io.err();
    expect(text).toContain("--count must be a positive integer");
    expect(text).toContain("--rate must be a positive number");
    expect(text).toContain("--api-key (or IVF_SIMULATOR_API_KEY) is required");
    expect(text).toContain("give exactly one of --mqtt-url and --http-url");
    expect(await simulate(["toaster"])).toBe(2);
  });
});
