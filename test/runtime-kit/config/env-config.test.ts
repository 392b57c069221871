import { describe, expect, it } from "vitest";
import {
  ConfigError,
  loadConfig,
  redactConfig,
  redactUrl,
} from "../../../vnfs/runtime-kit/config/env-config.js";
import { commonSettings } from "../../../vnfs/runtime-kit/config/common-settings.js";

const spec = {
  port: { kind: "integer", env: "T_PORT", description: "port", min: 1, max: 65535, default: 8080 },
  ratio: { kind: "number", env: "T_RATIO", description: "ratio", min: 0, max: 1 },
  enabled: { kind: "boolean", env: "T_ENABLED", description: "flag", default: false },
  mode: { kind: "enum", env: "T_MODE", description: "mode", values: ["a", "b"], default: "a" },
  grace: { kind: "duration", env: "T_GRACE", description: "grace", default: 1000 },
  broker: { kind: "url", env: "T_BROKER", description: "broker", protocols: ["amqp"] },
  tags: { kind: "list", env: "T_TAGS", description: "tags" },
  secret: { kind: "string", env: "T_SECRET", description: "secret", secret: true },
} as const;

describe("typed configuration from the environment", () => {
  it("uses defaults when variables are unset and leaves optional settings absent", () => {
    const config = loadConfig(spec, {});
    expect(config).toEqual({ port: 8080, enabled: false, mode: "a", grace: 1000 });
  });

  it("parses every kind of setting", () => {
    const config = loadConfig(spec, {
      T_PORT: "9000",
      T_RATIO: "0.25",
      T_ENABLED: "yes",
      T_MODE: "b",
      T_GRACE: "2.5s",
      T_BROKER: "amqp://guest:guest@127.0.0.1:5672",
      T_TAGS: " x, y ,,z ",
      T_SECRET: "hunter2",
    });
    expect(config).toEqual({
      port: 9000,
      ratio: 0.25,
      enabled: true,
      mode: "b",
      grace: 2500,
      broker: "amqp://guest:guest@127.0.0.1:5672",
      tags: ["x", "y", "z"],
      secret: "hunter2",
    });
  });

  it("lists every problem at once instead of stopping at the first", () => {
    let caught: unknown;
    try {
      loadConfig(spec, {
        T_PORT: "70000",
        T_RATIO: "lots",
        T_ENABLED: "maybe",
        T_MODE: "c",
        T_GRACE: "soon",
        T_BROKER: "http://x",
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(6);
    expect(problems.join("\n")).toMatch(/T_PORT="70000" is above the maximum 65535/);
    expect(problems.join("\n")).toMatch(/T_MODE="c" must be one of a, b/);
    expect(problems.join("\n")).toMatch(/T_BROKER="http:\/\/x" uses http: but only amqp are supported/);
    expect((caught as ConfigError).message).toMatch(/^invalid configuration \(6 problems\)/);
  });

  it("never echoes a secret value in an error", () => {
    const secretSpec = { key: { kind: "integer", env: "T_KEY", description: "k", secret: true } } as const;
    expect(() => loadConfig(secretSpec, { T_KEY: "s3cr3t-value" })).toThrow(
      /T_KEY=\(hidden\) is not an integer/,
    );
    try {
      loadConfig(secretSpec, { T_KEY: "s3cr3t-value" });
    } catch (error) {
      expect(String(error)).not.toContain("s3cr3t-value");
    }
  });

  it("redacts secrets and URL passwords for logging", () => {
    const config = loadConfig(spec, { T_SECRET: "hunter2", T_BROKER: "amqp://user:pw@host:5672/vh" });
    const shown = redactConfig(spec, config);
    expect(shown.secret).toBe("***");
    expect(shown.broker).toBe("amqp://user:***@host:5672/vh");
    expect(redactUrl("not a url")).toBe("not a url");
  });

  it("selects embedded adapters when no service URL is configured", () => {
    const config = loadConfig(commonSettings, {});
    expect(config.amqpUrl).toBeUndefined();
    expect(config.mongodbUrl).toBeUndefined();
    expect(config.dataDir).toBe(".ivf/data");
  });
});
