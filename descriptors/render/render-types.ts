/** What every renderer returns: files relative to a package root, in a stable order. */
export interface RenderedFile {
  path: string;
  content: string | Buffer;
  /** POSIX mode, 0o644 unless executable. */
  mode?: number;
}

export type Sol001Version = "2.6.1" | "3.3.1";

export const sol001Dialects: Record<Sol001Version, { toscaVersion: string; vnfmInfo: string }> = {
  "2.6.1": { toscaVersion: "tosca_simple_yaml_1_2", vnfmInfo: "etsivnfm:v2.6.1" },
  "3.3.1": { toscaVersion: "tosca_simple_yaml_1_3", vnfmInfo: "etsivnfm:v3.3.1" },
};
