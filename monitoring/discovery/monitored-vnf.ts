/**
 * What the agent needs to know about one VNF instance, whoever it learns it from (the VNFM's
 * SOL003 API today). Kept small on purpose: the agent is a consumer of the VNFM, not its twin.
 */
export interface MonitoredVnfc {
  /** Stable VNFC id (vnfcResourceInfo.id): survives VNFM restarts, names the PM sub-object. */
  id: string;
  vduId: string;
  /** Base URL of the VNFC's HTTP server: /metrics and /readyz are below it. */
  baseUrl: string;
}

export interface MonitoredVnf {
  id: string;
  vnfdId: string;
  vnfInstanceName?: string;
  vnfProductName?: string;
  flavourId: string;
  /** vnfConfigurableProperties.isAutoscaleEnabled (SOL003 5.5.2.2): absent means false. */
  isAutoscaleEnabled: boolean;
  isAutohealEnabled: boolean;
  scaleLevels: Record<string, number>;
  maxScaleLevels: Record<string, number>;
  vnfcs: MonitoredVnfc[];
  /** VnfInstance.metadata: carries OSM/ONAP identifiers (nsInstanceId, vnfMemberIndex, ...). */
  metadata: Record<string, unknown>;
}

export interface VnfInstanceSource {
  /** Instantiated VNF instances; throws when the source cannot be read (the agent keeps the last view). */
  list(): Promise<MonitoredVnf[]>;
}
