import yaml from "js-yaml";
import { modelErrorCodes, segmentsOf, type ModelIssue } from "./model-errors.js";

/**
 * Parses one authored YAML document defensively and remembers where every node starts, so
 * validation errors can name a line. js-yaml 4 reports no node positions; its `listener`
 * hook does see each node open (position before leading whitespace) and close (result), from
 * which we rebuild a position tree in document order.
 */

export interface YamlLimits {
  maxBytes: number;
  maxDepth: number;
  /** Nodes after alias expansion: stops "billion laughs" documents before anything walks them. */
  maxExpandedNodes: number;
}

export const defaultYamlLimits: YamlLimits = {
  maxBytes: 1024 * 1024,
  maxDepth: 48,
  maxExpandedNodes: 200_000,
};

interface PositionNode {
  offset: number;
  result?: unknown;
  children: PositionNode[];
}

export interface YamlSource {
  file: string;
  data: unknown;
  /** 1-based line of the node at `pointer`, or of its closest existing ancestor. */
  lineOf(pointer: string): number;
}

export type YamlParseResult = { ok: true; source: YamlSource } | { ok: false; issues: ModelIssue[] };

function skipToContent(text: string, offset: number): number {
  let index = offset;
  while (index < text.length) {
    const ch = text[index];
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") index += 1;
    else if (ch === "#") while (index < text.length && text[index] !== "\n") index += 1;
    else break;
  }
  return index;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index += 1) if (text[index] === "\n") starts.push(index + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** Counts nodes as if aliases were expanded, and the depth, without expanding anything. */
function measure(root: unknown, limits: YamlLimits): { nodes: number; depth: number; cyclic: boolean } {
  const memo = new Map<object, { nodes: number; depth: number }>();
  const active = new Set<object>();
  let cyclic = false;
  const visit = (value: unknown): { nodes: number; depth: number } => {
    if (value === null || typeof value !== "object") return { nodes: 1, depth: 0 };
    const known = memo.get(value);
    if (known) return known;
    if (active.has(value)) {
      cyclic = true;
      return { nodes: limits.maxExpandedNodes + 1, depth: limits.maxDepth + 1 };
    }
    active.add(value);
    let nodes = 1;
    let depth = 0;
    for (const child of Object.values(value)) {
      const measured = visit(child);
      nodes = Math.min(nodes + measured.nodes, Number.MAX_SAFE_INTEGER);
      depth = Math.max(depth, measured.depth + 1);
    }
    active.delete(value);
    const result = { nodes, depth };
    memo.set(value, result);
    return result;
  };
  const { nodes, depth } = visit(root);
  return { nodes, depth, cyclic };
}

class YamlRejected extends Error {
  constructor(
    readonly line: number,
    message: string,
    readonly hint: string,
    readonly code: ModelIssue["code"] = modelErrorCodes.YAML_LIMIT,
  ) {
    super(message);
  }
}

/** js-yaml with a listener that records where each node starts (see the file comment). */
function loadWithPositions(
  file: string,
  text: string,
  limits: YamlLimits,
): { data: unknown; root: PositionNode } {
  const root: PositionNode = { offset: 0, children: [] };
  const stack: PositionNode[] = [root];
  try {
    const data = yaml.load(text, {
      filename: file,
      schema: yaml.CORE_SCHEMA,
      json: false,
      listener(event, state) {
        if (stack.length > limits.maxDepth * 2 + 4) throw new RangeError("nesting limit");
        if (event === "open") {
          const node: PositionNode = { offset: state.position, children: [] };
          stack[stack.length - 1]?.children.push(node);
          stack.push(node);
        } else {
          const node = stack.pop();
          if (node) node.result = state.result;
        }
      },
    });
    return { data, root };
  } catch (error) {
    if (error instanceof yaml.YAMLException)
      throw new YamlRejected(
        (error.mark?.line ?? -1) + 1,
        `YAML syntax error: ${error.reason}`,
        "fix the YAML syntax at that line",
        modelErrorCodes.YAML_SYNTAX,
      );
    // js-yaml recurses per nesting level: a stack overflow is a nesting bomb too
    if (error instanceof RangeError)
      throw new YamlRejected(0, `nesting deeper than ${limits.maxDepth} levels`, "flatten the document");
    throw error;
  }
}

function checkShape(data: unknown, limits: YamlLimits): void {
  const measured = measure(data, limits);
  if (measured.cyclic)
    throw new YamlRejected(0, "document contains a recursive alias", "remove the self-referencing anchor");
  if (measured.depth > limits.maxDepth)
    throw new YamlRejected(0, `nesting deeper than ${limits.maxDepth} levels`, "flatten the document");
  if (measured.nodes > limits.maxExpandedNodes)
    throw new YamlRejected(
      0,
      `aliases expand to more than ${limits.maxExpandedNodes} nodes`,
      "do not use anchors/aliases to multiply content",
    );
}

function lineLookup(text: string, root: PositionNode): (pointer: string) => number {
  const starts = lineStarts(text);
  const documentNode = root.children[0];
  return (pointer: string): number => {
    let node = documentNode;
    if (!node) return 1;
    for (const segment of segmentsOf(pointer)) {
      const next = childFor(node, segment);
      if (!next) break;
      node = next;
    }
    return lineAt(starts, skipToContent(text, node.offset));
  };
}

export function parseYamlSource(
  file: string,
  text: string,
  limits: YamlLimits = defaultYamlLimits,
): YamlParseResult {
  try {
    if (Buffer.byteLength(text, "utf8") > limits.maxBytes)
      throw new YamlRejected(
        0,
        `file is larger than ${limits.maxBytes} bytes`,
        "descriptor models are small; split or trim it",
        modelErrorCodes.TOO_LARGE,
      );
    const { data, root } = loadWithPositions(file, text, limits);
    checkShape(data, limits);
    return { ok: true, source: { file, data, lineOf: lineLookup(text, root) } };
  } catch (error) {
    if (!(error instanceof YamlRejected)) throw error;
    return {
      ok: false,
      issues: [
        { code: error.code, file, line: error.line, pointer: "", message: error.message, hint: error.hint },
      ],
    };
  }
}

/**
 * A mapping's children alternate key, value; a sequence's children are its items. For a
 * mapping entry we return the key node, so the line is the one that names the field.
 */
function childFor(node: PositionNode, segment: string): PositionNode | undefined {
  if (Array.isArray(node.result)) return node.children[Number(segment)];
  for (let index = 0; index + 1 < node.children.length; index += 2) {
    const key = node.children[index];
    if (key && String(key.result) === segment) return withValue(key, node.children[index + 1]);
  }
  return undefined;
}

/** Key position, value subtree: the line is the key's, descending continues into the value. */
function withValue(key: PositionNode, value: PositionNode | undefined): PositionNode {
  if (!value) return key;
  return { offset: key.offset, result: value.result, children: value.children };
}
