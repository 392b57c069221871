import type { SchemaNode } from "./schema-types.js";

type DataObject = Record<string, unknown>;

/** A leafref value seen while walking, with the data objects enclosing it (root first). */
export interface LeafrefUse {
  value: string;
  path: string;
  ancestors: DataObject[];
  /** Schema siblings of the leaf: needed for deref(../sibling). */
  siblings: SchemaNode[];
  report: (message: string) => void;
}

const local = (step: string): string => step.slice(step.indexOf(":") + 1);

function childValues(objects: unknown[], name: string): unknown[] {
  const result: unknown[] = [];
  for (const object of objects) {
    if (!object || typeof object !== "object" || Array.isArray(object)) continue;
    for (const [key, value] of Object.entries(object)) {
      if (local(key) !== name) continue;
      if (Array.isArray(value)) result.push(...value);
      else result.push(value);
    }
  }
  return result;
}

/** Starting objects for a path: the data root for absolute paths, else one object per `..`. */
function start(path: string, ancestors: DataObject[]): { objects: unknown[]; steps: string[] } | undefined {
  const steps = path.split("/");
  if (path.startsWith("/")) return { objects: [ancestors[0]], steps: steps.slice(1) };
  let ups = 0;
  while (steps[ups] === "..") ups += 1;
  const object = ancestors[ancestors.length - ups];
  return object ? { objects: [object], steps: steps.slice(ups) } : undefined;
}

/** Values of the nodes a simple path (no predicates) selects. */
export function evaluatePath(path: string, ancestors: DataObject[]): Set<string> | undefined {
  const begin = start(path, ancestors);
  if (!begin) return undefined;
  let objects = begin.objects;
  for (const step of begin.steps) objects = childValues(objects, local(step));
  return new Set(objects.filter((value) => value !== null && typeof value !== "object").map(String));
}

/**
 * `deref(../x)/../rest` (RFC 7950 §10.3.1): follow leaf x's own leafref to the entry it names,
 * then continue from there. SOL006 uses it for ext-cpd int-cpd and vnf-profile references.
 */
function evaluateDeref(use: LeafrefUse): Set<string> | undefined {
  const match = /^deref\(\.\.\/([^/)]+)\)\/\.\.\/(.+)$/.exec(use.path);
  if (!match) return undefined;
  const sibling = local(match[1] as string);
  const siblingNode = findLeaf(use.siblings, sibling);
  const parent = use.ancestors[use.ancestors.length - 1];
  const referenced = parent?.[sibling];
  const targetPath = siblingNode?.type?.path;
  if (!targetPath || referenced === undefined || targetPath.includes("deref(") || crossDescriptor(targetPath))
    return undefined;
  const begin = start(targetPath, use.ancestors);
  if (!begin) return undefined;
  let objects = begin.objects;
  const steps = begin.steps;
  for (const step of steps.slice(0, -1)) objects = childValues(objects, local(step));
  const key = local(steps[steps.length - 1] as string);
  const entries = objects.filter(
    (object) =>
      object && typeof object === "object" && String((object as DataObject)[key]) === String(referenced),
  );
  let values: unknown[] = entries;
  for (const step of (match[2] as string).split("/")) values = childValues(values, local(step));
  return new Set(values.filter((value) => value !== null && typeof value !== "object").map(String));
}

function findLeaf(nodes: SchemaNode[], name: string): SchemaNode | undefined {
  for (const node of nodes) {
    if ((node.kind === "leaf" || node.kind === "leaf-list") && node.name === name) return node;
    if ((node.kind === "choice" || node.kind === "case") && node.children) {
      const found = findLeaf(node.children, name);
      if (found) return found;
    }
  }
  return undefined;
}

/** NSD -> VNFD/PNFD/nested NSD ids name descriptors onboarded separately (NBI checks its catalogue). */
function crossDescriptor(path: string): boolean {
  return !path.startsWith("/") && /(^|\/)(\w+:)?(vnfd|pnfd|nsd)\/(\w+:)?id$/.test(path);
}

/** Resolves every recorded leafref; reports those whose value names no existing node. */
export function resolveLeafrefs(uses: LeafrefUse[]): void {
  for (const use of uses) {
    if (crossDescriptor(use.path)) continue;
    const values = use.path.startsWith("deref(")
      ? evaluateDeref(use)
      : use.path.includes("deref(") || use.path.includes("[")
        ? undefined
        : evaluatePath(use.path, use.ancestors);
    if (!values || values.has(use.value)) continue;
    const existing = [...values].slice(0, 8).join(", ");
    use.report(
      `"${use.value}" does not match any ${use.path.replace(/[a-z0-9-]+:/g, "")}${existing ? ` (existing: ${existing})` : " (none exist)"}`,
    );
  }
}
