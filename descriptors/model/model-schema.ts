/**
 * JSON Schemas of the authored descriptor models (validated with ajv). They are the single
 * source of truth: the TypeScript types in generated/model-types.ts are generated from these
 * objects by `npx tsx descriptors/model/tools/generate-model-types.ts` (test/descriptors
 * checks that the generated file is current), so no type is kept twice by hand.
 *
 * Names are camelCase; where a field maps onto an ETSI field the description names it.
 */

import { count, identifier, kpiIdentifier, text, uuid, version } from "./schema-fragments.js";
import { platformAndServiceDefinitions } from "./ns-schema.js";

const definitions = {
  Run: {
    type: "object",
    description: "How the VNFC process starts: `ivf run <function>` with its environment",
    additionalProperties: false,
    required: ["command", "env"],
    properties: {
      command: { type: "array", minItems: 1, maxItems: 32, items: { type: "string", minLength: 1 } },
      env: {
        type: "object",
        propertyNames: { pattern: "^[A-Z][A-Z0-9_]{0,63}$" },
        additionalProperties: { type: "string", maxLength: 1000 },
      },
      containerImage: { type: "string", description: "Overrides the platform container image" },
    },
  },
  Port: {
    type: "object",
    additionalProperties: false,
    required: ["name", "port", "protocol", "appProtocol", "extCpd"],
    properties: {
      name: identifier,
      port: { type: "integer", minimum: 1, maximum: 65535 },
      protocol: { enum: ["TCP", "UDP"] },
      appProtocol: { enum: ["http", "mqtt", "opcua", "amqp", "coap"] },
      extCpd: { ...identifier, description: "External connection point the port is reachable through" },
    },
  },
  Compute: {
    type: "object",
    additionalProperties: false,
    required: ["vcpus", "memoryMiB"],
    properties: {
      vcpus: { type: "integer", minimum: 1, maximum: 64 },
      memoryMiB: {
        type: "integer",
        minimum: 128,
        maximum: 262144,
        multipleOf: 128,
        description:
          "Multiple of 128 MiB so SOL006 virtual-memory size (GB, 1 fraction digit) stays exact enough",
      },
      cpuArchitecture: { enum: ["x86_64", "aarch64"] },
    },
  },
  Storage: {
    type: "object",
    additionalProperties: false,
    required: ["id", "sizeGiB", "description"],
    properties: {
      id: identifier,
      sizeGiB: { type: "integer", minimum: 1, maximum: 16384 },
      description: text,
    },
  },
  InternalCp: {
    type: "object",
    additionalProperties: false,
    required: ["id", "order"],
    properties: {
      id: identifier,
      virtualLink: { ...identifier, description: "Internal virtual link; absent = only external" },
      order: { type: "integer", minimum: 0, maximum: 15 },
    },
  },
  Vnfc: {
    type: "object",
    description: "One VNFC = one VDU (SOL001 Vdu.Compute, SOL006 vdu)",
    additionalProperties: false,
    required: ["id", "name", "description", "run", "ports", "compute", "internalCps"],
    properties: {
      id: identifier,
      name: text,
      description: text,
      run: { $ref: "#/$defs/Run" },
      ports: { type: "array", maxItems: 16, items: { $ref: "#/$defs/Port" } },
      compute: { $ref: "#/$defs/Compute" },
      storage: { type: "array", maxItems: 8, items: { $ref: "#/$defs/Storage" } },
      internalCps: { type: "array", minItems: 1, maxItems: 16, items: { $ref: "#/$defs/InternalCp" } },
    },
  },
  VirtualLink: {
    type: "object",
    additionalProperties: false,
    required: ["id", "description", "maxBitrateBps", "minBitrateBps"],
    properties: {
      id: identifier,
      description: text,
      flowPattern: { enum: ["line", "tree", "mesh"] },
      maxBitrateBps: { type: "integer", minimum: 1, maximum: 4294967295 },
      minBitrateBps: { type: "integer", minimum: 0, maximum: 4294967295 },
    },
  },
  ExtCpd: {
    type: "object",
    additionalProperties: false,
    required: ["id", "description", "vnfc", "internalCp"],
    properties: {
      id: identifier,
      description: text,
      vnfc: identifier,
      internalCp: identifier,
      management: { type: "boolean", description: "OSM mgmt-cp; exactly one per model" },
    },
  },
  VnfcProfile: {
    type: "object",
    additionalProperties: false,
    required: ["min", "max", "initial"],
    properties: {
      min: count,
      max: { type: "integer", minimum: 1, maximum: 1000 },
      initial: { ...count, description: "VduInitialDelta: instances at scale level 0" },
    },
  },
  ScalingAspect: {
    type: "object",
    additionalProperties: false,
    required: ["id", "description", "maxScaleLevel", "steps"],
    properties: {
      id: identifier,
      description: text,
      maxScaleLevel: { type: "integer", minimum: 1, maximum: 100 },
      steps: {
        type: "array",
        minItems: 1,
        maxItems: 100,
        description:
          "Instances added per VNFC by each step; one entry = uniform, else one per step (non-uniform)",
        items: {
          type: "object",
          minProperties: 1,
          additionalProperties: { type: "integer", minimum: 1, maximum: 100 },
        },
      },
    },
  },
  InstantiationLevel: {
    type: "object",
    additionalProperties: false,
    required: ["id", "description", "scaleLevels"],
    properties: {
      id: identifier,
      description: text,
      scaleLevels: { type: "object", additionalProperties: { type: "integer", minimum: 0, maximum: 100 } },
    },
  },
  Flavour: {
    type: "object",
    additionalProperties: false,
    required: [
      "id",
      "description",
      "vnfcProfiles",
      "scalingAspects",
      "instantiationLevels",
      "defaultInstantiationLevel",
    ],
    properties: {
      id: { type: "string", pattern: "^[a-z][a-z0-9_]{0,62}$" },
      description: text,
      vnfcProfiles: {
        type: "object",
        minProperties: 1,
        additionalProperties: { $ref: "#/$defs/VnfcProfile" },
      },
      scalingAspects: { type: "array", maxItems: 16, items: { $ref: "#/$defs/ScalingAspect" } },
      instantiationLevels: {
        type: "array",
        minItems: 1,
        maxItems: 16,
        items: { $ref: "#/$defs/InstantiationLevel" },
      },
      defaultInstantiationLevel: identifier,
    },
  },
  Kpi: {
    type: "object",
    additionalProperties: false,
    required: ["id", "metric", "type", "unit", "description", "aggregation", "collectionPeriodSeconds"],
    properties: {
      id: { ...kpiIdentifier, description: "OSM performance-metric kpi_<id>, exported as osm_<id>" },
      metric: { type: "string", pattern: "^iotvf_[a-z][a-z0-9_]*$", description: "Prometheus metric name" },
      type: { enum: ["gauge", "counter", "histogram"] },
      unit: {
        enum: ["seconds", "messages", "ratio", "bytes", "messages_per_second", "connections", "devices"],
      },
      description: text,
      aggregation: {
        enum: ["avg", "max", "sum", "rate", "p99"],
        description: "How instances combine (rate/p99 apply to counters/histograms)",
      },
      collectionPeriodSeconds: { type: "integer", minimum: 1, maximum: 3600 },
      indicator: { type: "boolean", description: "Also declared as a VNF indicator (SOL001 VnfIndicator)" },
    },
  },
  Criterion: {
    type: "object",
    additionalProperties: false,
    required: ["kpi", "operator", "threshold"],
    properties: {
      kpi: kpiIdentifier,
      operator: { enum: ["GT", "GE", "LT", "LE", "EQ", "NE"] },
      threshold: { type: "number", minimum: -1e12, maximum: 1e12 },
    },
  },
  ScalingRule: {
    type: "object",
    additionalProperties: false,
    required: ["combine", "criteria", "evaluationWindowSeconds", "cooldownSeconds"],
    properties: {
      combine: { enum: ["AND", "OR"] },
      criteria: { type: "array", minItems: 1, maxItems: 8, items: { $ref: "#/$defs/Criterion" } },
      evaluationWindowSeconds: { type: "integer", minimum: 5, maximum: 86400 },
      cooldownSeconds: { type: "integer", minimum: 0, maximum: 86400 },
    },
  },
  ScalingPolicy: {
    type: "object",
    additionalProperties: false,
    required: ["id", "flavour", "aspect", "scaleOut", "scaleIn"],
    properties: {
      id: identifier,
      flavour: { type: "string", pattern: "^[a-z][a-z0-9_]{0,62}$" },
      aspect: identifier,
      scaleOut: { $ref: "#/$defs/ScalingRule" },
      scaleIn: { $ref: "#/$defs/ScalingRule" },
    },
  },
  Monitoring: {
    type: "object",
    additionalProperties: false,
    required: ["metricsPort", "metricsPath", "kpis", "scalingPolicies"],
    properties: {
      metricsPort: { ...identifier, description: "Name of the port serving GET <metricsPath>" },
      metricsPath: { type: "string", pattern: "^/[A-Za-z0-9/_-]*$" },
      kpis: { type: "array", minItems: 1, maxItems: 32, items: { $ref: "#/$defs/Kpi" } },
      scalingPolicies: { type: "array", maxItems: 16, items: { $ref: "#/$defs/ScalingPolicy" } },
    },
  },
  ConfigurableProperties: {
    type: "object",
    additionalProperties: false,
    required: ["isAutoscaleEnabled", "isAutohealEnabled"],
    properties: { isAutoscaleEnabled: { type: "boolean" }, isAutohealEnabled: { type: "boolean" } },
  },
  Lifecycle: {
    type: "object",
    additionalProperties: false,
    required: ["gracefulTerminationSeconds"],
    properties: { gracefulTerminationSeconds: { type: "integer", minimum: 1, maximum: 3600 } },
  },
  IvfModel: {
    type: "object",
    description: "One IoT Virtualized Function (one VNF)",
    additionalProperties: false,
    required: [
      "schemaVersion",
      "kind",
      "name",
      "descriptorId",
      "descriptorVersion",
      "productName",
      "description",
      "vnfcs",
      "virtualLinks",
      "extCpds",
      "flavours",
      "monitoring",
      "configurableProperties",
      "lifecycle",
    ],
    properties: {
      schemaVersion: { const: 1 },
      kind: { const: "ivf" },
      name: { ...identifier, description: "Function name: vnfs/<name>, `ivf run <name>`" },
      descriptorId: { ...uuid, description: "VNFD id (SOL001 descriptor_id, SOL006 vnfd id is <name>)" },
      descriptorVersion: version,
      productName: text,
      description: text,
      vnfcs: { type: "array", minItems: 1, maxItems: 8, items: { $ref: "#/$defs/Vnfc" } },
      virtualLinks: { type: "array", maxItems: 8, items: { $ref: "#/$defs/VirtualLink" } },
      extCpds: { type: "array", minItems: 1, maxItems: 16, items: { $ref: "#/$defs/ExtCpd" } },
      flavours: { type: "array", minItems: 1, maxItems: 4, items: { $ref: "#/$defs/Flavour" } },
      monitoring: { $ref: "#/$defs/Monitoring" },
      configurableProperties: { $ref: "#/$defs/ConfigurableProperties" },
      lifecycle: { $ref: "#/$defs/Lifecycle" },
    },
  },
  ...platformAndServiceDefinitions,
} as const;

export const modelDefinitions = definitions;

/** Root schema names, each validated against its own entry of `$defs`. */
export const rootSchemas = ["IvfModel", "Platform", "NetworkServiceModel"] as const;
export type RootSchemaName = (typeof rootSchemas)[number];

export function schemaFor(root: RootSchemaName): Record<string, unknown> {
  return { $id: `urn:iotvf:model:${root}`, $ref: `#/$defs/${root}`, $defs: definitions };
}
