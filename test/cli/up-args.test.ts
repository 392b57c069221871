import { describe, expect, it } from "vitest";
import { BURST_DEFAULTS } from "../../vnfs/cli/up/burst/burst-options.js";
import { parseUpArgs } from "../../vnfs/cli/up/up-args.js";

describe("ivf up options", () => {
  it("defaults to fixed ports, simulators and the monitoring agent on", () => {
    expect(parseUpArgs([])).toMatchObject({
      vnfmPort: 9090,
      consolePort: 8088,
      simulators: true,
      monitor: true,
      graceSeconds: 10,
    });
  });

  it("takes free ports, a home and switches things off for tests", () => {
    const args = [
      "--vnfm-port",
      "0",
      "--console-port",
      "0",
      "--home",
      "/tmp/x",
      "--no-simulators",
      "--no-monitor",
    ];
    expect(parseUpArgs(args)).toMatchObject({
      vnfmPort: 0,
      consolePort: 0,
      home: "/tmp/x",
      simulators: false,
      monitor: false,
    });
  });

  it.each([
    [["--vnfm-port", "70000"], "--vnfm-port must be at most 65535"],
    [["--meters", "-1"], "--meters needs a non-negative integer"],
    [["--rate", "fast"], "--rate needs a non-negative integer"],
    [["--home"], "--home needs a directory"],
    [["--scenario", "storm"], "--scenario needs a scenario name: burst (got storm)"],
    [["--scenario"], "--scenario needs a scenario name: burst (got nothing)"],
    [["--burst", "20"], "--burst is an option of --scenario burst"],
    [
      ["--scenario", "burst", "--burst-rate", "lots"],
      '--burst-rate needs a non-negative number (got "lots")',
    ],
    [["--scenario", "burst", "--http-share", "1.5"], "--http-share must be between 0 and 1 (got 1.5)"],
    [["--scenario", "burst", "--burst-meters", "0"], "--burst-meters must be at least 1"],
    [["--scenario", "burst", "--storm-readings", "2.5"], "--storm-readings needs a whole number (got 2.5)"],
    [["--scenario", "burst", "--no-monitor"], "--scenario burst needs the monitoring agent"],
  ])("refuses %j with a message naming the option", (args, message) => {
    expect(() => parseUpArgs(args)).toThrow(message);
  });

  it("takes the burst scenario with its phases and rates, defaults for the rest", () => {
    const parsed = parseUpArgs(["--scenario", "burst", "--steady", "5", "--burst", "30", "--quiet", "90"]);
    expect(parsed.scenario).toBe("burst");
    expect(parsed.burst).toMatchObject({
      steadySeconds: 5,
      burstSeconds: 30,
      quietSeconds: 90,
      burstRate: BURST_DEFAULTS.burstRate,
      meters: BURST_DEFAULTS.meters,
    });
    expect(parseUpArgs([]).scenario).toBeUndefined();
  });
});
