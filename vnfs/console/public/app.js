/* global document, window, location, fetch, FormData, Node, setInterval, clearInterval */
// IVF console: plain browser JavaScript, no build step. Every call goes to the console
// backend (/api/*), which holds the VNFM token server-side; this page never sees a secret
// after login. Text from the API is always set with textContent, never as HTML.

const view = document.getElementById("view");
const loginForm = document.getElementById("login");
const nav = document.getElementById("nav");
let refreshTimer;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null)
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  const data = await response.json().catch(() => ({}));
  if (response.status === 401 && path !== "/api/login") {
    showLogin();
    throw new Error("session expired: log in again");
  }
  if (!response.ok) throw new Error(data.detail || `HTTP ${response.status}`);
  return data;
}

function showLogin() {
  clearInterval(refreshTimer);
  view.replaceChildren();
  nav.hidden = true;
  loginForm.hidden = false;
}

loginForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(loginForm);
  const error = document.getElementById("login-error");
  error.textContent = "";
  try {
    await api("POST", "/api/login", {
      clientId: form.get("clientId"),
      clientSecret: form.get("clientSecret"),
    });
    loginForm.hidden = true;
    route();
  } catch (failure) {
    error.textContent = failure.message;
  }
});

document.getElementById("logout").addEventListener("click", async () => {
  await api("POST", "/api/logout", {});
  showLogin();
});

function message(text, kind = "error") {
  return el("p", { class: kind, role: kind === "error" ? "alert" : "status" }, text);
}

function scaleCell(entry) {
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
  const status = document.getElementById("action-status");
  try {
    if (action === "heal") await api("POST", `/api/instances/${entry.id}/heal`, {});
    else await api("POST", `/api/instances/${entry.id}/scale`, { type, aspectId: entry.scale[0].aspectId });
    status.replaceChildren(message(`${entry.name}: ${type ?? "HEAL"} requested`, "ok"));
  } catch (failure) {
    status.replaceChildren(message(`${entry.name}: ${failure.message}`));
  }
}

function actionButtons(entry) {
  if (entry.instantiationState !== "INSTANTIATED") return [];
  const buttons = [
    el("button", { type: "button", "data-action": "heal", onclick: () => operate("heal", entry) }, "Heal"),
  ];
  if (entry.scale.length) {
    buttons.unshift(
      el(
        "button",
        { type: "button", "data-action": "scale-out", onclick: () => operate("scale", entry, "SCALE_OUT") },
        "Scale out",
      ),
      el(
        "button",
        { type: "button", "data-action": "scale-in", onclick: () => operate("scale", entry, "SCALE_IN") },
        "Scale in",
      ),
    );
  }
  return buttons;
}

async function renderOverview() {
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
    el(
      "table",
      { id: "overview" },
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          ["IVF", "VNFCs", "State", "Scale level / max", "Automation", "Operate"].map((h) => el("th", {}, h)),
        ),
      ),
      el("tbody", {}, rows),
    ),
  ];
}

const series = new Map();

function chart(points) {
  const width = 640;
  const height = 160;
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "chart");
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  if (points.length < 2) {
    const waiting = document.createElementNS("http://www.w3.org/2000/svg", "text");
    waiting.setAttribute("x", 8);
    waiting.setAttribute("y", 14);
    waiting.textContent = "collecting samples (every 2 s)...";
    svg.append(waiting);
    return svg;
  }
  const t0 = points[0].at;
  const span = Math.max(1, points[points.length - 1].at - t0);
  const max = Math.max(1e-9, ...points.map((p) => p.value));
  const path = points
    .map(
      (p, i) =>
        `${i ? "L" : "M"}${((p.at - t0) / span) * (width - 10) + 5},${height - 5 - (p.value / max) * (height - 20)}`,
    )
    .join(" ");
  const line = document.createElementNS("http://www.w3.org/2000/svg", "path");
  line.setAttribute("d", path);
  line.setAttribute("fill", "none");
  line.setAttribute("stroke", "#3b6fd8");
  svg.append(line);
  const label = document.createElementNS("http://www.w3.org/2000/svg", "text");
  label.setAttribute("x", 8);
  label.setAttribute("y", 14);
  label.textContent = `max ${max.toPrecision(3)}`;
  svg.append(label);
  return svg;
}

async function renderInstance(id) {
  const entry = await api("GET", `/api/instances/${encodeURIComponent(id)}`);
  const kpiBlocks = [];
  for (const vnfc of entry.vnfcs) {
    const key = `${id}/${vnfc.id}`;
    const history = series.get(key) ?? [];
    try {
      const sample = await api(
        "GET",
        `/api/instances/${encodeURIComponent(id)}/vnfcs/${encodeURIComponent(vnfc.id)}/kpis`,
      );
      history.push(sample);
      if (history.length > 120) history.shift();
      series.set(key, history);
    } catch {
      // A VNFC that does not answer /metrics shows no new point; its health column says why.
    }
    const names = Object.keys(history.at(-1)?.kpis ?? {}).filter((name) =>
      /received|oldest|backlog|utilization|stored|processed/.test(name),
    );
    const name = names[0];
    kpiBlocks.push(
      el("h3", {}, `${vnfc.id} ${name ? `- ${name}` : ""}`),
      name
        ? chart(history.map((point) => ({ at: point.at, value: point.kpis[name] ?? 0 })))
        : el("p", { class: "muted" }, "no KPI samples yet"),
    );
  }
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
    el(
      "table",
      { id: "vnfcs" },
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          ["VNFC", "VDU", "Port", "Health"].map((h) => el("th", {}, h)),
        ),
      ),
      el(
        "tbody",
        {},
        entry.vnfcs.map((vnfc) =>
          el(
            "tr",
            {},
            el("td", {}, vnfc.id),
            el("td", {}, vnfc.vduId),
            el("td", {}, vnfc.port ?? "-"),
            el("td", { class: vnfc.ready ? "ok" : "error" }, vnfc.ready ? "ready" : "not ready"),
          ),
        ),
      ),
    ),
    el("h2", {}, "KPIs (live, from each VNFC's /metrics)"),
    kpiBlocks,
  ];
}

function duration(occ) {
  const start = Date.parse(occ.startTime);
  const end = Date.parse(occ.stateEnteredTime);
  return Number.isFinite(start) && Number.isFinite(end) ? `${((end - start) / 1000).toFixed(1)} s` : "-";
}

async function renderOps() {
  const [occs, instances] = await Promise.all([api("GET", "/api/op-occs"), api("GET", "/api/overview")]);
  const names = new Map(instances.map((entry) => [entry.id, entry.name]));
  const act = (occ, action) => async () => {
    try {
      await api("POST", `/api/op-occs/${occ.id}/${action}`, {});
      route();
    } catch (failure) {
      document.getElementById("action-status").replaceChildren(message(failure.message));
    }
  };
  return [
    el("h1", {}, "LCM operation occurrences"),
    el("div", { id: "action-status" }),
    el(
      "table",
      { id: "op-occs" },
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          ["Started", "Instance", "Operation", "State", "Duration", "Error", ""].map((h) => el("th", {}, h)),
        ),
      ),
      el(
        "tbody",
        {},
        occs.map((occ) =>
          el(
            "tr",
            {},
            el("td", {}, occ.startTime),
            el("td", {}, names.get(occ.vnfInstanceId) ?? occ.vnfInstanceId),
            el("td", {}, occ.operation, occ.isAutomaticInvocation ? " (auto)" : ""),
            el("td", {}, occ.operationState),
            el("td", {}, duration(occ)),
            el(
              "td",
              { class: "error" },
              occ.error ? `${occ.error.title ?? ""} ${occ.error.detail ?? ""}` : "",
            ),
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
        ),
      ),
    ),
  ];
}

async function route() {
  clearInterval(refreshTimer);
  const hash = location.hash || "#/";
  let refresh = false;
  const render = async () => {
    try {
      const instance = /^#\/ivf\/(.+)$/.exec(hash);
      const content = instance
        ? await renderInstance(decodeURIComponent(instance[1]))
        : hash === "#/ops"
          ? await renderOps()
          : await renderOverview();
      // A periodic refresh keeps the last action's message; a page change starts clean.
      const status = refresh ? document.getElementById("action-status")?.cloneNode(true) : undefined;
      view.replaceChildren(...content.flat());
      if (status) document.getElementById("action-status")?.replaceWith(status);
      refresh = true;
      nav.hidden = false;
    } catch (failure) {
      if (!loginForm.hidden) return;
      view.replaceChildren(message(failure.message));
    }
  };
  await render();
  if (loginForm.hidden) refreshTimer = setInterval(render, 2000);
}

window.addEventListener("hashchange", route);
api("GET", "/api/overview").then(
  () => route(),
  () => showLogin(),
);
