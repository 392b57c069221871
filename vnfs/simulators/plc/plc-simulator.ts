import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import {
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAServer,
  RegisterServerMethod,
  SecurityPolicy,
} from "node-opcua";
import { buildPlant, pointNodeId, type SimulatedMachine } from "./address-space.js";
import { resolvePlcOptions, type PlcSimulatorOptions, type ResolvedPlcOptions } from "./plc-options.js";
import { ValueDriver, type DriverStats } from "./value-driver.js";

export type { PlcSimulatorOptions } from "./plc-options.js";

/**
 * A simulated PLC: an in-process node-opcua server with explicit certificate managers under
 * `pkiDir` (never ~/.config), every security mode and policy the adapter supports, anonymous,
 * username/password and X.509 user identities, and values pushed on change.
 */
export interface PlcSimulator {
  /** From server.getEndpointUrl(): the URL the server advertises. */
  endpointUrl: string;
  port: number;
  namespaceIndex: number;
  machineNames: string[];
  /** PEM file of the server's application instance certificate. */
  serverCertificateFile: string;
  stats: DriverStats;
  nodeId(machine: string, point: string): string;
  /** Node ids of every sensor variable, in creation order. */
  sensorNodeIds(): string[];
  /** Pushes one cycle now (tests use it to step the plant while the loop is paused). */
  tick(): void;
  pause(): void;
  resume(): void;
  raiseAlarm(machine: string, message: string): void;
  readCounter(machine: string): number;
  readSetpoint(machine: string): number;
  stop(): Promise<void>;
}

const MODE: Record<string, MessageSecurityMode> = {
  None: MessageSecurityMode.None,
  Sign: MessageSecurityMode.Sign,
  SignAndEncrypt: MessageSecurityMode.SignAndEncrypt,
};

const POLICY: Record<string, SecurityPolicy> = {
  None: SecurityPolicy.None,
  Basic256Sha256: SecurityPolicy.Basic256Sha256,
  Aes128_Sha256_RsaOaep: SecurityPolicy.Aes128_Sha256_RsaOaep,
  Aes256_Sha256_RsaPss: SecurityPolicy.Aes256_Sha256_RsaPss,
};

/** A free loopback port (node-opcua needs the number up front to build its endpoint URLs). */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function certificateManagers(options: ResolvedPlcOptions) {
  const server = new OPCUACertificateManager({
    rootFolder: join(options.pkiDir, "server"),
    automaticallyAcceptUnknownCertificate: options.trustAllClients,
    disableFileWatchers: true,
  });
  const users = new OPCUACertificateManager({
    rootFolder: join(options.pkiDir, "users"),
    automaticallyAcceptUnknownCertificate: false,
    disableFileWatchers: true,
  });
  await server.initialize();
  await users.initialize();
  for (const file of options.trustedUserCertificates) {
    await users.trustCertificate(new X509Certificate(await readFile(file)).raw);
  }
  return { server, users };
}

function createOpcuaServer(
  options: ResolvedPlcOptions,
  port: number,
  managers: Awaited<ReturnType<typeof certificateManagers>>,
) {
  const users = new Map(options.users.map((user) => [user.userName, user.password]));
  return new OPCUAServer({
    port,
    host: options.host,
    hostname: options.host,
    resourcePath: "/iotvf/plc",
    buildInfo: {
      productName: "IoTVF PLC simulator",
      manufacturerName: "iot-vnf-platform",
      softwareVersion: "1.0.0",
    },
    serverCertificateManager: managers.server,
    userCertificateManager: managers.users,
    securityModes: options.securityModes.map((mode) => MODE[mode]!),
    securityPolicies: options.securityPolicies.map((policy) => POLICY[policy]!),
    allowAnonymous: options.allowAnonymous,
    userManager: { isValidUser: (userName: string, password: string) => users.get(userName) === password },
    registerServerMethod: RegisterServerMethod.HIDDEN,
    disableDiscovery: true,
    maxConnectionsPerEndpoint: 50,
    serverCapabilities: {
      maxMonitoredItems: 500_000,
      maxMonitoredItemsPerSubscription: 200_000,
      operationLimits: {
        maxMonitoredItemsPerCall: 200_000,
        maxNodesPerBrowse: 5_000,
        maxNodesPerRead: 20_000,
      },
    },
  });
}

export async function startPlcSimulator(input: PlcSimulatorOptions): Promise<PlcSimulator> {
  const options = resolvePlcOptions(input);
  const port = options.port === 0 ? await freePort(options.host) : options.port;
  const managers = await certificateManagers(options);
  const server = createOpcuaServer(options, port, managers);
  await server.initialize();
  const addressSpace = server.engine.addressSpace;
  if (!addressSpace) throw new Error("node-opcua server has no address space after initialize()");
  const plant = buildPlant(addressSpace, options.machines, options.variables);
  const driver = new ValueDriver(addressSpace, plant, options.rateMs, options.alarmThreshold);
  await server.start();
  driver.start();
  const machines = new Map(plant.machines.map((machine) => [machine.name, machine]));
  const machine = (name: string): SimulatedMachine => {
    const found = machines.get(name);
    if (!found) throw new Error(`no machine ${name}; the simulator has ${[...machines.keys()].join(", ")}`);
    return found;
  };
  return {
    endpointUrl: server.getEndpointUrl(),
    port,
    namespaceIndex: plant.namespaceIndex,
    machineNames: [...machines.keys()],
    serverCertificateFile: join(managers.server.rootDir, "own", "certs", "certificate.pem"),
    stats: driver.stats,
    nodeId: (name, point) => pointNodeId(plant.namespaceIndex, machine(name).name, point),
    sensorNodeIds: () => plant.machines.flatMap((m) => m.sensors.map((s) => s.nodeId.toString())),
    tick: () => driver.tick(),
    pause: () => driver.stop(),
    resume: () => driver.start(),
    raiseAlarm: (name, message) => driver.raiseAlarm(machine(name), message),
    readCounter: (name) => machine(name).values.counter,
    readSetpoint: (name) => Number(machine(name).setpoint.readValue().value.value),
    stop: async () => {
      driver.stop();
      await driver.idle();
      await server.shutdown(0);
      await managers.server.dispose();
      await managers.users.dispose();
    },
  };
}
