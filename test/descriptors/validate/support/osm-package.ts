import { createHash } from "node:crypto";

/** A SOL006 v2.6.1 + OSM IM VNFD that is strictly valid (the shape of notes/osm.md §2.1). */
export const strictVnfd = `vnfd:
  id: iot-ingest-vnf
  provider: ExampleIoT
  product-name: iot-ingest-vnf
  software-version: "0.3.0"
  version: "1.0"
  vnfm-info: [osm]
  description: MQTT ingest function
  mgmt-cp: ingest-mgmt-ext
  virtual-compute-desc:
    - id: ingest-compute
      virtual-cpu: {num-virtual-cpu: 2}
      virtual-memory: {size: 2.0}
  virtual-storage-desc:
    - {id: ingest-disk, size-of-storage: 8}
  sw-image-desc:
    - id: ingest-img
      name: ingest-img
      image: ingest-img
      version: "0.3.0"
      checksum: {algorithm: sha-256, hash: "${"ab".repeat(32)}"}
      container-format: bare
      disk-format: qcow2
      min-disk: 8
      size: 1
  vdu:
    - id: ingest
      name: ingest
      sw-image-desc: ingest-img
      virtual-compute-desc: ingest-compute
      virtual-storage-desc: [ingest-disk]
      cloud-init-file: cloud-config.txt
      int-cpd:
        - id: ingest-eth0
          layer-protocol: [ethernet]
          virtual-network-interface-requirement:
            - name: eth0
              position: 1
              network-interface-requirements: [{key: vif, value: paravirt}]
              virtual-interface: {type: PARAVIRT}
      monitoring-parameter:
        - {id: ingest_cpu, name: ingest_cpu, performance-metric: cpu_utilization, collection-period: 15000}
  ext-cpd:
    - id: ingest-mgmt-ext
      layer-protocol: [ethernet]
      int-cpd: {vdu-id: ingest, cpd: ingest-eth0}
  df:
    - id: default-df
      vdu-profile:
        - {id: ingest, min-number-of-instances: 1, max-number-of-instances: 4}
      instantiation-level:
        - id: default
          vdu-level: [{vdu-id: ingest, number-of-instances: 1}]
      default-instantiation-level: default
      scaling-aspect:
        - id: ingest-aspect
          name: ingest-aspect
          max-scale-level: 3
          aspect-delta-details:
            deltas: [{id: one-more, vdu-delta: [{id: ingest, number-of-instances: 1}]}]
          scaling-policy:
            - name: ingest-cpu-policy
              scaling-type: automatic
              enabled: true
              threshold-time: 1
              cooldown-time: 2
              scaling-criteria:
                - name: ingest-cpu-criteria
                  scale-out-threshold: 70
                  scale-out-relational-operation: GT
                  scale-in-threshold: 20
                  scale-in-relational-operation: LT
                  vnf-monitoring-param-ref: ingest_cpu
`;

const md5 = (data: string | Buffer): string => createHash("md5").update(data).digest("hex");

/** The files of an OSM tar.gz package as osm package-build lays them out (notes/osm.md §1.1). */
export function osmPackageFiles(vnfd = strictVnfd, top = "iot-ingest_vnf"): Map<string, string> {
  const files = new Map<string, string>([
    [`${top}/iot-ingest_vnfd.yaml`, vnfd],
    [`${top}/cloud_init/cloud-config.txt`, "#cloud-config\npackages: [mosquitto]\n"],
  ]);
  const sums = [...files].map(([path, data]) => `${md5(data)}\t${path}`).join("\n");
  files.set(`${top}/checksums.txt`, `${sums}\n`);
  return files;
}
