import type { LoadedIvfModel } from "../../model/model-types.js";
import { emitYaml } from "../yaml-emit.js";

/**
 * VES event registration (ONAP onap_ves_events set): the measurement event the monitoring
 * agent emits for this VNF, with every KPI as a string-valued additionalMeasurements entry
 * (VES 7.2.1 CommonEventFormat 30.2.1, notes/onap-tacker.md E.2).
 */
export function renderVesRegistration(loaded: LoadedIvfModel): string {
  const { model, platform } = loaded;
  return emitYaml({
    event: {
      presence: "required",
      structure: {
        commonEventHeader: {
          presence: "required",
          structure: {
            domain: { presence: "required", value: "measurement" },
            eventName: { presence: "required", value: `Measurement_IoTVF_${model.name}` },
            eventType: { presence: "required", value: "iotvf-kpi" },
            version: { presence: "required", value: "4.1" },
            vesEventListenerVersion: { presence: "required", value: "7.2.1" },
            reportingEntityName: { presence: "required" },
            sourceName: { presence: "required" },
            nfNamingCode: { presence: "optional", value: model.name },
            nfVendorName: { presence: "optional", value: platform.provider },
          },
        },
        measurementFields: {
          presence: "required",
          structure: {
            measurementInterval: { presence: "required", range: "[1, 3600]", units: "seconds" },
            measurementFieldsVersion: { presence: "required", value: "4.0" },
            additionalMeasurements: {
              presence: "required",
              array: [
                {
                  name: { value: "iotvf" },
                  hashMap: {
                    keyValuePairs: model.monitoring.kpis.map((kpi) => ({
                      key: kpi.id,
                      value: { presence: "required", units: kpi.unit, metric: kpi.metric },
                    })),
                  },
                },
              ],
            },
          },
        },
      },
    },
  });
}
