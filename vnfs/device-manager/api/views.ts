import type { components } from "../../../api-specs/types/device-manager.js";
import type { DeviceGroupRecord, DeviceRecord } from "../../field-gateway/registry/device-records.js";
import type { CommandRecord, CommandRecordState, JobRecord } from "../records/command-records.js";
import { isFinal } from "../commands/command-lifecycle.js";

type Schemas = components["schemas"];

/** Renders stored records as API resources (never the API key digest or store members). */
export function groupView(group: DeviceGroupRecord): Schemas["Group"] {
  const view: Schemas["Group"] = {
    groupId: group.groupId,
    tenant: group.tenant,
    transport: group.transport ?? "mqtt",
    autoprovision: group.autoprovision,
    explicitAttributes: group.explicitAttributes,
    attributes: group.attributes.map((attribute) => ({ ...attribute })),
    staticAttributes: group.staticAttributes ?? {},
    apiKeyRotatedAt: group.apiKeyRotatedAt ?? group.createdAt ?? new Date(0).toISOString(),
    createdAt: group.createdAt ?? new Date(0).toISOString(),
  };
  if (group.description !== undefined) view.description = group.description;
  return view;
}

export function deviceView(device: DeviceRecord, group: DeviceGroupRecord | undefined): Schemas["Device"] {
  const view: Schemas["Device"] = {
    deviceId: device.deviceId,
    tenant: device.tenant,
    groupId: device.groupId,
    transport: group?.transport ?? "mqtt",
    provisionedBy: device.provisionedBy,
    // Group defaults, overridden by the device's own values.
    staticAttributes: { ...(group?.staticAttributes ?? {}), ...(device.staticAttributes ?? {}) },
    createdAt: device.createdAt,
  };
  if (device.name !== undefined) view.name = device.name;
  return view;
}

export function commandView(record: CommandRecord): Schemas["Command"] {
  const view: Schemas["Command"] = {
    commandId: record.id,
    tenant: record.tenant,
    deviceId: record.deviceId,
    command: record.command,
    state: record.state,
    history: record.history.map((change) => ({ ...change })),
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
  };
  if (record.kind !== undefined) view.kind = record.kind;
  if (record.value !== undefined) view.value = record.value;
  if (record.arguments !== undefined) view.arguments = record.arguments;
  if (record.result !== undefined) view.result = record.result;
  if (record.jobId !== undefined) view.jobId = record.jobId;
  return view;
}

export type Progress = Record<CommandRecordState, number>;

export function emptyProgress(): Progress {
  return { pending: 0, delivered: 0, executed: 0, failed: 0, expired: 0, cancelled: 0 };
}

/** A running job whose every command reached a final state is completed. */
export function jobView(job: JobRecord, progress: Progress): Schemas["Job"] {
  const unfinished = (Object.keys(progress) as CommandRecordState[])
    .filter((state) => !isFinal(state))
    .reduce((sum, state) => sum + progress[state], 0);
  const view: Schemas["Job"] = {
    jobId: job.id,
    tenant: job.tenant,
    type: job.type,
    target: job.target,
    state: job.state === "cancelled" ? "cancelled" : unfinished === 0 ? "completed" : "running",
    total: job.total,
    progress,
    createdAt: job.createdAt,
    expiresAt: job.expiresAt,
  };
  if (job.configuration !== undefined) view.configuration = job.configuration;
  if (job.firmware !== undefined) view.firmware = job.firmware;
  if (job.cancelledAt !== undefined) view.cancelledAt = job.cancelledAt;
  return view;
}
