/**
 * Converts an OSM-style YAML descriptor (unprefixed names, plain numbers, unprefixed identities)
 * into RFC 7951 JSON for yanglint, using the schema tree yanglint itself prints (`-f tree`):
 * augment leaves get their module prefix, 64-bit and decimal64 values become strings, and
 * identityref values get the module of the SOL006 identities.
 */
interface TreeNode {
  name: string;
  prefix?: string;
  type?: string;
  children: TreeNode[];
}

const LINE = /^(\s*(?:\|\s*)*)\+--(rw|ro|:)\s+(\S+)(.*)$/;

export function parseTree(text: string, rootModule: string): TreeNode {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.trim() === `module: ${rootModule}`);
  const root: TreeNode = { name: "", children: [] };
  const stack: { depth: number; node: TreeNode }[] = [{ depth: -1, node: root }];
  for (const line of lines.slice(start + 1)) {
    if (/^module: /.test(line) || /^\s*augment /.test(line)) break;
    const match = LINE.exec(line);
    if (!match) continue;
    const depth = line.indexOf("+--");
    const [, , flag, rawName, rest] = match as unknown as [string, string, string, string, string];
    while ((stack[stack.length - 1]?.depth ?? -1) >= depth) stack.pop();
    const parent = stack[stack.length - 1]?.node as TreeNode;
    if (flag === ":" || rawName.startsWith("(")) {
      // choice/case: transparent, its children belong to the parent
      stack.push({ depth, node: parent });
      continue;
    }
    const cleaned = rawName.replace(/[?*!]$/, "");
    const [prefix, name] = cleaned.includes(":")
      ? (cleaned.split(":") as [string, string])
      : [undefined, cleaned];
    const type = rest
      .trim()
      .split(/\s+/)
      .filter((token) => !token.startsWith("["))[0];
    const node: TreeNode = { name, ...(prefix ? { prefix } : {}), ...(type ? { type } : {}), children: [] };
    parent.children.push(node);
    stack.push({ depth, node });
  }
  return root;
}

const STRING_NUMBERS = new Set(["uint64", "int64", "decimal64"]);

function convert(value: unknown, node: TreeNode, path: string, dropUnknown: boolean): unknown {
  if (Array.isArray(value))
    return value.map((item, index) => convert(item, node, `${path}[${index}]`, dropUnknown));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const schema = node.children.find((candidate) => candidate.name === key);
      if (!schema && dropUnknown) continue;
      if (!schema) throw new Error(`${path}/${key}: not in the YANG tree`);
      const name = schema.prefix && schema.prefix !== node.prefix ? `${schema.prefix}:${key}` : key;
      out[name] = convert(
        child,
        { ...schema, prefix: schema.prefix ?? node.prefix },
        `${path}/${key}`,
        dropUnknown,
      );
    }
    return out;
  }
  if (node.type && STRING_NUMBERS.has(node.type) && typeof value === "number") return String(value);
  if (node.type === "identityref" && typeof value === "string" && !value.includes(":"))
    return `etsi-nfv-descriptors:${value}`;
  return value;
}

/**
 * `module` is the JSON module name of the top container (etsi-nfv-vnfd or etsi-nfv-nsd).
 * `dropUnknown` skips leaves the tree lacks (OSM augments of a VNFD copied into an NSD tree).
 */
export function toRfc7951(
  document: Record<string, unknown>,
  tree: TreeNode,
  module: string,
  dropUnknown = false,
): Record<string, unknown> {
  const [[topName, topValue]] = Object.entries(document) as [[string, unknown]];
  const top = tree.children.find((candidate) => candidate.name === topName);
  if (!top) throw new Error(`top node ${topName} not in tree`);
  return {
    [`${module}:${topName}`]: convert(topValue, { ...top, prefix: module }, `/${topName}`, dropUnknown),
  };
}
