const USAGE = `usage: ivf simulate <simulator> [options]

simulators:
  meters   smart meters over MQTT QoS 1 or HTTP (ivf simulate meters --help)
  plc      an OPC UA PLC (ivf simulate plc --help)`;

/** \`ivf simulate <simulator> ...\`: each simulator lives in its own folder and is loaded when used. */
export async function run(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  switch (name) {
    case "meters":
      return (await import("./meters/meters-command.js")).run(rest);
    case "plc": {
      // Written by the OPC UA work; the computed specifier keeps this build independent of it.
      const specifier = new URL("./plc/plc-command.js", import.meta.url).href;
      const module = (await import(specifier)) as { run(args: string[]): Promise<number> };
      return module.run(rest);
    }
    case undefined:
    case "--help":
    case "-h":
      print(USAGE);
      return name ? 0 : 2;
    default:
      console.error(`ivf simulate: unknown simulator "${name}"\n\n${USAGE}`);
      return 2;
  }
}

/** CLI output goes to stdout (console.log is reserved for the cli/ folder by the lint rules). */
function print(text: string): void {
  process.stdout.write(`${text}\n`);
}
