import { compileType, type TypeContext } from "./compile-types.js";
import { ModuleSet, YangCompileError, type ModuleInfo } from "./module-set.js";
import { childArgument, type Statement } from "./parse-yang.js";
import type { SchemaNode } from "./schema-types.js";

interface Context extends TypeContext {
  /** Module whose namespace the compiled nodes belong to (the `uses` site, RFC 7950 §7.13). */
  owner: string;
}

const dataKeywords = new Set(["container", "list", "leaf", "leaf-list", "choice", "case", "uses"]);

function compileChildren(statements: Statement[], context: Context): SchemaNode[] {
  const nodes: SchemaNode[] = [];
  for (const statement of statements) {
    if (!dataKeywords.has(statement.keyword) || childArgument(statement, "config") === "false") continue;
    if (statement.keyword === "uses") {
      const found = context.set.find("grouping", statement.argument ?? "", context.module, context.scope);
      if (!found)
        throw new YangCompileError(
          `module ${context.module.name} line ${statement.line}: grouping "${statement.argument}" is not defined`,
        );
      nodes.push(
        ...compileChildren(found.statement.children, {
          ...context,
          module: found.module,
          scope: found.scope,
        }),
      );
      continue;
    }
    nodes.push(compileNode(statement, context));
  }
  return nodes;
}

function compileNode(statement: Statement, context: Context): SchemaNode {
  const inner: Context = { ...context, scope: [statement.children, ...context.scope] };
  const node: SchemaNode = {
    kind: statement.keyword as SchemaNode["kind"],
    name: statement.argument ?? "",
    module: context.owner,
  };
  const number = (keyword: string): number | undefined => {
    const value = childArgument(statement, keyword);
    return value === undefined || value === "unbounded" ? undefined : Number(value);
  };
  if (childArgument(statement, "mandatory") === "true") node.mandatory = true;
  const min = number("min-elements");
  const max = number("max-elements");
  if (min !== undefined) node.minElements = min;
  if (max !== undefined) node.maxElements = max;
  switch (statement.keyword) {
    case "container":
      if (statement.children.some((item) => item.keyword === "presence")) node.presence = true;
      node.children = compileChildren(statement.children, inner);
      break;
    case "list":
      node.keys = (childArgument(statement, "key") ?? "").split(/\s+/).filter(Boolean);
      node.children = compileChildren(statement.children, inner);
      break;
    case "leaf":
    case "leaf-list": {
      const type = statement.children.find((item) => item.keyword === "type");
      if (!type) throw new YangCompileError(`${statement.keyword} "${statement.argument}" has no type`);
      node.type = compileType(type, inner);
      break;
    }
    case "choice":
    case "case":
      node.children = wrapCases(
        compileChildren(statement.children, inner),
        statement.keyword === "choice",
        context.owner,
      );
      break;
  }
  return node;
}

/** RFC 7950 §7.9.2: a data node directly under a choice is a shorthand for a case of its own. */
function wrapCases(nodes: SchemaNode[], underChoice: boolean, owner: string): SchemaNode[] {
  if (!underChoice) return nodes;
  return nodes.map((node) =>
    node.kind === "case" ? node : { kind: "case", name: node.name, module: owner, children: [node] },
  );
}

function findTarget(root: SchemaNode, path: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const step of path.split("/").filter(Boolean)) {
    const name = step.includes(":") ? step.slice(step.indexOf(":") + 1) : step;
    node = node?.children?.find((item) => item.name === name);
    if (!node) return undefined;
  }
  return node;
}

/** Augments and deviations may target nodes other augments add: apply until nothing changes. */
function applyAugments(root: SchemaNode, set: ModuleSet, identities: TypeContext["identities"]): void {
  const pending: { statement: Statement; module: ModuleInfo }[] = [];
  for (const module of set.modules.values()) {
    for (const statement of module.body)
      if (statement.keyword === "augment" || statement.keyword === "deviation")
        pending.push({ statement, module });
  }
  // Deviations refer to the base model; apply them before augments that may re-add a node of the same name.
  for (const item of pending.filter((entry) => entry.statement.keyword === "deviation"))
    applyDeviation(root, item.statement);
  pending.splice(0, pending.length, ...pending.filter((entry) => entry.statement.keyword === "augment"));
  for (let pass = 0; pass < 8 && pending.length; pass += 1) {
    for (let index = pending.length - 1; index >= 0; index -= 1) {
      const { statement, module } = pending[index] as (typeof pending)[number];
      const target = findTarget(root, statement.argument ?? "");
      if (!target) continue;
      pending.splice(index, 1);
      const context: Context = {
        set,
        module,
        scope: [statement.children, module.body],
        identities,
        owner: module.name,
      };
      const added = wrapCases(
        compileChildren(statement.children, context),
        target.kind === "choice",
        module.name,
      );
      target.children = [...(target.children ?? []), ...added];
    }
  }
  const missing = pending.filter((item) => item.statement.keyword === "augment");
  if (missing.length)
    throw new YangCompileError(
      `augment target not found: ${missing.map((item) => `${item.module.name} ${item.statement.argument}`).join(", ")}`,
    );
}

function applyDeviation(root: SchemaNode, statement: Statement): void {
  const removes = statement.children.some(
    (item) => item.keyword === "deviate" && item.argument === "not-supported",
  );
  if (!removes) return;
  const steps = (statement.argument ?? "").split("/").filter(Boolean);
  const parent = findTarget(root, steps.slice(0, -1).join("/"));
  const last = (steps[steps.length - 1] ?? "").replace(/^.*:/, "");
  if (parent?.children) parent.children = parent.children.filter((item) => item.name !== last);
}

/** Compiles every top-level data node of every module into one tree, then applies augments. */
export function compileModules(sources: { file: string; text: string }[]): {
  root: SchemaNode;
  modules: string[];
} {
  const set = new ModuleSet(sources);
  const identities = set.derivedIdentities();
  const root: SchemaNode = { kind: "root", name: "", module: "", children: [] };
  for (const module of set.modules.values()) {
    const context: Context = { set, module, scope: [module.body], identities, owner: module.name };
    root.children?.push(...compileChildren(module.body, context));
  }
  applyAugments(root, set, identities);
  return { root, modules: [...set.modules.keys()].sort() };
}
