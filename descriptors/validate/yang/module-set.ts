import { child, childArgument, parseYang, type Statement } from "./parse-yang.js";

/** A module with its included submodules merged: YANG 1.1 makes their definitions module-wide. */
export interface ModuleInfo {
  name: string;
  prefixes: Set<string>;
  body: Statement[];
  imports: Map<string, string>;
}

export class YangCompileError extends Error {}

/** Where a grouping or typedef was found, with the lexical scope its body compiles in. */
export interface Found {
  statement: Statement;
  module: ModuleInfo;
  scope: Statement[][];
}

export class ModuleSet {
  readonly modules = new Map<string, ModuleInfo>();

  constructor(sources: { file: string; text: string }[]) {
    const parsed = sources.map(({ file, text }) => {
      try {
        return parseYang(text);
      } catch (error) {
        throw new YangCompileError(`${file}: ${(error as Error).message}`);
      }
    });
    const submodules = new Map(
      parsed.filter((s) => s.keyword === "submodule").map((s) => [s.argument as string, s]),
    );
    for (const statement of parsed.filter((s) => s.keyword === "module")) {
      const info: ModuleInfo = {
        name: statement.argument as string,
        prefixes: new Set([childArgument(statement, "prefix") as string]),
        body: [...statement.children],
        imports: new Map(),
      };
      this.addImports(info, statement);
      const seen = new Set<string>();
      const include = (owner: Statement): void => {
        for (const item of owner.children.filter((c) => c.keyword === "include")) {
          const sub = submodules.get(item.argument as string);
          if (!sub || seen.has(sub.argument as string)) continue;
          seen.add(sub.argument as string);
          info.body.push(...sub.children);
          const belongs = child(sub, "belongs-to");
          const prefix = belongs ? childArgument(belongs, "prefix") : undefined;
          if (prefix) info.prefixes.add(prefix);
          this.addImports(info, sub);
          include(sub);
        }
      };
      include(statement);
      this.modules.set(info.name, info);
    }
  }

  private addImports(info: ModuleInfo, statement: Statement): void {
    for (const item of statement.children.filter((c) => c.keyword === "import")) {
      const prefix = childArgument(item, "prefix");
      if (prefix) info.imports.set(prefix, item.argument as string);
    }
  }

  /** Splits "prefix:name" into the defining module name (undefined if external) and the name. */
  resolvePrefix(reference: string, module: ModuleInfo): { moduleName: string; name: string } {
    const colon = reference.indexOf(":");
    if (colon === -1) return { moduleName: module.name, name: reference };
    const prefix = reference.slice(0, colon);
    const name = reference.slice(colon + 1);
    if (module.prefixes.has(prefix)) return { moduleName: module.name, name };
    const imported = module.imports.get(prefix);
    if (!imported)
      throw new YangCompileError(`module ${module.name}: unknown prefix "${prefix}" in "${reference}"`);
    return { moduleName: imported, name };
  }

  /** Lexical lookup of a grouping/typedef (RFC 7950 §5.5): enclosing blocks, then the module, then imports. */
  find(
    keyword: "grouping" | "typedef",
    reference: string,
    module: ModuleInfo,
    scope: Statement[][],
  ): Found | undefined {
    const { moduleName, name } = this.resolvePrefix(reference, module);
    if (moduleName === module.name) {
      for (let level = 0; level < scope.length; level += 1) {
        const statement = (scope[level] as Statement[]).find(
          (s) => s.keyword === keyword && s.argument === name,
        );
        if (statement) return { statement, module, scope: [statement.children, ...scope.slice(level)] };
      }
    }
    const target = this.modules.get(moduleName);
    if (!target) return undefined;
    const statement = target.body.find((s) => s.keyword === keyword && s.argument === name);
    return statement ? { statement, module: target, scope: [statement.children, target.body] } : undefined;
  }

  /** identity key "module:name" -> local names of every identity derived from it (transitively). */
  derivedIdentities(): Map<string, Set<string>> {
    const parents = new Map<string, string[]>();
    for (const module of this.modules.values()) {
      for (const identity of module.body.filter((s) => s.keyword === "identity")) {
        const key = `${module.name}:${identity.argument}`;
        const bases = identity.children
          .filter((s) => s.keyword === "base")
          .map((s) => {
            const { moduleName, name } = this.resolvePrefix(s.argument as string, module);
            return `${moduleName}:${name}`;
          });
        parents.set(key, bases);
      }
    }
    const derived = new Map<string, Set<string>>();
    for (const [key] of parents) {
      const stack = [...(parents.get(key) ?? [])];
      const seen = new Set<string>();
      while (stack.length) {
        const base = stack.pop() as string;
        if (seen.has(base)) continue;
        seen.add(base);
        if (!derived.has(base)) derived.set(base, new Set());
        derived.get(base)?.add(key.slice(key.indexOf(":") + 1));
        stack.push(...(parents.get(base) ?? []));
      }
    }
    return derived;
  }
}
