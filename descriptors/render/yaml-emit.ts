import yaml from "js-yaml";

/**
 * A number that must be written as a YAML float even when integral ("2.0", not "2"): TOSCA
 * `float` properties reject integers in strict parsers such as tosca-parser.
 */
export class YamlFloat {
  constructor(readonly value: number) {}
}

const floatType = new yaml.Type("tag:openiotvf,2026:float", {
  kind: "scalar",
  resolve: () => false, // only used when dumping
  instanceOf: YamlFloat,
  represent: (data) => {
    const { value } = data as YamlFloat;
    return Number.isInteger(value) ? value.toFixed(1) : String(value);
  },
});

const schema = yaml.DEFAULT_SCHEMA.extend({ implicit: [floatType] });

/** Deterministic YAML for rendered descriptors: insertion order kept, no anchors, no folding. */
export function emitYaml(document: unknown, header?: string): string {
  const body = yaml.dump(document, {
    schema,
    noRefs: true,
    lineWidth: -1,
    quotingType: '"',
    sortKeys: false,
  });
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
