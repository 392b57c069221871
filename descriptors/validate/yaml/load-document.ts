import yaml from "js-yaml";
import type { FindingLocation, FindingSink } from "../findings/report.js";
import type { ValidationLimits } from "../limits.js";

export interface Position {
  line: number;
  column: number;
}

/** A parsed YAML/JSON document with the source position of every mapping key and list item. */
export interface LoadedDocument {
  file: string;
  data: unknown;
  positions: WeakMap<object, Map<string | number, Position>>;
  /**
   * Members written as integer literals ("2", not "2.0"): YAML gives both the same JS number, but
   * TOSCA float properties reject integers in tosca-parser, so the literal form matters.
   */
  integers: WeakMap<object, Set<string | number>>;
}

type Segment = string | number;
interface Frame {
  position: Position;
  offset: number;
  children: { position: Position; result: unknown; integer: boolean }[];
}

class DepthExceeded extends Error {}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Strict UTF-8 decoding; reports IVF-IN-002 with the byte offset of the first bad sequence. */
export function decodeText(bytes: Buffer, file: string, sink: FindingSink): string | undefined {
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    const offset = firstInvalidUtf8(bytes);
    sink.add(
      "IVF-IN-002",
      { file },
      `${file} is not valid UTF-8 (first invalid byte sequence at offset ${offset})`,
      "save the file as UTF-8",
    );
    return undefined;
  }
}

/** Offset where the first malformed UTF-8 sequence starts (RFC 3629 §4), in one linear pass. */
export function firstInvalidUtf8(bytes: Buffer): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] as number;
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead <= 0xdf
          ? 2
          : lead >= 0xe0 && lead <= 0xef
            ? 3
            : lead >= 0xf0 && lead <= 0xf4
              ? 4
              : 0;
    if (length === 0 || index + length > bytes.length) return index;
    for (let next = 1; next < length; next += 1)
      if (((bytes[index + next] as number) & 0xc0) !== 0x80) return index;
    const second = bytes[index + 1] as number;
    if (
      (lead === 0xe0 && second < 0xa0) ||
      (lead === 0xed && second > 0x9f) ||
      (lead === 0xf0 && second < 0x90) ||
      (lead === 0xf4 && second > 0x8f)
    )
      return index;
    index += length;
  }
  return index;
}

/**
 * Parses YAML 1.2 (core schema: no timestamps, no custom tags) and records positions through
 * js-yaml's node listener. Depth is limited while parsing, alias expansion afterwards.
 */
export function loadDocument(
  text: string,
  file: string,
  sink: FindingSink,
  limits: ValidationLimits,
): LoadedDocument | undefined {
  if (text.length > limits.maxDocumentBytes) {
    sink.add(
      "IVF-AR-006",
      { file },
      `${file} is ${text.length} bytes; documents are limited to ${limits.maxDocumentBytes}`,
      "split the document",
    );
    return undefined;
  }
  const positions = new WeakMap<object, Map<Segment, Position>>();
  const integers = new WeakMap<object, Set<Segment>>();
  const stack: Frame[] = [];
  const listener = (
    event: string,
    state: { line: number; position: number; lineStart: number; result: unknown },
  ): void => {
    if (event === "open") {
      if (stack.length >= limits.maxDepth) throw new DepthExceeded();
      stack.push({
        position: { line: state.line + 1, column: state.position - state.lineStart + 1 },
        offset: state.position,
        children: [],
      });
      return;
    }
    const frame = stack.pop() as Frame;
    recordChildren(positions, integers, state.result, frame);
    const integer =
      typeof state.result === "number" &&
      integerLiteral.test(text.slice(frame.offset, state.position).trim());
    stack[stack.length - 1]?.children.push({ position: frame.position, result: state.result, integer });
  };
  let data: unknown;
  try {
    data = yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: file, listener } as yaml.LoadOptions);
  } catch (error) {
    reportParseError(error, file, sink, limits);
    return undefined;
  }
  if (text.includes("*") && !withinNodeBudget(data, limits)) {
    sink.add(
      "IVF-YAML-002",
      { file },
      `${file}: aliases expand to more than ${limits.maxYamlNodes} nodes`,
      "remove the alias chain (YAML 'billion laughs' pattern)",
    );
    return undefined;
  }
  return { file, data, positions, integers };
}

const integerLiteral = /^[-+]?(0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o[0-7_]+)$/;

function recordChildren(
  positions: WeakMap<object, Map<Segment, Position>>,
  integers: WeakMap<object, Set<Segment>>,
  result: unknown,
  frame: Frame,
): void {
  if (result === null || typeof result !== "object" || positions.has(result)) return;
  const map = new Map<Segment, Position>();
  const literal = new Set<Segment>();
  if (Array.isArray(result)) {
    frame.children.forEach((child, index) => {
      map.set(index, child.position);
      if (child.integer) literal.add(index);
    });
  } else if (frame.children.length % 2 === 0) {
    for (let index = 0; index < frame.children.length; index += 2) {
      const key = frame.children[index] as Frame["children"][number];
      map.set(String(key.result), key.position);
      if (frame.children[index + 1]?.integer) literal.add(String(key.result));
    }
  }
  positions.set(result, map);
  if (literal.size) integers.set(result, literal);
}

function reportParseError(error: unknown, file: string, sink: FindingSink, limits: ValidationLimits): void {
  if (error instanceof DepthExceeded || error instanceof RangeError) {
    sink.add(
      "IVF-YAML-003",
      { file },
      `${file}: nesting deeper than ${limits.maxDepth} levels`,
      "flatten the document",
    );
    return;
  }
  const mark = (error as { mark?: { line: number; column: number } }).mark;
  const reason = (error as { reason?: string }).reason ?? (error as Error).message;
  const location: FindingLocation = {
    file,
    ...(mark ? { line: mark.line + 1, column: mark.column + 1 } : {}),
  };
  sink.add("IVF-YAML-001", location, `${file}: ${reason}`, "fix the YAML syntax at the given position");
}

function withinNodeBudget(root: unknown, limits: ValidationLimits): boolean {
  let budget = limits.maxYamlNodes;
  const visit = (node: unknown): boolean => {
    budget -= 1;
    if (budget < 0) return false;
    if (node === null || typeof node !== "object") return true;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) if (!visit(child)) return false;
    return true;
  };
  return visit(root);
}

/** Position of the deepest node along `path` that the document records. */
export function positionAt(document: LoadedDocument, path: readonly Segment[]): Position | undefined {
  let node: unknown = document.data;
  let found: Position | undefined;
  for (const segment of path) {
    if (node === null || typeof node !== "object") break;
    const position = document.positions.get(node)?.get(segment);
    if (position) found = position;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return found;
}

export function jsonPointer(path: readonly Segment[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** A finding location for a node: file, line/column and JSON pointer. */
export function locate(document: LoadedDocument, path: readonly Segment[]): FindingLocation {
  const position = positionAt(document, path);
  return {
    file: document.file,
    ...(position ? { line: position.line, column: position.column } : {}),
    pointer: jsonPointer(path),
  };
}

/** True when the node at `path` was written as an integer literal. */
export function writtenAsInteger(document: LoadedDocument, path: readonly Segment[]): boolean {
  let parent: unknown = document.data;
  for (const segment of path.slice(0, -1)) {
    if (parent === null || typeof parent !== "object") return false;
    parent = (parent as Record<string | number, unknown>)[segment];
  }
  if (parent === null || typeof parent !== "object") return false;
  return document.integers.get(parent)?.has(path[path.length - 1] as Segment) === true;
}
