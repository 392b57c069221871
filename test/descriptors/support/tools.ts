import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { inCi } from "../../support/services.js";

/**
 * External checkers (tosca-parser, yanglint, openssl): tests using them skip with a notice
 * when the tool is missing locally and fail under CI=true (Debian packages
 * python3-tosca-parser, libyang2-tools, openssl).
 */
function present(check: () => boolean, what: string, install: string): boolean {
  let ok = false;
  try {
    ok = check();
  } catch {
    ok = false;
  }
  if (ok) return true;
  const message = `${what} not found (install ${install})`;
  if (inCi) throw new Error(`${message}; CI=true requires it`);
  console.warn(`NOTICE: ${message}; skipping`);
  return false;
}

export const toscaParserAvailable = (): boolean =>
  present(
    () => existsSync("/usr/bin/python3") && existsSync("/usr/lib/python3/dist-packages/toscaparser"),
    "Debian tosca-parser",
    "apt-get install python3-tosca-parser",
  );

export const yanglintAvailable = (): boolean =>
  present(
    () => execFileSync("yanglint", ["--version"], { stdio: "pipe" }).length > 0,
    "yanglint",
    "apt-get install libyang2-tools",
  );

export const opensslAvailable = (): boolean =>
  present(
    () => execFileSync("openssl", ["version"], { stdio: "pipe" }).length > 0,
    "openssl",
    "apt-get install openssl",
  );
