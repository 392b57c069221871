import { ExpressionError, tokenize, type Token } from "./tokenizer.js";

/**
 * Syntax tree of a transformation expression. Precedence, lowest first: `? :`, `??`, `||`,
 * `&&`, equality, comparison, `+ -`, `* / %`, unary `! -`, then calls, member access and
 * primaries. Depth is bounded so a hostile expression cannot exhaust the stack.
 */
export type Node =
  | { type: "literal"; value: number | string | boolean | null }
  | { type: "variable"; name: string }
  | { type: "member"; object: Node; property: string }
  | { type: "call"; name: string; args: Node[] }
  | { type: "unary"; operator: "!" | "-"; operand: Node }
  | { type: "binary"; operator: string; left: Node; right: Node }
  | { type: "conditional"; test: Node; then: Node; otherwise: Node };

const BINARY_LEVELS: string[][] = [
  ["??"],
  ["||"],
  ["&&"],
  ["===", "!==", "==", "!="],
  ["<", "<=", ">", ">="],
  ["+", "-"],
  ["*", "/", "%"],
];

export interface ParseLimits {
  maxLength: number;
  maxDepth: number;
}

export function parse(source: string, limits: ParseLimits): Node {
  const tokens = tokenize(source, limits.maxLength);
  let position = 0;
  let depth = 0;

  const peek = (): Token => tokens[position]!;
  const isOp = (value: string) => peek().kind === "op" && (peek() as { value: string }).value === value;
  const expect = (value: string) => {
    if (!isOp(value)) throw new ExpressionError(`expected "${value}"`, peek().at);
    position++;
  };
  const enter = () => {
    if (++depth > limits.maxDepth)
      throw new ExpressionError(`expression nested deeper than ${limits.maxDepth} levels`, peek().at);
  };

  function conditional(): Node {
    enter();
    const test = binary(0);
    let node = test;
    if (isOp("?")) {
      position++;
      const then = conditional();
      expect(":");
      node = { type: "conditional", test, then, otherwise: conditional() };
    }
    depth--;
    return node;
  }

  function binary(level: number): Node {
    if (level >= BINARY_LEVELS.length) return unary();
    let left = binary(level + 1);
    while (peek().kind === "op" && BINARY_LEVELS[level]!.includes((peek() as { value: string }).value)) {
      const operator = (tokens[position++] as { value: string }).value;
      enter();
      left = { type: "binary", operator, left, right: binary(level + 1) };
      depth--;
    }
    return left;
  }

  function unary(): Node {
    if (isOp("!") || isOp("-")) {
      const operator = (tokens[position++] as { value: "!" | "-" }).value;
      enter();
      const node: Node = { type: "unary", operator, operand: unary() };
      depth--;
      return node;
    }
    return postfix(primary());
  }

  function postfix(node: Node): Node {
    while (isOp(".")) {
      position++;
      const name = peek();
      if (name.kind !== "name") throw new ExpressionError("expected a property name after '.'", name.at);
      position++;
      node = { type: "member", object: node, property: name.value };
    }
    return node;
  }

  function primary(): Node {
    const token = tokens[position++]!;
    if (token.kind === "number" || token.kind === "string") return { type: "literal", value: token.value };
    if (token.kind === "name") {
      if (token.value === "true" || token.value === "false")
        return { type: "literal", value: token.value === "true" };
      if (token.value === "null") return { type: "literal", value: null };
      if (isOp("(")) return call(token.value);
      return { type: "variable", name: token.value };
    }
    if (token.kind === "op" && token.value === "(") {
      const node = conditional();
      expect(")");
      return node;
    }
    throw new ExpressionError(
      token.kind === "end" ? "unexpected end of expression" : "unexpected token",
      token.at,
    );
  }

  function call(name: string): Node {
    position++;
    const args: Node[] = [];
    if (!isOp(")")) {
      do {
        if (args.length > 0) position++;
        args.push(conditional());
      } while (isOp(","));
    }
    expect(")");
    return { type: "call", name, args };
  }

  const root = conditional();
  if (peek().kind !== "end") throw new ExpressionError("unexpected token after the expression", peek().at);
  return root;
}
