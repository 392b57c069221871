/**
 * Strict parser of the Prometheus text exposition format 0.0.4 (what prom-client serves on
 * /metrics). A scrape target is untrusted input: the parser bounds its size, its number of
 * lines, line length and labels, and rejects anything malformed with the line number instead
 * of guessing, so a broken or hostile VNFC cannot feed wrong numbers into scaling decisions.
 */

export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Sample {
  /** Sample name as written (e.g. `x_bucket` for a histogram family `x`). */
  name: string;
  labels: Record<string, string>;
  value: number;
  timestampMs?: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help?: string;
  samples: Sample[];
}

export interface ParseLimits {
  maxBytes: number;
  maxLines: number;
  maxLineLength: number;
  maxLabelsPerSample: number;
  maxSamples: number;
}

export const defaultParseLimits: ParseLimits = {
  maxBytes: 4 * 1024 * 1024,
  maxLines: 100_000,
  maxLineLength: 16 * 1024,
  maxLabelsPerSample: 32,
  maxSamples: 50_000,
};

export class ExpositionError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(line > 0 ? `metrics exposition line ${line}: ${reason}` : `metrics exposition: ${reason}`);
    this.name = "ExpositionError";
  }
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set<MetricType>(["counter", "gauge", "histogram", "summary", "untyped"]);
const SUFFIXES: Record<MetricType, string[]> = {
  counter: [""],
  gauge: [""],
  untyped: [""],
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["", "_sum", "_count"],
};

export function parseExposition(text: string, limits: Partial<ParseLimits> = {}): Map<string, MetricFamily> {
  const bounds = { ...defaultParseLimits, ...limits };
  if (Buffer.byteLength(text, "utf8") > bounds.maxBytes) {
    throw new ExpositionError(0, `body exceeds ${bounds.maxBytes} bytes`);
  }
  const lines = text.split("\n");
  if (lines.length > bounds.maxLines + 1) throw new ExpositionError(0, `more than ${bounds.maxLines} lines`);
  const state = new ParserState(bounds);
  lines.forEach((raw, index) => state.line(raw.endsWith("\r") ? raw.slice(0, -1) : raw, index + 1));
  return state.families;
}

class ParserState {
  readonly families = new Map<string, MetricFamily>();
  private readonly seenSeries = new Set<string>();
  private sampleCount = 0;

  constructor(private readonly limits: ParseLimits) {}

  line(text: string, lineNo: number): void {
    if (text.length > this.limits.maxLineLength) {
      throw new ExpositionError(lineNo, `line longer than ${this.limits.maxLineLength} characters`);
    }
    const trimmed = text.trim();
    if (trimmed === "") return;
    if (trimmed.startsWith("#")) return this.comment(trimmed, lineNo);
    this.sample(trimmed, lineNo);
  }

  private comment(text: string, lineNo: number): void {
    const match = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s+(.*))?$/.exec(text);
    if (!match) return; // plain comment
    const [, keyword, name, rest = ""] = match as unknown as [string, string, string, string?];
    if (!METRIC_NAME.test(name))
      throw new ExpositionError(lineNo, `invalid metric name "${name}" in ${keyword}`);
    const existing = this.families.get(name);
    if (keyword === "HELP") {
      if (existing?.help !== undefined) throw new ExpositionError(lineNo, `second HELP for ${name}`);
      const family = existing ?? this.declare(name, "untyped", lineNo);
      family.help = unescapeHelp(rest);
      return;
    }
    const type = rest.trim() as MetricType;
    if (!TYPES.has(type))
      throw new ExpositionError(lineNo, `unknown metric type "${rest.trim()}" for ${name}`);
    if (existing && (existing.samples.length > 0 || existing.type !== "untyped")) {
      throw new ExpositionError(lineNo, `TYPE for ${name} comes after its samples or repeats`);
    }
    (existing ?? this.declare(name, type, lineNo)).type = type;
  }

  private declare(name: string, type: MetricType, lineNo: number): MetricFamily {
    if (this.families.size >= this.limits.maxSamples)
      throw new ExpositionError(lineNo, "too many metric families");
    const family: MetricFamily = { name, type, samples: [] };
    this.families.set(name, family);
    return family;
  }

  private sample(text: string, lineNo: number): void {
    if (++this.sampleCount > this.limits.maxSamples) {
      throw new ExpositionError(lineNo, `more than ${this.limits.maxSamples} samples`);
    }
    const sample = parseSampleLine(text, lineNo, this.limits.maxLabelsPerSample);
    const key = seriesKey(sample.name, sample.labels);
    if (this.seenSeries.has(key)) throw new ExpositionError(lineNo, `duplicate series ${key}`);
    this.seenSeries.add(key);
    const family = this.familyOf(sample.name) ?? this.declare(sample.name, "untyped", lineNo);
    if (family.type === "histogram" && sample.name.endsWith("_bucket") && sample.labels.le === undefined) {
      throw new ExpositionError(lineNo, `histogram bucket ${sample.name} has no "le" label`);
    }
    family.samples.push(sample);
  }

  private familyOf(sampleName: string): MetricFamily | undefined {
    const direct = this.families.get(sampleName);
    if (direct && SUFFIXES[direct.type].includes("")) return direct;
    for (const suffix of ["_bucket", "_sum", "_count"]) {
      if (!sampleName.endsWith(suffix)) continue;
      const family = this.families.get(sampleName.slice(0, -suffix.length));
      if (family && SUFFIXES[family.type].includes(suffix)) return family;
    }
    return direct;
  }
}

function parseSampleLine(text: string, lineNo: number, maxLabels: number): Sample {
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(text);
  if (!nameMatch) throw new ExpositionError(lineNo, `expected a metric name at "${text.slice(0, 40)}"`);
  const name = nameMatch[0];
  let rest = text.slice(name.length);
  let labels: Record<string, string> = {};
  if (rest.startsWith("{")) {
    const parsed = parseLabels(rest, lineNo, maxLabels);
    labels = parsed.labels;
    rest = rest.slice(parsed.consumed);
  }
  const parts = rest.trim().split(/\s+/);
  if (parts.length < 1 || parts.length > 2 || parts[0] === "" || !/^\s/.test(rest)) {
    throw new ExpositionError(lineNo, `expected "value [timestamp]" after ${name}`);
  }
  const value = parseValue(parts[0]!, lineNo);
  const sample: Sample = { name, labels, value };
  if (parts[1] !== undefined) {
    if (!/^-?\d{1,16}$/.test(parts[1])) throw new ExpositionError(lineNo, `invalid timestamp "${parts[1]}"`);
    sample.timestampMs = Number(parts[1]);
  }
  return sample;
}

function parseValue(raw: string, lineNo: number): number {
  if (raw === "+Inf" || raw === "Inf") return Number.POSITIVE_INFINITY;
  if (raw === "-Inf") return Number.NEGATIVE_INFINITY;
  if (raw === "NaN") return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) {
    throw new ExpositionError(lineNo, `invalid sample value "${raw.slice(0, 40)}"`);
  }
  return Number(raw);
}

/** Parses `{a="x",b="y"}` (trailing comma allowed), honouring the \\ \" \n escapes. */
function parseLabels(
  text: string,
  lineNo: number,
  maxLabels: number,
): { labels: Record<string, string>; consumed: number } {
  const labels: Record<string, string> = Object.create(null);
  let at = 1;
  for (;;) {
    while (text[at] === " ") at++;
    if (text[at] === "}") return { labels: { ...labels }, consumed: at + 1 };
    const nameMatch = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(at));
    if (!nameMatch || !LABEL_NAME.test(nameMatch[0]))
      throw new ExpositionError(lineNo, `invalid label name at column ${at + 1}`);
    const labelName = nameMatch[0];
    at += labelName.length;
    while (text[at] === " ") at++;
    if (text[at] !== "=" || text[at + 1] !== '"')
      throw new ExpositionError(lineNo, `expected ="..." after label ${labelName}`);
    at += 2;
    let value = "";
    for (;;) {
      const char = text[at];
      if (char === undefined) throw new ExpositionError(lineNo, `unterminated value of label ${labelName}`);
      at++;
      if (char === '"') break;
      if (char === "\\") {
        const escaped = text[at++];
        if (escaped === "n") value += "\n";
        else if (escaped === "\\" || escaped === '"') value += escaped;
        else throw new ExpositionError(lineNo, `invalid escape \\${escaped ?? ""} in label ${labelName}`);
      } else value += char;
    }
    if (labelName in labels) throw new ExpositionError(lineNo, `label ${labelName} appears twice`);
    labels[labelName] = value;
    if (Object.keys(labels).length > maxLabels)
      throw new ExpositionError(lineNo, `more than ${maxLabels} labels`);
    while (text[at] === " ") at++;
    if (text[at] === ",") at++;
    else if (text[at] !== "}") throw new ExpositionError(lineNo, `expected , or } after label ${labelName}`);
  }
}

function unescapeHelp(text: string): string {
  return text.replace(/\\(\\|n)/g, (_, escaped: string) => (escaped === "n" ? "\n" : "\\"));
}

/** Canonical identity of a series: name plus labels sorted by name. */
export function seriesKey(name: string, labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((key) => `${key}=${JSON.stringify(labels[key])}`);
  return `${name}{${parts.join(",")}}`;
}
