// Network service overview: every IVF with its VNFC count, state, scale level against its bounds.
import { api, el, table } from "../lib/dom.js";
import { actionButtons, scaleCell } from "./operate.js";

export async function renderOverview() {
  const entries = await api("GET", "/api/overview");
  const rows = entries.map((entry) =>
    el(
      "tr",
      { "data-ivf": entry.name },
      el("td", {}, el("a", { href: `#/ivf/${entry.id}` }, entry.name)),
      el("td", { class: "vnfc-count" }, entry.vnfcCount),
      el("td", {}, entry.instantiationState, entry.vnfState ? ` (${entry.vnfState})` : ""),
      el("td", {}, scaleCell(entry)),
      el("td", {}, `${entry.autoscale ? "auto-scale" : ""} ${entry.autoheal ? "auto-heal" : ""}`),
      el("td", {}, actionButtons(entry)),
    ),
  );
  return [
    el("h1", {}, "Network service: IoT platform"),
    el("div", { id: "action-status" }),
    table("overview", ["IVF", "VNFCs", "State", "Scale level / max", "Automation", "Operate"], rows),
  ];
}
