/* global document, window, location, FormData, setInterval, clearInterval */
// IVF console: plain browser ES modules, no build step. This module handles login, navigation
// and the periodic refresh; each page is a module in ./pages. The backend (/api/*) holds every
// token server-side; this page never sees a secret after login.
import { api, message, whenUnauthorized } from "./lib/dom.js";
import { renderAlarms } from "./pages/alarms.js";
import { renderDevice, renderDevices } from "./pages/devices.js";
import { renderFaults } from "./pages/faults.js";
import { renderInstance } from "./pages/instance.js";
import { renderOps } from "./pages/ops.js";
import { renderOverview } from "./pages/overview.js";
import { renderPackages } from "./pages/packages.js";

const view = document.getElementById("view");
const loginForm = document.getElementById("login");
const nav = document.getElementById("nav");
const REFRESH_MS = 2000;
let refreshTimer;
// Incremented at every navigation: a render that finishes after the user moved on is dropped.
let generation = 0;

function showLogin() {
  clearInterval(refreshTimer);
  view.replaceChildren();
  nav.hidden = true;
  loginForm.hidden = false;
}
whenUnauthorized(showLogin);

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
    loginForm.reset();
    route();
  } catch (failure) {
    error.textContent = failure.message;
  }
});

document.getElementById("logout").addEventListener("click", async () => {
  await api("POST", "/api/logout", {});
  showLogin();
});

/** The page for a location hash: a function that renders it (nodes, or {nodes, update}). */
function pageFor(hash) {
  const parts = hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  switch (parts[0]) {
    case "ivf":
      return () => renderInstance(parts[1]);
    case "ops":
      return () => renderOps(route);
    case "alarms":
      return () => renderAlarms(route);
    case "devices":
      return parts[1] ? () => renderDevice(parts[1]) : () => renderDevices();
    case "faults":
      return () => renderFaults(parts[1], parts[2]);
    case "packages":
      return () => renderPackages();
    default:
      return () => renderOverview();
  }
}

function markCurrent(hash) {
  for (const link of nav.querySelectorAll("a")) {
    const section = link.getAttribute("href");
    const current = section === "#/" ? hash === "#/" || hash.startsWith("#/ivf") : hash.startsWith(section);
    if (current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

// Pages that return plain nodes are rendered again at every refresh (keeping the last action's
// message); pages that return {nodes, update} keep their forms and refresh their parts in place;
// pages that return {nodes} alone (search, packages) are not refreshed.
async function route() {
  clearInterval(refreshTimer);
  const mine = ++generation;
  const hash = location.hash || "#/";
  const render = pageFor(hash);
  markCurrent(hash);
  let refresh;
  try {
    const content = await render();
    if (mine !== generation) return;
    if (Array.isArray(content)) {
      view.replaceChildren(...content.flat());
      refresh = async () => {
        const next = await render();
        if (mine !== generation) return;
        const status = document.getElementById("action-status")?.cloneNode(true);
        view.replaceChildren(...next.flat());
        if (status) document.getElementById("action-status")?.replaceWith(status);
      };
    } else {
      view.replaceChildren(...content.nodes.flat());
      refresh = content.update;
    }
    nav.hidden = false;
  } catch (failure) {
    if (loginForm.hidden && mine === generation) view.replaceChildren(message(failure.message));
    return;
  }
  if (!refresh || !loginForm.hidden) return;
  refreshTimer = setInterval(() => {
    // A failed refresh keeps what is shown; the next one tries again.
    refresh().catch(() => undefined);
  }, REFRESH_MS);
}

window.addEventListener("hashchange", route);
api("GET", "/api/session").then(
  () => route(),
  () => showLogin(),
);
