import type { CompiledType } from "./schema-types.js";

/** Integer built-ins of RFC 7950 §9.2. */
export const integerRanges: Record<string, [number, number]> = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

export const builtinNames = new Set([
  ...Object.keys(integerRanges),
  "decimal64",
  "string",
  "boolean",
  "enumeration",
  "bits",
  "binary",
  "leafref",
  "identityref",
  "empty",
  "union",
  "instance-identifier",
]);

/**
 * Typedefs of RFC 6991 (ietf-inet-types, ietf-yang-types) that SOL006 and the OSM augments
 * import. Those modules are not among the reference YANG files, so their few used types are
 * defined here by their RFC 6991 base type.
 */
export const ietfTypedefs: Record<string, CompiledType> = {
  "ietf-inet-types:ip-address": { name: "inet:ip-address", base: "ip-address" },
  "ietf-inet-types:ipv4-address": { name: "inet:ipv4-address", base: "ip-address" },
  "ietf-inet-types:ipv6-address": { name: "inet:ipv6-address", base: "ip-address" },
  "ietf-inet-types:ip-prefix": { name: "inet:ip-prefix", base: "ip-prefix" },
  "ietf-inet-types:ipv4-prefix": { name: "inet:ipv4-prefix", base: "ip-prefix" },
  "ietf-inet-types:ipv6-prefix": { name: "inet:ipv6-prefix", base: "ip-prefix" },
  "ietf-inet-types:port-number": { name: "inet:port-number", base: "uint16" },
  "ietf-inet-types:uri": { name: "inet:uri", base: "string" },
  "ietf-inet-types:host": { name: "inet:host", base: "string" },
  "ietf-inet-types:domain-name": { name: "inet:domain-name", base: "string" },
  "ietf-yang-types:timeticks": { name: "yang:timeticks", base: "uint32" },
  "ietf-yang-types:counter32": { name: "yang:counter32", base: "uint32" },
  "ietf-yang-types:counter64": { name: "yang:counter64", base: "uint64" },
  "ietf-yang-types:gauge32": { name: "yang:gauge32", base: "uint32" },
  "ietf-yang-types:uuid": {
    name: "yang:uuid",
    base: "string",
    patterns: ["[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"],
  },
  "ietf-yang-types:mac-address": {
    name: "yang:mac-address",
    base: "string",
    patterns: ["[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}"],
  },
  "ietf-yang-types:date-and-time": { name: "yang:date-and-time", base: "string" },
};
