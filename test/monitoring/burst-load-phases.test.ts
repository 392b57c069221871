import { describe, expect, it } from "vitest";
import { burstScenario, parsePhases, totalSeconds } from "../../vnfs/simulators/burst/load-phases.js";

describe("burst scenario load phases", () => {
  it("builds steady, burst and quiet phases", () => {
    const phases = burstScenario({
      steadyRate: 20,
      steadySeconds: 5,
      burstRate: 4000,
      burstSeconds: 12,
      quietSeconds: 30,
    });
    expect(phases.map((phase) => [phase.name, phase.ratePerSecond, phase.seconds])).toEqual([
      ["steady", 20, 5],
      ["burst", 4000, 12],
      ["quiet", 0, 30],
    ]);
    expect(totalSeconds(phases)).toBe(47);
  });

  it("reads name:<rate>x<seconds> lists and names every malformed entry with its position", () => {
    expect(parsePhases("steady:20x10, burst:1500x10,quiet:0x60")).toEqual([
      { name: "steady", ratePerSecond: 20, seconds: 10 },
      { name: "burst", ratePerSecond: 1500, seconds: 10 },
      { name: "quiet", ratePerSecond: 0, seconds: 60 },
    ]);
    expect(() => parsePhases("steady:20,burst:-5x3,quiet:0x0")).toThrow(
      /phase 1 "steady:20" is not <name>:<rate per second>x<seconds>.*phase 2 "burst:-5x3".*phase 3 "quiet:0x0" must last more than 0 seconds/,
    );
    expect(() => parsePhases("")).toThrow(/phase 1 "" is not/);
  });
});
