import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  ModelLoadError,
  listIvfModels,
  loadIvfModel,
  loadNetworkServiceModel,
  readIvfModelFile,
} from "../../descriptors/index.js";
import { parseYamlSource } from "../../descriptors/model/yaml-source.js";
import { commonSettings } from "../../vnfs/runtime-kit/config/common-settings.js";

const workDir = mkdtempSync(join(tmpdir(), "ivf-model-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const original = readFileSync(
  new URL("../../descriptors/ivfs/request-processor.yaml", import.meta.url),
  "utf8",
);

/** Writes a variant of an authored model and returns the issues loading reports. */
function issuesOf(text: string): ModelLoadError["issues"] {
  const file = join(workDir, "request-processor.yaml");
  writeFileSync(file, text);
  try {
    readIvfModelFile(file);
  } catch (error) {
    if (error instanceof ModelLoadError) return error.issues;
    throw error;
  }
  return [];
}

function lineOf(text: string, fragment: string): number {
  return text.split("\n").findIndex((line) => line.includes(fragment)) + 1;
}

describe("authored IVF models", () => {
  it("exist for every IVF of the platform and all load", () => {
    expect(listIvfModels()).toEqual([
      "cloud-api",
      "data-store",
      "device-manager",
      "fault-detector",
      "field-gateway",
      "identity",
      "opcua-adapter",
      "request-processor",
      "subscription-notifier",
    ]);
    for (const name of listIvfModels()) {
      const loaded = loadIvfModel(name);
      expect(loaded.model.vnfcs[0]?.run.command).toEqual(["ivf", "run", name]);
      expect(loaded.model.monitoring.kpis.map((kpi) => kpi.metric)).toEqual(
        expect.arrayContaining([
          "iotvf_oldest_message_age_seconds",
          "iotvf_backlog_messages",
          "iotvf_utilization_ratio",
        ]),
      );
    }
  });

  it("sets only environment variables the runtime kit or that function reads", () => {
    const common = new Set(Object.values(commonSettings).map((setting) => setting.env));
    for (const name of listIvfModels()) {
      const directory = new URL(`../../vnfs/${name}/`, import.meta.url);
      if (!existsSync(directory)) continue; // function not written yet: nothing to compare with
      const declared = new Set(common);
      const sources = readdirSync(directory, { recursive: true, encoding: "utf8" }).filter((file) =>
        file.endsWith(".ts"),
      );
      for (const file of sources)
        for (const match of readFileSync(new URL(file, directory), "utf8").matchAll(
          /env: "(IVF_[A-Z0-9_]+)"/g,
        ))
          declared.add(match[1] as string);
      for (const vnfc of loadIvfModel(name).model.vnfcs)
        for (const key of Object.keys(vnfc.run.env)) expect(declared.has(key), `${name}: ${key}`).toBe(true);
    }
  });

  it("the network service composes every IVF", () => {
    const ns = loadNetworkServiceModel();
    expect(Object.keys(ns.members).sort()).toEqual(listIvfModels());
  });
});

describe("model errors name file, line and JSON path", () => {
  it("an unknown field is reported at its own line", () => {
    const text = original.replace(
      "    maxBitrateBps: 1000000000",
      "    maxBitrateBps: 1000000000\n    maxBitRate: 5",
    );
    const [issue] = issuesOf(text);
    expect(issue).toMatchObject({
      code: "MODEL_SCHEMA",
      pointer: "/virtualLinks/0/maxBitRate",
      line: lineOf(text, "maxBitRate: 5"),
    });
    expect(issue?.file).toMatch(/request-processor\.yaml$/);
  });

  it("a wrong type inside a flow mapping points at that line", () => {
    const text = original.replace(
      "{ kpi: backlog, operator: GT, threshold: 2000 }",
      "{ kpi: backlog, operator: GT, threshold: lots }",
    );
    const issues = issuesOf(text);
    expect(issues).toContainEqual(
      expect.objectContaining({
        pointer: "/monitoring/scalingPolicies/0/scaleOut/criteria/1/threshold",
        line: lineOf(text, "threshold: lots"),
      }),
    );
  });

  it("a reference to an undeclared KPI is a reference error at the criterion", () => {
    const text = original.replace(
      "{ kpi: backlog, operator: LT, threshold: 50 }",
      "{ kpi: queue_depth, operator: LT, threshold: 50 }",
    );
    expect(issuesOf(text)).toContainEqual(
      expect.objectContaining({
        code: "MODEL_REFERENCE",
        pointer: "/monitoring/scalingPolicies/0/scaleIn/criteria/1/kpi",
        line: lineOf(text, "queue_depth"),
      }),
    );
  });

  it("scale-in thresholds overlapping scale-out ones are refused (hysteresis)", () => {
    const text = original.replace(
      "{ kpi: utilization, operator: LE, threshold: 0.3 }",
      "{ kpi: utilization, operator: LE, threshold: 0.8 }",
    );
    expect(issuesOf(text)).toContainEqual(
      expect.objectContaining({ code: "MODEL_SCALING", line: lineOf(text, "threshold: 0.8") }),
    );
  });

  it("deltas that overflow vdu profile max at the maximum scale level are refused", () => {
    const text = original.replace(
      "processor: { min: 1, initial: 2, max: 9 }",
      "processor: { min: 1, initial: 2, max: 8 }",
    );
    expect(issuesOf(text)).toContainEqual(
      expect.objectContaining({
        code: "MODEL_SCALING",
        pointer: "/flavours/0/vnfcProfiles/processor/max",
        message: expect.stringContaining("reaches 9 instances"),
      }),
    );
  });

  it("a non-uniform aspect needs one step per scale level", () => {
    const text = original.replace("          - { processor: 3 }\n", "");
    expect(issuesOf(text)).toContainEqual(
      expect.objectContaining({
        pointer: "/flavours/0/scalingAspects/0/steps",
        message: expect.stringContaining("got 3"),
      }),
    );
  });

  it("an entrypoint other than ivf run <name> is refused", () => {
    const text = original.replace("command: [ivf, run, request-processor]", "command: [node, server.js]");
    expect(issuesOf(text)).toContainEqual(
      expect.objectContaining({ pointer: "/vnfcs/0/run/command", line: lineOf(text, "node, server.js") }),
    );
  });

  it("an env port that no port declares is refused", () => {
    const text = original.replace(
      'IVF_HTTP_PORT: "8080"',
      'IVF_HTTP_PORT: "8080"\n        IVF_DEBUG_PORT: "9229"',
    );
    expect(issuesOf(text)).toContainEqual(
      expect.objectContaining({
        pointer: "/vnfcs/0/run/env/IVF_DEBUG_PORT",
        line: lineOf(text, "IVF_DEBUG_PORT"),
      }),
    );
  });

  it("env values the runtime kit would refuse are reported with its own message", () => {
    const text = original
      .replace("IVF_LOG_LEVEL: info", "IVF_LOG_LEVEL: chatty")
      .replace("IVF_SHUTDOWN_GRACE: 20s", "IVF_SHUTDOWN_GRACE: 45s");
    const issues = issuesOf(text);
    expect(issues).toContainEqual(
      expect.objectContaining({ pointer: "/vnfcs/0/run/env/IVF_LOG_LEVEL", line: lineOf(text, "chatty") }),
    );
    expect(issues).toHaveLength(1);
    const grace = issuesOf(original.replace("IVF_SHUTDOWN_GRACE: 20s", "IVF_SHUTDOWN_GRACE: 45s"));
    expect(grace).toContainEqual(
      expect.objectContaining({
        pointer: "/vnfcs/0/run/env/IVF_SHUTDOWN_GRACE",
        message: expect.stringContaining("45000 ms"),
      }),
    );
  });

  it("YAML syntax errors carry the line", () => {
    const text = original.replace("kind: ivf", "kind: [ivf");
    const [issue] = issuesOf(text);
    expect(issue?.code).toBe("MODEL_YAML_SYNTAX");
    expect(issue?.line).toBeGreaterThan(0);
  });

  it("loading by name checks the file name matches the model name", () => {
    expect(() => loadIvfModel("no-such-ivf")).toThrow(/no such IVF model/);
  });
});

describe("network service model errors", () => {
  const nsText = readFileSync(new URL("../../descriptors/ns/iot-platform.yaml", import.meta.url), "utf8");
  const nsIssues = (text: string): ModelLoadError["issues"] => {
    const file = join(workDir, "iot-platform.yaml");
    writeFileSync(file, text);
    try {
      loadNetworkServiceModel(file);
    } catch (error) {
      if (error instanceof ModelLoadError) return error.issues;
      throw error;
    }
    return [];
  };

  it("a connection to an external CP the IVF lacks is reported at that line", () => {
    const text = nsText.replace("{ member: api, extCpd: api-ext }", "{ member: api, extCpd: web-ext }");
    expect(nsIssues(text)).toContainEqual(
      expect.objectContaining({
        code: "MODEL_REFERENCE",
        message: expect.stringContaining('"web-ext"'),
        line: lineOf(text, "web-ext"),
      }),
    );
  });

  it("an NS level naming an instantiation level the IVF flavour lacks is refused", () => {
    const text = nsText.replace(/(id: peak[\s\S]*?gateway: )peak/, "$1turbo");
    expect(nsIssues(text)).toContainEqual(
      expect.objectContaining({
        pointer: "/instantiationLevels/2/members/gateway",
        line: lineOf(text, "gateway: turbo"),
      }),
    );
  });
});

describe("hostile YAML", () => {
  it("an alias bomb is refused before anything expands it", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let index = 1; index < 8; index += 1)
      levels.push(
        `l${index}: &l${index} [${Array(10)
          .fill(index === 1 ? "*a" : `*l${index - 1}`)
          .join(", ")}]`,
      );
    const result = parseYamlSource("bomb.yaml", levels.join("\n"));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/aliases expand to more than/);
  });

  it("deep nesting is refused", () => {
    const result = parseYamlSource("deep.yaml", `${"[".repeat(3000)}${"]".repeat(3000)}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/nesting deeper/);
  });

  it("oversized files are refused", () => {
    const result = parseYamlSource("big.yaml", `a: "${"x".repeat(1024 * 1024)}"`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.code).toBe("MODEL_TOO_LARGE");
  });

  it("a self-referencing anchor is refused", () => {
    const result = parseYamlSource("cycle.yaml", "a: &a\n  b: *a\n");
    expect(result.ok).toBe(false);
  });
});
