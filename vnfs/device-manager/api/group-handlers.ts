import { randomBytes } from "node:crypto";
import type { components } from "../../../api-specs/types/device-manager.js";
import type { OperationHandler } from "../../runtime-kit/http/openapi/openapi-router.js";
import {
  CompiledExpression,
  EXPRESSION_LIMITS,
  ExpressionError,
} from "../../runtime-kit/expressions/transformation.js";
import { parse } from "../../runtime-kit/expressions/parser.js";
import { functionNames } from "../../runtime-kit/expressions/evaluator.js";
import { expressionReferences } from "../../field-gateway/ingest/group-transformations.js";
import { UniqueConstraintError, type Collection } from "../../runtime-kit/store/document-store.js";
import {
  groupRecordId,
  hashApiKey,
  type AttributeDefinition,
  type DeviceGroupRecord,
  type DeviceRecord,
} from "../../field-gateway/registry/device-records.js";
import { authorise, paging } from "./access.js";
import { problem } from "./problems.js";
import { groupView } from "./views.js";

type GroupSettings = components["schemas"]["GroupSettings"];

export interface GroupHandlerDeps {
  groups: Collection<DeviceGroupRecord>;
  devices: Collection<DeviceRecord>;
}

/** 24 random bytes, base64url: 32 characters that are safe as an MQTT topic level and a header value. */
export function generateApiKey(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * Device groups (FIWARE config groups, iot-platforms.md §1.1): tenant-admins write, readers read.
 * Transformation expressions are compiled when written, so a group never stores one the
 * gateway cannot run; the API key is generated here, answered once, and stored as its digest.
 */
export function groupHandlers(deps: GroupHandlerDeps): Record<string, OperationHandler> {
  const { groups, devices } = deps;

  async function existing(tenant: string, groupId: string) {
    const group = await groups.get(groupRecordId(tenant, groupId));
    if (!group) throw problem("NOT_FOUND", `device group ${groupId} not found in tenant ${tenant}`);
    return group;
  }

  return {
    async listGroups(input) {
      const { tenant } = authorise(input, "reader");
      const { limit, offset } = paging(input);
      const [items, total] = await Promise.all([
        groups.find({ where: { tenant }, orderBy: [{ field: "groupId" }], limit, offset }),
        groups.count({ tenant }),
      ]);
      return { status: 200, body: { items: items.map(groupView), total, limit, offset } };
    },
    async createGroup(input) {
      const { tenant } = authorise(input, "tenant-admin");
      const body = input.body as components["schemas"]["GroupCreation"];
      const apiKey = generateApiKey();
      const now = new Date().toISOString();
      const record: DeviceGroupRecord = {
        id: groupRecordId(tenant, body.groupId),
        tenant,
        groupId: body.groupId,
        apiKeyHash: hashApiKey(apiKey),
        ...settingsOf(body),
        apiKeyRotatedAt: now,
        createdAt: now,
      };
      if ((await insertGroup(groups, record)) === "duplicate") {
        throw problem("CONFLICT", `device group ${body.groupId} exists already in tenant ${tenant}`);
      }
      return {
        status: 201,
        headers: { Location: `/v1/tenants/${tenant}/groups/${body.groupId}` },
        body: { ...groupView(record), apiKey },
      };
    },
    async getGroup(input) {
      const { tenant } = authorise(input, "reader");
      return { status: 200, body: groupView(await existing(tenant, input.path.groupId as string)) };
    },
    async updateGroup(input) {
      const { tenant } = authorise(input, "tenant-admin");
      const group = await existing(tenant, input.path.groupId as string);
      // PUT replaces the settings; identity, key digest and dates are kept.
      const record: DeviceGroupRecord = {
        id: group.id,
        tenant: group.tenant,
        groupId: group.groupId,
        apiKeyHash: group.apiKeyHash,
        ...settingsOf(input.body as GroupSettings),
        ...(group.apiKeyRotatedAt !== undefined ? { apiKeyRotatedAt: group.apiKeyRotatedAt } : {}),
        ...(group.createdAt !== undefined ? { createdAt: group.createdAt } : {}),
      };
      const updated = await groups.replace(record, { expectedVersion: group.version });
      return { status: 200, body: groupView(updated) };
    },
    async deleteGroup(input) {
      const { tenant } = authorise(input, "tenant-admin");
      const group = await existing(tenant, input.path.groupId as string);
      const members = await devices.count({ tenant, groupId: group.groupId });
      if (members > 0) {
        throw problem(
          "CONFLICT",
          `device group ${group.groupId} still has ${members} device(s); delete or move them first`,
        );
      }
      await groups.delete(group.id, { expectedVersion: group.version });
      return { status: 204 };
    },
    async rotateGroupApiKey(input) {
      const { tenant } = authorise(input, "tenant-admin");
      const group = await existing(tenant, input.path.groupId as string);
      const apiKey = generateApiKey();
      const updated = await groups.update(
        group.id,
        { apiKeyHash: hashApiKey(apiKey), apiKeyRotatedAt: new Date().toISOString() },
        { expectedVersion: group.version },
      );
      return { status: 200, body: { ...groupView(updated!), apiKey } };
    },
  };
}

/** The settings part of a group record, with expressions checked (400 naming each bad one). */
function settingsOf(body: GroupSettings) {
  const attributes = (body.attributes ?? []) as AttributeDefinition[];
  checkAttributes(attributes);
  return {
    transport: body.transport ?? "mqtt",
    autoprovision: body.autoprovision ?? false,
    explicitAttributes: body.explicitAttributes ?? false,
    attributes,
    staticAttributes: body.staticAttributes ?? {},
    ...(body.description !== undefined ? { description: body.description } : {}),
  };
}

function checkAttributes(attributes: AttributeDefinition[]): void {
  const errors: { pointer: string; detail: string }[] = [];
  const seen = new Set<string>();
  attributes.forEach((attribute, index) => {
    if (seen.has(attribute.name)) {
      errors.push({
        pointer: `/body/attributes/${index}/name`,
        detail: `"${attribute.name}" is declared twice`,
      });
    }
    seen.add(attribute.name);
    if (attribute.expression === undefined) return;
    try {
      CompiledExpression.compile(attribute.expression);
      // The parser accepts any call name and the evaluator refuses unknown ones per message; a
      // group must not store an expression that can only fail, so unknown functions fail here.
      const { calls } = expressionReferences(parse(attribute.expression, EXPRESSION_LIMITS));
      const unknown = [...calls].filter((name) => !functionNames().includes(name));
      if (unknown.length > 0) {
        throw new ExpressionError(
          `unknown function ${unknown.join("(), ")}(); available: ${functionNames().join(", ")}`,
        );
      }
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      errors.push({ pointer: `/body/attributes/${index}/expression`, detail: error.message });
    }
  });
  if (errors.length > 0) {
    throw problem(
      "INVALID_EXPRESSION",
      errors.map((error) => `${error.pointer}: ${error.detail}`).join("; "),
      errors,
    );
  }
}

async function insertGroup(groups: Collection<DeviceGroupRecord>, record: DeviceGroupRecord) {
  try {
    return await groups.insert(record);
  } catch (error) {
    // A 192-bit key colliding with another group's is not a realistic event; name it if it happens.
    if (error instanceof UniqueConstraintError) return "duplicate" as const;
    throw error;
  }
}
