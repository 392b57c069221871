/** The compiled, JSON-serialisable schema tree the data validator walks. */
export interface CompiledType {
  /** Name as written (for messages), e.g. "uint32", "common:relational-operation-type". */
  name: string;
  base: string;
  ranges?: [number, number][];
  lengths?: [number, number][];
  patterns?: string[];
  enums?: string[];
  /** Local names of identities derived from the base (identityref). */
  identities?: string[];
  fractionDigits?: number;
  path?: string;
  members?: CompiledType[];
}

export interface SchemaNode {
  kind: "root" | "container" | "list" | "leaf" | "leaf-list" | "choice" | "case";
  name: string;
  module: string;
  children?: SchemaNode[];
  keys?: string[];
  mandatory?: boolean;
  presence?: boolean;
  minElements?: number;
  maxElements?: number;
  type?: CompiledType;
}

export interface CompiledSchema {
  /** Digest of the YANG sources and compiler version: the cache key. */
  digest: string;
  modules: string[];
  root: SchemaNode;
}
