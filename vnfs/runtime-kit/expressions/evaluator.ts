import type { Node } from "./parser.js";
import { ExpressionError } from "./tokenizer.js";

export type Value = number | string | boolean | null | undefined | Value[] | { [key: string]: Value };

/** A missing variable makes the whole result "absent": the attribute is not forwarded. */
export const ABSENT = undefined;

type Fn = (...args: Value[]) => Value;

const num = (name: string, value: Value): number => {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new ExpressionError(`${name}() needs a finite number, got ${describe(value)}`);
  return value;
};

/** The only functions an expression may call. None reaches the process, the file system or the clock. */
const FUNCTIONS: Record<string, Fn> = {
  abs: (x) => Math.abs(num("abs", x)),
  round: (x, digits = 0) => {
    const factor = 10 ** Math.min(12, Math.max(0, Math.trunc(num("round", digits))));
    return Math.round(num("round", x) * factor) / factor;
  },
  floor: (x) => Math.floor(num("floor", x)),
  ceil: (x) => Math.ceil(num("ceil", x)),
  sqrt: (x) => Math.sqrt(num("sqrt", x)),
  min: (...xs) => Math.min(...xs.map((x) => num("min", x))),
  max: (...xs) => Math.max(...xs.map((x) => num("max", x))),
  number: (x) => {
    const value = typeof x === "string" ? Number(x.trim()) : x;
    if (typeof value !== "number" || !Number.isFinite(value))
      throw new ExpressionError(`number() cannot convert ${describe(x)}`);
    return value;
  },
  string: (x) => (x === null || x === undefined ? "" : typeof x === "object" ? JSON.stringify(x) : String(x)),
  lower: (x) => String(x).toLowerCase(),
  upper: (x) => String(x).toUpperCase(),
  toisodate: (x) => {
    const date = typeof x === "number" ? new Date(x) : typeof x === "string" ? new Date(x) : undefined;
    if (!date || Number.isNaN(date.getTime()))
      throw new ExpressionError(`toisodate() cannot read ${describe(x)} as a date`);
    return date.toISOString();
  },
};

export function functionNames(): string[] {
  return Object.keys(FUNCTIONS);
}

function describe(value: Value): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Only a value's own data properties are readable: no prototype, constructor or getters. */
function read(object: Value, property: string): Value {
  if (object === null || typeof object !== "object" || !Object.hasOwn(object, property)) return ABSENT;
  const descriptor = Object.getOwnPropertyDescriptor(object, property);
  return descriptor && "value" in descriptor ? (descriptor.value as Value) : ABSENT;
}

export interface EvaluationLimits {
  maxSteps: number;
  maxStringLength: number;
}

export function evaluate(node: Node, context: Record<string, Value>, limits: EvaluationLimits): Value {
  let steps = 0;
  const visit = (current: Node): Value => {
    if (++steps > limits.maxSteps)
      throw new ExpressionError(`expression needs more than ${limits.maxSteps} steps`);
    const value = evaluateNode(current, context, visit);
    if (typeof value === "string" && value.length > limits.maxStringLength) {
      throw new ExpressionError(
        `expression produced a string longer than ${limits.maxStringLength} characters`,
      );
    }
    return value;
  };
  return visit(node);
}

function evaluateNode(node: Node, context: Record<string, Value>, visit: (node: Node) => Value): Value {
  switch (node.type) {
    case "literal":
      return node.value;
    case "variable":
      return read(context, node.name);
    case "member":
      return read(visit(node.object), node.property);
    case "call": {
      const fn = Object.hasOwn(FUNCTIONS, node.name) ? FUNCTIONS[node.name] : undefined;
      if (!fn)
        throw new ExpressionError(
          `unknown function ${node.name}(); available: ${functionNames().join(", ")}`,
        );
      const args = node.args.map(visit);
      return args.includes(ABSENT) ? ABSENT : fn(...args);
    }
    case "unary": {
      const operand = visit(node.operand);
      if (operand === ABSENT) return ABSENT;
      return node.operator === "!" ? !operand : -num("-", operand);
    }
    case "conditional": {
      const test = visit(node.test);
      if (test === ABSENT) return ABSENT;
      return visit(test ? node.then : node.otherwise);
    }
    case "binary":
      return binary(node.operator, node.left, node.right, visit);
  }
}

function binary(operator: string, leftNode: Node, rightNode: Node, visit: (node: Node) => Value): Value {
  const left = visit(leftNode);
  if (operator === "??") return left === ABSENT || left === null ? visit(rightNode) : left;
  if (operator === "&&") return left === ABSENT ? ABSENT : left ? visit(rightNode) : left;
  if (operator === "||") return left === ABSENT ? ABSENT : left ? left : visit(rightNode);
  const right = visit(rightNode);
  if (left === ABSENT || right === ABSENT) return ABSENT;
  switch (operator) {
    case "==":
    case "===":
      return left === right;
    case "!=":
    case "!==":
      return left !== right;
    case "<":
    case "<=":
    case ">":
    case ">=":
      return compare(operator, left, right);
    case "+":
      if (typeof left === "string" && typeof right === "string") return left + right;
      return num("+", left) + num("+", right);
    case "-":
      return num("-", left) - num("-", right);
    case "*":
      return num("*", left) * num("*", right);
    case "/":
      return num("/", left) / num("/", right);
    case "%":
      return num("%", left) % num("%", right);
  }
  throw new ExpressionError(`unknown operator ${operator}`);
}

function compare(operator: string, left: Value, right: Value): boolean {
  const comparable =
    (typeof left === "number" && typeof right === "number") ||
    (typeof left === "string" && typeof right === "string");
  if (!comparable) return false;
  const a = left as number | string;
  const b = right as number | string;
  return operator === "<" ? a < b : operator === "<=" ? a <= b : operator === ">" ? a > b : a >= b;
}
