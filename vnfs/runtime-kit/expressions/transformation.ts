import { evaluate, type Value } from "./evaluator.js";
import { parse, type Node } from "./parser.js";
import { ExpressionError } from "./tokenizer.js";

export { ExpressionError } from "./tokenizer.js";
export type { Value } from "./evaluator.js";

/**
 * Measurement transformation expressions of device groups (like FIWARE's JEXL expressions,
 * `power_w / 1000`, `round(temperature_c * 9 / 5 + 32, 1)`), in a small language of our own:
 * arithmetic, comparison, logic, `? :`, `??`, member access and a fixed list of pure functions.
 * There is no way to reach JavaScript: no eval, no prototype or constructor access, no
 * assignment, and parse and evaluation are bounded in size, depth and steps, so an expression
 * written by a tenant can neither escape nor hang the function (docs/design/expressions.md).
 */
export const EXPRESSION_LIMITS = { maxLength: 1000, maxDepth: 32, maxSteps: 2000, maxStringLength: 4096 };

export class CompiledExpression {
  private constructor(
    readonly source: string,
    private readonly tree: Node,
  ) {}

  /** Parses once; throws ExpressionError with the column of the problem. */
  static compile(source: string): CompiledExpression {
    return new CompiledExpression(source, parse(source, EXPRESSION_LIMITS));
  }

  /**
   * Result of the expression for this context; `undefined` when it reads a value that is not
   * there (the attribute is then not forwarded). Objects and non-finite numbers are refused:
   * a transformation produces a measurement value.
   */
  evaluate(context: Record<string, Value>): number | string | boolean | null | undefined {
    const result = evaluate(this.tree, context, EXPRESSION_LIMITS);
    if (result === undefined || result === null || typeof result === "string" || typeof result === "boolean")
      return result;
    if (typeof result === "number") {
      if (!Number.isFinite(result)) throw new ExpressionError(`expression "${this.source}" gave ${result}`);
      return result;
    }
    throw new ExpressionError(`expression "${this.source}" gave a list or object, not a measurement value`);
  }
}
