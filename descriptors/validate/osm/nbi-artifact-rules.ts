import { list, obj, report, text, type Ctx, type Obj, type PackageArtifacts } from "./nbi-common.js";

/** NBI's helm-chart check: "repo/chart", a chart folder name, or a URL. */
const helmChart = /^[a-z0-9]([-a-z0-9]*[a-z0-9]\/)?([a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function checkHelmCharts(ctx: Ctx, vnfd: Obj): void {
  list(vnfd.kdu).forEach((kdu, index) => {
    const chart = kdu["helm-chart"];
    if (chart !== undefined && !helmChart.test(text(chart)) && !/^[a-z]+:\/\//i.test(text(chart))) {
      report(
        ctx,
        ["kdu", index, "helm-chart"],
        `helm-chart '${text(chart)}' is not valid`,
        "use repo/chart, a chart folder under helm-charts/, or a URL",
      );
    }
  });
}

export function checkCharms(ctx: Ctx, vnfd: Obj, vnfId: string, artifacts: PackageArtifacts): void {
  list(vnfd.df).forEach((df, dfIndex) =>
    list(obj(obj(df["lcm-operations-configuration"])["operate-vnf-op-config"])["day1-2"]).forEach(
      (config, index) =>
        list(config["execution-environment-list"]).forEach((environment) => {
          const charm = obj(environment.juju).charm;
          if (
            charm !== undefined &&
            !artifacts.hasDir(`${artifacts.base}charms/${text(charm)}`) &&
            !artifacts.has(`${artifacts.base}charms/${text(charm)}.charm`)
          ) {
            report(
              ctx,
              ["df", dfIndex, "lcm-operations-configuration", "operate-vnf-op-config", "day1-2", index],
              `Charm defined in vnf[id='${vnfId}'] but not present in package`,
              `add ${artifacts.base}charms/${text(charm)}`,
            );
          }
          const chart = environment["helm-chart"];
          if (
            chart !== undefined &&
            !text(chart).includes("/") &&
            !artifacts.hasDir(`${artifacts.base}helm-charts/${text(chart)}`)
          ) {
            report(
              ctx,
              ["df", dfIndex, "lcm-operations-configuration", "operate-vnf-op-config", "day1-2", index],
              `helm-chart '${text(chart)}' defined in vnf[id='${vnfId}'] but not present in package`,
              `add ${artifacts.base}helm-charts/${text(chart)}`,
            );
          }
        }),
    ),
  );
}
