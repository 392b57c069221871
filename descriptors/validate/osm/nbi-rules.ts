import type { FindingSink } from "../findings/report.js";
import type { LoadedDocument } from "../yaml/load-document.js";
import { checkCharms, checkHelmCharts } from "./nbi-artifact-rules.js";
import {
  list,
  obj,
  report,
  text,
  type Ctx,
  type Obj,
  type PackageArtifacts,
  type Segment,
} from "./nbi-common.js";

export type { PackageArtifacts } from "./nbi-common.js";

/**
 * The cross-reference checks OSM NBI runs after pyangbind (VnfdTopic._validate_input_new,
 * notes/osm.md §1.4), with NBI's own wording so operators recognise the messages.
 */
export function checkNbiRules(
  vnfd: Obj,
  document: LoadedDocument,
  root: Segment[],
  sink: FindingSink,
  artifacts?: PackageArtifacts,
): void {
  const ctx: Ctx = { sink, document, root };
  const vnfId = text(vnfd.id);
  const vdus = list(vnfd.vdu);
  const vduIds = new Set(vdus.map((vdu) => text(vdu.id)));
  const extCpds = list(vnfd["ext-cpd"]);
  checkMgmtCp(ctx, vnfd, vdus, extCpds);
  checkConnectionPoints(ctx, vnfd, vdus, extCpds);
  const monitoring = collectMonitoring(ctx, vnfd, vdus);
  vdus.forEach((vdu, index) => checkVdu(ctx, vnfd, vdu, index, vnfId, monitoring, artifacts));
  list(vnfd.df).forEach((df, index) => checkDeploymentFlavour(ctx, vnfd, df, index, vduIds, monitoring));
  checkHelmCharts(ctx, vnfd);
  if (artifacts) checkCharms(ctx, vnfd, vnfId, artifacts);
}

function checkMgmtCp(ctx: Ctx, vnfd: Obj, vdus: Obj[], extCpds: Obj[]): void {
  const mgmt = vnfd["mgmt-cp"];
  if (mgmt === undefined) {
    if (vdus.length)
      report(
        ctx,
        [],
        "'mgmt-cp' is a mandatory field and it is not defined",
        "set mgmt-cp to the ext-cpd OSM manages the VNF through",
      );
  } else if (!extCpds.some((cpd) => text(cpd.id) === text(mgmt))) {
    report(
      ctx,
      ["mgmt-cp"],
      `mgmt-cp='${text(mgmt)}' must match an existing ext-cpd`,
      "name one of the ext-cpd ids",
    );
  }
}

function checkConnectionPoints(ctx: Ctx, vnfd: Obj, vdus: Obj[], extCpds: Obj[]): void {
  const ivlds = new Set(list(vnfd["int-virtual-link-desc"]).map((vld) => text(vld.id)));
  extCpds.forEach((cpd, index) => {
    const intCpd = obj(cpd["int-cpd"]);
    if (cpd["int-cpd"] !== undefined) {
      const vdu = vdus.find((item) => text(item.id) === text(intCpd["vdu-id"]));
      if (!vdu || !list(vdu["int-cpd"]).some((icp) => text(icp.id) === text(intCpd.cpd))) {
        report(
          ctx,
          ["ext-cpd", index, "int-cpd"],
          `ext-cpd[id='${text(cpd.id)}']:int-cpd must match an existing vdu int-cpd`,
          "point vdu-id/cpd at a VDU's int-cpd",
        );
      }
    }
    const link = cpd["int-virtual-link-desc"];
    if (link !== undefined && !ivlds.has(text(link))) {
      report(
        ctx,
        ["ext-cpd", index, "int-virtual-link-desc"],
        `ext-cpd[id='${text(cpd.id)}']:int-virtual-link-desc='${text(link)}' must match an existing int-virtual-link-desc`,
        "declare the internal virtual link",
      );
    }
  });
  vdus.forEach((vdu, vduIndex) =>
    list(vdu["int-cpd"]).forEach((icp, index) => {
      const link = icp["int-virtual-link-desc"];
      if (link !== undefined && !ivlds.has(text(link))) {
        report(
          ctx,
          ["vdu", vduIndex, "int-cpd", index, "int-virtual-link-desc"],
          `vdu[id='${text(vdu.id)}']:int-cpd[id='${text(icp.id)}']:int-virtual-link-desc='${text(link)}' must match an existing int-virtual-link-desc`,
          "declare the internal virtual link",
        );
      }
    }),
  );
}

/** Monitoring-parameter ids must be unique across VLDs, VDUs and deployment flavours. */
function collectMonitoring(ctx: Ctx, vnfd: Obj, vdus: Obj[]): Set<string> {
  const ids = new Set<string>();
  const add = (owner: string, path: Segment[], params: unknown): void =>
    list(params).forEach((param, index) => {
      const id = text(param.id);
      if (ids.has(id))
        report(
          ctx,
          [...path, index],
          `Duplicated monitoring-parameter id in ${owner}:monitoring-parameter[id='${id}']`,
          "give every monitoring-parameter a unique id",
        );
      ids.add(id);
    });
  list(vnfd["int-virtual-link-desc"]).forEach((vld, index) =>
    add(
      `int-virtual-link-desc[id='${text(vld.id)}']`,
      ["int-virtual-link-desc", index, "monitoring-parameters"],
      vld["monitoring-parameters"],
    ),
  );
  vdus.forEach((vdu, index) =>
    add(`vdu[id='${text(vdu.id)}']`, ["vdu", index, "monitoring-parameter"], vdu["monitoring-parameter"]),
  );
  list(vnfd.df).forEach((df, index) =>
    add(`df[id='${text(df.id)}']`, ["df", index, "monitoring-parameter"], df["monitoring-parameter"]),
  );
  return ids;
}

function checkVdu(
  ctx: Ctx,
  vnfd: Obj,
  vdu: Obj,
  index: number,
  vnfId: string,
  monitoring: Set<string>,
  artifacts?: PackageArtifacts,
): void {
  const where = `vnf[id='${vnfId}']:vdu[id='${text(vdu.id)}']`;
  const cloudInit = vdu["cloud-init-file"];
  if (
    artifacts &&
    cloudInit !== undefined &&
    !artifacts.has(`${artifacts.base}cloud_init/${text(cloudInit)}`)
  ) {
    report(
      ctx,
      ["vdu", index, "cloud-init-file"],
      `Cloud-init defined in ${where} but not present in package`,
      `add ${artifacts.base}cloud_init/${text(cloudInit)}`,
    );
  }
  const storages = new Set(list(vnfd["virtual-storage-desc"]).map((item) => text(item.id)));
  const used = Array.isArray(vdu["virtual-storage-desc"])
    ? vdu["virtual-storage-desc"]
    : vdu["virtual-storage-desc"] === undefined
      ? []
      : [vdu["virtual-storage-desc"]];
  used.forEach((storage) => {
    if (!storages.has(text(storage)))
      report(
        ctx,
        ["vdu", index, "virtual-storage-desc"],
        `vdu[virtual-storage-desc='${text(storage)}']not defined in vnfd`,
        "declare it under virtual-storage-desc",
      );
  });
  list(vdu.alarm).forEach((alarm, alarmIndex) => {
    const ref = alarm["vnf-monitoring-param-ref"];
    if (ref !== undefined && !monitoring.has(text(ref))) {
      report(
        ctx,
        ["vdu", index, "alarm", alarmIndex],
        `vdu[id='${text(vdu.id)}']:alarm[alarm-id='${text(alarm["alarm-id"])}']:vnf-monitoring-param-ref='${text(ref)}' not defined in any monitoring-param`,
        "reference a declared monitoring-parameter id",
      );
    }
  });
}

function checkDeploymentFlavour(
  ctx: Ctx,
  vnfd: Obj,
  df: Obj,
  dfIndex: number,
  vduIds: Set<string>,
  monitoring: Set<string>,
): void {
  const dfName = `df[id='${text(df.id)}']`;
  const profiles = new Map(list(df["vdu-profile"]).map((profile) => [text(profile.id), profile]));
  list(df["vdu-profile"]).forEach((profile, index) => {
    if (!vduIds.has(text(profile.id)))
      report(
        ctx,
        ["df", dfIndex, "vdu-profile", index],
        `${dfName}:vdu-profile[id='${text(profile.id)}'] not defined in vdu`,
        "use a VDU id",
      );
  });
  const levelled = new Set<string>();
  list(df["instantiation-level"]).forEach((level, levelIndex) =>
    list(level["vdu-level"]).forEach((vduLevel, index) => {
      const id = text(vduLevel["vdu-id"]);
      levelled.add(id);
      const where = ["df", dfIndex, "instantiation-level", levelIndex, "vdu-level", index];
      const profile = profiles.get(id);
      const count = Number(vduLevel["number-of-instances"]);
      if (!vduIds.has(id))
        report(
          ctx,
          where,
          `${dfName}:instantiation-level[id='${text(level.id)}']:vdu-level[vdu-id='${id}'] not defined in vdu`,
          "use a VDU id",
        );
      else if (
        profile &&
        (count < Number(profile["min-number-of-instances"] ?? 0) ||
          count > Number(profile["max-number-of-instances"] ?? Infinity))
      ) {
        report(
          ctx,
          where,
          `${dfName}:instantiation-level[id='${text(level.id)}']:vdu-level[vdu-id='${id}']: number-of-instances ${count} is outside vdu-profile min/max`,
          "keep it within min/max-number-of-instances",
        );
      }
    }),
  );
  list(df["scaling-aspect"]).forEach((aspect, index) =>
    checkAspect(
      ctx,
      vnfd,
      df,
      aspect,
      ["df", dfIndex, "scaling-aspect", index],
      levelled,
      vduIds,
      monitoring,
    ),
  );
}

function checkAspect(
  ctx: Ctx,
  vnfd: Obj,
  df: Obj,
  aspect: Obj,
  path: Segment[],
  levelled: Set<string>,
  vduIds: Set<string>,
  monitoring: Set<string>,
): void {
  const name = `df[id='${text(df.id)}']:scaling-aspect[id='${text(aspect.id)}']`;
  list(obj(aspect["aspect-delta-details"]).deltas).forEach((delta, deltaIndex) =>
    list(delta["vdu-delta"]).forEach((vduDelta, index) => {
      const id = text(vduDelta.id);
      if (!vduIds.has(id) || !levelled.has(id)) {
        report(
          ctx,
          [...path, "aspect-delta-details", "deltas", deltaIndex, "vdu-delta", index],
          `${name}:aspect-delta-details[delta='${text(delta.id)}']: vdu-id='${id}' not defined in vdu`,
          "the VDU must exist and appear in an instantiation-level vdu-level",
        );
      }
    }),
  );
  list(aspect["scaling-policy"]).forEach((policy, policyIndex) =>
    list(policy["scaling-criteria"]).forEach((criteria, index) => {
      const ref = criteria["vnf-monitoring-param-ref"];
      if (ref !== undefined && !monitoring.has(text(ref))) {
        report(
          ctx,
          [...path, "scaling-policy", policyIndex, "scaling-criteria", index],
          `${name}:scaling-policy[name='${text(policy.name)}']:scaling-criteria[name='${text(criteria.name)}']: vnf-monitoring-param-ref='${text(ref)}' not defined in any monitoring-param`,
          "reference a declared monitoring-parameter id",
        );
      }
    }),
  );
  const actions = list(aspect["scaling-config-action"]);
  const configs = list(obj(obj(df["lcm-operations-configuration"])["operate-vnf-op-config"])["day1-2"]);
  const vnfConfig = configs.find((config) => text(config.id) === text(vnfd.id));
  actions.forEach((action, index) => {
    const primitive = text(action["vnf-config-primitive-name-ref"]);
    if (!vnfConfig)
      report(
        ctx,
        [...path, "scaling-config-action", index],
        `'day1-2 configuration' not defined in the descriptor but it is referenced by ${name}:scaling-config-action`,
        "add a day1-2 entry whose id is the vnfd id",
      );
    else if (!list(vnfConfig["config-primitive"]).some((item) => text(item.name) === primitive)) {
      report(
        ctx,
        [...path, "scaling-config-action", index],
        `${name}:scaling-config-action:vnf-config-primitive-name-ref='${primitive}' does not match any day1-2 configuration:config-primitive:name`,
        "reference a declared config-primitive",
      );
    }
  });
}
