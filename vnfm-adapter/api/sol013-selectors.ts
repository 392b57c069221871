/**
 * SOL013 5.3 attribute selectors: all_fields, fields, exclude_fields, exclude_default.
 * Lists default to exclude_default (the "excluded by default" complex attributes of the
 * resource's table are left out). Nested paths use "/". Invalid combinations are 400.
 */
import { vnfmError } from "../errors.js";

export interface SelectorQuery {
  all_fields?: unknown;
  fields?: unknown;
  exclude_fields?: unknown;
  exclude_default?: unknown;
}

export type Selector = (resource: Record<string, unknown>) => Record<string, unknown>;

const paths = (raw: unknown, name: string): string[][] => {
  if (typeof raw !== "string" || raw.trim() === "")
    throw vnfmError("INVALID_QUERY", `${name} must be a comma-separated list of attribute names`);
  return raw.split(",").map((p) => p.trim().split("/"));
};

function removePath(target: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path;
  if (head === undefined || !(head in target)) return;
  if (rest.length === 0) {
    delete target[head];
    return;
  }
  const child = target[head];
  const items = Array.isArray(child) ? child : [child];
  for (const item of items)
    if (typeof item === "object" && item !== null) removePath(item as Record<string, unknown>, rest);
}

const underAny = (path: string[], roots: string[][]) =>
  roots.some((r) => r.length <= path.length && r.every((seg, i) => path[i] === seg));

export function buildSelector(
  query: SelectorQuery,
  defaultExcluded: string[],
  required: string[],
  knownPath: (path: string[]) => boolean,
): Selector {
  const given = (["all_fields", "fields", "exclude_fields", "exclude_default"] as const).filter(
    (k) => query[k] !== undefined,
  );
  if (query.all_fields !== undefined && given.length > 1)
    throw vnfmError(
      "INVALID_QUERY",
      "all_fields cannot be combined with fields, exclude_fields or exclude_default",
    );
  if (query.fields !== undefined && query.exclude_fields !== undefined)
    throw vnfmError("INVALID_QUERY", "fields and exclude_fields cannot be combined");
  if (query.all_fields !== undefined) return (r) => r;
  const check = (list: string[][], name: string) => {
    for (const p of list)
      if (!knownPath(p))
        throw vnfmError(
          "INVALID_QUERY",
          `${name} names "${p.join("/")}", which is not an attribute of this resource`,
        );
  };
  if (query.exclude_fields !== undefined) {
    const excluded = paths(query.exclude_fields, "exclude_fields");
    check(excluded, "exclude_fields");
    const mandatory = excluded.find((p) => p.length === 1 && required.includes(p[0]!));
    if (mandatory)
      throw vnfmError(
        "INVALID_QUERY",
        `exclude_fields cannot remove the mandatory attribute ${mandatory[0]}`,
      );
    return (r) => {
      const copy = structuredClone(r);
      for (const p of excluded) removePath(copy, p);
      return copy;
    };
  }
  const included = query.fields !== undefined ? paths(query.fields, "fields") : [];
  check(included, "fields");
  const excluded = defaultExcluded
    .map((name) => [name])
    .filter((p) => !included.some((inc) => underAny(inc, [p]) || underAny(p, [inc])));
  return (r) => {
    // Default exclusions are top-level attributes: a shallow copy is enough (lists stay cheap).
    const copy = { ...r };
    for (const p of excluded) removePath(copy, p);
    return copy;
  };
}
