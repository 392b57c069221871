/** TOSCA 3.3.6 scalar-unit types: units are case-insensitive except where TOSCA says otherwise. */
const units: Record<string, Record<string, number>> = {
  "scalar-unit.size": {
    b: 1,
    kb: 1e3,
    kib: 1024,
    mb: 1e6,
    mib: 1024 ** 2,
    gb: 1e9,
    gib: 1024 ** 3,
    tb: 1e12,
    tib: 1024 ** 4,
  },
  "scalar-unit.time": { d: 86400, h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, ns: 1e-9 },
  "scalar-unit.frequency": { hz: 1, khz: 1e3, mhz: 1e6, ghz: 1e9 },
  "scalar-unit.bitrate": {
    bps: 1,
    kbps: 1e3,
    kibps: 1024,
    mbps: 1e6,
    mibps: 1024 ** 2,
    gbps: 1e9,
    gibps: 1024 ** 3,
    tbps: 1e12,
    tibps: 1024 ** 4,
  },
};

export function isScalarUnitType(type: string): boolean {
  return type in units;
}

/** Normalised magnitude (bytes, seconds, hertz, bit/s) or undefined when not a valid scalar. */
export function scalarValue(type: string, value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*([A-Za-z]+)\s*$/.exec(value);
  if (!match) return undefined;
  const factor = units[type]?.[(match[2] as string).toLowerCase()];
  return factor === undefined ? undefined : Number(match[1]) * factor;
}

export function unitList(type: string): string {
  return Object.keys(units[type] ?? {}).join(", ");
}
