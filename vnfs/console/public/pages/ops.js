// LCM operation occurrences: states, durations, errors, retry/rollback for FAILED_TEMP.
import { api, el, status, table } from "../lib/dom.js";

function duration(occ) {
  const start = Date.parse(occ.startTime);
  const end = Date.parse(occ.stateEnteredTime);
  return Number.isFinite(start) && Number.isFinite(end) ? `${((end - start) / 1000).toFixed(1)} s` : "-";
}

export async function renderOps(reload) {
  const [occs, instances] = await Promise.all([api("GET", "/api/op-occs"), api("GET", "/api/overview")]);
  const names = new Map(instances.map((entry) => [entry.id, entry.name]));
  const act = (occ, action) => async () => {
    try {
      await api("POST", `/api/op-occs/${occ.id}/${action}`, {});
      await reload();
      status(`${action} of ${occ.operation} requested`, "ok");
    } catch (failure) {
      status(failure.message);
    }
  };
  const rows = occs.map((occ) =>
    el(
      "tr",
      {},
      el("td", {}, occ.startTime),
      el("td", {}, names.get(occ.vnfInstanceId) ?? occ.vnfInstanceId),
      el("td", {}, occ.operation, occ.isAutomaticInvocation ? " (auto)" : ""),
      el("td", {}, occ.operationState),
      el("td", {}, duration(occ)),
      el("td", { class: "error" }, occ.error ? `${occ.error.title ?? ""} ${occ.error.detail ?? ""}` : ""),
      el(
        "td",
        {},
        occ.operationState === "FAILED_TEMP"
          ? [
              el("button", { type: "button", onclick: act(occ, "retry") }, "Retry"),
              el("button", { type: "button", onclick: act(occ, "rollback") }, "Rollback"),
            ]
          : [],
      ),
    ),
  );
  return [
    el("h1", {}, "LCM operation occurrences"),
    el("div", { id: "action-status" }),
    table("op-occs", ["Started", "Instance", "Operation", "State", "Duration", "Error", ""], rows),
  ];
}
