/**
 * The burst scenario's load: a list of phases (steady load, a burst, quiet), each a constant
 * rate of telemetry primitives for a number of seconds. `burstScenario` builds the usual three
 * phases; `parsePhases` reads the same from a compact text (`steady:20x10,burst:1500x10,quiet:0x60`)
 * so command lines can name a scenario. Rates are primitives per second; 0 means no traffic.
 */
export interface LoadPhase {
  name: string;
  ratePerSecond: number;
  seconds: number;
}

export interface BurstScenario {
  steadyRate: number;
  steadySeconds: number;
  burstRate: number;
  burstSeconds: number;
  quietRate?: number;
  quietSeconds: number;
}

export function burstScenario(scenario: BurstScenario): LoadPhase[] {
  return [
    { name: "steady", ratePerSecond: scenario.steadyRate, seconds: scenario.steadySeconds },
    { name: "burst", ratePerSecond: scenario.burstRate, seconds: scenario.burstSeconds },
    { name: "quiet", ratePerSecond: scenario.quietRate ?? 0, seconds: scenario.quietSeconds },
  ];
}

const PHASE = /^([A-Za-z][\w-]{0,31}):(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)$/;

/** Parses `name:<rate>x<seconds>,...`; every malformed entry is reported with its position. */
export function parsePhases(text: string): LoadPhase[] {
  const problems: string[] = [];
  const phases = text
    .split(",")
    .map((entry) => entry.trim())
    .flatMap((entry, index) => {
      const match = PHASE.exec(entry);
      if (!match) {
        problems.push(
          `phase ${index + 1} "${entry}" is not <name>:<rate per second>x<seconds> (e.g. burst:1500x10)`,
        );
        return [];
      }
      const phase = { name: match[1]!, ratePerSecond: Number(match[2]), seconds: Number(match[3]) };
      if (phase.seconds <= 0) problems.push(`phase ${index + 1} "${entry}" must last more than 0 seconds`);
      return [phase];
    });
  if (phases.length === 0 && problems.length === 0) problems.push("no phase given");
  if (problems.length > 0) throw new Error(`load phases: ${problems.join("; ")}`);
  return phases;
}

export function totalSeconds(phases: LoadPhase[]): number {
  return phases.reduce((sum, phase) => sum + phase.seconds, 0);
}
