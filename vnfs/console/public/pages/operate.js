// Scale level bars and the operate buttons (scale out/in, heal) shared by the overview and the
// IVF page. The buttons call the console backend, which sends the SOL003 requests an NFVO sends.
import { api, el, status } from "../lib/dom.js";

export function scaleCell(entry) {
  return entry.scale.map((aspect) => {
    const max = aspect.maxScaleLevel ?? aspect.scaleLevel;
    const width = max > 0 ? Math.round((100 * aspect.scaleLevel) / max) : 100;
    return el(
      "div",
      { "data-aspect": aspect.aspectId },
      el("span", { class: "bar" }, el("span", { style: `width:${width}%` })),
      ` ${aspect.scaleLevel} / ${max} `,
      el("span", { class: "muted" }, aspect.aspectId),
    );
  });
}

async function operate(action, entry, type) {
  try {
    if (action === "heal") await api("POST", `/api/instances/${entry.id}/heal`, {});
    else await api("POST", `/api/instances/${entry.id}/scale`, { type, aspectId: entry.scale[0].aspectId });
    status(`${entry.name}: ${type ?? "HEAL"} requested`, "ok");
  } catch (failure) {
    status(`${entry.name}: ${failure.message}`);
  }
}

export function actionButtons(entry) {
  if (entry.instantiationState !== "INSTANTIATED") return [];
  const button = (action, label, type) =>
    el(
      "button",
      { type: "button", "data-action": action, onclick: () => operate(action.split("-")[0], entry, type) },
      label,
    );
  return [
    ...(entry.scale.length
      ? [button("scale-out", "Scale out", "SCALE_OUT"), button("scale-in", "Scale in", "SCALE_IN")]
      : []),
    button("heal", "Heal"),
  ];
}
