/**
 * TOSCA.meta (TOSCA-Simple-Profile-YAML 1.x "CSAR" chapter, SOL004 4.3.2): blocks of
 * "key: value" lines separated by blank lines. Block 0 holds the package keys; later blocks
 * describe individual files ("Name:", "Content-Type:", "Algorithm:", "Hash:"), the form
 * Tacker's sample packages use to carry digests without a manifest.
 */
export interface MetaEntry {
  key: string;
  value: string;
  line: number;
}

export interface ToscaMeta {
  blocks: MetaEntry[][];
  malformed: { line: number; text: string }[];
}

export function parseToscaMeta(text: string): ToscaMeta {
  const blocks: MetaEntry[][] = [];
  const malformed: ToscaMeta["malformed"] = [];
  let current: MetaEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") {
      if (current.length) blocks.push(current);
      current = [];
      return;
    }
    if (raw.trimStart().startsWith("#")) return;
    const match = /^([A-Za-z][A-Za-z0-9_.-]*)\s*:\s?(.*)$/.exec(raw);
    if (!match) {
      malformed.push({ line, text: raw });
      return;
    }
    current.push({ key: match[1] as string, value: (match[2] as string).trim(), line });
  });
  if (current.length) blocks.push(current);
  return { blocks, malformed };
}

/** Exact-key lookup first; `loose` also matches other spellings (ONAP matches case-insensitively). */
export function metaValue(block: MetaEntry[] | undefined, key: string): MetaEntry | undefined {
  return block?.find((entry) => entry.key === key);
}

export function metaValueLoose(block: MetaEntry[] | undefined, key: string): MetaEntry | undefined {
  return block?.find((entry) => entry.key.toLowerCase() === key.toLowerCase());
}
