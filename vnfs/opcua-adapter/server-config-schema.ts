import { IDENTIFIER_PATTERN } from "../runtime-kit/primitives/request-primitive.js";

/** JSON Schema of one provisioned server (see server-config.ts for the meaning of each field). */

const monitoringProperties = {
  samplingIntervalMs: { type: "number", minimum: -1, maximum: 3_600_000 },
  queueSize: { type: "integer", minimum: 0, maximum: 100_000 },
  discardOldest: { type: "boolean" },
  deadband: {
    type: "object",
    additionalProperties: false,
    required: ["type", "value"],
    properties: { type: { enum: ["absolute", "percent"] }, value: { type: "number", minimum: 0 } },
  },
} as const;

const identifier = { type: "string", pattern: IDENTIFIER_PATTERN.source } as const;
const nodeId = { type: "string", minLength: 1, maxLength: 4096 } as const;
const attribute = { type: "string", pattern: "^[A-Za-z0-9_.:-]{1,128}$" } as const;

const identity = {
  oneOf: [
    {
      type: "object",
      additionalProperties: false,
      required: ["type"],
      properties: { type: { const: "anonymous" } },
    },
    {
      type: "object",
      additionalProperties: false,
      required: ["type", "userName"],
      properties: {
        type: { const: "username" },
        userName: { type: "string", minLength: 1, maxLength: 256 },
        password: { type: "string", maxLength: 1024 },
        passwordEnv: { type: "string", pattern: "^[A-Z_][A-Z0-9_]*$" },
      },
    },
    {
      type: "object",
      additionalProperties: false,
      required: ["type", "certificateFile", "privateKeyFile"],
      properties: {
        type: { const: "certificate" },
        certificateFile: { type: "string", minLength: 1 },
        privateKeyFile: { type: "string", minLength: 1 },
      },
    },
  ],
} as const;

export const serverSchema = {
  type: "object",
  additionalProperties: false,
  required: ["id", "tenant", "endpointUrl", "securityMode", "securityPolicy"],
  properties: {
    id: identifier,
    tenant: identifier,
    endpointUrl: { type: "string", pattern: "^opc\\.tcp://[^\\s/]+(:\\d{1,5})?(/.*)?$", maxLength: 1024 },
    securityMode: { enum: ["None", "Sign", "SignAndEncrypt"] },
    securityPolicy: { enum: ["None", "Basic256Sha256", "Aes128_Sha256_RsaOaep", "Aes256_Sha256_RsaPss"] },
    identity,
    connection: {
      type: "object",
      additionalProperties: false,
      properties: {
        maxRetry: { type: "integer", minimum: -1 },
        initialDelayMs: { type: "integer", minimum: 10, maximum: 600_000 },
        maxDelayMs: { type: "integer", minimum: 10, maximum: 3_600_000 },
        sessionTimeoutMs: { type: "integer", minimum: 1000, maximum: 3_600_000 },
        requestTimeoutMs: { type: "integer", minimum: 100, maximum: 600_000 },
      },
    },
    subscription: {
      type: "object",
      additionalProperties: false,
      properties: {
        publishingIntervalMs: { type: "number", minimum: 10, maximum: 3_600_000 },
        keepAliveCount: { type: "integer", minimum: 1, maximum: 10_000 },
        lifetimeCount: { type: "integer", minimum: 3, maximum: 100_000 },
        maxNotificationsPerPublish: { type: "integer", minimum: 0, maximum: 100_000 },
        priority: { type: "integer", minimum: 0, maximum: 255 },
      },
    },
    monitoring: { type: "object", additionalProperties: false, properties: monitoringProperties },
    mappings: {
      type: "array",
      maxItems: 200_000,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["nodeId", "deviceId", "attribute"],
        properties: {
          nodeId,
          deviceId: identifier,
          attribute,
          kind: { enum: ["value", "event"] },
          ...monitoringProperties,
        },
      },
    },
    methods: {
      type: "array",
      maxItems: 10_000,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["deviceId", "command", "objectNodeId", "methodNodeId"],
        properties: { deviceId: identifier, command: attribute, objectNodeId: nodeId, methodNodeId: nodeId },
      },
    },
    discovery: {
      type: "object",
      additionalProperties: false,
      properties: {
        rootNodeId: nodeId,
        namespaces: {
          type: "array",
          items: {
            anyOf: [
              { type: "string", minLength: 1 },
              { type: "integer", minimum: 0 },
            ],
          },
        },
        browsePaths: { type: "array", items: { type: "string", minLength: 1, maxLength: 1024 } },
        nodeClasses: { type: "array", items: { enum: ["Variable", "Method", "Object"] }, uniqueItems: true },
        deviceLevel: { type: "integer", minimum: 0, maximum: 32 },
        group: identifier,
        maxDepth: { type: "integer", minimum: 1, maximum: 64 },
        maxNodes: { type: "integer", minimum: 1, maximum: 500_000 },
        ...monitoringProperties,
      },
    },
  },
} as const;

export const serversFileSchema = {
  type: "object",
  additionalProperties: false,
  required: ["servers"],
  properties: { servers: { type: "array", items: serverSchema } },
} as const;
