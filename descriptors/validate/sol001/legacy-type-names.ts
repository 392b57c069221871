/**
 * Type names of SOL001 drafts before v2.5.1 that ONAP's VNF SDK still checks for (r09467):
 * the current name is given as the fix.
 */
export const legacyTypeNames: Record<string, string> = {
  "tosca.nodes.nfv.VDU.Compute": "tosca.nodes.nfv.Vdu.Compute",
  "tosca.nodes.nfv.VDU.VirtualStorage": "tosca.nodes.nfv.Vdu.VirtualBlockStorage",
  "tosca.nodes.nfv.VDU.VirtualBlockStorage": "tosca.nodes.nfv.Vdu.VirtualBlockStorage",
  "tosca.nodes.nfv.VduCpd": "tosca.nodes.nfv.VduCp",
  "tosca.nodes.nfv.VnfExtCpd": "tosca.nodes.nfv.VnfExtCp",
  "tosca.nodes.nfv.VnfVirtualLinkDesc": "tosca.nodes.nfv.VnfVirtualLink",
  "tosca.nodes.nfv.VnfVirtualLinkDescriptor": "tosca.nodes.nfv.VnfVirtualLink",
};
