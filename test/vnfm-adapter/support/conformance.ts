/**
 * Conformance of everything the VNFM sends in the test suite: each response is checked against
 * the OFFICIAL document of its API (SOL003 v3.3.1 for /vnflcm/v2 and /vnfpkgm/v2, ONAP's
 * SOL003 v2.4.1 for /vnflcm/v1) AND against our own api-specs document, so the server, the
 * standard and our OpenAPI agree. Notifications are checked the same way. The validator is the
 * generic one of test/support/openapi-conformance.ts; what is VNFM-specific here is which
 * documents apply and their defects, each corrected by its SOURCES.md number.
 */
import { join } from "node:path";
import {
  ConformanceValidator,
  fixes,
  type Exchange,
  type Oddity,
} from "../../support/openapi-conformance.js";
import { referencePath } from "../../support/reference.js";

type Schema = Record<string, unknown>;
export type { Exchange };

const oddity = (method: string, path: string, status: string, why: string, fix: Oddity["fix"]): Oddity => ({
  method: method.toLowerCase(),
  path,
  status,
  why,
  fix,
});

/** Defect 4: checksum is {algorithm, hash} and vnfmInfo a non-empty array of strings. */
function fixPkgInfo(schema: Schema): Schema {
  const copy = structuredClone(schema) as { properties: Record<string, Schema> };
  const checksum = {
    type: "object",
    required: ["algorithm", "hash"],
    properties: { algorithm: { type: "string" }, hash: { type: "string" } },
  };
  copy.properties.checksum = checksum;
  copy.properties.vnfmInfo = { type: "array", minItems: 1, items: { type: "string" } };
  const artifacts = copy.properties.additionalArtifacts as
    { items: { properties: Record<string, Schema> } } | undefined;
  if (artifacts) artifacts.items.properties.checksum = checksum;
  return copy;
}

const ownSpec = (name: string) =>
  ConformanceValidator.fromFile(join(process.cwd(), "api-specs", `${name}.yaml`));

export class Conformance {
  readonly checked: string[] = [];
  private readonly official: Record<string, ConformanceValidator>;
  private readonly own: Record<string, ConformanceValidator>;
  private readonly notifications: Record<"v1" | "v2", (body: Record<string, unknown>) => string[]>;

  constructor() {
    const lifecycle = ConformanceValidator.fromFile(
      referencePath("etsi-nfv", "sol003", "sol003_lifecycle_openapi.json"),
      [
        oddity("GET", "/subscriptions", "200", "defect 2: list declared as one object", fixes.asArray),
        oddity("GET", "/vnf_lcm_op_occs", "200", "defect 2: list declared as one object", fixes.asArray),
        // Found beyond SOURCES.md (same kind as defect 7): the PATCH 202 declares a VnfInstance body
        // although its own description says "The response body shall be empty".
        oddity("PATCH", "/vnf_instances/{vnfInstanceId}", "202", "PATCH 202 has no body", fixes.noBody),
      ],
    );
    const onap = ConformanceValidator.fromFile(
      referencePath("etsi-nfv", "sol003-v2.4.1-onap", "SOL003-VNFLifecycleManagement-API.json"),
      [
        oddity("GET", "/subscriptions", "200", "defect 2: list declared as one object", fixes.asArray),
        oddity("POST", "/vnf_instances/{vnfInstanceId}/terminate", "202", "defect 7: no body", fixes.noBody),
      ],
    );
    const pkg = ConformanceValidator.fromFile(
      referencePath("etsi-nfv", "sol003", "sol003_package_openapi.json"),
      [
        oddity(
          "GET",
          "/vnf_packages/{vnfPkgId}",
          "200",
          "defect 4: checksum and vnfmInfo shapes",
          fixPkgInfo,
        ),
      ],
    );
    this.official = { "/vnflcm/v2": lifecycle, "/vnflcm/v1": onap, "/vnfpkgm/v2": pkg };
    this.own = {
      "/vnflcm/v2": ownSpec("vnflcm-v2"),
      "/vnflcm/v1": ownSpec("vnflcm-v1"),
      "/vnfpkgm/v2": ownSpec("vnfpkgm-v2"),
    };
    this.notifications = { v2: this.v2NotificationCheck(lifecycle), v1: this.v1NotificationCheck() };
  }

  /** Defect 6: v3.3.1 has no notification schemas; they are assembled from its VnfLcmOpOcc parts and notes §2.4. */
  private v2NotificationCheck(lifecycle: ConformanceValidator): (body: Record<string, unknown>) => string[] {
    const occ = lifecycle.fragment(["paths", "/vnf_lcm_op_occs/{vnfLcmOpOccId}", "get", "responses", "200"]);
    const occSchema = (occ.content as Record<string, { schema: Schema }>)["application/json"]!.schema as {
      properties: Record<string, Schema & { properties?: Record<string, Schema> }>;
    };
    const link = { type: "object", required: ["href"], properties: { href: { type: "string" } } };
    const common = {
      id: { type: "string" },
      subscriptionId: { type: "string" },
      timeStamp: { type: "string", format: "date-time" },
      vnfInstanceId: { type: "string" },
    };
    const schemas: Record<string, Schema> = {
      VnfLcmOperationOccurrenceNotification: {
        type: "object",
        required: [
          "id",
          "notificationType",
          "subscriptionId",
          "timeStamp",
          "notificationStatus",
          "operationState",
          "vnfInstanceId",
          "operation",
          "isAutomaticInvocation",
          "vnfLcmOpOccId",
          "_links",
        ],
        properties: {
          ...common,
          notificationType: { enum: ["VnfLcmOperationOccurrenceNotification"] },
          notificationStatus: { enum: ["START", "RESULT"] },
          operationState: occSchema.properties.operationState!,
          operation: occSchema.properties.operation!,
          isAutomaticInvocation: { type: "boolean" },
          vnfLcmOpOccId: { type: "string" },
          affectedVnfcs: occSchema.properties.resourceChanges!.properties!.affectedVnfcs!,
          error: occSchema.properties.error!,
          _links: {
            type: "object",
            required: ["vnfInstance", "subscription", "vnfLcmOpOcc"],
            properties: { vnfInstance: link, subscription: link, vnfLcmOpOcc: link },
          },
        },
      },
    };
    for (const type of ["VnfIdentifierCreationNotification", "VnfIdentifierDeletionNotification"]) {
      schemas[type] = {
        type: "object",
        required: ["id", "notificationType", "timeStamp", "vnfInstanceId", "_links"],
        properties: {
          ...common,
          notificationType: { enum: [type] },
          _links: {
            type: "object",
            required: ["vnfInstance"],
            properties: { vnfInstance: link, subscription: link },
          },
        },
      };
    }
    return (body) => {
      const schema = schemas[String(body.notificationType)];
      const type = String(body.notificationType);
      return schema
        ? lifecycle
            .checkAgainst(`notification ${type}`, schema, body)
            .map((error) => `v2 ${type}: body${error}`)
        : [`unknown notificationType ${type}`];
    };
  }

  private v1NotificationCheck(): (body: Record<string, unknown>) => string[] {
    const spec = ConformanceValidator.fromFile(
      referencePath("etsi-nfv", "sol003-v2.4.1-onap", "SOL003-VNFLifecycleManagementNotification-API.json"),
    );
    return (body) => {
      const type = String(body.notificationType);
      const definitions = spec.document.definitions as Record<string, Schema> | undefined;
      if (!definitions?.[type]) return [`unknown notificationType ${type}`];
      return spec
        .checkAgainst(`notification ${type}`, spec.fragment(["definitions", type]), body)
        .map((error) => `v1 ${type}: body${error}`);
    };
  }

  /** Checks one response against the official and our own document; returns violations. */
  checkResponse(base: string, exchange: Exchange): string[] {
    const official = this.official[base];
    const own = this.own[base];
    if (!official || !own) return [];
    this.checked.push(`${base} ${exchange.method} ${exchange.path} ${exchange.status}`);
    const ours = own.checkExchange(exchange).map((v) => `api-specs: ${v}`);
    const theirs = official
      .checkExchange(exchange)
      .filter((v) => !(base === "/vnfpkgm/v2" && /not in the document|405 was expected/.test(v)));
    return [...theirs.map((v) => `official: ${v}`), ...ours];
  }

  checkNotification(major: "v1" | "v2", body: Record<string, unknown>): string[] {
    this.checked.push(`notification ${major} ${String(body.notificationType)}`);
    return this.notifications[major](body);
  }
}
