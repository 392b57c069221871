import { builtinNames, ietfTypedefs, integerRanges } from "./builtin-types.js";
import { YangCompileError, type ModuleInfo, type ModuleSet } from "./module-set.js";
import type { Statement } from "./parse-yang.js";
import type { CompiledType } from "./schema-types.js";

export interface TypeContext {
  set: ModuleSet;
  module: ModuleInfo;
  scope: Statement[][];
  identities: Map<string, Set<string>>;
}

/** "1..max | 5" -> [[1, max], [5, 5]] given the base type's bounds (RFC 7950 §9.2.4). */
function parseRanges(text: string, bounds: [number, number]): [number, number][] {
  return text.split("|").map((part) => {
    const [low, high] = part.split("..").map((value) => value.trim());
    const value = (item: string | undefined, fallback: number): number =>
      item === undefined ? fallback : item === "min" ? bounds[0] : item === "max" ? bounds[1] : Number(item);
    const lowValue = value(low, bounds[0]);
    return [lowValue, high === undefined ? lowValue : value(high, bounds[1])];
  });
}

function applyRestrictions(type: CompiledType, statement: Statement, context: TypeContext): CompiledType {
  const result: CompiledType = { ...type, name: type.name };
  for (const item of statement.children) {
    const argument = item.argument ?? "";
    if (item.keyword === "range")
      result.ranges = parseRanges(
        argument,
        integerRanges[result.base] ?? [-Number.MAX_VALUE, Number.MAX_VALUE],
      );
    else if (item.keyword === "length") result.lengths = parseRanges(argument, [0, Number.MAX_SAFE_INTEGER]);
    else if (item.keyword === "pattern") result.patterns = [...(result.patterns ?? []), argument];
    else if (item.keyword === "fraction-digits") result.fractionDigits = Number(argument);
    else if (item.keyword === "path") result.path = argument.replace(/\s+/g, "");
    else if (item.keyword === "enum") result.enums = [...(result.enums ?? []), argument];
    else if (item.keyword === "base") {
      const { moduleName, name } = context.set.resolvePrefix(argument, context.module);
      result.identities = [
        ...(result.identities ?? []),
        ...(context.identities.get(`${moduleName}:${name}`) ?? []),
      ];
    } else if (item.keyword === "type" && result.base === "union") {
      result.members = [...(result.members ?? []), compileType(item, context)];
    }
  }
  return result;
}

/** Resolves a `type` statement through typedef chains to a built-in base with all restrictions. */
export function compileType(statement: Statement, context: TypeContext, depth = 0): CompiledType {
  if (depth > 32) throw new YangCompileError(`typedef chain too deep at "${statement.argument}"`);
  const reference = statement.argument ?? "";
  if (builtinNames.has(reference))
    return applyRestrictions({ name: reference, base: reference }, statement, context);
  const { moduleName, name } = context.set.resolvePrefix(reference, context.module);
  const ietf = ietfTypedefs[`${moduleName}:${name}`];
  if (ietf) return applyRestrictions(ietf, statement, context);
  const found = context.set.find("typedef", reference, context.module, context.scope);
  const inner = found?.statement.children.find((item) => item.keyword === "type");
  if (!found || !inner)
    throw new YangCompileError(`module ${context.module.name}: type "${reference}" is not defined`);
  const base = compileType(inner, { ...context, module: found.module, scope: found.scope }, depth + 1);
  return applyRestrictions({ ...base, name: reference }, statement, context);
}
