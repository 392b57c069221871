import type { FindingSink } from "../findings/report.js";
import { locate, type LoadedDocument } from "../yaml/load-document.js";
import type { PackageArtifacts } from "./nbi-rules.js";

type Obj = Record<string, unknown>;
const list = (value: unknown): Obj[] =>
  Array.isArray(value) ? value.filter((item): item is Obj => !!item && typeof item === "object") : [];

/**
 * Conventions OSM's LCM and NG-SA rely on without validating them (notes/osm.md §3.2-3.3):
 * a descriptor that breaks them onboards but never autoscales.
 */
export function checkAutoscalingConventions(
  vnfd: Obj,
  document: LoadedDocument,
  root: (string | number)[],
  sink: FindingSink,
  artifacts?: PackageArtifacts,
): void {
  const metrics = list(vnfd.vdu).flatMap((vdu) =>
    list(vdu["monitoring-parameter"]).map((param) => String(param["performance-metric"] ?? "")),
  );
  list(vnfd.df).forEach((df, dfIndex) => {
    list(df["scaling-aspect"]).forEach((aspect, index) => {
      if (aspect.name !== undefined && aspect.name !== aspect.id) {
        sink.add(
          "IVF-OSM-006",
          locate(document, [...root, "df", dfIndex, "scaling-aspect", index, "name"]),
          `scaling-aspect '${String(aspect.id)}' has name '${String(aspect.name)}'; LCM and NG-SA use the name as scaling-group-descriptor`,
          "keep name equal to id",
        );
      }
    });
    if (df["exporters-endpoints"] === undefined) return;
    const mixed = metrics.filter((metric) => metric && !metric.startsWith("kpi_"));
    if (mixed.length) {
      sink.add(
        "IVF-OSM-006",
        locate(document, [...root, "df", dfIndex, "exporters-endpoints"]),
        `with exporters-endpoints, OSM drops the osm_ prefix of non-KPI metrics (${mixed.join(", ")}), so their alerts never match`,
        "use performance-metric kpi_<name> for every metric of this VNF",
      );
    }
    if (artifacts && !artifacts.hasDir(`${artifacts.base}exporter-endpoint`)) {
      sink.add(
        "IVF-OSM-006",
        locate(document, [...root, "df", dfIndex, "exporters-endpoints"]),
        "exporters-endpoints is declared but the package has no exporter-endpoint/ folder with a prometheus*.j2 scrape template",
        `add ${artifacts.base}exporter-endpoint/prometheus.j2`,
      );
    }
  });
}
