/**
 * Stand-alone entry of the PLC simulator (`node dist/vnfs/simulators/plc/plc-process.js ...`),
 * used where the simulator must run in its own process (the OPC UA benchmark) independently of
 * the `ivf` command table.
 */
import { run } from "./plc-command.js";

process.exitCode = await run(process.argv.slice(2));
