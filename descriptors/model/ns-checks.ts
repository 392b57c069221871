import { modelErrorCodes, type ModelIssue } from "./model-errors.js";
import { IssueSink } from "./ivf-checks.js";
import type { IvfModel, NetworkServiceModel } from "./model-types.js";
import type { YamlSource } from "./yaml-source.js";

/** Cross-references of the network service model against the IVF models it composes. */
export function checkNetworkService(
  source: YamlSource,
  ns: NetworkServiceModel,
  ivfs: Record<string, IvfModel | undefined>,
): ModelIssue[] {
  const sink = new IssueSink(source);
  sink.unique(ns.members, (member) => member.id, ["members"], "member");
  sink.unique(ns.virtualLinks, (link) => link.id, ["virtualLinks"], "virtual link");
  sink.unique(ns.saps, (sap) => sap.id, ["saps"], "service access point");
  sink.unique(ns.instantiationLevels, (level) => level.id, ["instantiationLevels"], "instantiation level");
  ns.members.forEach((member, m) => {
    const ivf = ivfs[member.ivf];
    if (!ivf)
      return sink.add(
        modelErrorCodes.REFERENCE,
        ["members", m, "ivf"],
        `IVF "${member.ivf}" has no model under descriptors/ivfs/`,
      );
    const flavour = ivf.flavours.find((candidate) => candidate.id === member.flavour);
    if (!flavour)
      sink.add(
        modelErrorCodes.REFERENCE,
        ["members", m, "flavour"],
        `IVF "${member.ivf}" has no flavour "${member.flavour}"`,
      );
    else if (!flavour.instantiationLevels.some((level) => level.id === member.instantiationLevel))
      sink.add(
        modelErrorCodes.REFERENCE,
        ["members", m, "instantiationLevel"],
        `flavour "${member.flavour}" of "${member.ivf}" has no instantiation level "${member.instantiationLevel}"`,
      );
    if (member.minInstances > member.maxInstances)
      sink.add(
        modelErrorCodes.SCALING,
        ["members", m],
        `minInstances ${member.minInstances} exceeds maxInstances ${member.maxInstances}`,
      );
  });
  const checkCp = (memberId: string, extCpd: string, path: (string | number)[]): void => {
    const member = ns.members.find((candidate) => candidate.id === memberId);
    if (!member)
      return sink.add(modelErrorCodes.REFERENCE, [...path, "member"], `member "${memberId}" is not declared`);
    const ivf = ivfs[member.ivf];
    if (ivf && !ivf.extCpds.some((cpd) => cpd.id === extCpd))
      sink.add(
        modelErrorCodes.REFERENCE,
        [...path, "extCpd"],
        `IVF "${member.ivf}" has no external connection point "${extCpd}"`,
      );
  };
  ns.virtualLinks.forEach((link, l) =>
    link.connects.forEach((connection, c) =>
      checkCp(connection.member, connection.extCpd, ["virtualLinks", l, "connects", c]),
    ),
  );
  ns.saps.forEach((sap, s) => checkCp(sap.member, sap.extCpd, ["saps", s]));
  ns.instantiationLevels.forEach((level, l) => {
    for (const member of ns.members)
      if (!(member.id in level.members))
        sink.add(
          modelErrorCodes.REFERENCE,
          ["instantiationLevels", l, "members"],
          `member "${member.id}" has no level in NS level "${level.id}"`,
        );
    for (const [memberId, levelId] of Object.entries(level.members)) {
      const member = ns.members.find((candidate) => candidate.id === memberId);
      const flavour = member
        ? ivfs[member.ivf]?.flavours.find((candidate) => candidate.id === member.flavour)
        : undefined;
      if (!member)
        sink.add(
          modelErrorCodes.REFERENCE,
          ["instantiationLevels", l, "members", memberId],
          `member "${memberId}" is not declared`,
        );
      else if (flavour && !flavour.instantiationLevels.some((candidate) => candidate.id === levelId))
        sink.add(
          modelErrorCodes.REFERENCE,
          ["instantiationLevels", l, "members", memberId],
          `"${member.ivf}" flavour "${member.flavour}" has no instantiation level "${levelId}"`,
        );
    }
  });
  if (!ns.instantiationLevels.some((level) => level.id === ns.defaultInstantiationLevel))
    sink.add(
      modelErrorCodes.REFERENCE,
      ["defaultInstantiationLevel"],
      `instantiation level "${ns.defaultInstantiationLevel}" is not declared`,
    );
  return sink.issues;
}
