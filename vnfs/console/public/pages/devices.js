/* global FormData */
// Devices: search the registry (device-manager), one device's latest values (cloud-api), and
// commands sent through the device-manager with their status as the device side reports it.
import { api, el, message, table, time } from "../lib/dom.js";

export async function renderDevices() {
  const results = el("div", { id: "device-results" });
  const search = async (text) => {
    try {
      const found = await api("GET", `/api/devices?q=${encodeURIComponent(text)}`);
      const rows = found.items.map((device) =>
        el(
          "tr",
          { "data-device": device.deviceId },
          el(
            "td",
            {},
            el("a", { href: `#/devices/${encodeURIComponent(device.deviceId)}` }, device.deviceId),
          ),
          el("td", {}, device.groupId),
          el("td", {}, device.transport ?? "mqtt"),
          el("td", {}, device.provisionedBy ?? ""),
        ),
      );
      results.replaceChildren(
        el("p", { class: "muted" }, `${found.items.length} shown of ${found.total} device(s) of the tenant`),
        table("devices", ["Device", "Group", "Transport", "Provisioned by"], rows),
      );
    } catch (failure) {
      results.replaceChildren(message(failure.message));
    }
  };
  const form = el(
    "form",
    { id: "device-search", class: "inline" },
    el("input", { name: "q", placeholder: "device id or name contains...", "aria-label": "search devices" }),
    el("button", { type: "submit" }, "Search"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(new FormData(form).get("q") ?? "");
  });
  await search("");
  return { nodes: [el("h1", {}, "Devices"), form, results] };
}

function latestTable(id, latest) {
  const rows = latest.map((value) =>
    el(
      "tr",
      { "data-attribute": value.attribute },
      el("td", {}, value.attribute),
      el(
        "td",
        { class: "value" },
        typeof value.value === "number" ? value.value.toPrecision(6) : JSON.stringify(value.value),
      ),
      el("td", {}, time(value.timestamp)),
      el(
        "td",
        {},
        el(
          "a",
          { href: `#/faults/${encodeURIComponent(id)}/${encodeURIComponent(value.attribute)}` },
          "chart",
        ),
      ),
    ),
  );
  return rows.length
    ? table("latest", ["Attribute", "Latest value", "Measured at", "Fault detection"], rows)
    : el("p", { class: "muted", id: "latest" }, "no measurement yet");
}

function commandTable(commands) {
  const rows = commands.map((command) =>
    el(
      "tr",
      { "data-command": command.commandId },
      el("td", {}, time(command.createdAt)),
      el("td", {}, command.command, command.value !== undefined ? ` = ${JSON.stringify(command.value)}` : ""),
      el("td", { class: `command-state ${command.state}` }, command.state),
      el("td", {}, command.detail ?? (command.result !== undefined ? JSON.stringify(command.result) : "")),
    ),
  );
  return table("commands", ["Sent", "Command", "Status", "Result"], rows);
}

export async function renderDevice(id) {
  const load = () => api("GET", `/api/devices/${encodeURIComponent(id)}`);
  const first = await load();
  const latest = el("div", {}, latestTable(id, first.latest));
  const commands = el("div", {}, commandTable(first.commands));
  const sent = el("div", { id: "command-status" });
  const form = el(
    "form",
    { id: "send-command", class: "inline" },
    el("input", {
      name: "command",
      placeholder: "command, e.g. ping or relay (value on|off)",
      required: true,
      "aria-label": "command",
    }),
    el("input", { name: "value", placeholder: "value (optional)", "aria-label": "value" }),
    el("button", { type: "submit" }, "Send command"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const value = String(data.get("value") ?? "");
    try {
      const command = await api("POST", `/api/devices/${encodeURIComponent(id)}/commands`, {
        command: data.get("command"),
        ...(value ? { value: Number.isFinite(Number(value)) ? Number(value) : value } : {}),
      });
      sent.replaceChildren(message(`command ${command.commandId} accepted: ${command.state}`, "ok"));
      commands.replaceChildren(commandTable((await load()).commands));
    } catch (failure) {
      sent.replaceChildren(message(failure.message));
    }
  });
  const device = first.device;
  return {
    nodes: [
      el("h1", {}, `Device ${device.deviceId}`),
      el(
        "p",
        {},
        `group ${device.groupId} · ${device.transport ?? "mqtt"} · provisioned by ${device.provisionedBy ?? "-"}`,
      ),
      el("h2", {}, "Latest values"),
      latest,
      el("h2", {}, "Commands"),
      form,
      sent,
      commands,
    ],
    update: async () => {
      const next = await load();
      latest.replaceChildren(latestTable(id, next.latest));
      commands.replaceChildren(commandTable(next.commands));
    },
  };
}
