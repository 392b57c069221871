import type { Json } from "../../runtime-kit/bus/message-bus.js";
import type { Collection, DocumentStore } from "../../runtime-kit/store/document-store.js";

/**
 * Commands and jobs as the device-manager stores them (collections `device_commands` and
 * `device_jobs` in the shared `iot` database). A command record is the single source of truth of
 * its state; the bus carries requests down and statuses up (vnfs/runtime-kit/primitives/device-command.ts).
 */
export const DEVICE_COMMANDS = "device_commands";
export const DEVICE_JOBS = "device_jobs";

export const COMMAND_STATES = ["pending", "delivered", "executed", "failed", "expired", "cancelled"] as const;
export type CommandRecordState = (typeof COMMAND_STATES)[number];

export interface StatusChange {
  state: CommandRecordState;
  at: string;
  statusCode?: string;
  detail?: string;
}

export interface CommandRecord {
  /** The commandId (a UUID): unique across tenants, and checked against tenant and device on every status. */
  id: string;
  tenant: string;
  deviceId: string;
  command: string;
  kind?: "write" | "call";
  value?: Json;
  arguments?: Json[];
  state: CommandRecordState;
  result?: Json;
  history: StatusChange[];
  jobId?: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

export interface JobTarget {
  groupId?: string;
  deviceIds?: string[];
}

export interface JobRecord {
  id: string;
  tenant: string;
  type: "configuration" | "firmware";
  target: JobTarget;
  configuration?: { [key: string]: Json };
  firmware?: { url: string; version?: string };
  /** running until cancelled; `completed` is derived from the commands when read. */
  state: "running" | "cancelled";
  total: number;
  createdAt: string;
  expiresAt: string;
  cancelledAt?: string;
}

export interface CommandCollections {
  commands: Collection<CommandRecord>;
  jobs: Collection<JobRecord>;
}

export async function openCommandCollections(store: DocumentStore): Promise<CommandCollections> {
  return {
    commands: await store.collection<CommandRecord>(DEVICE_COMMANDS, {
      indexes: [
        { fields: ["tenant", "deviceId", "createdAt"] },
        { fields: ["state", "expiresAt"] },
        { fields: ["jobId", "state"] },
      ],
    }),
    jobs: await store.collection<JobRecord>(DEVICE_JOBS, { indexes: [{ fields: ["tenant", "createdAt"] }] }),
  };
}
