import { isIP } from "node:net";
import { integerRanges } from "./builtin-types.js";
import type { CompiledType } from "./schema-types.js";

export interface LeafProblem {
  rule: "IVF-YANG-002" | "IVF-YANG-005" | "IVF-YANG-012";
  message: string;
}

const patternCache = new Map<string, RegExp | null>();

/** XSD regular expressions (RFC 7950 §9.4.5) are anchored; most are also valid JS with the u flag. */
function compilePattern(source: string): RegExp | null {
  if (!patternCache.has(source)) {
    let compiled: RegExp | null = null;
    for (const flags of ["u", ""]) {
      try {
        compiled = new RegExp(`^(?:${source})$`, flags);
        break;
      } catch {
        compiled = null;
      }
    }
    patternCache.set(source, compiled);
  }
  return patternCache.get(source) ?? null;
}

const inRanges = (value: number, ranges: [number, number][] | undefined): boolean =>
  !ranges || ranges.some(([low, high]) => value >= low && value <= high);
const rangeText = (ranges: [number, number][]): string =>
  ranges.map(([low, high]) => (low === high ? `${low}` : `${low}..${high}`)).join(" | ");

/** pyangbind (OSM) accepts numbers written as strings ("2.0"), as does RFC 7951 for 64-bit types. */
function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

function checkNumber(type: CompiledType, value: unknown): LeafProblem | undefined {
  const number = asNumber(value);
  if (type.base === "decimal64") {
    if (number === undefined)
      return {
        rule: "IVF-YANG-002",
        message: `must be a decimal number (${type.name}), got ${JSON.stringify(value)}`,
      };
    if (!inRanges(number, type.ranges))
      return { rule: "IVF-YANG-002", message: `${number} is outside ${rangeText(type.ranges ?? [])}` };
    const digits = (String(value).split(".")[1] ?? "").replace(/0+$/, "").length;
    if (type.fractionDigits !== undefined && digits > type.fractionDigits)
      return {
        rule: "IVF-YANG-012",
        message: `${String(value)} has ${digits} fraction digits; ${type.name} allows ${type.fractionDigits}`,
      };
    return undefined;
  }
  const bounds = integerRanges[type.base] as [number, number];
  if (number === undefined || !Number.isInteger(number))
    return {
      rule: "IVF-YANG-002",
      message: `must be an integer (${type.name}), got ${JSON.stringify(value)}`,
    };
  if (number < bounds[0] || number > bounds[1])
    return {
      rule: "IVF-YANG-002",
      message: `${number} is outside the ${type.base} range ${bounds[0]}..${bounds[1]}`,
    };
  if (!inRanges(number, type.ranges))
    return {
      rule: "IVF-YANG-002",
      message: `${number} is outside the allowed range ${rangeText(type.ranges ?? [])}`,
    };
  return undefined;
}

function checkString(type: CompiledType, value: unknown): LeafProblem | undefined {
  if (typeof value !== "string" && typeof value !== "number")
    return {
      rule: "IVF-YANG-002",
      message: `must be a string (${type.name}), got ${Array.isArray(value) ? "a list" : typeof value}`,
    };
  const text = String(value);
  if (type.lengths && !inRanges([...text].length, type.lengths))
    return {
      rule: "IVF-YANG-002",
      message: `length ${[...text].length} is outside ${rangeText(type.lengths)}`,
    };
  for (const pattern of type.patterns ?? []) {
    const regex = compilePattern(pattern);
    if (regex && !regex.test(text))
      return {
        rule: "IVF-YANG-002",
        message: `"${text}" does not match the pattern ${pattern} of ${type.name}`,
      };
  }
  return undefined;
}

const localName = (value: string): string => value.slice(value.indexOf(":") + 1);

/** Checks one leaf value against its compiled type; undefined when it conforms. */
export function checkLeafValue(type: CompiledType, value: unknown): LeafProblem | undefined {
  switch (type.base) {
    case "decimal64":
      return checkNumber(type, value);
    case "string":
    case "binary":
    case "instance-identifier":
      return checkString(type, value);
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false"
        ? undefined
        : { rule: "IVF-YANG-002", message: `must be true or false, got ${JSON.stringify(value)}` };
    case "empty":
      return value === null || (Array.isArray(value) && value.length === 1 && value[0] === null)
        ? undefined
        : { rule: "IVF-YANG-002", message: "an empty leaf takes no value (write null)" };
    case "enumeration":
      return type.enums?.includes(String(value))
        ? undefined
        : {
            rule: "IVF-YANG-005",
            message: `"${String(value)}" is not one of ${type.name} (${(type.enums ?? []).join(", ")})`,
          };
    case "identityref":
      return typeof value === "string" && type.identities?.includes(localName(value))
        ? undefined
        : {
            rule: "IVF-YANG-005",
            message: `"${String(value)}" is not an identity derived from ${type.name} (allowed: ${(type.identities ?? []).join(", ")})`,
          };
    case "ip-address":
      return typeof value === "string" && isIP(value.replace(/%.*$/, ""))
        ? undefined
        : { rule: "IVF-YANG-002", message: `"${String(value)}" is not an IPv4/IPv6 address` };
    case "ip-prefix": {
      const [address, length] = String(value).split("/");
      return isIP(address ?? "") && /^\d{1,3}$/.test(length ?? "")
        ? undefined
        : { rule: "IVF-YANG-002", message: `"${String(value)}" is not an IP prefix (address/length)` };
    }
    case "union":
      return (type.members ?? []).some((member) => !checkLeafValue(member, value))
        ? undefined
        : {
            rule: "IVF-YANG-002",
            message: `"${String(value)}" matches none of the member types of ${type.name}`,
          };
    case "leafref":
    case "bits":
      return typeof value === "object" && value !== null
        ? {
            rule: "IVF-YANG-002",
            message: `must be a scalar value, got ${Array.isArray(value) ? "a list" : "a map"}`,
          }
        : undefined;
    default:
      return integerRanges[type.base] ? checkNumber(type, value) : undefined;
  }
}
