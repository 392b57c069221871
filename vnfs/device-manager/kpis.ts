import { Counter, type Registry } from "prom-client";

/** Device-manager KPIs beyond the common ones (docs/kpis.md): bounded labels only. */
export class DeviceManagerKpis {
  readonly commands: Counter<"state">;
  readonly ignoredStatuses: Counter<"reason">;

  constructor(registry: Registry) {
    this.commands = new Counter({
      name: "iotvf_device_commands_total",
      help: "Command state changes recorded by the device manager, by new state",
      labelNames: ["state"],
      registers: [registry],
    });
    this.ignoredStatuses = new Counter({
      name: "iotvf_device_command_statuses_ignored_total",
      help: "Command statuses not applied: stale (duplicate or out of order) or unknown (no such command for that tenant and device)",
      labelNames: ["reason"],
      registers: [registry],
    });
  }
}
