import { DataType, StatusCodes, Variant, type AddressSpace } from "node-opcua";
import { MACHINE_STATES, type PlantModel, type SimulatedMachine } from "./address-space.js";

/**
 * Pushes new values into the address space with setValueFromSource, the push style that makes
 * the server emit data-change notifications without sampling (monitored items with sampling
 * interval 0 are served "on change"). Every tick changes every counter and sensor once, with
 * one source timestamp per tick, so a client can check completeness: counters increase by
 * exactly one per tick, a gap means a lost notification.
 */

const STATE_TICKS = 20; // a machine changes state every 20 ticks
const SLICE = 250; // sensors pushed per event-loop turn

export interface DriverStats {
  ticks: number;
  /** Ticks skipped because the previous one was still pushing (the server is saturated). */
  overruns: number;
  /** Values pushed (counters, temperatures, pressures, sensors) since start. */
  changes: number;
  alarmsRaised: number;
}

export class ValueDriver {
  readonly stats: DriverStats = { ticks: 0, overruns: 0, changes: 0, alarmsRaised: 0 };
  private timer: NodeJS.Timeout | undefined;
  private lastSource = 0;
  private busy = false;

  constructor(
    private readonly addressSpace: AddressSpace,
    private readonly plant: PlantModel,
    private readonly rateMs: number,
    private readonly alarmThreshold: number,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.timedTick(), this.rateMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Resolves once no timed cycle is pushing (before the server shuts down under it). */
  async idle(): Promise<void> {
    while (this.busy) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** One push cycle, synchronously; tests and the CLI use it to step the plant deterministically. */
  tick(): void {
    const sourceTimestamp = this.nextTimestamp();
    for (const machine of this.plant.machines) {
      this.tickMachine(machine, sourceTimestamp);
      this.pushSensors(machine, sourceTimestamp, 0, machine.sensors.length);
    }
  }

  /**
   * The timer's cycle: pushes in slices and yields between them, so that a large plant (10,000
   * variables take longer than one event-loop turn to push) does not starve the server's own
   * publish handling; a cycle that would start while the previous one runs is skipped and counted.
   */
  private async timedTick(): Promise<void> {
    if (this.busy) {
      this.stats.overruns++;
      return;
    }
    this.busy = true;
    try {
      const sourceTimestamp = this.nextTimestamp();
      for (const machine of this.plant.machines) {
        if (!this.timer) return; // stopped between slices
        this.tickMachine(machine, sourceTimestamp);
        for (let start = 0; start < machine.sensors.length && this.timer; start += SLICE) {
          this.pushSensors(machine, sourceTimestamp, start, Math.min(start + SLICE, machine.sensors.length));
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    } finally {
      this.busy = false;
    }
  }

  private nextTimestamp(): Date {
    // Source timestamps must be strictly increasing per node: adapters derive idempotent
    // message ids from them, so two different values must never share one.
    const now = Math.max(Date.now(), this.lastSource + 1);
    this.lastSource = now;
    this.stats.ticks++;
    return new Date(now);
  }

  private pushSensors(machine: SimulatedMachine, sourceTimestamp: Date, from: number, to: number): void {
    const sensors = machine.sensors;
    const ticks = this.stats.ticks;
    for (let i = from; i < to; i++) {
      this.push(sensors[i]!, DataType.Double, 50 + 10 * Math.sin((ticks + i) / 7), sourceTimestamp);
    }
    this.stats.changes += to - from;
  }

  /** Raises an alarm event on a machine (also raised automatically on over-temperature). */
  raiseAlarm(machine: SimulatedMachine, message: string, severity = 800): void {
    const eventType = this.addressSpace.findEventType("SystemEventType");
    if (!eventType) throw new Error("SystemEventType is missing from the address space");
    machine.object.raiseEvent(eventType, {
      message: { dataType: DataType.LocalizedText, value: { text: message } },
      severity: { dataType: DataType.UInt16, value: severity },
      sourceName: { dataType: DataType.String, value: machine.name },
      sourceNode: { dataType: DataType.NodeId, value: machine.object.nodeId },
    });
    this.stats.alarmsRaised++;
  }

  private tickMachine(machine: SimulatedMachine, sourceTimestamp: Date): void {
    const values = machine.values;
    const ticks = this.stats.ticks;
    values.counter = (values.counter + 1) >>> 0;
    const setpoint = Number(machine.setpoint.readValue().value.value ?? 60);
    // First-order approach to the setpoint with a little noise, like a heated process.
    values.temperature += (setpoint - values.temperature) * 0.05 + (Math.random() - 0.5) * 0.2;
    values.pressure = 1 + 0.05 * Math.sin(ticks / 10) + (Math.random() - 0.5) * 0.01;
    this.push(machine.counter, DataType.UInt32, values.counter, sourceTimestamp);
    this.push(machine.temperature, DataType.Double, values.temperature, sourceTimestamp);
    this.push(machine.pressure, DataType.Double, values.pressure, sourceTimestamp);
    this.stats.changes += 3;
    if (ticks % STATE_TICKS === 0) {
      values.stateIndex = (values.stateIndex + 1) % MACHINE_STATES.length;
      this.push(machine.state, DataType.String, MACHINE_STATES[values.stateIndex]!, sourceTimestamp);
    }
    this.checkAlarm(machine);
  }

  private checkAlarm(machine: SimulatedMachine): void {
    const hot = machine.values.temperature > this.alarmThreshold;
    if (hot && !machine.values.overTemperature) {
      this.raiseAlarm(machine, `${machine.name} over temperature (> ${this.alarmThreshold} °C)`);
    }
    machine.values.overTemperature = hot;
  }

  private push(variable: SimulatedMachine["counter"], dataType: DataType, value: unknown, at: Date): void {
    variable.setValueFromSource(new Variant({ dataType, value }), StatusCodes.Good, at);
  }
}
