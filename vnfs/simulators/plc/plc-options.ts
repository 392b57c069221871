/**
 * Options of the simulated PLC (an in-process node-opcua server). Defaults give a small plant
 * that a laptop test starts in about a second; the benchmark raises `variables` to 10,000.
 */

export type SimulatorSecurityMode = "None" | "Sign" | "SignAndEncrypt";
export type SimulatorSecurityPolicy =
  "None" | "Basic256Sha256" | "Aes128_Sha256_RsaOaep" | "Aes256_Sha256_RsaPss";

export interface SimulatorUser {
  userName: string;
  password: string;
}

export interface PlcSimulatorOptions {
  /** TCP port; 0 (default) picks a free loopback port. Restarting on a known port reuses it. */
  port?: number;
  /** Host advertised in the endpoint URL and bound; loopback by default. */
  host?: string;
  /** Number of machines (objects with counter, temperature, pressure, state, setpoint, method, events). */
  machines?: number;
  /** Additional changing Double sensor variables spread over the machines (e.g. 10,000). */
  variables?: number;
  /** Period of the push loop in milliseconds: every sensor and counter changes once per period. */
  rateMs?: number;
  /** Directory for the server's PKI (own certificate, trusted/rejected clients). Never ~/.config. */
  pkiDir: string;
  securityModes?: SimulatorSecurityMode[];
  securityPolicies?: SimulatorSecurityPolicy[];
  allowAnonymous?: boolean;
  /** Accepted username/password pairs. */
  users?: SimulatorUser[];
  /** Trust every client application certificate on first sight (test convenience; default true). */
  trustAllClients?: boolean;
  /** PEM files of X.509 user certificates the server accepts as user identities. */
  trustedUserCertificates?: string[];
  /** Temperature above which a machine raises an over-temperature alarm event (default 80). */
  alarmThreshold?: number;
}

export type ResolvedPlcOptions = Required<Omit<PlcSimulatorOptions, "port">> & { port: number };

export const ALL_MODES: SimulatorSecurityMode[] = ["None", "Sign", "SignAndEncrypt"];
export const ALL_POLICIES: SimulatorSecurityPolicy[] = [
  "None",
  "Basic256Sha256",
  "Aes128_Sha256_RsaOaep",
  "Aes256_Sha256_RsaPss",
];

export function resolvePlcOptions(options: PlcSimulatorOptions): ResolvedPlcOptions {
  const resolved: ResolvedPlcOptions = {
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    machines: options.machines ?? 3,
    variables: options.variables ?? 30,
    rateMs: options.rateMs ?? 100,
    pkiDir: options.pkiDir,
    securityModes: options.securityModes ?? ALL_MODES,
    securityPolicies: options.securityPolicies ?? ALL_POLICIES,
    allowAnonymous: options.allowAnonymous ?? true,
    users: options.users ?? [{ userName: "operator", password: "operator-secret" }],
    trustAllClients: options.trustAllClients ?? true,
    trustedUserCertificates: options.trustedUserCertificates ?? [],
    alarmThreshold: options.alarmThreshold ?? 80,
  };
  const problems: string[] = [];
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535)
    problems.push("port must be 0..65535");
  if (!Number.isInteger(resolved.machines) || resolved.machines < 1 || resolved.machines > 1000) {
    problems.push("machines must be an integer 1..1000");
  }
  if (!Number.isInteger(resolved.variables) || resolved.variables < 0 || resolved.variables > 200_000) {
    problems.push("variables must be an integer 0..200000");
  }
  if (!Number.isFinite(resolved.rateMs) || resolved.rateMs < 10) problems.push("rateMs must be at least 10");
  if (!resolved.pkiDir) problems.push("pkiDir is required (the simulator never writes under ~/.config)");
  if (problems.length > 0) throw new Error(`invalid PLC simulator options: ${problems.join("; ")}`);
  return resolved;
}
