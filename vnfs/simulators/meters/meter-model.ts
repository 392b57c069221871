/**
 * A simulated single-phase smart meter. Readings follow a household load profile (night base
 * load, morning and evening peaks) with per-meter scale, phase and noise drawn from a generator
 * seeded by the device id, so every run of the same fleet is reproducible:
 * - power (kW) from the profile plus noise, never negative (0 while the supply relay is open);
 * - voltage (V) around 230 V (EN 50160: ±10 %), with slow drift and noise;
 * - power factor 0.85-0.99; current (A) = P / (V · PF);
 * - energy (kWh), a register that only increases: integrated power.
 */
export interface MeterReading {
  timestamp: string;
  energy: number;
  power: number;
  voltage: number;
  current: number;
  powerFactor: number;
}

export class MeterModel {
  private readonly random: () => number;
  private readonly scaleKw: number;
  private readonly phaseHours: number;
  private readonly basePowerFactor: number;
  private energyKwh: number;
  private voltageDrift = 0;
  private lastTime: number | undefined;
  private relayClosed = true;

  constructor(readonly deviceId: string) {
    this.random = mulberry32(hash(deviceId));
    this.scaleKw = 0.4 + this.random() * 2.6;
    this.phaseHours = (this.random() - 0.5) * 2;
    this.basePowerFactor = 0.88 + this.random() * 0.1;
    this.energyKwh = Math.round(this.random() * 20_000 * 1000) / 1000;
  }

  /** Closes (`true`, supply on) or opens (`false`) the supply relay; open means no power flows. */
  setRelay(on: boolean): void {
    this.relayClosed = on;
  }

  get relayOn(): boolean {
    return this.relayClosed;
  }

  /** The reading at `now`; timestamps strictly increase per meter (at least 1 ms apart). */
  read(now: number): MeterReading {
    const time = this.lastTime === undefined ? now : Math.max(now, this.lastTime + 1);
    const elapsedHours = this.lastTime === undefined ? 0 : (time - this.lastTime) / 3_600_000;
    this.lastTime = time;
    const demand = Math.max(
      0.02,
      this.scaleKw * profile(time, this.phaseHours) * (1 + gaussian(this.random) * 0.08),
    );
    const power = this.relayClosed ? demand : 0;
    this.energyKwh += power * elapsedHours;
    this.voltageDrift = this.voltageDrift * 0.98 + gaussian(this.random) * 0.3;
    const voltage = 230 + this.voltageDrift + gaussian(this.random) * 0.8;
    const powerFactor = Math.min(0.999, Math.max(0.8, this.basePowerFactor + gaussian(this.random) * 0.01));
    const current = (power * 1000) / (voltage * powerFactor);
    return {
      timestamp: new Date(time).toISOString(),
      energy: round(this.energyKwh, 4),
      power: round(power, 3),
      voltage: round(voltage, 1),
      current: round(current, 2),
      powerFactor: round(powerFactor, 3),
    };
  }
}

/** Relative household load over the day (1 = mean): base load with morning and evening peaks. */
function profile(time: number, phaseHours: number): number {
  const hour =
    (((new Date(time).getUTCHours() + new Date(time).getUTCMinutes() / 60 + phaseHours) % 24) + 24) % 24;
  const morning = Math.exp(-((hour - 7.5) ** 2) / 2);
  const evening = 1.6 * Math.exp(-((hour - 19) ** 2) / 4);
  return 0.35 + morning + evening;
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
