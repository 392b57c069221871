/**
 * GENERATED from descriptors/model/model-schema.ts by descriptors/model/tools/generate-model-types.ts.
 * Do not edit: change the schema and regenerate.
 */
export type paths = Record<string, never>;
export type webhooks = Record<string, never>;
export type components = {
  schemas: {
    /** @description How the VNFC process starts: `ivf run <function>` with its environment */
    Run: {
      command: string[];
      env: {
        [key: string]: string;
      };
      /** @description Overrides the platform container image */
      containerImage?: string;
    };
    Port: {
      name: string;
      port: number;
      /** @enum {unknown} */
      protocol: "TCP" | "UDP";
      /** @enum {unknown} */
      appProtocol: "http" | "mqtt" | "opcua" | "amqp" | "coap";
      /** @description External connection point the port is reachable through */
      extCpd: string;
    };
    Compute: {
      vcpus: number;
      /** @description Multiple of 128 MiB so SOL006 virtual-memory size (GB, 1 fraction digit) stays exact enough */
      memoryMiB: number;
      /** @enum {unknown} */
      cpuArchitecture?: "x86_64" | "aarch64";
    };
    Storage: {
      id: string;
      sizeGiB: number;
      description: string;
    };
    InternalCp: {
      id: string;
      /** @description Internal virtual link; absent = only external */
      virtualLink?: string;
      order: number;
    };
    /** @description One VNFC = one VDU (SOL001 Vdu.Compute, SOL006 vdu) */
    Vnfc: {
      id: string;
      name: string;
      description: string;
      run: components["schemas"]["Run"];
      ports: components["schemas"]["Port"][];
      compute: components["schemas"]["Compute"];
      storage?: components["schemas"]["Storage"][];
      internalCps: components["schemas"]["InternalCp"][];
    };
    VirtualLink: {
      id: string;
      description: string;
      /** @enum {unknown} */
      flowPattern?: "line" | "tree" | "mesh";
      maxBitrateBps: number;
      minBitrateBps: number;
    };
    ExtCpd: {
      id: string;
      description: string;
      vnfc: string;
      internalCp: string;
      /** @description OSM mgmt-cp; exactly one per model */
      management?: boolean;
    };
    VnfcProfile: {
      min: number;
      max: number;
      /** @description VduInitialDelta: instances at scale level 0 */
      initial: number;
    };
    ScalingAspect: {
      id: string;
      description: string;
      maxScaleLevel: number;
      /** @description Instances added per VNFC by each step; one entry = uniform, else one per step (non-uniform) */
      steps: {
        [key: string]: number;
      }[];
    };
    InstantiationLevel: {
      id: string;
      description: string;
      scaleLevels: {
        [key: string]: number;
      };
    };
    Flavour: {
      id: string;
      description: string;
      vnfcProfiles: {
        [key: string]: components["schemas"]["VnfcProfile"];
      };
      scalingAspects: components["schemas"]["ScalingAspect"][];
      instantiationLevels: components["schemas"]["InstantiationLevel"][];
      defaultInstantiationLevel: string;
    };
    Kpi: {
      /** @description OSM performance-metric kpi_<id>, exported as osm_<id> */
      id: string;
      /** @description Prometheus metric name */
      metric: string;
      /** @enum {unknown} */
      type: "gauge" | "counter" | "histogram";
      /** @enum {unknown} */
      unit: "seconds" | "messages" | "ratio" | "bytes" | "messages_per_second" | "connections" | "devices";
      description: string;
      /**
       * @description How instances combine (rate/p99 apply to counters/histograms)
       * @enum {unknown}
       */
      aggregation: "avg" | "max" | "sum" | "rate" | "p99";
      collectionPeriodSeconds: number;
      /** @description Also declared as a VNF indicator (SOL001 VnfIndicator) */
      indicator?: boolean;
    };
    Criterion: {
      kpi: string;
      /** @enum {unknown} */
      operator: "GT" | "GE" | "LT" | "LE" | "EQ" | "NE";
      threshold: number;
    };
    ScalingRule: {
      /** @enum {unknown} */
      combine: "AND" | "OR";
      criteria: components["schemas"]["Criterion"][];
      evaluationWindowSeconds: number;
      cooldownSeconds: number;
    };
    ScalingPolicy: {
      id: string;
      flavour: string;
      aspect: string;
      scaleOut: components["schemas"]["ScalingRule"];
      scaleIn: components["schemas"]["ScalingRule"];
    };
    Monitoring: {
      /** @description Name of the port serving GET <metricsPath> */
      metricsPort: string;
      metricsPath: string;
      kpis: components["schemas"]["Kpi"][];
      scalingPolicies: components["schemas"]["ScalingPolicy"][];
    };
    ConfigurableProperties: {
      isAutoscaleEnabled: boolean;
      isAutohealEnabled: boolean;
    };
    Lifecycle: {
      gracefulTerminationSeconds: number;
    };
    /** @description One IoT Virtualized Function (one VNF) */
    IvfModel: {
      /** @constant */
      schemaVersion: 1;
      /** @constant */
      kind: "ivf";
      /** @description Function name: vnfs/<name>, `ivf run <name>` */
      name: string;
      /** @description VNFD id (SOL001 descriptor_id, SOL006 vnfd id is <name>) */
      descriptorId: string;
      descriptorVersion: string;
      productName: string;
      description: string;
      vnfcs: components["schemas"]["Vnfc"][];
      virtualLinks: components["schemas"]["VirtualLink"][];
      extCpds: components["schemas"]["ExtCpd"][];
      flavours: components["schemas"]["Flavour"][];
      monitoring: components["schemas"]["Monitoring"];
      configurableProperties: components["schemas"]["ConfigurableProperties"];
      lifecycle: components["schemas"]["Lifecycle"];
    };
    /** @description The VM image every VNFC boots (SOL001 sw_image_data, SOL006 sw-image-desc) */
    SoftwareImage: {
      name: string;
      version: string;
      sha256: string;
      /** @enum {unknown} */
      containerFormat: "bare" | "ova" | "ovf" | "docker";
      /** @enum {unknown} */
      diskFormat: "qcow2" | "raw" | "vmdk" | "iso";
      minDiskGiB: number;
      sizeGiB: number;
      operatingSystem: string;
    };
    /** @description Facts shared by every IVF of the product (provider, release, images) */
    Platform: {
      /** @constant */
      schemaVersion: 1;
      /** @constant */
      kind: "platform";
      provider: string;
      softwareVersion: string;
      /** @description RFC 3339 UTC; also the fixed timestamp of every archive entry (deterministic builds) */
      releaseDateTime: string;
      containerImage: string;
      softwareImage: components["schemas"]["SoftwareImage"];
      licence: {
        spdxId: string;
        holder: string;
      };
      changeLog: {
        version: string;
        date: string;
        changes: string[];
      }[];
    };
    NsMember: {
      id: string;
      ivf: string;
      flavour: string;
      instantiationLevel: string;
      minInstances: number;
      maxInstances: number;
    };
    NsConnection: {
      member: string;
      extCpd: string;
    };
    NsVirtualLink: {
      id: string;
      description: string;
      management?: boolean;
      connects: components["schemas"]["NsConnection"][];
      maxBitrateBps: number;
      minBitrateBps: number;
    };
    /** @description Service access point (SOL001 Sap / SOL006 sapd) exposing a member's external CP */
    NsSap: {
      id: string;
      description: string;
      member: string;
      extCpd: string;
    };
    NsInstantiationLevel: {
      id: string;
      description: string;
      members: {
        [key: string]: string;
      };
    };
    /** @description The IoT platform as a network service (NSD) */
    NetworkServiceModel: {
      /** @constant */
      schemaVersion: 1;
      /** @constant */
      kind: "network-service";
      name: string;
      nsdId: string;
      version: string;
      description: string;
      members: components["schemas"]["NsMember"][];
      virtualLinks: components["schemas"]["NsVirtualLink"][];
      saps: components["schemas"]["NsSap"][];
      instantiationLevels: components["schemas"]["NsInstantiationLevel"][];
      defaultInstantiationLevel: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
};
export type Run = components["schemas"]["Run"];
export type Port = components["schemas"]["Port"];
export type Compute = components["schemas"]["Compute"];
export type Storage = components["schemas"]["Storage"];
export type InternalCp = components["schemas"]["InternalCp"];
export type Vnfc = components["schemas"]["Vnfc"];
export type VirtualLink = components["schemas"]["VirtualLink"];
export type ExtCpd = components["schemas"]["ExtCpd"];
export type VnfcProfile = components["schemas"]["VnfcProfile"];
export type ScalingAspect = components["schemas"]["ScalingAspect"];
export type InstantiationLevel = components["schemas"]["InstantiationLevel"];
export type Flavour = components["schemas"]["Flavour"];
export type Kpi = components["schemas"]["Kpi"];
export type Criterion = components["schemas"]["Criterion"];
export type ScalingRule = components["schemas"]["ScalingRule"];
export type ScalingPolicy = components["schemas"]["ScalingPolicy"];
export type Monitoring = components["schemas"]["Monitoring"];
export type ConfigurableProperties = components["schemas"]["ConfigurableProperties"];
export type Lifecycle = components["schemas"]["Lifecycle"];
export type IvfModel = components["schemas"]["IvfModel"];
export type SoftwareImage = components["schemas"]["SoftwareImage"];
export type Platform = components["schemas"]["Platform"];
export type NsMember = components["schemas"]["NsMember"];
export type NsConnection = components["schemas"]["NsConnection"];
export type NsVirtualLink = components["schemas"]["NsVirtualLink"];
export type NsSap = components["schemas"]["NsSap"];
export type NsInstantiationLevel = components["schemas"]["NsInstantiationLevel"];
export type NetworkServiceModel = components["schemas"]["NetworkServiceModel"];
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
