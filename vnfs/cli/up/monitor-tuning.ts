/**
 * Monitoring agent settings for `ivf up`, where the agent, the VNFM and every VNFC share the
 * CPUs of one machine. A VNFC busy with a burst then answers /readyz and /metrics late: with the
 * agent's datacentre defaults (1 s cycle, 800 ms probe timeout, heal after 3 failed probes) a
 * loaded request-processor is healed (replaced) instead of scaled out, and a slow cycle breaks
 * the scaling windows (a gap longer than 3 cycles restarts them). Here the agent probes every 2 s
 * with a 2 s timeout and heals after 5 failed probes (10 s of unreadiness). A value set in the
 * environment by the operator always wins.
 */
export const ONE_MACHINE_MONITOR_DEFAULTS: Readonly<Record<string, string>> = {
  IVF_MONITOR_INTERVAL: "2s",
  IVF_MONITOR_SCRAPE_TIMEOUT: "2s",
  IVF_MONITOR_HEAL_AFTER: "5",
};

export function oneMachineMonitorEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(ONE_MACHINE_MONITOR_DEFAULTS).filter(([name]) => env[name] === undefined),
  );
}
