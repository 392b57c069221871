/**
 * Options of `ivf up --scenario burst`: phase durations and rates. The defaults keep the whole
 * scenario within a few minutes on a 2-core machine while the burst is large and long enough to
 * hold the request-processor's scale-out condition (oldest message older than 2 s) for its
 * evaluation window, and the quiet phase long enough for the scale-in window.
 */
export interface BurstOptions {
  meters: number;
  /** Share of the meters (0..1) reporting over HTTP, the others over MQTT. */
  httpShare: number;
  steadySeconds: number;
  steadyRate: number;
  burstSeconds: number;
  burstRate: number;
  /** Readings every meter sends at once when the burst starts (reconnection storm). */
  stormReadings: number;
  /** MQTT sessions opened at once when the burst starts. */
  stormConnections: number;
  /** Longest quiet phase; it ends earlier once the platform has scaled back in. */
  quietSeconds: number;
  quietRate: number;
  /** Longest wait, after the load, for accepted readings to reach the store. */
  drainSeconds: number;
}

export const BURST_DEFAULTS: BurstOptions = {
  meters: 500,
  httpShare: 0.2,
  steadySeconds: 20,
  steadyRate: 50,
  burstSeconds: 40,
  burstRate: 1500,
  stormReadings: 10,
  stormConnections: 20,
  quietSeconds: 150,
  quietRate: 10,
  drainSeconds: 90,
};

/** Flag → option; each takes a non-negative number. */
export const BURST_FLAGS = {
  "--burst-meters": "meters",
  "--http-share": "httpShare",
  "--steady": "steadySeconds",
  "--steady-rate": "steadyRate",
  "--burst": "burstSeconds",
  "--burst-rate": "burstRate",
  "--storm-readings": "stormReadings",
  "--storm-connections": "stormConnections",
  "--quiet": "quietSeconds",
  "--quiet-rate": "quietRate",
  "--drain": "drainSeconds",
} as const satisfies Record<string, keyof BurstOptions>;

export const BURST_USAGE = `burst scenario (--scenario burst): steady load, a burst, then quiet; prints a report
and exits 0 only if no reading was lost.
  --burst-meters N      simulated meters (default ${BURST_DEFAULTS.meters})
  --http-share F        share of meters reporting over HTTP, 0..1 (default ${BURST_DEFAULTS.httpShare})
  --steady S            steady phase in seconds (default ${BURST_DEFAULTS.steadySeconds})
  --steady-rate R       readings/s during the steady phase (default ${BURST_DEFAULTS.steadyRate})
  --burst S             burst phase in seconds (default ${BURST_DEFAULTS.burstSeconds})
  --burst-rate R        readings/s during the burst (default ${BURST_DEFAULTS.burstRate})
  --storm-readings N    readings every meter sends at once when the burst starts (default ${BURST_DEFAULTS.stormReadings})
  --storm-connections N MQTT sessions opened at once when the burst starts (default ${BURST_DEFAULTS.stormConnections})
  --quiet S             longest quiet phase in seconds; ends once scaled back in (default ${BURST_DEFAULTS.quietSeconds})
  --quiet-rate R        readings/s during the quiet phase (default ${BURST_DEFAULTS.quietRate})
  --drain S             longest wait for accepted readings to be stored (default ${BURST_DEFAULTS.drainSeconds})`;

/** Checks one flag's value; throws with the flag named. */
export function burstValue(flag: keyof typeof BURST_FLAGS, raw: string | undefined): number {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === "" || !Number.isFinite(value) || value < 0)
    throw new Error(`${flag} needs a non-negative number (got ${JSON.stringify(raw ?? null)})`);
  if (flag === "--http-share" && value > 1)
    throw new Error(`--http-share must be between 0 and 1 (got ${value})`);
  const integer = ["--burst-meters", "--storm-readings", "--storm-connections"].includes(flag);
  if (integer && !Number.isInteger(value)) throw new Error(`${flag} needs a whole number (got ${value})`);
  if (flag === "--burst-meters" && value < 1) throw new Error("--burst-meters must be at least 1");
  return value;
}
