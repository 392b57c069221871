/**
 * Typed configuration from environment variables (STYLE.md §6).
 *
 * Each process declares the settings it reads as a spec; `loadConfig` validates
 * every variable at once and throws a ConfigError listing all problems, so an
 * operator fixes a broken deployment in one pass instead of one restart per typo.
 */

export type SettingKind = "string" | "integer" | "number" | "boolean" | "url" | "enum" | "duration" | "list";

interface SettingBase<K extends SettingKind, V> {
  kind: K;
  env: string;
  description: string;
  default?: V;
  /** Marks a value that must never be logged or echoed (passwords, keys, tokens). */
  secret?: boolean;
}

export type StringSetting = SettingBase<"string", string> & { pattern?: RegExp };
export type IntegerSetting = SettingBase<"integer", number> & { min?: number; max?: number };
export type NumberSetting = SettingBase<"number", number> & { min?: number; max?: number };
export type BooleanSetting = SettingBase<"boolean", boolean>;
export type UrlSetting = SettingBase<"url", string> & { protocols?: readonly string[] };
export type EnumSetting<E extends string = string> = SettingBase<"enum", E> & { values: readonly E[] };
/** Milliseconds; accepts "500ms", "30s", "2m", "1h", "30d" or a bare number of milliseconds. */
export type DurationSetting = SettingBase<"duration", number>;
/** Comma-separated list of non-empty strings. */
export type ListSetting = SettingBase<"list", string[]>;

export type Setting =
  | StringSetting
  | IntegerSetting
  | NumberSetting
  | BooleanSetting
  | UrlSetting
  | EnumSetting
  | DurationSetting
  | ListSetting;

export type ConfigSpec = Record<string, Setting>;

type ValueOf<S extends Setting> =
  S extends EnumSetting<infer E>
    ? E
    : S extends StringSetting | UrlSetting
      ? string
      : S extends IntegerSetting | NumberSetting | DurationSetting
        ? number
        : S extends BooleanSetting
          ? boolean
          : S extends ListSetting
            ? string[]
            : never;

/** A setting with a default is always present; one without is optional. */
export type ConfigOf<S extends ConfigSpec> = {
  [K in keyof S as S[K] extends { default: unknown } ? K : never]: ValueOf<S[K]>;
} & {
  [K in keyof S as S[K] extends { default: unknown } ? never : K]?: ValueOf<S[K]>;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  - ${problems.join("\n  - ")}`,
    );
    this.name = "ConfigError";
  }
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/;
const DURATION_FACTORS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function parseValue(setting: Setting, raw: string): { value?: unknown; problem?: string } {
  const shown = setting.secret ? "(hidden)" : JSON.stringify(raw);
  switch (setting.kind) {
    case "string":
      if (setting.pattern && !setting.pattern.test(raw)) {
        return { problem: `${setting.env}=${shown} does not match ${setting.pattern}` };
      }
      return { value: raw };
    case "integer":
    case "number": {
      const value = Number(raw);
      const integral = setting.kind === "integer";
      if (raw.trim() === "" || !Number.isFinite(value) || (integral && !Number.isInteger(value))) {
        return { problem: `${setting.env}=${shown} is not ${integral ? "an integer" : "a number"}` };
      }
      if (setting.min !== undefined && value < setting.min) {
        return { problem: `${setting.env}=${shown} is below the minimum ${setting.min}` };
      }
      if (setting.max !== undefined && value > setting.max) {
        return { problem: `${setting.env}=${shown} is above the maximum ${setting.max}` };
      }
      return { value };
    }
    case "boolean": {
      const lowered = raw.trim().toLowerCase();
      if (["1", "true", "yes", "on"].includes(lowered)) return { value: true };
      if (["0", "false", "no", "off"].includes(lowered)) return { value: false };
      return { problem: `${setting.env}=${shown} is not a boolean (use true or false)` };
    }
    case "url": {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return { problem: `${setting.env}=${shown} is not a URL` };
      }
      if (setting.protocols && !setting.protocols.includes(url.protocol.replace(/:$/, ""))) {
        return {
          problem: `${setting.env}=${shown} uses ${url.protocol} but only ${setting.protocols.join(", ")} are supported`,
        };
      }
      return { value: raw };
    }
    case "enum":
      if (!setting.values.includes(raw)) {
        return { problem: `${setting.env}=${shown} must be one of ${setting.values.join(", ")}` };
      }
      return { value: raw };
    case "duration": {
      const match = DURATION.exec(raw.trim());
      if (!match)
        return { problem: `${setting.env}=${shown} is not a duration (e.g. 500ms, 30s, 2m, 1h, 30d)` };
      return { value: Number(match[1]) * DURATION_FACTORS[match[2] ?? "ms"]! };
    }
    case "list": {
      const items = raw
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item.length > 0);
      return { value: items };
    }
  }
}

/** Reads and validates every setting of `spec` from `env`; throws ConfigError listing all problems. */
export function loadConfig<S extends ConfigSpec>(spec: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  const problems: string[] = [];
  const result: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(spec)) {
    const raw = env[setting.env];
    if (raw === undefined || raw === "") {
      if (setting.default !== undefined) result[key] = setting.default;
      continue;
    }
    const parsed = parseValue(setting, raw);
    if (parsed.problem) problems.push(parsed.problem);
    else result[key] = parsed.value;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return result as ConfigOf<S>;
}

/** Returns a copy of a loaded config with secret settings masked, safe to log. */
export function redactConfig<S extends ConfigSpec>(spec: S, config: ConfigOf<S>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(config as Record<string, unknown>) };
  for (const [key, setting] of Object.entries(spec)) {
    if (setting.secret && copy[key] !== undefined) copy[key] = "***";
    if (setting.kind === "url" && typeof copy[key] === "string") copy[key] = redactUrl(copy[key] as string);
  }
  return copy;
}

/** Removes the password of a URL (amqp://user:secret@host becomes amqp://user:***@host). */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return raw;
  }
}
