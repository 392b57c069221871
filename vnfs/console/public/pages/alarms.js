// Alarms of the monitoring agent's SOL003 FM interface, newest first, with acknowledge.
import { api, el, status, table, time } from "../lib/dom.js";

export async function renderAlarms(reload) {
  const [alarms, instances] = await Promise.all([api("GET", "/api/alarms"), api("GET", "/api/overview")]);
  const names = new Map(instances.map((entry) => [entry.id, entry.name]));
  const acknowledge = (alarm) => async () => {
    try {
      await api("POST", `/api/alarms/${encodeURIComponent(alarm.id)}/ack`, {});
      await reload();
      status(`alarm ${alarm.faultType ?? alarm.id} acknowledged`, "ok");
    } catch (failure) {
      status(failure.message);
    }
  };
  const rows = alarms.map((alarm) =>
    el(
      "tr",
      { "data-alarm": alarm.id, "data-ack": alarm.ackState },
      el("td", {}, time(alarm.alarmRaisedTime)),
      el("td", { class: `severity ${alarm.perceivedSeverity}` }, alarm.perceivedSeverity),
      el("td", {}, alarm.faultType ?? alarm.probableCause),
      el(
        "td",
        { title: alarm.managedObjectId },
        names.get(alarm.managedObjectId) ?? alarm.managedObjectId,
        alarm.vnfcInstanceIds?.length ? ` (${alarm.vnfcInstanceIds.join(", ")})` : "",
      ),
      el("td", {}, (alarm.faultDetails ?? []).join("; ") || alarm.probableCause),
      el("td", {}, alarm.alarmClearedTime ? `cleared ${time(alarm.alarmClearedTime)}` : "active"),
      el(
        "td",
        { class: "ack-state" },
        alarm.ackState === "UNACKNOWLEDGED"
          ? el("button", { type: "button", "data-action": "ack", onclick: acknowledge(alarm) }, "Acknowledge")
          : "acknowledged",
      ),
    ),
  );
  return [
    el("h1", {}, "Alarms (monitoring agent, SOL003 vnffm/v1)"),
    el("div", { id: "action-status" }),
    rows.length
      ? table("alarms", ["Raised", "Severity", "Fault", "IVF (VNFCs)", "Details", "State", "Ack"], rows)
      : el(
          "p",
          { class: "muted", id: "no-alarms" },
          "no alarm: every VNFC answers and no backlog is over its limit",
        ),
  ];
}
