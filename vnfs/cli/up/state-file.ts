import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * <home>/up-state.json: written once `ivf up` serves its APIs, removed on a clean stop. The
 * verbs (`ivf status|scale|heal|down`) read it to find the running VNFM; a state file whose
 * pid is gone means the previous `ivf up` crashed and its VNF instances need cleaning up.
 */
export interface UpState {
  pid: number;
  startedAt: string;
  vnfmUrl: string;
  consoleUrl: string;
  clientId: string;
  clientSecret: string;
}

export const stateFile = (home: string): string => join(home, "up-state.json");

export function readState(home: string): UpState | undefined {
  const file = stateFile(home);
  if (!existsSync(file)) return undefined;
  try {
    const state = JSON.parse(readFileSync(file, "utf8")) as Partial<UpState>;
    if (typeof state.pid !== "number" || typeof state.vnfmUrl !== "string") return undefined;
    return state as UpState;
  } catch {
    return undefined;
  }
}

export function writeState(home: string, state: UpState): void {
  writeFileSync(stateFile(home), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

export function removeState(home: string): void {
  rmSync(stateFile(home), { force: true });
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The running `ivf up` of this home, or a clear error for the CLI verbs. */
export function requireRunning(home: string): UpState {
  const state = readState(home);
  if (!state) throw new Error(`no running platform: ${stateFile(home)} is missing; start it with \`ivf up\``);
  if (!pidAlive(state.pid))
    throw new Error(`the platform (pid ${state.pid}) is not running; start it again with \`ivf up\``);
  return state;
}
