import type { LoadedDocument } from "../yaml/load-document.js";

/** The TOSCA type kinds a definitions file can declare (TOSCA-Simple-Profile-YAML 3.7). */
export const typeKinds = [
  "node",
  "data",
  "capability",
  "relationship",
  "interface",
  "artifact",
  "policy",
  "group",
] as const;
export type TypeKind = (typeof typeKinds)[number];

export type Definition = Record<string, unknown>;

export interface TypeEntry {
  name: string;
  kind: TypeKind;
  definition: Definition;
  document: LoadedDocument;
  path: (string | number)[];
}

/** TOSCA primitive and collection types (TOSCA 3.2, 3.3): never looked up in the registry. */
export const primitiveTypes = new Set([
  "string",
  "integer",
  "float",
  "boolean",
  "timestamp",
  "null",
  "version",
  "range",
  "list",
  "map",
  "scalar-unit.size",
  "scalar-unit.time",
  "scalar-unit.frequency",
  "scalar-unit.bitrate",
  "tosca:string",
  "tosca:integer",
  "tosca:float",
  "tosca:boolean",
  "tosca:timestamp",
  "tosca:version",
  "tosca:range",
  "tosca:list",
  "tosca:map",
]);

/** All types visible to one service template: normative + imported + declared in the file itself. */
export class TypeRegistry {
  private readonly byKind = new Map<TypeKind, Map<string, TypeEntry>>(
    typeKinds.map((kind) => [kind, new Map()]),
  );

  addDocument(document: LoadedDocument): void {
    const root = document.data as Record<string, unknown> | null;
    if (!root || typeof root !== "object") return;
    for (const kind of typeKinds) {
      const section = root[`${kind}_types`];
      if (!section || typeof section !== "object") continue;
      for (const [name, definition] of Object.entries(section as Record<string, unknown>)) {
        const value = (definition && typeof definition === "object" ? definition : {}) as Definition;
        this.byKind
          .get(kind)
          ?.set(name, { name, kind, definition: value, document, path: [`${kind}_types`, name] });
      }
    }
  }

  get(kind: TypeKind, name: string): TypeEntry | undefined {
    return this.byKind.get(kind)?.get(name);
  }

  /** The type and its ancestors, nearest first; stops on an unknown parent or a cycle. */
  chain(kind: TypeKind, name: string): TypeEntry[] {
    const result: TypeEntry[] = [];
    const seen = new Set<string>();
    let current = this.get(kind, name);
    while (current && !seen.has(current.name)) {
      result.push(current);
      seen.add(current.name);
      const parent = current.definition.derived_from;
      current = typeof parent === "string" ? this.get(kind, parent) : undefined;
    }
    return result;
  }

  derivesFrom(kind: TypeKind, name: string, ancestor: string): boolean {
    return this.chain(kind, name).some((entry) => entry.name === ancestor);
  }

  /** Findings of checks that depend only on a document and this registry, computed once. */
  readonly memo = new Map<string, unknown>();

  /** Merged map-valued section (properties, capabilities, attributes) along the chain; nearest wins. */
  private readonly mergedCache = new Map<string, Map<string, Definition>>();

  merged(kind: TypeKind, name: string, section: string): Map<string, Definition> {
    const key = `${kind}\0${name}\0${section}`;
    const cached = this.mergedCache.get(key);
    if (cached) return cached;
    const result = this.mergeSection(kind, name, section);
    this.mergedCache.set(key, result);
    return result;
  }

  private mergeSection(kind: TypeKind, name: string, section: string): Map<string, Definition> {
    const result = new Map<string, Definition>();
    for (const entry of this.chain(kind, name).reverse()) {
      const value = entry.definition[section];
      if (!value || typeof value !== "object" || Array.isArray(value)) continue;
      for (const [key, definition] of Object.entries(value as Record<string, unknown>)) {
        const previous = result.get(key) ?? {};
        const next =
          typeof definition === "string" ? { type: definition } : ((definition ?? {}) as Definition);
        result.set(key, { ...previous, ...next });
      }
    }
    return result;
  }

  /** Merged requirement definitions (a list of single-key maps in TOSCA 3.7.3). */
  requirements(name: string): Map<string, Definition> {
    const result = new Map<string, Definition>();
    for (const entry of this.chain("node", name).reverse()) {
      const list = entry.definition.requirements;
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        if (!item || typeof item !== "object") continue;
        for (const [key, definition] of Object.entries(item as Record<string, unknown>)) {
          result.set(
            key,
            typeof definition === "string" ? { capability: definition } : ((definition ?? {}) as Definition),
          );
        }
      }
    }
    return result;
  }

  all(kind: TypeKind): IterableIterator<TypeEntry> {
    return (this.byKind.get(kind) as Map<string, TypeEntry>).values();
  }
}
