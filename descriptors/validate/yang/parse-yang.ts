/**
 * A YANG statement parser (RFC 7950 §6): keyword, optional argument, `;` or a block of
 * sub-statements; quoted strings with `+` concatenation; `//` and block comments. It builds the
 * generic statement tree; what the statements mean is the compiler's job.
 */
export interface Statement {
  keyword: string;
  argument?: string;
  children: Statement[];
  line: number;
}

export class YangSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

interface Token {
  kind: "word" | "string" | ";" | "{" | "}" | "+";
  text: string;
  line: number;
}

function readQuoted(
  source: string,
  start: number,
  line: number,
): { text: string; end: number; lines: number } {
  const quote = source[start];
  let index = start + 1;
  let text = "";
  let lines = 0;
  while (index < source.length && source[index] !== quote) {
    const char = source[index] as string;
    if (char === "\n") lines += 1;
    if (quote === '"' && char === "\\" && index + 1 < source.length) {
      const next = source[index + 1] as string;
      text += next === "n" ? "\n" : next === "t" ? "\t" : next;
      index += 2;
      continue;
    }
    text += char;
    index += 1;
  }
  if (index >= source.length) throw new YangSyntaxError("unterminated string", line);
  return { text, end: index + 1, lines };
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let index = 0;
  while (index < source.length) {
    const char = source[index] as string;
    if (char === "\n") {
      line += 1;
      index += 1;
    } else if (/\s/.test(char)) {
      index += 1;
    } else if (source.startsWith("//", index)) {
      index = source.indexOf("\n", index);
      if (index === -1) index = source.length;
    } else if (source.startsWith("/*", index)) {
      const end = source.indexOf("*/", index + 2);
      if (end === -1) throw new YangSyntaxError("unterminated comment", line);
      line += source.slice(index, end).split("\n").length - 1;
      index = end + 2;
    } else if (char === ";" || char === "{" || char === "}" || char === "+") {
      tokens.push({ kind: char, text: char, line });
      index += 1;
    } else if (char === '"' || char === "'") {
      const quoted = readQuoted(source, index, line);
      tokens.push({ kind: "string", text: quoted.text, line });
      line += quoted.lines;
      index = quoted.end;
    } else {
      const match = /^[^\s;{}"']+/.exec(source.slice(index, index + 4096));
      const text = match ? match[0] : char;
      tokens.push({ kind: "word", text, line });
      index += text.length;
    }
  }
  return tokens;
}

export function parseYang(source: string): Statement {
  const tokens = tokenize(source);
  let position = 0;
  const parseStatement = (): Statement => {
    const keyword = tokens[position];
    if (!keyword || keyword.kind !== "word")
      throw new YangSyntaxError(
        `expected a keyword, found "${keyword?.text ?? "end of file"}"`,
        keyword?.line ?? 0,
      );
    position += 1;
    let argument: string | undefined;
    while (tokens[position] && (tokens[position]?.kind === "word" || tokens[position]?.kind === "string")) {
      argument = (argument ?? "") + (tokens[position] as Token).text;
      position += 1;
      if (tokens[position]?.kind === "+") position += 1;
      else break;
    }
    const statement: Statement = {
      keyword: keyword.text,
      ...(argument === undefined ? {} : { argument }),
      children: [],
      line: keyword.line,
    };
    const next = tokens[position];
    if (next?.kind === ";") {
      position += 1;
      return statement;
    }
    if (next?.kind !== "{")
      throw new YangSyntaxError(`expected ";" or "{" after "${keyword.text}"`, next?.line ?? keyword.line);
    position += 1;
    while (tokens[position] && tokens[position]?.kind !== "}") statement.children.push(parseStatement());
    if (!tokens[position]) throw new YangSyntaxError(`missing "}" for "${keyword.text}"`, keyword.line);
    position += 1;
    return statement;
  };
  const root = parseStatement();
  if (position !== tokens.length)
    throw new YangSyntaxError("content after the module's closing brace", tokens[position]?.line ?? 0);
  return root;
}

export function child(statement: Statement, keyword: string): Statement | undefined {
  return statement.children.find((item) => item.keyword === keyword);
}

export function childArgument(statement: Statement, keyword: string): string | undefined {
  return child(statement, keyword)?.argument;
}
