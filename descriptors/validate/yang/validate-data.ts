import type { FindingLocation, FindingSink } from "../findings/report.js";
import { locate, type LoadedDocument } from "../yaml/load-document.js";
import { checkLeafValue } from "./check-leaf.js";
import { resolveLeafrefs, type LeafrefUse } from "./leafref.js";
import type { SchemaNode } from "./schema-types.js";

type DataObject = Record<string, unknown>;
type Segment = string | number;

interface Walk {
  document: LoadedDocument;
  sink: FindingSink;
  leafrefs: LeafrefUse[];
}

interface Indexed {
  node: SchemaNode;
  /** Choice/case pairs enclosing the node, outermost first. */
  cases: [SchemaNode, SchemaNode][];
}

const indexCache = new WeakMap<SchemaNode[], Map<string, Indexed>>();

/** Data-node children by name, looking through choice and case (they are not data nodes). */
function indexChildren(children: SchemaNode[]): Map<string, Indexed> {
  let index = indexCache.get(children);
  if (index) return index;
  index = new Map();
  const visit = (nodes: SchemaNode[], cases: [SchemaNode, SchemaNode][]): void => {
    for (const node of nodes) {
      if (node.kind === "choice")
        for (const item of node.children ?? []) visit(item.children ?? [], [...cases, [node, item]]);
      else (index as Map<string, Indexed>).set(node.name, { node, cases });
    }
  };
  visit(children, []);
  indexCache.set(children, index);
  return index;
}

const local = (key: string): string => key.slice(key.indexOf(":") + 1);
const isObject = (value: unknown): value is DataObject =>
  !!value && typeof value === "object" && !Array.isArray(value);

/** Validates data against a compiled SOL006 tree: structure, types, keys, choices, leafrefs. */
export function validateYangData(
  root: SchemaNode,
  data: DataObject,
  document: LoadedDocument,
  sink: FindingSink,
): void {
  const walk: Walk = { document, sink, leafrefs: [] };
  walkObject(walk, root.children ?? [], data, [], "", [data]);
  resolveLeafrefs(walk.leafrefs);
}

function walkObject(
  walk: Walk,
  children: SchemaNode[],
  data: DataObject,
  path: Segment[],
  yangPath: string,
  ancestors: DataObject[],
): void {
  const index = indexChildren(children);
  const activeCases = new Map<SchemaNode, SchemaNode>();
  for (const [key, value] of Object.entries(data)) {
    const entry = index.get(local(key));
    const where = [...path, key];
    if (!entry) {
      const known = [...index.keys()].slice(0, 40).join(", ");
      walk.sink.add(
        "IVF-YANG-006",
        { ...locate(walk.document, where), yangPath: `${yangPath}/${key}` },
        `"${key}" is not defined at ${yangPath || "/"} by the YANG model`,
        `known nodes here: ${known}`,
      );
      continue;
    }
    for (const [choice, item] of entry.cases) {
      const previous = activeCases.get(choice);
      if (previous && previous !== item) {
        walk.sink.add(
          "IVF-YANG-008",
          { ...locate(walk.document, where), yangPath: `${yangPath}/${key}` },
          `"${key}" (case "${item.name}") conflicts with case "${previous.name}" of choice "${choice.name}"`,
          "keep only one case of the choice",
        );
      }
      activeCases.set(choice, item);
    }
    walkNode(walk, entry.node, value, where, `${yangPath}/${entry.node.name}`, ancestors, children);
  }
  checkAbsent(walk, index, data, activeCases, path, yangPath, ancestors);
}

/** Mandatory leaves, min-elements and mandatory choices of nodes that are absent. */
function checkAbsent(
  walk: Walk,
  index: Map<string, Indexed>,
  data: DataObject,
  activeCases: Map<SchemaNode, SchemaNode>,
  path: Segment[],
  yangPath: string,
  ancestors: DataObject[],
): void {
  const present = new Set(Object.keys(data).map(local));
  const mandatoryChoices = new Set<SchemaNode>();
  for (const [name, { node, cases }] of index) {
    if (present.has(name)) continue;
    cases.forEach(([choice]) => choice.mandatory && mandatoryChoices.add(choice));
    if (cases.some(([choice, item]) => activeCases.get(choice) !== item)) continue;
    const where = (): FindingLocation => ({
      ...locate(walk.document, path),
      yangPath: `${yangPath}/${name}`,
    });
    if (node.kind === "leaf" && node.mandatory) {
      walk.sink.add(
        "IVF-YANG-010",
        where(),
        `mandatory leaf "${name}" is missing at ${yangPath || "/"}`,
        `add "${name}" (SOL006 mandatory; OSM's pyangbind does not enforce it)`,
      );
    } else if ((node.kind === "list" || node.kind === "leaf-list") && (node.minElements ?? 0) > 0) {
      walk.sink.add(
        "IVF-YANG-007",
        where(),
        `"${name}" needs at least ${node.minElements} entr${node.minElements === 1 ? "y" : "ies"} at ${yangPath || "/"}`,
        `add "${name}" (SOL006 min-elements; OSM accepts it missing)`,
      );
    } else if (node.kind === "container" && !node.presence && path.length > 0) {
      walkObject(walk, node.children ?? [], {}, [...path], `${yangPath}/${name}`, [...ancestors, {}]);
    }
  }
  for (const choice of mandatoryChoices) {
    if (!activeCases.has(choice))
      walk.sink.add(
        "IVF-YANG-010",
        { ...locate(walk.document, path), yangPath },
        `mandatory choice "${choice.name}" has no case at ${yangPath || "/"}`,
        `add one of: ${(choice.children ?? []).map((item) => item.name).join(", ")}`,
      );
  }
}

function walkNode(
  walk: Walk,
  node: SchemaNode,
  value: unknown,
  path: Segment[],
  yangPath: string,
  ancestors: DataObject[],
  siblings: SchemaNode[],
): void {
  const where = (): FindingLocation => ({ ...locate(walk.document, path), yangPath });
  switch (node.kind) {
    case "container":
      if (!isObject(value)) {
        if (value === null && node.presence) return;
        walk.sink.add(
          "IVF-YANG-002",
          where(),
          `container "${node.name}" must be a map`,
          `write ${node.name}: {...}`,
        );
        return;
      }
      walkObject(walk, node.children ?? [], value, path, yangPath, [...ancestors, value]);
      return;
    case "list":
      walkList(walk, node, value, path, yangPath, ancestors);
      return;
    case "leaf-list": {
      const items = Array.isArray(value) ? value : [value];
      checkCount(walk, node, items.length, where);
      items.forEach((item, index) =>
        checkLeaf(walk, node, item, [...path, index], yangPath, ancestors, siblings),
      );
      return;
    }
    default:
      checkLeaf(walk, node, value, path, yangPath, ancestors, siblings);
  }
}

function checkCount(walk: Walk, node: SchemaNode, count: number, where: () => FindingLocation): void {
  if (node.minElements !== undefined && count < node.minElements)
    walk.sink.add(
      "IVF-YANG-007",
      where(),
      `"${node.name}" has ${count} entries; min-elements is ${node.minElements}`,
      "add entries",
    );
  if (node.maxElements !== undefined && count > node.maxElements)
    walk.sink.add(
      "IVF-YANG-011",
      where(),
      `"${node.name}" has ${count} entries; max-elements is ${node.maxElements}`,
      "remove entries",
    );
}

function walkList(
  walk: Walk,
  node: SchemaNode,
  value: unknown,
  path: Segment[],
  yangPath: string,
  ancestors: DataObject[],
): void {
  const entries = Array.isArray(value) ? value : [value];
  checkCount(walk, node, entries.length, () => ({ ...locate(walk.document, path), yangPath }));
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    const entryPath = [...path, index];
    if (!isObject(entry)) {
      walk.sink.add(
        "IVF-YANG-002",
        { ...locate(walk.document, entryPath), yangPath },
        `entry ${index} of list "${node.name}" must be a map`,
        "write each entry as a map with its key leaves",
      );
      return;
    }
    const keys = node.keys ?? [];
    const missing = keys.filter(
      (key) => entry[key] === undefined && !Object.keys(entry).some((name) => local(name) === key),
    );
    const keyText = keys.map((key) => `${key}='${String(entry[key])}'`).join("][");
    const entryYang = keys.length ? `${yangPath}[${keyText}]` : `${yangPath}[${index}]`;
    if (missing.length)
      walk.sink.add(
        "IVF-YANG-003",
        { ...locate(walk.document, entryPath), yangPath: entryYang },
        `entry ${index} of list "${node.name}" lacks key leaf "${missing.join('", "')}"`,
        `add ${missing.join(", ")}`,
      );
    else if (keys.length) {
      const tuple = keys.map((key) => String(entry[key])).join("\u0000");
      if (seen.has(tuple))
        walk.sink.add(
          "IVF-OSM-003",
          { ...locate(walk.document, entryPath), yangPath: entryYang },
          `Error: identifier ${keys.join(" ")} '${keys.map((key) => String(entry[key])).join(" ")}' is not unique and repeats at '${yangPath.replace(/^\//, "").replace(/\//g, ".")}'`,
          `list keys must be unique (entries ${seen.get(tuple)} and ${index})`,
        );
      else seen.set(tuple, index);
    }
    walkObject(walk, node.children ?? [], entry, entryPath, entryYang, [...ancestors, entry]);
  });
}

function checkLeaf(
  walk: Walk,
  node: SchemaNode,
  value: unknown,
  path: Segment[],
  yangPath: string,
  ancestors: DataObject[],
  siblings: SchemaNode[],
): void {
  const type = node.type;
  if (!type) return;
  const where = (): FindingLocation => ({ ...locate(walk.document, path), yangPath });
  const problem = checkLeafValue(type, value);
  if (problem) {
    walk.sink.add(
      problem.rule,
      where(),
      `${node.name}: ${problem.message}`,
      `see the ${node.module} YANG definition of ${node.name}`,
    );
    return;
  }
  if (type.base === "leafref" && type.path) {
    walk.leafrefs.push({
      value: String(value),
      path: type.path,
      ancestors,
      siblings,
      report: (message) =>
        walk.sink.add(
          "IVF-YANG-004",
          where(),
          `${node.name}: ${message}`,
          "refer to an existing entry or add it",
        ),
    });
  }
}
