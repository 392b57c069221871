import { modelErrorCodes, pointerOf, type ModelErrorCode, type ModelIssue } from "./model-errors.js";
import type { Flavour, IvfModel } from "./model-types.js";
import { checkMonitoring } from "./kpi-checks.js";
import { instancesAt, maxScaleLevels } from "./scaling-math.js";
import type { YamlSource } from "./yaml-source.js";
import { commonSettings } from "../../vnfs/runtime-kit/config/common-settings.js";
import { ConfigError, loadConfig } from "../../vnfs/runtime-kit/config/env-config.js";

/**
 * Cross-reference and consistency rules the JSON Schema cannot express. Each rule reports
 * at the JSON path of the offending value, so the line number points at it.
 */
export class IssueSink {
  readonly issues: ModelIssue[] = [];
  constructor(private readonly source: YamlSource) {}

  add(code: ModelErrorCode, path: (string | number)[], message: string, hint?: string): void {
    const pointer = pointerOf(path);
    this.issues.push({
      code,
      file: this.source.file,
      line: this.source.lineOf(pointer),
      pointer,
      message,
      ...(hint ? { hint } : {}),
    });
  }

  unique<T>(items: readonly T[], key: (item: T) => string, path: (string | number)[], what: string): void {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const id = key(item);
      if (seen.has(id))
        this.add(
          modelErrorCodes.DUPLICATE,
          [...path, index],
          `duplicate ${what} "${id}"`,
          "ids must be unique",
        );
      seen.add(id);
    });
  }
}

export function checkIvfModel(source: YamlSource, model: IvfModel): ModelIssue[] {
  const sink = new IssueSink(source);
  checkTopology(sink, model);
  checkRunSpec(sink, model);
  model.flavours.forEach((flavour, index) => checkFlavour(sink, model, flavour, ["flavours", index]));
  sink.unique(model.flavours, (flavour) => flavour.id, ["flavours"], "flavour");
  checkMonitoring(sink, model);
  return sink.issues;
}

function checkTopology(sink: IssueSink, model: IvfModel): void {
  const links = new Set(model.virtualLinks.map((link) => link.id));
  sink.unique(model.vnfcs, (vnfc) => vnfc.id, ["vnfcs"], "VNFC");
  sink.unique(model.virtualLinks, (link) => link.id, ["virtualLinks"], "virtual link");
  sink.unique(model.extCpds, (cpd) => cpd.id, ["extCpds"], "external connection point");
  model.vnfcs.forEach((vnfc, v) => {
    sink.unique(vnfc.internalCps, (cp) => cp.id, ["vnfcs", v, "internalCps"], "internal connection point");
    sink.unique(vnfc.ports, (port) => port.name, ["vnfcs", v, "ports"], "port");
    sink.unique(vnfc.ports, (port) => `${port.protocol}/${port.port}`, ["vnfcs", v, "ports"], "port number");
    vnfc.internalCps.forEach((cp, c) => {
      if (cp.virtualLink !== undefined && !links.has(cp.virtualLink))
        sink.add(
          modelErrorCodes.REFERENCE,
          ["vnfcs", v, "internalCps", c, "virtualLink"],
          `virtual link "${cp.virtualLink}" is not declared`,
          "declare it under virtualLinks",
        );
    });
    vnfc.ports.forEach((port, p) => {
      const cpd = model.extCpds.find((candidate) => candidate.id === port.extCpd);
      if (!cpd)
        sink.add(
          modelErrorCodes.REFERENCE,
          ["vnfcs", v, "ports", p, "extCpd"],
          `external connection point "${port.extCpd}" is not declared`,
        );
      else if (cpd.vnfc !== vnfc.id)
        sink.add(
          modelErrorCodes.CONSISTENCY,
          ["vnfcs", v, "ports", p, "extCpd"],
          `external connection point "${port.extCpd}" belongs to VNFC "${cpd.vnfc}", not "${vnfc.id}"`,
        );
    });
  });
  model.extCpds.forEach((cpd, index) => {
    const vnfc = model.vnfcs.find((candidate) => candidate.id === cpd.vnfc);
    if (!vnfc)
      sink.add(modelErrorCodes.REFERENCE, ["extCpds", index, "vnfc"], `VNFC "${cpd.vnfc}" is not declared`);
    else if (!vnfc.internalCps.some((cp) => cp.id === cpd.internalCp))
      sink.add(
        modelErrorCodes.REFERENCE,
        ["extCpds", index, "internalCp"],
        `VNFC "${cpd.vnfc}" has no internal connection point "${cpd.internalCp}"`,
      );
  });
  const management = model.extCpds.filter((cpd) => cpd.management === true);
  if (management.length !== 1)
    sink.add(
      modelErrorCodes.CONSISTENCY,
      ["extCpds"],
      `exactly one external connection point must have management: true (found ${management.length})`,
      "OSM requires mgmt-cp when VDUs exist",
    );
}

function checkRunSpec(sink: IssueSink, model: IvfModel): void {
  model.vnfcs.forEach((vnfc, v) => {
    const [tool, verb, name] = vnfc.run.command;
    if (tool !== "ivf" || verb !== "run" || name !== model.name)
      sink.add(
        modelErrorCodes.CONSISTENCY,
        ["vnfcs", v, "run", "command"],
        `entrypoint must start with "ivf run ${model.name}"`,
        "every VNFC boots through the ivf command",
      );
    const httpPort = vnfc.run.env.IVF_HTTP_PORT;
    if (httpPort === undefined)
      sink.add(
        modelErrorCodes.CONSISTENCY,
        ["vnfcs", v, "run", "env"],
        "IVF_HTTP_PORT is not set",
        "the VNFM and Prometheus need a fixed port; the runtime default 0 picks a random one",
      );
    else if (!vnfc.ports.some((port) => port.appProtocol === "http" && String(port.port) === httpPort))
      sink.add(
        modelErrorCodes.CONSISTENCY,
        ["vnfcs", v, "run", "env", "IVF_HTTP_PORT"],
        `IVF_HTTP_PORT=${httpPort} matches no http port of the VNFC`,
      );
    for (const [key, value] of Object.entries(vnfc.run.env))
      if (
        key.endsWith("_PORT") &&
        /^[1-9][0-9]*$/.test(value) &&
        !vnfc.ports.some((port) => String(port.port) === value)
      )
        sink.add(
          modelErrorCodes.CONSISTENCY,
          ["vnfcs", v, "run", "env", key],
          `${key}=${value} is not a declared port of the VNFC`,
          "declare it under ports so CPs, Helm and the VNFM expose it",
        );
    checkCommonSettings(sink, model, v);
    const host = vnfc.run.env.IVF_HTTP_HOST;
    if (host !== "0.0.0.0" && host !== "::")
      sink.add(
        modelErrorCodes.CONSISTENCY,
        ["vnfcs", v, "run", "env"],
        "IVF_HTTP_HOST must be 0.0.0.0 or ::",
        "the runtime default 127.0.0.1 is unreachable from other VNFCs",
      );
  });
}

/**
 * The runtime kit's own parser judges the common IVF_* values (so the model cannot hold a value
 * `ivf run` would refuse), and the process must finish its graceful shutdown before the VNFM's
 * graceful termination timeout expires.
 */
function checkCommonSettings(sink: IssueSink, model: IvfModel, v: number): void {
  const env = model.vnfcs[v]?.run.env ?? {};
  try {
    const config = loadConfig(commonSettings, env);
    if (config.shutdownGrace >= model.lifecycle.gracefulTerminationSeconds * 1000)
      sink.add(
        modelErrorCodes.CONSISTENCY,
        ["vnfcs", v, "run", "env", "IVF_SHUTDOWN_GRACE"],
        `shutdown grace ${config.shutdownGrace} ms is not shorter than lifecycle.gracefulTerminationSeconds (${model.lifecycle.gracefulTerminationSeconds} s)`,
        "the VNFM would kill the process mid-drain",
      );
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) {
      const key = /^(IVF_[A-Z0-9_]+)/.exec(problem)?.[1];
      sink.add(
        modelErrorCodes.CONSISTENCY,
        ["vnfcs", v, "run", "env", ...(key ? [key] : [])],
        problem,
        "the runtime kit would refuse to start with it",
      );
    }
  }
}

function checkFlavour(sink: IssueSink, model: IvfModel, flavour: Flavour, at: (string | number)[]): void {
  const vnfcIds = new Set(model.vnfcs.map((vnfc) => vnfc.id));
  for (const vnfc of model.vnfcs)
    if (!flavour.vnfcProfiles[vnfc.id])
      sink.add(
        modelErrorCodes.REFERENCE,
        [...at, "vnfcProfiles"],
        `VNFC "${vnfc.id}" has no profile in flavour "${flavour.id}"`,
      );
  for (const [id, profile] of Object.entries(flavour.vnfcProfiles)) {
    if (!vnfcIds.has(id))
      sink.add(modelErrorCodes.REFERENCE, [...at, "vnfcProfiles", id], `VNFC "${id}" is not declared`);
    if (!(profile.min <= profile.initial && profile.initial <= profile.max))
      sink.add(
        modelErrorCodes.SCALING,
        [...at, "vnfcProfiles", id],
        `profile needs min <= initial <= max (got ${profile.min}, ${profile.initial}, ${profile.max})`,
      );
  }
  sink.unique(flavour.scalingAspects, (aspect) => aspect.id, [...at, "scalingAspects"], "scaling aspect");
  flavour.scalingAspects.forEach((aspect, a) => {
    if (aspect.steps.length !== 1 && aspect.steps.length !== aspect.maxScaleLevel)
      sink.add(
        modelErrorCodes.SCALING,
        [...at, "scalingAspects", a, "steps"],
        `needs 1 step (uniform) or ${aspect.maxScaleLevel} steps (one per scale level), got ${aspect.steps.length}`,
      );
    aspect.steps.forEach((step, s) => {
      for (const vnfc of Object.keys(step))
        if (!flavour.vnfcProfiles[vnfc])
          sink.add(
            modelErrorCodes.REFERENCE,
            [...at, "scalingAspects", a, "steps", s, vnfc],
            `VNFC "${vnfc}" has no profile in this flavour`,
          );
    });
  });
  const top = maxScaleLevels(flavour);
  for (const id of Object.keys(flavour.vnfcProfiles)) {
    const most = instancesAt(flavour, id, top);
    const profile = flavour.vnfcProfiles[id];
    if (profile && most > profile.max)
      sink.add(
        modelErrorCodes.SCALING,
        [...at, "vnfcProfiles", id, "max"],
        `VNFC "${id}" reaches ${most} instances at the maximum scale levels, above max ${profile.max}`,
        "lower max scale level or deltas, or raise max",
      );
  }
  checkLevels(sink, flavour, at);
}

function checkLevels(sink: IssueSink, flavour: Flavour, at: (string | number)[]): void {
  sink.unique(
    flavour.instantiationLevels,
    (level) => level.id,
    [...at, "instantiationLevels"],
    "instantiation level",
  );
  flavour.instantiationLevels.forEach((level, l) => {
    for (const [aspectId, scaleLevel] of Object.entries(level.scaleLevels)) {
      const aspect = flavour.scalingAspects.find((candidate) => candidate.id === aspectId);
      const path = [...at, "instantiationLevels", l, "scaleLevels", aspectId];
      if (!aspect)
        sink.add(
          modelErrorCodes.REFERENCE,
          path,
          `scaling aspect "${aspectId}" is not declared in flavour "${flavour.id}"`,
        );
      else if (scaleLevel > aspect.maxScaleLevel)
        sink.add(
          modelErrorCodes.SCALING,
          path,
          `scale level ${scaleLevel} exceeds max scale level ${aspect.maxScaleLevel}`,
        );
    }
  });
  if (!flavour.instantiationLevels.some((level) => level.id === flavour.defaultInstantiationLevel))
    sink.add(
      modelErrorCodes.REFERENCE,
      [...at, "defaultInstantiationLevel"],
      `instantiation level "${flavour.defaultInstantiationLevel}" is not declared`,
    );
}
