import { findFunction, functions, loadDefinition, UnknownFunctionError } from "../functions.js";
import { runIvfMain } from "../runtime-kit/ivf-process.js";

const USAGE = `usage: ivf run <function>

Runs one IVF process (a VNFC) configured from IVF_* environment variables (ivf config lists them).
functions:
${functions.map((entry) => `  ${entry.name.padEnd(18)} ${entry.summary}`).join("\n")}`;

/** `ivf run <function>`: how npm start, the VIM driver and tests launch one IVF process. */
export async function run(args: string[]): Promise<number> {
  const [name, ...extra] = args;
  if (!name || name === "--help" || name === "-h") {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  if (extra.length > 0) {
    console.error(
      `ivf run: unexpected arguments ${extra.join(" ")}; configuration comes from IVF_* variables\n\n${USAGE}`,
    );
    return 2;
  }
  try {
    const definition = await loadDefinition(findFunction(name));
    // runIvfMain installs signal handlers and exits on its own; the process lives until then.
    await runIvfMain(definition);
    return 0;
  } catch (error) {
    if (error instanceof UnknownFunctionError) {
      console.error(`ivf run: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
