/**
 * Tokens of the measurement transformation language (docs/design/expressions.md): numbers,
 * strings, identifiers, operators and punctuation. Everything else is refused with the column
 * where it occurs.
 */
export type Token =
  | { kind: "number"; value: number; at: number }
  | { kind: "string"; value: string; at: number }
  | { kind: "name"; value: string; at: number }
  | { kind: "op"; value: string; at: number }
  | { kind: "end"; at: number };

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly column?: number,
  ) {
    super(column === undefined ? message : `${message} (at column ${column + 1})`);
    this.name = "ExpressionError";
  }
}

const OPERATORS = [
  "===",
  "!==",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "??",
  "+",
  "-",
  "*",
  "/",
  "%",
  "<",
  ">",
  "!",
  "?",
  ":",
  "(",
  ")",
  ",",
  ".",
];
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function tokenize(source: string, maxLength: number): Token[] {
  if (source.length > maxLength) throw new ExpressionError(`expression longer than ${maxLength} characters`);
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const rest = source.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ kind: "number", value: Number(number[0]), at });
      at += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: "name", value: name[0], at });
      at += name[0].length;
      continue;
    }
    if (rest[0] === '"' || rest[0] === "'") {
      const { value, length } = readString(rest, at);
      tokens.push({ kind: "string", value, at });
      at += length;
      continue;
    }
    const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (!op) throw new ExpressionError(`unexpected character ${JSON.stringify(rest[0])}`, at);
    tokens.push({ kind: "op", value: op, at });
    at += op.length;
  }
  tokens.push({ kind: "end", at });
  return tokens;
}

function readString(rest: string, at: number): { value: string; length: number } {
  const quote = rest[0]!;
  let value = "";
  for (let index = 1; index < rest.length; index++) {
    const char = rest[index]!;
    if (char === quote) return { value, length: index + 1 };
    if (char === "\\") {
      const next = rest[++index];
      if (next === undefined) break;
      value += next === "n" ? "\n" : next === "t" ? "\t" : next;
      continue;
    }
    value += char;
  }
  throw new ExpressionError("unterminated string", at);
}
