import yaml from "js-yaml";

/** Deterministic YAML for rendered descriptors: insertion order kept, no anchors, no folding. */
export function emitYaml(document: unknown, header?: string): string {
  const body = yaml.dump(document, { noRefs: true, lineWidth: -1, quotingType: '"', sortKeys: false });
  return header
    ? `${header
        .split("\n")
        .map((line) => `# ${line}`.trimEnd())
        .join("\n")}\n${body}`
    : body;
}

/** TOSCA/OSM identifiers: lower snake case, as SOL001 examples and Tacker samples use. */
export function snake(id: string): string {
  return id.replace(/-/g, "_");
}

/** Type names: openiotvf.nodes.FieldGateway from "field-gateway". */
export function pascal(id: string): string {
  return id
    .split(/[-_]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}
