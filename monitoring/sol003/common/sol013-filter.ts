import { apiError } from "./api-error.js";

/**
 * SOL013 5.2 attribute-based filtering: `filter=(op,attr,value[,value...])[;(...)]`, all
 * terms must hold. Attribute paths use `/` between levels; a term on an array attribute holds
 * when any element matches. Only the attributes the resource declares may be named: anything
 * else is a 400 (SOL013 5.2.2, and the conformance test "bad filter attribute").
 */
export type FilterOperator = "eq" | "neq" | "gt" | "lt" | "gte" | "lte" | "in" | "nin" | "cont" | "ncont";

export interface FilterTerm {
  operator: FilterOperator;
  path: string[];
  values: string[];
}

const OPERATORS = new Set<FilterOperator>([
  "eq",
  "neq",
  "gt",
  "lt",
  "gte",
  "lte",
  "in",
  "nin",
  "cont",
  "ncont",
]);
const MAX_FILTER_LENGTH = 4096;
const MAX_TERMS = 32;

export function parseFilter(raw: string, allowedPaths: readonly string[]): FilterTerm[] {
  if (raw.length > MAX_FILTER_LENGTH)
    throw apiError("INVALID_QUERY", `filter is longer than ${MAX_FILTER_LENGTH} characters`);
  const terms = splitTerms(raw);
  if (terms.length > MAX_TERMS) throw apiError("INVALID_QUERY", `filter has more than ${MAX_TERMS} terms`);
  return terms.map((text) => {
    const match = /^\(([a-z]+),([^,()]+)((?:,[^,()]*)+)\)$/.exec(text);
    if (!match)
      throw apiError(
        "INVALID_QUERY",
        `filter term "${text.slice(0, 80)}" is not of the form (op,attribute,value)`,
      );
    const operator = match[1] as FilterOperator;
    if (!OPERATORS.has(operator))
      throw apiError(
        "INVALID_QUERY",
        `filter operator "${operator}" is not one of ${[...OPERATORS].join(", ")}`,
      );
    const attribute = match[2]!;
    if (!allowedPaths.includes(attribute)) {
      throw apiError(
        "INVALID_QUERY",
        `filter attribute "${attribute}" is not supported; use one of ${allowedPaths.join(", ")}`,
      );
    }
    const values = match[3]!.slice(1).split(",").map(unescapeValue);
    if (!["in", "nin", "cont", "ncont"].includes(operator) && values.length !== 1) {
      throw apiError("INVALID_QUERY", `filter operator ${operator} takes exactly one value`);
    }
    return { operator, path: attribute.split("/"), values };
  });
}

function splitTerms(raw: string): string[] {
  return raw
    .split(/;(?=\()/)
    .map((term) => term.trim())
    .filter((term) => term !== "");
}

function unescapeValue(value: string): string {
  // SOL013 5.2.2: a value holding "," or ")" is written in single quotes, with '' for a quote.
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'"))
    return value.slice(1, -1).replace(/''/g, "'");
  return decodeURIComponent(value);
}

export function matchesFilter(resource: unknown, terms: readonly FilterTerm[]): boolean {
  return terms.every((term) => termHolds(valuesAt(resource, term.path), term));
}

function valuesAt(node: unknown, path: string[]): unknown[] {
  if (path.length === 0) return Array.isArray(node) ? node : [node];
  if (Array.isArray(node)) return node.flatMap((item) => valuesAt(item, path));
  if (!node || typeof node !== "object") return [];
  return valuesAt((node as Record<string, unknown>)[path[0]!], path.slice(1));
}

function termHolds(found: unknown[], term: FilterTerm): boolean {
  const present = found.filter((value) => value !== undefined && value !== null);
  const negative = term.operator === "neq" || term.operator === "nin" || term.operator === "ncont";
  if (negative)
    return !present.some((value) => positive(value, { ...term, operator: positiveOf(term.operator) }));
  return present.some((value) => positive(value, term));
}

function positiveOf(operator: FilterOperator): FilterOperator {
  return operator === "neq" ? "eq" : operator === "nin" ? "in" : "cont";
}

function positive(value: unknown, term: FilterTerm): boolean {
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  const first = term.values[0]!;
  switch (term.operator) {
    case "eq":
      return text === first;
    case "in":
      return term.values.includes(text);
    case "cont":
      return term.values.some((needle) => text.includes(needle));
    case "gt":
    case "lt":
    case "gte":
    case "lte":
      return ordered(value, first, term.operator);
    default:
      return false;
  }
}

function ordered(value: unknown, bound: string, operator: "gt" | "lt" | "gte" | "lte"): boolean {
  const numeric = typeof value === "number" && bound.trim() !== "" && Number.isFinite(Number(bound));
  const left = numeric ? (value as number) : String(value);
  const right = numeric ? Number(bound) : bound;
  if (operator === "gt") return left > right;
  if (operator === "lt") return left < right;
  if (operator === "gte") return left >= right;
  return left <= right;
}
