import {
  BrowseDirection,
  NodeClass,
  NodeClassMask,
  ReferenceTypeIds,
  resolveNodeId,
  type ClientSession,
  type ReferenceDescription,
} from "node-opcua";
import { buildDiscoveryResult } from "./discovery-model.js";
import { OpcuaAdapterError } from "./errors.js";
import type {
  DiscoveryConfig,
  MethodMapping,
  MonitoringConfig,
  NodeMapping,
  OpcuaServerConfig,
} from "./server-config.js";

/**
 * From provisioning to monitored items. Explicit mappings are taken as written; discovery
 * browses the server's address space (Part 4 §5.8.2 Browse, HierarchicalReferences forward)
 * and turns the nodes that pass the namespace, browse-path and node-class filters into
 * device-manager groups and devices: one device per node at `deviceLevel`, one attribute per
 * variable below it, one command per method, one event item per event-notifier object.
 */

export interface MonitoredItemSpec {
  nodeId: string;
  deviceId: string;
  attribute: string;
  kind: "value" | "event";
  samplingIntervalMs: number;
  queueSize: number;
  discardOldest: boolean;
  deadband?: MonitoringConfig["deadband"];
}

export interface DiscoveredDevice {
  id: string;
  tenant: string;
  group: string;
  server: string;
  attributes: { name: string; nodeId: string; kind: "value" | "event" }[];
  commands: { name: string; objectNodeId: string; methodNodeId: string }[];
}

export interface DiscoveredGroup {
  id: string;
  tenant: string;
  protocol: "opcua";
  server: string;
  resource: string;
  attributes: string[];
  commands: string[];
}

export interface DiscoveryResult {
  groups: DiscoveredGroup[];
  devices: DiscoveredDevice[];
  items: MonitoredItemSpec[];
  methods: MethodMapping[];
  /** Nodes that matched but could not be mapped (name collision after sanitising, limits). */
  skipped: string[];
}

const DEFAULTS = { samplingIntervalMs: 0, queueSize: 10, discardOldest: true } as const;

export function itemFrom(mapping: NodeMapping, defaults: MonitoringConfig | undefined): MonitoredItemSpec {
  const kind = mapping.kind ?? "value";
  const deadband = mapping.deadband ?? defaults?.deadband;
  return {
    nodeId: mapping.nodeId,
    deviceId: mapping.deviceId,
    attribute: mapping.attribute,
    kind,
    samplingIntervalMs:
      mapping.samplingIntervalMs ?? defaults?.samplingIntervalMs ?? DEFAULTS.samplingIntervalMs,
    queueSize: mapping.queueSize ?? defaults?.queueSize ?? DEFAULTS.queueSize,
    discardOldest: mapping.discardOldest ?? defaults?.discardOldest ?? DEFAULTS.discardOldest,
    ...(deadband && kind === "value" ? { deadband } : {}),
  };
}

/** Monitored items of the explicit mappings; node ids are checked for syntax here, existence by the server. */
export function explicitItems(server: OpcuaServerConfig): MonitoredItemSpec[] {
  return (server.mappings ?? []).map((mapping, index) => {
    try {
      resolveNodeId(mapping.nodeId);
    } catch {
      throw new OpcuaAdapterError(
        "OPCUA_MAPPING_INVALID",
        `server ${server.id} /mappings/${index}/nodeId ${JSON.stringify(mapping.nodeId)} is not an OPC UA node id (e.g. ns=2;s=Line1.Temperature)`,
      );
    }
    return itemFrom(mapping, server.monitoring);
  });
}

export function sanitiseIdentifier(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) || "_";
}

export function sanitiseAttribute(segments: string[]): string {
  return (
    segments
      .join(".")
      .replace(/[^A-Za-z0-9_.:-]/g, "_")
      .slice(0, 128) || "_"
  );
}

/** Glob over browse-name paths: `*` matches one segment, `**` any number (including none). */
export function pathMatches(pattern: string, path: string[]): boolean {
  const parts = pattern.split("/").filter((part) => part.length > 0);
  const match = (p: number, s: number): boolean => {
    if (p === parts.length) return s === path.length;
    const part = parts[p]!;
    if (part === "**") return match(p + 1, s) || (s < path.length && match(p, s + 1));
    if (s === path.length) return false;
    const regex = new RegExp(
      `^${part
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".")}$`,
    );
    return regex.test(path[s]!) && match(p + 1, s + 1);
  };
  return match(0, 0);
}

interface FoundNode {
  nodeId: string;
  nodeClass: NodeClass;
  path: string[];
  parentNodeId: string;
  eventNotifier: boolean;
}

async function namespaceFilter(
  session: ClientSession,
  namespaces: DiscoveryConfig["namespaces"],
): Promise<Set<number> | undefined> {
  if (!namespaces || namespaces.length === 0) return undefined;
  const table = await session.readNamespaceArray();
  return new Set(
    namespaces.map((entry) => {
      if (typeof entry === "number") return entry;
      const index = table.indexOf(entry);
      if (index < 0) {
        throw new OpcuaAdapterError(
          "OPCUA_MAPPING_INVALID",
          `discovery namespace ${entry} is not on the server (it has ${table.join(", ")})`,
        );
      }
      return index;
    }),
  );
}

async function browseAll(session: ClientSession, nodeIds: string[]): Promise<ReferenceDescription[][]> {
  const results = await session.browse(
    nodeIds.map((nodeId) => ({
      nodeId,
      browseDirection: BrowseDirection.Forward,
      referenceTypeId: ReferenceTypeIds.HierarchicalReferences,
      includeSubtypes: true,
      nodeClassMask: NodeClassMask.Object | NodeClassMask.Variable | NodeClassMask.Method,
      resultMask: 63,
    })),
  );
  const references: ReferenceDescription[][] = [];
  for (const result of results) {
    const collected = [...(result.references ?? [])];
    let continuation = result.continuationPoint;
    while (continuation && continuation.length > 0) {
      const next = await session.browseNext(continuation, false);
      collected.push(...(next.references ?? []));
      continuation = next.continuationPoint;
    }
    references.push(collected);
  }
  return references;
}

/** Breadth-first walk of Objects below the root; variables and methods are leaves. */
async function walk(
  session: ClientSession,
  config: DiscoveryConfig,
): Promise<{ nodes: FoundNode[]; truncated: boolean }> {
  const maxDepth = config.maxDepth ?? 8;
  const maxNodes = config.maxNodes ?? 50_000;
  const rootNodeId = config.rootNodeId ?? "i=85";
  const visited = new Set<string>([rootNodeId]);
  const nodes: FoundNode[] = [];
  let frontier: { nodeId: string; path: string[] }[] = [{ nodeId: rootNodeId, path: [] }];
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const next: typeof frontier = [];
    for (let start = 0; start < frontier.length; start += 500) {
      const slice = frontier.slice(start, start + 500);
      const references = await browseAll(
        session,
        slice.map((entry) => entry.nodeId),
      );
      slice.forEach((parent, index) => {
        for (const reference of references[index] ?? []) {
          const nodeId = reference.nodeId.toString();
          if (reference.referenceTypeId.toString() === "i=46" || reference.nodeId.namespace === 0) continue; // HasProperty, ns 0
          if (visited.has(nodeId)) continue;
          visited.add(nodeId);
          const path = [...parent.path, reference.browseName.name ?? ""];
          nodes.push({
            nodeId,
            nodeClass: reference.nodeClass,
            path,
            parentNodeId: parent.nodeId,
            eventNotifier: false,
          });
          if (nodes.length >= maxNodes) return;
          if (reference.nodeClass === NodeClass.Object) next.push({ nodeId, path });
        }
      });
      if (nodes.length >= maxNodes) return { nodes, truncated: true };
    }
    frontier = next;
  }
  return { nodes, truncated: false };
}

async function markEventNotifiers(session: ClientSession, nodes: FoundNode[]): Promise<void> {
  const objects = nodes.filter((node) => node.nodeClass === NodeClass.Object);
  for (let start = 0; start < objects.length; start += 1000) {
    const slice = objects.slice(start, start + 1000);
    const values = await session.read(
      slice.map((node) => ({ nodeId: node.nodeId, attributeId: 12 /* EventNotifier */ })),
    );
    slice.forEach((node, index) => {
      node.eventNotifier = (Number(values[index]?.value.value ?? 0) & 1) === 1;
    });
  }
}

/** Browses the server and returns the discovered model (does not touch the subscription). */
export async function discover(session: ClientSession, server: OpcuaServerConfig): Promise<DiscoveryResult> {
  const config = server.discovery ?? {};
  const namespaces = await namespaceFilter(session, config.namespaces);
  const { nodes, truncated } = await walk(session, config);
  const classes = new Set(config.nodeClasses ?? ["Variable", "Method", "Object"]);
  if (classes.has("Object")) await markEventNotifiers(session, nodes);
  const patterns = config.browsePaths ?? ["**"];
  const wanted = nodes.filter((node) => {
    const namespace = resolveNodeId(node.nodeId).namespace;
    return (
      (!namespaces || namespaces.has(namespace)) &&
      patterns.some((pattern) => pathMatches(pattern, node.path))
    );
  });
  const result = buildDiscoveryResult(server, wanted, classes);
  if (truncated)
    result.skipped.push(`browse stopped at maxNodes=${config.maxNodes ?? 50_000}; raise discovery.maxNodes`);
  return result;
}

export type { FoundNode };
