import { describe, expect, it } from "vitest";
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
    [["--scenario", "burst"], "unknown option --scenario"],
  ])("refuses %j with a message naming the option", (args, message) => {
    expect(() => parseUpArgs(args)).toThrow(message);
  });
});
