/**
 * Renders the internal model as SOL003 v3.3.1 resources (Tacker's controller/*_view.py).
 * Links are absolute, built from the API base the request came in on.
 */
import type { components } from "../../api-specs/types/vnflcm-v2.js";
import type { SubscriptionRecord, VnfInstanceRecord, VnfLcmOpOccRecord } from "../objects/models.js";

/** Response types generated from api-specs/vnflcm-v2.yaml: the views cannot drift from the spec. */
export type VnfInstanceV2 = components["schemas"]["VnfInstance"];
export type VnfLcmOpOccV2 = components["schemas"]["VnfLcmOpOcc"];
export type LccnSubscriptionV2 = components["schemas"]["LccnSubscription"];

type Json = Record<string, unknown>;
const link = (href: string) => ({ href });

export const vnfInstanceExcludedByDefault = [
  "vnfConfigurableProperties",
  "vimConnectionInfo",
  "instantiatedVnfInfo",
  "metadata",
  "extensions",
];
export const opOccExcludedByDefault = [
  "operationParams",
  "error",
  "resourceChanges",
  "changedInfo",
  "changedExtConnectivity",
];

/** vimConnectionInfo without credentials: accessInfo is write-only towards the VNFM. */
export function publicVims(vims: VnfInstanceRecord["vimConnectionInfo"]): Record<string, Json> {
  return Object.fromEntries(
    Object.entries(vims).map(([id, vim]) => {
      const { accessInfo, ...rest } = vim;
      const safeAccess = accessInfo
        ? Object.fromEntries(
            Object.entries(accessInfo).filter(([key]) => !/password|secret|credential|token/i.test(key)),
          )
        : undefined;
      return [
        id,
        { ...rest, ...(safeAccess && Object.keys(safeAccess).length ? { accessInfo: safeAccess } : {}) },
      ];
    }),
  );
}

export function vnfcResourceInfo(instance: VnfInstanceRecord): Json[] {
  return instance.vnfcs.map((v) => ({
    id: v.id,
    vduId: v.vduId,
    computeResource: {
      vimConnectionId: v.vimConnectionId,
      resourceId: v.resourceId,
      vimLevelResourceType: "process",
    },
    metadata: v.metadata,
  }));
}

function instanceLinks(instance: VnfInstanceRecord, base: string): Json {
  const self = `${base}/vnf_instances/${instance.id}`;
  const links: Json = { self: link(self) };
  if (instance.instantiationState === "NOT_INSTANTIATED") links.instantiate = link(`${self}/instantiate`);
  else {
    for (const [name, path] of [
      ["terminate", "terminate"],
      ["scale", "scale"],
      ["scaleToLevel", "scale_to_level"],
      ["changeFlavour", "change_flavour"],
      ["heal", "heal"],
      ["operate", "operate"],
      ["changeExtConn", "change_ext_conn"],
    ]) {
      links[name!] = link(`${self}/${path}`);
    }
  }
  return links;
}

export function renderVnfInstanceV2(instance: VnfInstanceRecord, base: string): VnfInstanceV2 {
  const body: Json = {
    id: instance.id,
    ...(instance.vnfInstanceName !== undefined ? { vnfInstanceName: instance.vnfInstanceName } : {}),
    ...(instance.vnfInstanceDescription !== undefined
      ? { vnfInstanceDescription: instance.vnfInstanceDescription }
      : {}),
    vnfdId: instance.vnfdId,
    vnfProvider: instance.vnfProvider,
    vnfProductName: instance.vnfProductName,
    vnfSoftwareVersion: instance.vnfSoftwareVersion,
    vnfdVersion: instance.vnfdVersion,
    ...(instance.vnfConfigurableProperties
      ? { vnfConfigurableProperties: instance.vnfConfigurableProperties }
      : {}),
    ...(Object.keys(instance.vimConnectionInfo).length
      ? { vimConnectionInfo: publicVims(instance.vimConnectionInfo) }
      : {}),
    instantiationState: instance.instantiationState,
  };
  const info = instance.instantiatedVnfInfo;
  if (instance.instantiationState === "INSTANTIATED" && info) {
    body.instantiatedVnfInfo = {
      flavourId: info.flavourId,
      vnfState: info.vnfState,
      ...(info.scaleStatus.length ? { scaleStatus: info.scaleStatus } : {}),
      ...(info.maxScaleLevels.length ? { maxScaleLevels: info.maxScaleLevels } : {}),
      ...(info.extVirtualLinkInfo.length ? { extVirtualLinkInfo: info.extVirtualLinkInfo } : {}),
      ...(info.localizationLanguage ? { localizationLanguage: info.localizationLanguage } : {}),
      ...(instance.vnfcs.length ? { vnfcResourceInfo: vnfcResourceInfo(instance) } : {}),
    };
  }
  if (instance.metadata) body.metadata = instance.metadata;
  if (instance.extensions) body.extensions = instance.extensions;
  body._links = instanceLinks(instance, base);
  return body as VnfInstanceV2;
}

export function renderOpOccV2(occ: VnfLcmOpOccRecord, base: string): VnfLcmOpOccV2 {
  const self = `${base}/vnf_lcm_op_occs/${occ.id}`;
  const links: VnfLcmOpOccV2["_links"] = {
    self: link(self),
    vnfInstance: link(`${base}/vnf_instances/${occ.vnfInstanceId}`),
  };
  if (["STARTING", "PROCESSING", "ROLLING_BACK"].includes(occ.operationState))
    links.cancel = link(`${self}/cancel`);
  if (occ.operationState === "FAILED_TEMP") {
    links.retry = link(`${self}/retry`);
    links.rollback = link(`${self}/rollback`);
    links.fail = link(`${self}/fail`);
  }
  return {
    id: occ.id,
    operationState: occ.operationState,
    stateEnteredTime: occ.stateEnteredTime,
    startTime: occ.startTime,
    vnfInstanceId: occ.vnfInstanceId,
    ...(occ.grantId ? { grantId: occ.grantId } : {}),
    operation: occ.operation,
    isAutomaticInvocation: occ.isAutomaticInvocation,
    operationParams: occ.operationParams ?? {},
    isCancelPending: occ.isCancelPending,
    ...(occ.cancelMode ? { cancelMode: occ.cancelMode } : {}),
    ...(occ.error ? { error: occ.error } : {}),
    ...(occ.affectedVnfcs.length ? { resourceChanges: { affectedVnfcs: occ.affectedVnfcs } } : {}),
    ...(occ.changedInfo && occ.operationState === "COMPLETED" ? { changedInfo: occ.changedInfo } : {}),
    _links: links,
  };
}

export function renderSubscriptionV2(sub: SubscriptionRecord, base: string): LccnSubscriptionV2 {
  return {
    id: sub.id,
    ...(sub.filter ? { filter: sub.filter } : {}),
    callbackUri: sub.callbackUri,
    verbosity: sub.verbosity,
    _links: { self: link(`${base}/subscriptions/${sub.id}`) },
  };
}
