/**
 * SOL013 5.2 attribute-based filtering: `filter=(op,attr/path,value[,value...])[;(...)]`.
 * `;` joins terms with AND; `/` descends into nested objects, `@key` style map keys are plain
 * segments here; an array matches when any element matches. Values may be single-quoted, with
 * '' for a quote inside. Unknown attributes are refused (400) by the caller's `knownPath`.
 */
import { vnfmError } from "../errors.js";

export type FilterOp = "eq" | "neq" | "gt" | "lt" | "gte" | "lte" | "in" | "nin" | "cont" | "ncont";
const OPS = new Set<FilterOp>(["eq", "neq", "gt", "lt", "gte", "lte", "in", "nin", "cont", "ncont"]);
const SINGLE = new Set<FilterOp>(["eq", "neq", "gt", "lt", "gte", "lte"]);

export interface FilterTerm {
  op: FilterOp;
  path: string[];
  values: string[];
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === "(") depth += 1;
    if (!quoted && ch === ")") depth -= 1;
    if (!quoted && depth === 0 && ch === separator) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  if (quoted) throw vnfmError("INVALID_QUERY", `filter has an unterminated quote: ${text}`);
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith("'") && value.endsWith("'")
    ? value.slice(1, -1).replaceAll("''", "'")
    : value;
}

export function parseFilter(expression: string, knownPath: (path: string[]) => boolean): FilterTerm[] {
  if (expression.trim() === "") throw vnfmError("INVALID_QUERY", "filter is empty");
  return splitOutsideQuotes(expression, ";").map((raw) => {
    const term = raw.trim();
    if (!term.startsWith("(") || !term.endsWith(")"))
      throw vnfmError("INVALID_QUERY", `filter term "${term}" must look like (op,attribute,value)`);
    const [op, attr, ...values] = splitOutsideQuotes(term.slice(1, -1), ",").map((s) => s.trim());
    if (!op || !OPS.has(op as FilterOp))
      throw vnfmError("INVALID_QUERY", `filter operator "${op}" is not one of ${[...OPS].join(", ")}`);
    if (!attr) throw vnfmError("INVALID_QUERY", `filter term "${term}" names no attribute`);
    if (values.length === 0) throw vnfmError("INVALID_QUERY", `filter term "${term}" has no value`);
    if (SINGLE.has(op as FilterOp) && values.length > 1)
      throw vnfmError("INVALID_QUERY", `operator ${op} takes one value, got ${values.length} in "${term}"`);
    const path = attr.split("/");
    if (path.some((p) => p === "") || !knownPath(path))
      throw vnfmError("INVALID_QUERY", `filter attribute "${attr}" is not an attribute of this resource`);
    return { op: op as FilterOp, path, values: values.map(unquote) };
  });
}

function leaves(value: unknown, path: string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => leaves(item, path));
  if (path.length === 0) return [value];
  if (typeof value !== "object" || value === null) return [];
  return leaves((value as Record<string, unknown>)[path[0]!], path.slice(1));
}

function compare(actual: unknown, expected: string): number | undefined {
  if (typeof actual === "number") {
    const n = Number(expected);
    return Number.isNaN(n) ? undefined : actual - n;
  }
  if (typeof actual === "string") return actual < expected ? -1 : actual > expected ? 1 : 0;
  if (typeof actual === "boolean") return String(actual) === expected ? 0 : 1;
  return undefined;
}

function leafMatches(op: FilterOp, actual: unknown, values: string[]): boolean {
  switch (op) {
    case "eq":
    case "in":
      return values.some((v) => compare(actual, v) === 0);
    case "gt":
      return (compare(actual, values[0]!) ?? 0) > 0;
    case "lt":
      return (compare(actual, values[0]!) ?? 0) < 0;
    case "gte":
      return (compare(actual, values[0]!) ?? -1) >= 0;
    case "lte":
      return (compare(actual, values[0]!) ?? 1) <= 0;
    case "cont":
      return typeof actual === "string" && values.some((v) => actual.includes(v));
    default:
      return false;
  }
}

export function termMatches(term: FilterTerm, resource: unknown): boolean {
  const found = leaves(resource, term.path);
  if (term.op === "neq") return !found.some((a) => leafMatches("eq", a, term.values));
  if (term.op === "nin") return !found.some((a) => leafMatches("in", a, term.values));
  if (term.op === "ncont") return !found.some((a) => leafMatches("cont", a, term.values));
  return found.some((a) => leafMatches(term.op, a, term.values));
}

export function matchesAll(terms: FilterTerm[], resource: unknown): boolean {
  return terms.every((term) => termMatches(term, resource));
}
