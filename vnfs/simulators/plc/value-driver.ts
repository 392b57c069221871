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

export interface DriverStats {
  ticks: number;
  /** Values pushed (counters, temperatures, pressures, sensors) since start. */
  changes: number;
  alarmsRaised: number;
}

export class ValueDriver {
  readonly stats: DriverStats = { ticks: 0, changes: 0, alarmsRaised: 0 };
  private timer: NodeJS.Timeout | undefined;
  private lastSource = 0;

  constructor(
    private readonly addressSpace: AddressSpace,
    private readonly plant: PlantModel,
    private readonly rateMs: number,
    private readonly alarmThreshold: number,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.rateMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One push cycle; public so tests and the CLI can step the plant deterministically. */
  tick(): void {
    // Source timestamps must be strictly increasing per node: adapters derive idempotent
    // message ids from them, so two different values must never share one.
    const now = Math.max(Date.now(), this.lastSource + 1);
    this.lastSource = now;
    const sourceTimestamp = new Date(now);
    this.stats.ticks++;
    for (const machine of this.plant.machines) this.tickMachine(machine, sourceTimestamp);
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
    const sensors = machine.sensors;
    for (let i = 0; i < sensors.length; i++) {
      this.push(sensors[i]!, DataType.Double, 50 + 10 * Math.sin((ticks + i) / 7), sourceTimestamp);
    }
    this.stats.changes += sensors.length;
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
