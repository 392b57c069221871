// One IVF: its VNFCs with health, a live KPI chart per VNFC (sampled every refresh from the
// VNFC's /metrics through the backend) and its SCALE operations marked on the charts.
import { chart } from "../lib/chart.js";
import { api, el, table, time } from "../lib/dom.js";
import { actionButtons, scaleCell } from "./operate.js";

const series = new Map();
const KPI = /received|oldest|backlog|utilization|stored|processed/;
// Scale events this recent widen the chart's time axis so their marks are visible.
const EVENT_WINDOW_MS = 10 * 60 * 1000;

function eventLabel(event) {
  return `${event.direction === "in" ? "▼ in" : "▲ out"} ${event.automatic ? "auto" : "manual"}`;
}

async function sample(id, vnfc) {
  const key = `${id}/${vnfc.id}`;
  const history = series.get(key) ?? [];
  try {
    history.push(
      await api("GET", `/api/instances/${encodeURIComponent(id)}/vnfcs/${encodeURIComponent(vnfc.id)}/kpis`),
    );
    if (history.length > 150) history.shift();
    series.set(key, history);
  } catch {
    // A VNFC that does not answer /metrics shows no new point; its health column says why.
  }
  return history;
}

export async function renderInstance(id) {
  const entry = await api("GET", `/api/instances/${encodeURIComponent(id)}`);
  const recent = entry.scaleEvents.filter((event) => event.at > Date.now() - EVENT_WINDOW_MS);
  const marks = recent.map((event) => ({
    at: event.at,
    kind: `scale-${event.direction} ${event.automatic ? "auto" : "manual"}`,
    label: eventLabel(event),
  }));
  const kpiBlocks = [];
  for (const vnfc of entry.vnfcs) {
    const history = await sample(id, vnfc);
    const name = Object.keys(history.at(-1)?.kpis ?? {}).find((kpi) => KPI.test(kpi));
    kpiBlocks.push(
      el("h3", {}, `${vnfc.id} ${name ? `- ${name}` : ""}`),
      name
        ? chart(
            history.map((point) => ({ at: point.at, value: point.kpis[name] ?? 0 })),
            { events: marks, waiting: "collecting samples (every 2 s)..." },
          )
        : el("p", { class: "muted" }, "no KPI samples yet"),
    );
  }
  const vnfcRows = entry.vnfcs.map((vnfc) =>
    el(
      "tr",
      {},
      el("td", {}, vnfc.id),
      el("td", {}, vnfc.vduId),
      el("td", {}, vnfc.port ?? "-"),
      el("td", { class: vnfc.ready ? "ok" : "error" }, vnfc.ready ? "ready" : "not ready"),
    ),
  );
  const eventRows = [...entry.scaleEvents]
    .reverse()
    .map((event) =>
      el(
        "tr",
        { "data-direction": event.direction },
        el("td", {}, time(event.at)),
        el("td", {}, event.direction === "in" ? "scale in" : "scale out"),
        el("td", {}, event.automatic ? "auto (monitoring agent)" : "manual"),
        el("td", {}, event.state),
      ),
    );
  return [
    el("h1", {}, entry.name),
    el("div", { id: "action-status" }),
    el(
      "p",
      {},
      `${entry.instantiationState} · ${entry.vnfcs.length} VNFC(s) · `,
      scaleCell(entry),
      actionButtons(entry),
    ),
    table("vnfcs", ["VNFC", "VDU", "Port", "Health"], vnfcRows),
    el("h2", {}, "KPIs (live, from each VNFC's /metrics; scale events marked)"),
    kpiBlocks,
    el("h2", {}, "Scale events"),
    eventRows.length
      ? table("scale-events", ["Started", "Direction", "Started by", "State"], eventRows)
      : el("p", { class: "muted" }, "no SCALE operation yet"),
  ];
}
