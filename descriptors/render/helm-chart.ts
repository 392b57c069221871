import type { LoadedIvfModel, Vnfc } from "../model/model-types.js";
import type { RenderedFile } from "./render-types.js";
import { emitYaml } from "./yaml-emit.js";

/**
 * Helm chart for the Kubernetes flavour (OSM KDU, Tacker CNF): one Deployment and Service per
 * VNFC, running the runtime image with `ivf run <function>`, probes on the runtime kit's
 * /healthz and /readyz, Prometheus scrape annotations, requests from the model's compute.
 */
function deployment(loaded: LoadedIvfModel, vnfc: Vnfc): Record<string, unknown> {
  const { model } = loaded;
  const name = `${model.name}-${vnfc.id}`;
  const http = vnfc.ports.find((port) => port.appProtocol === "http");
  const labels = { "app.kubernetes.io/name": model.name, "app.kubernetes.io/component": vnfc.id };
  const probe = (path: string) => ({
    httpGet: { path, port: "http" },
    periodSeconds: 10,
    failureThreshold: 3,
  });
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels },
    spec: {
      replicas: `{{ .Values.${camel(vnfc.id)}.replicas }}`,
      selector: { matchLabels: labels },
      template: {
        metadata: {
          labels,
          annotations: {
            "prometheus.io/scrape": "true",
            "prometheus.io/port": String(http?.port ?? 8080),
            "prometheus.io/path": model.monitoring.metricsPath,
          },
        },
        spec: {
          terminationGracePeriodSeconds: model.lifecycle.gracefulTerminationSeconds,
          containers: [
            {
              name: vnfc.id,
              image: `{{ .Values.${camel(vnfc.id)}.image }}`,
              command: vnfc.run.command.slice(0, 1),
              args: vnfc.run.command.slice(1),
              env: Object.entries(vnfc.run.env).map(([key, value]) => ({ name: key, value })),
              ports: vnfc.ports.map((port) => ({
                name: port.name,
                containerPort: port.port,
                protocol: port.protocol,
              })),
              resources: {
                requests: { cpu: String(vnfc.compute.vcpus), memory: `${vnfc.compute.memoryMiB}Mi` },
                limits: { memory: `${vnfc.compute.memoryMiB}Mi` },
              },
              livenessProbe: probe("/healthz"),
              readinessProbe: probe("/readyz"),
            },
          ],
        },
      },
    },
  };
}

function camel(id: string): string {
  return id.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

export function renderHelmChart(loaded: LoadedIvfModel, root: string): RenderedFile[] {
  const { model, platform } = loaded;
  const templates: RenderedFile[] = model.vnfcs.flatMap((vnfc) => {
    const name = `${model.name}-${vnfc.id}`;
    const service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: model.vnfcs.length === 1 ? model.name : name },
      spec: {
        selector: { "app.kubernetes.io/name": model.name, "app.kubernetes.io/component": vnfc.id },
        ports: vnfc.ports.map((port) => ({
          name: port.name,
          port: port.port,
          targetPort: port.name,
          protocol: port.protocol,
        })),
      },
    };
    // emitYaml quotes the {{ .Values.x }} actions; unquoted, `replicas` renders as a number.
    return [
      {
        path: `${root}/templates/${name}-deployment.yaml`,
        content: emitYaml(deployment(loaded, vnfc)).replace(/"(\{\{ \.Values\.[\w.]+ \}\})"/g, "$1"),
      },
      { path: `${root}/templates/${name}-service.yaml`, content: emitYaml(service) },
    ];
  });
  const values = Object.fromEntries(
    model.vnfcs.map((vnfc) => [
      camel(vnfc.id),
      {
        image: vnfc.run.containerImage ?? platform.containerImage,
        replicas: model.flavours[0]?.vnfcProfiles[vnfc.id]?.initial ?? 1,
      },
    ]),
  );
  return [
    {
      path: `${root}/Chart.yaml`,
      content: emitYaml({
        apiVersion: "v2",
        name: model.name,
        description: model.description,
        type: "application",
        version: model.descriptorVersion,
        appVersion: platform.softwareVersion,
      }),
    },
    { path: `${root}/values.yaml`, content: emitYaml(values) },
    ...templates,
  ];
}
