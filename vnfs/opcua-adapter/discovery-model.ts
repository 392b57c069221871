import { NodeClass } from "node-opcua";
import type { DiscoveredDevice, DiscoveredGroup, DiscoveryResult, FoundNode } from "./mapping.js";
import { itemFrom, sanitiseAttribute, sanitiseIdentifier } from "./mapping.js";
import type { OpcuaServerConfig } from "./server-config.js";

/**
 * Turns browsed nodes into device-manager data. The node at `deviceLevel` in a path names the
 * device; the segments below it name the attribute (`Sensors/S00001` -> `Sensors.S00001`).
 */
export function buildDiscoveryResult(
  server: OpcuaServerConfig,
  nodes: FoundNode[],
  classes: Set<string>,
): DiscoveryResult {
  const config = server.discovery ?? {};
  const level = config.deviceLevel ?? 1;
  const groupId = config.group ?? server.id;
  const devices = new Map<string, DiscoveredDevice>();
  const result: DiscoveryResult = { groups: [], devices: [], items: [], methods: [], skipped: [] };
  const device = (name: string): DiscoveredDevice => {
    const id = sanitiseIdentifier(name);
    let found = devices.get(id);
    if (!found) {
      found = { id, tenant: server.tenant, group: groupId, server: server.id, attributes: [], commands: [] };
      devices.set(id, found);
    }
    return found;
  };
  const taken = new Set<string>();
  for (const node of nodes) {
    const deviceName = node.path[level];
    if (deviceName === undefined) continue;
    const below = node.path.slice(level + 1);
    if (
      node.nodeClass === NodeClass.Object &&
      below.length === 0 &&
      node.eventNotifier &&
      classes.has("Object")
    ) {
      addItem(result, taken, device(deviceName), server, node.nodeId, "events", "event");
    } else if (node.nodeClass === NodeClass.Variable && below.length > 0 && classes.has("Variable")) {
      addItem(result, taken, device(deviceName), server, node.nodeId, sanitiseAttribute(below), "value");
    } else if (node.nodeClass === NodeClass.Method && below.length > 0 && classes.has("Method")) {
      const target = device(deviceName);
      const name = sanitiseAttribute(below.slice(-1));
      target.commands.push({ name, objectNodeId: node.parentNodeId, methodNodeId: node.nodeId });
      result.methods.push({
        deviceId: target.id,
        command: name,
        objectNodeId: node.parentNodeId,
        methodNodeId: node.nodeId,
      });
    }
  }
  result.devices = [...devices.values()].filter(
    (entry) => entry.attributes.length > 0 || entry.commands.length > 0,
  );
  const group: DiscoveredGroup = {
    id: groupId,
    tenant: server.tenant,
    protocol: "opcua",
    server: server.id,
    resource: server.endpointUrl,
    attributes: [
      ...new Set(result.devices.flatMap((entry) => entry.attributes.map((attribute) => attribute.name))),
    ].sort(),
    commands: [
      ...new Set(result.devices.flatMap((entry) => entry.commands.map((command) => command.name))),
    ].sort(),
  };
  result.groups = result.devices.length > 0 ? [group] : [];
  return result;
}

function addItem(
  result: DiscoveryResult,
  taken: Set<string>,
  target: DiscoveredDevice,
  server: OpcuaServerConfig,
  nodeId: string,
  attribute: string,
  kind: "value" | "event",
): void {
  const key = `${target.id}/${attribute}/${kind}`;
  if (taken.has(key)) {
    result.skipped.push(
      `${nodeId}: ${target.id}.${attribute} is already mapped (browse names collide after sanitising)`,
    );
    return;
  }
  taken.add(key);
  target.attributes.push({ name: attribute, nodeId, kind });
  result.items.push(
    itemFrom(
      { nodeId, deviceId: target.id, attribute, kind },
      { ...server.monitoring, ...pickMonitoring(server) },
    ),
  );
}

function pickMonitoring(server: OpcuaServerConfig) {
  const d = server.discovery ?? {};
  return {
    ...(d.samplingIntervalMs !== undefined ? { samplingIntervalMs: d.samplingIntervalMs } : {}),
    ...(d.queueSize !== undefined ? { queueSize: d.queueSize } : {}),
    ...(d.discardOldest !== undefined ? { discardOldest: d.discardOldest } : {}),
    ...(d.deadband !== undefined ? { deadband: d.deadband } : {}),
  };
}
