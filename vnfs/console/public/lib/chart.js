/* global document */
// A small SVG time-series chart: one line, optional vertical marks (scale events) and point
// marks (fault detections). Marks carry data-* attributes so tests and users can find them.

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 720;
const HEIGHT = 180;

function svgNode(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * points: [{at, value}] oldest first; events: [{at, label, kind}] drawn as vertical lines;
 * dots: [{at, value, label, kind}] drawn as circles on the line.
 */
export function chart(points, { events = [], dots = [], unit = "", waiting = "collecting samples..." } = {}) {
  const svg = svgNode("svg", { class: "chart", width: WIDTH, height: HEIGHT, role: "img" });
  if (points.length < 2) {
    svg.append(svgNode("text", { x: 8, y: 14 }, waiting));
    return svg;
  }
  const times = [...points.map((p) => p.at), ...events.map((e) => e.at), ...dots.map((d) => d.at)];
  const t0 = Math.min(...times);
  const span = Math.max(1, Math.max(...times) - t0);
  const values = [...points.map((p) => p.value), ...dots.map((d) => d.value)];
  // Pad the value range by 5 % so a flat series is not drawn on the frame.
  const pad = (Math.max(...values) - Math.min(...values)) * 0.05 || Math.abs(values[0]) * 0.01 || 1;
  const low = Math.min(...values) - pad;
  const high = Math.max(...values) + pad;
  const x = (at) => ((at - t0) / span) * (WIDTH - 20) + 10;
  const y = (value) => HEIGHT - 8 - ((value - low) / (high - low)) * (HEIGHT - 30);
  const path = points
    .map((p, i) => `${i ? "L" : "M"}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join(" ");
  svg.append(svgNode("path", { d: path, fill: "none", stroke: "#3b6fd8", class: "series" }));
  for (const event of events) {
    const group = svgNode("g", { "data-scale-event": event.kind, class: `mark ${event.kind}` });
    group.append(
      svgNode("line", { x1: x(event.at), x2: x(event.at), y1: 18, y2: HEIGHT - 4 }),
      svgNode("text", { x: x(event.at) + 3, y: 28 }, event.label),
      svgNode("title", {}, event.label),
    );
    svg.append(group);
  }
  for (const dot of dots) {
    const circle = svgNode("circle", {
      cx: x(dot.at),
      cy: y(dot.value),
      r: 4,
      class: `fault ${dot.kind}`,
      "data-fault": dot.kind,
    });
    circle.append(svgNode("title", {}, dot.label));
    svg.append(circle);
  }
  const range = `${Math.min(...values).toPrecision(4)} .. ${Math.max(...values).toPrecision(4)}`;
  svg.append(svgNode("text", { x: 8, y: 14 }, `${range}${unit ? ` ${unit}` : ""}`));
  return svg;
}
