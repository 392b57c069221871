import {
  DataType,
  StatusCodes,
  Variant,
  type AddressSpace,
  type ISessionContext,
  type Namespace,
  type UAObject,
  type UAVariable,
} from "node-opcua";

/**
 * The simulated plant's address space: Objects/Plant/MachineNN with the points an integrator
 * meets on a real line controller (a part counter, temperature, pressure, a state machine, a
 * writable setpoint, a ResetCounter method, over-temperature alarm events) plus a Sensors
 * folder per machine holding the bulk variables that give the server its configured size.
 * String node ids (`ns=1;s=Plant.Machine01.Temperature`) keep mapping files readable.
 */

export const MACHINE_STATES = ["Idle", "Starting", "Running", "Stopping", "Maintenance"] as const;

export interface SimulatedMachine {
  name: string;
  object: UAObject;
  counter: UAVariable;
  temperature: UAVariable;
  pressure: UAVariable;
  state: UAVariable;
  setpoint: UAVariable;
  sensors: UAVariable[];
  /** Current values, owned by the value driver. */
  values: {
    counter: number;
    temperature: number;
    pressure: number;
    stateIndex: number;
    overTemperature: boolean;
  };
}

export function machineName(index: number): string {
  return `Machine${String(index + 1).padStart(2, "0")}`;
}

/** Node id string of a machine point, as clients write it in mapping files. */
export function pointNodeId(namespaceIndex: number, machine: string, point: string): string {
  return `ns=${namespaceIndex};s=Plant.${machine}.${point}`;
}

function addDouble(
  namespace: Namespace,
  parent: UAObject,
  id: string,
  name: string,
  writable = false,
): UAVariable {
  const variable = namespace.addVariable({
    componentOf: parent,
    nodeId: `s=${id}`,
    browseName: name,
    dataType: "Double",
    minimumSamplingInterval: 0,
    accessLevel: writable ? "CurrentRead | CurrentWrite" : "CurrentRead",
    userAccessLevel: writable ? "CurrentRead | CurrentWrite" : "CurrentRead",
  });
  variable.setValueFromSource(new Variant({ dataType: DataType.Double, value: 0 }), StatusCodes.Good);
  return variable;
}

function addMachine(namespace: Namespace, plant: UAObject, index: number): SimulatedMachine {
  const name = machineName(index);
  const prefix = `Plant.${name}`;
  const object = namespace.addObject({
    organizedBy: plant,
    nodeId: `s=${prefix}`,
    browseName: name,
    eventNotifier: 1, // SubscribeToEvents: alarms are raised on the machine object
  });
  const counter = namespace.addVariable({
    componentOf: object,
    nodeId: `s=${prefix}.Counter`,
    browseName: "Counter",
    dataType: "UInt32",
    minimumSamplingInterval: 0,
  });
  counter.setValueFromSource(new Variant({ dataType: DataType.UInt32, value: 0 }), StatusCodes.Good);
  const state = namespace.addVariable({
    componentOf: object,
    nodeId: `s=${prefix}.State`,
    browseName: "State",
    dataType: "String",
    minimumSamplingInterval: 0,
  });
  state.setValueFromSource(
    new Variant({ dataType: DataType.String, value: MACHINE_STATES[0] }),
    StatusCodes.Good,
  );
  const setpoint = addDouble(namespace, object, `${prefix}.Setpoint`, "Setpoint", true);
  setpoint.setValueFromSource(new Variant({ dataType: DataType.Double, value: 60 }), StatusCodes.Good);
  const machine: SimulatedMachine = {
    name,
    object,
    counter,
    temperature: addDouble(namespace, object, `${prefix}.Temperature`, "Temperature"),
    pressure: addDouble(namespace, object, `${prefix}.Pressure`, "Pressure"),
    state,
    setpoint,
    sensors: [],
    values: { counter: 0, temperature: 20 + index, pressure: 1.0, stateIndex: 0, overTemperature: false },
  };
  addResetMethod(namespace, machine);
  return machine;
}

/** ResetCounter(): sets the counter to 0 and returns the value it had (OPC UA Part 4 Call). */
function addResetMethod(namespace: Namespace, machine: SimulatedMachine): void {
  const method = namespace.addMethod(machine.object, {
    nodeId: `s=Plant.${machine.name}.ResetCounter`,
    browseName: "ResetCounter",
    inputArguments: [],
    outputArguments: [
      { name: "PreviousCount", dataType: DataType.UInt32, description: "counter before reset" },
    ],
  });
  // node-opcua tells promise-style from callback-style methods by arity: keep two parameters.
  method.bindMethod(async (_inputArguments: Variant[], _context: ISessionContext) => {
    const previous = machine.values.counter;
    machine.values.counter = 0;
    machine.counter.setValueFromSource(
      new Variant({ dataType: DataType.UInt32, value: 0 }),
      StatusCodes.Good,
    );
    return {
      statusCode: StatusCodes.Good,
      outputArguments: [new Variant({ dataType: DataType.UInt32, value: previous })],
    };
  });
}

function addSensors(namespace: Namespace, machines: SimulatedMachine[], count: number): void {
  const folders = machines.map((machine) =>
    namespace.addObject({
      componentOf: machine.object,
      nodeId: `s=Plant.${machine.name}.Sensors`,
      browseName: "Sensors",
    }),
  );
  for (let i = 0; i < count; i++) {
    const machine = machines[i % machines.length]!;
    const folder = folders[i % machines.length]!;
    const id = `S${String(i + 1).padStart(5, "0")}`;
    machine.sensors.push(addDouble(namespace, folder, `Plant.${machine.name}.Sensors.${id}`, id));
  }
}

export interface PlantModel {
  namespaceIndex: number;
  machines: SimulatedMachine[];
}

export function buildPlant(
  addressSpace: AddressSpace,
  machineCount: number,
  sensorCount: number,
): PlantModel {
  const namespace = addressSpace.getOwnNamespace();
  const plant = namespace.addObject({
    organizedBy: addressSpace.rootFolder.objects,
    nodeId: "s=Plant",
    browseName: "Plant",
  });
  const machines = Array.from({ length: machineCount }, (_, index) => addMachine(namespace, plant, index));
  addSensors(namespace, machines, sensorCount);
  return { namespaceIndex: namespace.index, machines };
}
