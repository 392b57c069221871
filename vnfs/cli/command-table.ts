export interface CommandModule {
  run(args: string[]): Promise<number>;
}

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<CommandModule>;
}

/** Subcommands of `ivf`, each implemented next to the part of the product it drives. */
export const commands: CommandEntry[] = [
  {
    name: "up",
    summary: "Start the whole virtualized IoT platform on this machine (npm start)",
    load: () => import("./up-command.js"),
  },
  {
    name: "status",
    summary: "VNF instances of the running platform: VNFC counts, scale levels (ivf status [--json])",
    load: () => import("./status-command.js"),
  },
  {
    name: "scale",
    summary: "Scale an IVF of the running platform through the VNFM: ivf scale <ivf> out|in",
    load: () => import("./scale-command.js"),
  },
  {
    name: "heal",
    summary: "Heal an IVF of the running platform through the VNFM: ivf heal <ivf> [vnfcId...]",
    load: () => import("./heal-command.js"),
  },
  {
    name: "down",
    summary: "Stop the running platform (terminates every VNF instance through the VNFM)",
    load: () => import("./down-command.js"),
  },
  {
    name: "run",
    summary: "Run one IVF process: ivf run <function> (used by the VIM driver for each VNFC)",
    load: () => import("./run-command.js"),
  },
  {
    name: "simulate",
    summary: "Device simulators: ivf simulate meters --count N --rate R | ivf simulate plc",
    load: () => import("../simulators/simulate-command.js"),
  },
  {
    name: "package",
    summary:
      "IVF packages: ivf package build [ivf...] --format csar|osm|all --out dir | ivf package validate <file|dir>...",
    load: () => import("../../descriptors/cli/package-command.js"),
  },
  {
    name: "vnfm",
    summary: "SOL003 VNFM adapter: ivf vnfm serve",
    load: () => import("../../vnfm-adapter/cli/vnfm-command.js"),
  },
  {
    name: "monitor",
    summary:
      "Monitoring agent: ivf monitor --vnfm-url U (KPIs, auto-scaling, auto-heal, PM/FM/indicators, OSM and VES export)",
    load: () => import("../../monitoring/cli/monitor-command.js"),
  },
  {
    name: "opcua",
    summary: "OPC UA adapter PKI: ivf opcua pki list|trust <thumbprint>",
    load: () => import("../opcua-adapter/cli/opcua-command.js"),
  },
  {
    name: "config",
    summary: "List every environment variable the product reads (--markdown; --write docs/configuration.md)",
    load: () => import("./config-command.js"),
  },
];

export function usage(): string {
  const width = Math.max(...commands.map((entry) => entry.name.length));
  const lines = commands.map((entry) => `  ${entry.name.padEnd(width)}  ${entry.summary}`);
  return `usage: ivf <command> [options]\n\ncommands:\n${lines.join("\n")}`;
}
