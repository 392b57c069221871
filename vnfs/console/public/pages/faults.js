/* global window */
// Fault detections on a measurement chart: the raw series of one device attribute (cloud-api)
// with the fault detector's findings (suspect, fail, cleared) drawn on it.
import { chart } from "../lib/chart.js";
import { api, el, message, table, time } from "../lib/dom.js";

const MINUTES = 15;

function pickers(deviceId, attribute, devices, attributes) {
  const go = () => {
    const device = deviceSelect.value;
    const chosen = attributeSelect.value;
    window.location.hash = `#/faults/${encodeURIComponent(device)}${chosen && device === deviceId ? `/${encodeURIComponent(chosen)}` : ""}`;
  };
  const deviceSelect = el(
    "select",
    { name: "device", "aria-label": "device", onchange: go },
    devices.map((id) => el("option", { value: id, selected: id === deviceId ? "selected" : undefined }, id)),
  );
  const attributeSelect = el(
    "select",
    { name: "attribute", "aria-label": "attribute", onchange: go },
    attributes.map((name) =>
      el("option", { value: name, selected: name === attribute ? "selected" : undefined }, name),
    ),
  );
  return el(
    "form",
    { class: "inline", id: "fault-pickers" },
    "Device ",
    deviceSelect,
    " attribute ",
    attributeSelect,
  );
}

export async function renderFaults(deviceParam, attributeParam) {
  const devices = (await api("GET", "/api/devices")).items.map((device) => device.deviceId);
  const deviceId = deviceParam ?? devices[0];
  if (!deviceId)
    return { nodes: [el("h1", {}, "Fault detections"), message("no device in this tenant yet", "muted")] };
  const detail = await api("GET", `/api/devices/${encodeURIComponent(deviceId)}`);
  const attributes = detail.latest
    .filter((value) => typeof value.value === "number")
    .map((value) => value.attribute);
  const attribute = attributeParam ?? attributes[0];
  const area = el("div", { id: "fault-chart" });
  const draw = async () => {
    if (!attribute)
      return void area.replaceChildren(message(`${deviceId} has sent no numeric measurement yet`, "muted"));
    const data = await api(
      "GET",
      `/api/devices/${encodeURIComponent(deviceId)}/series?attribute=${encodeURIComponent(attribute)}&minutes=${MINUTES}`,
    );
    const faults = data.faults ?? [];
    // The most severe finding of a sample is drawn last, on top.
    const rank = { cleared: 0, suspect: 1, fail: 2 };
    const dots = [...faults]
      .sort((a, b) => (rank[a.severity] ?? 0) - (rank[b.severity] ?? 0))
      .map((fault) => ({
        at: Date.parse(fault.timestamp),
        value: fault.value,
        kind: fault.severity,
        label: `${fault.kind} ${fault.severity} (QARTOD ${fault.qartodFlag}) at ${time(fault.timestamp)}`,
      }));
    const rows = [...faults].reverse().map((fault) =>
      el(
        "tr",
        { "data-fault": fault.kind },
        el("td", {}, time(fault.timestamp)),
        el("td", {}, fault.kind),
        el("td", { class: `severity ${fault.severity}` }, fault.severity),
        el("td", {}, typeof fault.value === "number" ? Number(fault.value.toPrecision(6)) : fault.value),
        el(
          "td",
          {},
          Object.entries(fault.detail ?? {})
            .map(([key, value]) => `${key} ${value}`)
            .join(", "),
        ),
      ),
    );
    area.replaceChildren(
      el(
        "p",
        { class: "muted" },
        `${data.points.length} measurement(s) of the last ${MINUTES} min${data.truncated ? " (first 1000)" : ""}; ${faults.length} finding(s)`,
      ),
      chart(data.points, { dots, waiting: "fewer than two measurements in this range" }),
      data.faults === null
        ? message("fault findings are not available in this console", "muted")
        : rows.length
          ? table("faults", ["Sample time", "Test", "Severity", "Value", "Detail"], rows)
          : el(
              "p",
              { class: "muted", id: "no-faults" },
              "no fault detected in this range: the series passes every test",
            ),
    );
  };
  await draw();
  return {
    nodes: [el("h1", {}, "Fault detections"), pickers(deviceId, attribute, devices, attributes), area],
    update: draw,
  };
}
