import { describe, expect, it } from "vitest";
import { CompiledExpression, ExpressionError } from "../../../vnfs/runtime-kit/expressions/transformation.js";

const run = (source: string, context: Record<string, unknown> = {}) =>
  CompiledExpression.compile(source).evaluate(context as never);

describe("measurement transformation expressions", () => {
  it("computes arithmetic with the usual precedence", () => {
    expect(run("power_w / 1000", { power_w: 2500 })).toBe(2.5);
    expect(run("round(t * 9 / 5 + 32, 1)", { t: 21.37 })).toBe(70.5);
    expect(run("-(a - b) * 2 % 5", { a: 1, b: 4 })).toBe(1);
    expect(run("1 + 2 * 3 - 4 / 2")).toBe(5);
  });

  it("supports comparisons, logic, conditionals, nullish defaults and member access", () => {
    expect(run("v > 230 ? 'high' : 'ok'", { v: 240 })).toBe("high");
    expect(run("a >= 1 && b < 2 || false", { a: 1, b: 3 })).toBe(false);
    expect(run("level ?? 0", { level: null })).toBe(0);
    expect(run("device.location.floor + 1", { device: { location: { floor: 2 } } })).toBe(3);
    expect(run("upper(status) == 'ON'", { status: "on" })).toBe(true);
    expect(run("toisodate(ts)", { ts: 0 })).toBe("1970-01-01T00:00:00.000Z");
  });

  it("yields nothing (attribute not forwarded) when a referenced value is missing", () => {
    expect(run("missing * 2", {})).toBeUndefined();
    expect(run("round(missing)", {})).toBeUndefined();
  });

  it("cannot reach JavaScript internals", () => {
    expect(run("constructor", {})).toBeUndefined();
    expect(run("x.constructor", { x: {} })).toBeUndefined();
    expect(run("x.__proto__", { x: {} })).toBeUndefined();
    expect(run("toString", {})).toBeUndefined();
    expect(() => run("constructor.constructor('return process')()", {})).toThrow(ExpressionError);
    expect(() => run("process.exit(1)", {})).toThrow(/unknown function|unexpected token/);
    expect(() => run("a = 1", { a: 0 })).toThrow(/unexpected character "="/);
    expect(() => run("`${1}`", {})).toThrow(ExpressionError);
    expect(() => run("eval('1')", {})).toThrow(/unknown function eval\(\)/);
  });

  it("refuses oversized, deeply nested and runaway expressions with a clear error", () => {
    expect(() => run("1+".repeat(600) + "1")).toThrow(/longer than 1000 characters/);
    expect(() => run("(".repeat(100) + "1" + ")".repeat(100))).toThrow(/nested deeper than 32 levels/);
    expect(() => run(Array.from({ length: 300 }, () => "max(1,2,3,4,5)").join("+"))).toThrow(
      /longer than|more than 2000 steps/,
    );
    expect(() => run("s + s", { s: "x".repeat(3000) })).toThrow(/longer than 4096 characters/);
  });

  it("reports syntax errors with their column", () => {
    expect(() => run("1 + * 2")).toThrow("unexpected token (at column 5)");
    expect(() => run("'open")).toThrow("unterminated string (at column 1)");
    expect(() => run("a ? b")).toThrow(/expected ":"/);
  });

  it("refuses results that are not measurement values", () => {
    expect(() => run("1 / 0")).toThrow(/gave Infinity/);
    expect(() => run("x", { x: { a: 1 } })).toThrow(/list or object/);
    expect(() => run("number('abc')")).toThrow(/cannot convert "abc"/);
  });
});
