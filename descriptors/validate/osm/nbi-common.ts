import type { FindingSink } from "../findings/report.js";
import { locate, type LoadedDocument } from "../yaml/load-document.js";

export type Obj = Record<string, unknown>;
export type Segment = string | number;
export const list = (value: unknown): Obj[] =>
  Array.isArray(value) ? value.filter((item): item is Obj => !!item && typeof item === "object") : [];
export const obj = (value: unknown): Obj =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : {};
export const text = (value: unknown): string => String(value);

/** How the package is laid out, for artifact checks (NBI `_validate_package_folders`). */
export interface PackageArtifacts {
  has(path: string): boolean;
  hasDir(path: string): boolean;
  /** Folder holding cloud_init/, charms/, helm-charts/: "<pkg-dir>/" for tar.gz, "Scripts/" for zip. */
  base: string;
}

export interface Ctx {
  sink: FindingSink;
  document: LoadedDocument;
  root: Segment[];
}

export const report = (ctx: Ctx, path: Segment[], message: string, hint: string): void =>
  ctx.sink.add("IVF-OSM-001", locate(ctx.document, [...ctx.root, ...path]), message, hint);
