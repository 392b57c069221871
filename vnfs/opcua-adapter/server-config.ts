/**
 * The provisioning model of the adapter: which OPC UA servers a tenant connects, how, and what
 * to monitor. The same document shape comes from the servers file (IVF_OPCUA_SERVERS_FILE,
 * YAML or JSON: `{ servers: [...] }`) and from the store collection `opcua_servers` (one
 * document per server, `id` = `<tenant>.<server id>`). docs/design/opcua-adapter.md documents it.
 */

export type SecurityModeName = "None" | "Sign" | "SignAndEncrypt";
export type SecurityPolicyName = "None" | "Basic256Sha256" | "Aes128_Sha256_RsaOaep" | "Aes256_Sha256_RsaPss";

export type UserIdentityConfig =
  | { type: "anonymous" }
  | { type: "username"; userName: string; password?: string; passwordEnv?: string }
  | { type: "certificate"; certificateFile: string; privateKeyFile: string };

export interface DeadbandConfig {
  /** absolute: change in engineering units; percent: of the EURange (OPC UA Part 8 §6.2). */
  type: "absolute" | "percent";
  value: number;
}

export interface MonitoringConfig {
  /** Server sampling interval in ms; 0 = on change (push), -1 = the publishing interval. */
  samplingIntervalMs?: number;
  queueSize?: number;
  discardOldest?: boolean;
  deadband?: DeadbandConfig;
}

export interface NodeMapping extends MonitoringConfig {
  nodeId: string;
  deviceId: string;
  /** Attribute name for values; for events the attribute under which event fields are sent. */
  attribute: string;
  /** value (default): data-change notifications; event: the node's EventNotifier. */
  kind?: "value" | "event";
}

export interface MethodMapping {
  deviceId: string;
  /** Command name as the device-manager knows it. */
  command: string;
  objectNodeId: string;
  methodNodeId: string;
}

export interface DiscoveryConfig extends MonitoringConfig {
  /** Node where browsing starts (default the Objects folder, i=85). */
  rootNodeId?: string;
  /** Namespace URIs or indexes whose nodes are taken; others are browsed through but not mapped. */
  namespaces?: (string | number)[];
  /** Browse-name path patterns relative to the root: `*` one segment, `**` any number. */
  browsePaths?: string[];
  /** Node classes mapped: Variable -> attributes, Method -> commands, Object with events -> event items. */
  nodeClasses?: ("Variable" | "Method" | "Object")[];
  /** Path segment (0-based below the root) that names the device; deeper segments name the attribute. */
  deviceLevel?: number;
  /** Device group the discovered devices belong to (default: the server id). */
  group?: string;
  maxDepth?: number;
  maxNodes?: number;
}

export interface SubscriptionConfig {
  publishingIntervalMs?: number;
  keepAliveCount?: number;
  lifetimeCount?: number;
  maxNotificationsPerPublish?: number;
  priority?: number;
}

export interface ConnectionConfig {
  /** Reconnection attempts before the session is rebuilt from scratch; -1 retries forever. */
  maxRetry?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  sessionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface OpcuaServerConfig {
  id: string;
  tenant: string;
  endpointUrl: string;
  securityMode: SecurityModeName;
  securityPolicy: SecurityPolicyName;
  identity?: UserIdentityConfig;
  connection?: ConnectionConfig;
  subscription?: SubscriptionConfig;
  /** Defaults for every mapping of this server (each mapping may override). */
  monitoring?: MonitoringConfig;
  mappings?: NodeMapping[];
  methods?: MethodMapping[];
  discovery?: DiscoveryConfig;
}

/** Stable key of a server across tenants: ownership leases and checkpoints use it. */
export function serverKey(server: Pick<OpcuaServerConfig, "tenant" | "id">): string {
  return `${server.tenant}.${server.id}`;
}
