/**
 * JSON Schemas of the authored descriptor models (validated with ajv). They are the single
 * source of truth: the TypeScript types in generated/model-types.ts are generated from these
 * objects by `node dist/descriptors/model/tools/generate-model-types.js` (test/descriptors
 * checks that the generated file is current), so no type is kept twice by hand.
 *
 * Names are camelCase; where a field maps onto an ETSI field the description names it.
 */

const identifier = { type: "string", pattern: "^[a-z][a-z0-9-]{0,62}$" } as const;
const kpiIdentifier = { type: "string", pattern: "^[a-z][a-z0-9_]{0,62}$" } as const;
const uuid = {
  type: "string",
  pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
} as const;
const text = { type: "string", minLength: 1, maxLength: 2000 } as const;
const version = { type: "string", pattern: "^[0-9]+\\.[0-9]+(\\.[0-9]+)?([-+][0-9A-Za-z.-]+)?$" } as const;
const count = { type: "integer", minimum: 0, maximum: 1000 } as const;

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
  SoftwareImage: {
    type: "object",
    description: "The VM image every VNFC boots (SOL001 sw_image_data, SOL006 sw-image-desc)",
    additionalProperties: false,
    required: [
      "name",
      "version",
      "sha256",
      "containerFormat",
      "diskFormat",
      "minDiskGiB",
      "sizeGiB",
      "operatingSystem",
    ],
    properties: {
      name: { type: "string", pattern: "^[A-Za-z0-9._-]{1,128}$" },
      version: version,
      sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
      containerFormat: { enum: ["bare", "ova", "ovf", "docker"] },
      diskFormat: { enum: ["qcow2", "raw", "vmdk", "iso"] },
      minDiskGiB: { type: "integer", minimum: 1, maximum: 16384 },
      sizeGiB: { type: "integer", minimum: 1, maximum: 16384 },
      operatingSystem: text,
    },
  },
  Platform: {
    type: "object",
    description: "Facts shared by every IVF of the product (provider, release, images)",
    additionalProperties: false,
    required: [
      "schemaVersion",
      "kind",
      "provider",
      "softwareVersion",
      "releaseDateTime",
      "containerImage",
      "softwareImage",
      "licence",
      "changeLog",
    ],
    properties: {
      schemaVersion: { const: 1 },
      kind: { const: "platform" },
      provider: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$" },
      softwareVersion: version,
      releaseDateTime: {
        type: "string",
        pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
        description: "RFC 3339 UTC; also the fixed timestamp of every archive entry (deterministic builds)",
      },
      containerImage: { type: "string", pattern: "^[a-z0-9./:_-]+$" },
      softwareImage: { $ref: "#/$defs/SoftwareImage" },
      licence: {
        type: "object",
        additionalProperties: false,
        required: ["spdxId", "holder"],
        properties: { spdxId: { type: "string", pattern: "^[A-Za-z0-9.-]+$" }, holder: text },
      },
      changeLog: {
        type: "array",
        minItems: 1,
        items: {
          type: "object",
          additionalProperties: false,
          required: ["version", "date", "changes"],
          properties: {
            version: version,
            date: { type: "string", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
            changes: { type: "array", minItems: 1, items: text },
          },
        },
      },
    },
  },
  NsMember: {
    type: "object",
    additionalProperties: false,
    required: ["id", "ivf", "flavour", "instantiationLevel", "minInstances", "maxInstances"],
    properties: {
      id: identifier,
      ivf: identifier,
      flavour: { type: "string", pattern: "^[a-z][a-z0-9_]{0,62}$" },
      instantiationLevel: identifier,
      minInstances: { type: "integer", minimum: 1, maximum: 100 },
      maxInstances: { type: "integer", minimum: 1, maximum: 100 },
    },
  },
  NsConnection: {
    type: "object",
    additionalProperties: false,
    required: ["member", "extCpd"],
    properties: { member: identifier, extCpd: identifier },
  },
  NsVirtualLink: {
    type: "object",
    additionalProperties: false,
    required: ["id", "description", "connects", "maxBitrateBps", "minBitrateBps"],
    properties: {
      id: identifier,
      description: text,
      management: { type: "boolean" },
      connects: { type: "array", minItems: 1, maxItems: 32, items: { $ref: "#/$defs/NsConnection" } },
      maxBitrateBps: { type: "integer", minimum: 1, maximum: 4294967295 },
      minBitrateBps: { type: "integer", minimum: 0, maximum: 4294967295 },
    },
  },
  NsSap: {
    type: "object",
    description: "Service access point (SOL001 Sap / SOL006 sapd) exposing a member's external CP",
    additionalProperties: false,
    required: ["id", "description", "member", "extCpd"],
    properties: { id: identifier, description: text, member: identifier, extCpd: identifier },
  },
  NsInstantiationLevel: {
    type: "object",
    additionalProperties: false,
    required: ["id", "description", "members"],
    properties: {
      id: identifier,
      description: text,
      members: { type: "object", minProperties: 1, additionalProperties: identifier },
    },
  },
  NetworkServiceModel: {
    type: "object",
    description: "The IoT platform as a network service (NSD)",
    additionalProperties: false,
    required: [
      "schemaVersion",
      "kind",
      "name",
      "nsdId",
      "version",
      "description",
      "members",
      "virtualLinks",
      "saps",
      "instantiationLevels",
      "defaultInstantiationLevel",
    ],
    properties: {
      schemaVersion: { const: 1 },
      kind: { const: "network-service" },
      name: identifier,
      nsdId: uuid,
      version: version,
      description: text,
      members: { type: "array", minItems: 1, maxItems: 32, items: { $ref: "#/$defs/NsMember" } },
      virtualLinks: { type: "array", minItems: 1, maxItems: 16, items: { $ref: "#/$defs/NsVirtualLink" } },
      saps: { type: "array", maxItems: 16, items: { $ref: "#/$defs/NsSap" } },
      instantiationLevels: {
        type: "array",
        minItems: 1,
        maxItems: 8,
        items: { $ref: "#/$defs/NsInstantiationLevel" },
      },
      defaultInstantiationLevel: identifier,
    },
  },
} as const;

export const modelDefinitions = definitions;

/** Root schema names, each validated against its own entry of `$defs`. */
export const rootSchemas = ["IvfModel", "Platform", "NetworkServiceModel"] as const;
export type RootSchemaName = (typeof rootSchemas)[number];

export function schemaFor(root: RootSchemaName): Record<string, unknown> {
  return { $id: `urn:iotvf:model:${root}`, $ref: `#/$defs/${root}`, $defs: definitions };
}
