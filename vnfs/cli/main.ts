#!/usr/bin/env node
/**
 * The `ivf` command. Each subcommand lives with the part of the product it drives and is
 * loaded only when used, so `ivf package validate` does not pay for node-opcua.
 * Every command module exports `run(args): Promise<number>` returning the exit code
 * (0 success, 1 a negative result such as an invalid package, 2 usage or I/O error).
 */
import { commands, usage } from "./command-table.js";

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands.find((entry) => entry.name === name);
  if (!command) {
    console.error(`ivf: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const module = await command.load();
  return module.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`ivf: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 2;
  },
);
