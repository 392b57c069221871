/**
 * TOSCA-Metadata/TOSCA.meta block_0 (SOL004 4.1.2 / TOSCA CSAR 1.1): every ETSI entry,
 * spelled as SOL004 spells them (`Created-By`).
 */
export interface ToscaMetaEntries {
  createdBy: string;
  entryDefinitions: string;
  manifest: string;
  changeLog: string;
  licenses: string;
  certificate?: string;
}

export function renderToscaMeta(entries: ToscaMetaEntries): string {
  const lines = [
    "TOSCA-Meta-File-Version: 1.0",
    "CSAR-Version: 1.1",
    `Created-By: ${entries.createdBy}`,
    `Entry-Definitions: ${entries.entryDefinitions}`,
    `ETSI-Entry-Manifest: ${entries.manifest}`,
    `ETSI-Entry-Change-Log: ${entries.changeLog}`,
    `ETSI-Entry-Licenses: ${entries.licenses}`,
    ...(entries.certificate ? [`ETSI-Entry-Certificate: ${entries.certificate}`] : []),
  ];
  return `${lines.join("\n")}\n`;
}
