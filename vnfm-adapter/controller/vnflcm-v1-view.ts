/**
 * Renders the same internal model in the SOL003 v2.4.1 shapes ONAP SO reads: vnfPkgId,
 * vimConnectionInfo as an array with ids (ONAP splits vimId "<owner>_<region>" and reads
 * accessInfo.projectId, notes/onap-tacker.md A.4), resource handles with vimConnectionId.
 */
import type { SubscriptionRecord, VnfInstanceRecord, VnfLcmOpOccRecord } from "../objects/models.js";
import { publicVims, renderOpOccV2, renderVnfInstanceV2 } from "./vnflcm-v2-view.js";

type Json = Record<string, unknown>;

export function renderVnfInstanceV1(instance: VnfInstanceRecord, base: string): Json {
  const v2 = renderVnfInstanceV2(instance, base);
  const vims = Object.entries(publicVims(instance.vimConnectionInfo)).map(([id, vim]) => ({ id, ...vim }));
  const { vimConnectionInfo: _map, instantiatedVnfInfo, metadata, extensions, _links, ...head } = v2;
  const body: Json = { ...head, vnfPkgId: instance.vnfPkgId };
  if (vims.length) body.vimConnectionInfo = vims;
  if (instantiatedVnfInfo) {
    const info = { ...(instantiatedVnfInfo as Json) };
    const fallbackVim = Object.keys(instance.vimConnectionInfo)[0] ?? "local";
    if (Array.isArray(info.extVirtualLinkInfo)) {
      info.extVirtualLinkInfo = (info.extVirtualLinkInfo as Json[]).map((l) => ({
        ...l,
        resourceHandle: { vimConnectionId: fallbackVim, ...(l.resourceHandle as Json) },
      }));
    }
    if (Array.isArray(info.scaleStatus))
      info.scaleStatus = (info.scaleStatus as Json[]).map(({ aspectId, scaleLevel }) => ({
        aspectId,
        scaleLevel,
      }));
    delete info.maxScaleLevels;
    body.instantiatedVnfInfo = info;
  }
  if (metadata) body.metadata = metadata;
  if (extensions) body.extensions = extensions;
  body._links = _links;
  return body;
}

export function renderOpOccV1(occ: VnfLcmOpOccRecord, base: string): Json {
  return renderOpOccV2(occ, base);
}

/** v2.4.1 LccnSubscription has no verbosity. */
export function renderSubscriptionV1(sub: SubscriptionRecord, base: string): Json {
  return {
    id: sub.id,
    ...(sub.filter ? { filter: sub.filter } : {}),
    callbackUri: sub.callbackUri,
    _links: { self: { href: `${base}/subscriptions/${sub.id}` } },
  };
}
