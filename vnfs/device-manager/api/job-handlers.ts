import { randomUUID } from "node:crypto";
import type { components } from "../../../api-specs/types/device-manager.js";
import type { Json } from "../../runtime-kit/bus/message-bus.js";
import type { OperationHandler } from "../../runtime-kit/http/openapi/openapi-router.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import {
  deviceRecordId,
  groupRecordId,
  type DeviceGroupRecord,
  type DeviceRecord,
} from "../../field-gateway/registry/device-records.js";
import { COMMAND_STATES, type CommandCollections, type JobRecord } from "../records/command-records.js";
import { applyTransition } from "../commands/command-lifecycle.js";
import { BusRefusedError, type CommandIssuer } from "../commands/issue-command.js";
import { authorise, paging } from "./access.js";
import { problem } from "./problems.js";
import { emptyProgress, jobView, type Progress } from "./views.js";

type JobRequest = components["schemas"]["JobRequest"];

export const DEFAULT_JOB_TIMEOUT_SECONDS = 3600;
export const CONFIGURE_COMMAND = "configure";
export const FIRMWARE_COMMAND = "firmware-update";

export interface JobHandlerDeps {
  groups: Collection<DeviceGroupRecord>;
  devices: Collection<DeviceRecord>;
  collections: CommandCollections;
  issuer: CommandIssuer;
  maxJobDevices: number;
}

/**
 * Configuration and firmware jobs: one command per target device (`configure` with the
 * configuration as value, `firmware-update` with {url, version}); the job's progress is the count
 * of its commands per state, so it needs no bookkeeping of its own beyond cancellation.
 */
export function jobHandlers(deps: JobHandlerDeps): Record<string, OperationHandler> {
  const { jobs, commands } = deps.collections;

  async function progressOf(job: JobRecord): Promise<Progress> {
    const progress = emptyProgress();
    await Promise.all(
      COMMAND_STATES.map(async (state) => {
        progress[state] = await commands.count({ jobId: job.id, state });
      }),
    );
    return progress;
  }

  async function existing(tenant: string, jobId: string) {
    const job = await jobs.get(jobId);
    if (!job || job.tenant !== tenant)
      throw problem("NOT_FOUND", `job ${jobId} not found in tenant ${tenant}`);
    return job;
  }

  return {
    async listJobs(input) {
      const { tenant } = authorise(input, "reader");
      const { limit, offset } = paging(input);
      const [items, total] = await Promise.all([
        jobs.find({ where: { tenant }, orderBy: [{ field: "createdAt", direction: "desc" }], limit, offset }),
        jobs.count({ tenant }),
      ]);
      const views = await Promise.all(items.map(async (job) => jobView(job, await progressOf(job))));
      return { status: 200, body: { items: views, total, limit, offset } };
    },
    async createJob(input) {
      const { tenant } = authorise(input, "tenant-admin");
      const body = input.body as JobRequest;
      const payload = jobPayload(body);
      const targets = await resolveTargets(deps, tenant, body.target);
      const now = new Date();
      const timeoutSeconds = body.timeoutSeconds ?? DEFAULT_JOB_TIMEOUT_SECONDS;
      const job: JobRecord = {
        id: randomUUID(),
        tenant,
        ...payload.fields,
        target: body.target,
        state: "running",
        total: targets.length,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + timeoutSeconds * 1000).toISOString(),
      };
      await jobs.insert(job);
      try {
        await deps.issuer.issueMany(
          targets.map((deviceId) => ({
            tenant,
            deviceId,
            command: payload.command,
            value: payload.value,
            timeoutSeconds,
            jobId: job.id,
          })),
        );
      } catch (error) {
        if (error instanceof BusRefusedError) throw problem("BUS_UNAVAILABLE", error.message);
        throw error;
      }
      return {
        status: 202,
        headers: { Location: `/v1/tenants/${tenant}/jobs/${job.id}` },
        body: jobView(job, await progressOf(job)),
      };
    },
    async getJob(input) {
      const { tenant } = authorise(input, "reader");
      const job = await existing(tenant, input.path.jobId as string);
      return { status: 200, body: jobView(job, await progressOf(job)) };
    },
    async cancelJob(input) {
      const { tenant } = authorise(input, "tenant-admin");
      const job = await existing(tenant, input.path.jobId as string);
      const view = jobView(job, await progressOf(job));
      if (view.state !== "running") throw problem("CONFLICT", `job ${job.id} is ${view.state} already`);
      const at = new Date().toISOString();
      const updated = await jobs.update(
        job.id,
        { state: "cancelled", cancelledAt: at },
        { expectedVersion: job.version },
      );
      // Commands already delivered are past recall; only those not yet delivered are cancelled.
      for (;;) {
        const pending = await commands.find({ where: { jobId: job.id, state: "pending" }, limit: 500 });
        for (const command of pending) {
          await applyTransition(commands, command.id, { to: "cancelled", at, statusCode: "JobCancelled" });
        }
        if (pending.length < 500) break;
      }
      return { status: 200, body: jobView(updated!, await progressOf(updated!)) };
    },
  };
}

function jobPayload(body: JobRequest): {
  command: string;
  value: Json;
  fields: Pick<JobRecord, "type" | "configuration" | "firmware">;
} {
  if ((body.configuration === undefined) === (body.firmware === undefined)) {
    throw problem("INVALID_REQUEST", "a job carries exactly one of /body/configuration and /body/firmware", [
      { pointer: "/body", detail: "give either configuration or firmware" },
    ]);
  }
  if (body.configuration !== undefined) {
    const configuration = body.configuration as { [key: string]: Json };
    return {
      command: CONFIGURE_COMMAND,
      value: configuration,
      fields: { type: "configuration", configuration },
    };
  }
  const firmware = body.firmware!;
  return {
    command: FIRMWARE_COMMAND,
    value: firmware as unknown as Json,
    fields: { type: "firmware", firmware },
  };
}

async function resolveTargets(
  deps: JobHandlerDeps,
  tenant: string,
  target: components["schemas"]["JobTarget"],
): Promise<string[]> {
  let deviceIds: string[];
  if (target.groupId !== undefined) {
    if (!(await deps.groups.get(groupRecordId(tenant, target.groupId)))) {
      throw problem("UNKNOWN_GROUP", `device group ${target.groupId} does not exist in tenant ${tenant}`);
    }
    const members = await deps.devices.find({
      where: { tenant, groupId: target.groupId },
      orderBy: [{ field: "deviceId" }],
      limit: deps.maxJobDevices + 1,
    });
    deviceIds = members.map((device) => device.deviceId);
  } else {
    deviceIds = target.deviceIds ?? [];
    const found = await Promise.all(deviceIds.map((id) => deps.devices.get(deviceRecordId(tenant, id))));
    const missing = deviceIds.filter((_, index) => !found[index]);
    if (missing.length > 0) {
      throw problem(
        "UNKNOWN_DEVICES",
        `not in tenant ${tenant}: ${missing.slice(0, 20).join(", ")}${missing.length > 20 ? ", ..." : ""}`,
      );
    }
  }
  if (deviceIds.length > deps.maxJobDevices) {
    throw problem(
      "TOO_MANY_DEVICES",
      `the job targets more than ${deps.maxJobDevices} devices (IVF_DEVICE_MANAGER_MAX_JOB_DEVICES); split it`,
    );
  }
  return deviceIds;
}
