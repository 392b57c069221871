/* global document, fetch, Node */
// DOM and API helpers of the console pages. Text from the API is always set with textContent
// (el() children), never as HTML. Every call goes to the console backend (/api/*), which holds
// every token server-side.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null)
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

let onUnauthorized = () => undefined;

/** What the pages do when the backend says the session is gone (the app shows the login form). */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

export async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  const data = await response.json().catch(() => ({}));
  if (response.status === 401 && path !== "/api/login") {
    onUnauthorized();
    throw new Error("session expired: log in again");
  }
  if (!response.ok) throw new Error(data.detail || `HTTP ${response.status}`);
  return data;
}

export function message(text, kind = "error") {
  return el("p", { class: kind, role: kind === "error" ? "alert" : "status" }, text);
}

export function table(id, headings, rows) {
  return el(
    "table",
    { id },
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        headings.map((heading) => el("th", {}, heading)),
      ),
    ),
    el("tbody", {}, rows),
  );
}

/** Shows `text` in the page's #action-status (kept across the periodic refresh). */
export function status(text, kind = "error") {
  document.getElementById("action-status")?.replaceChildren(message(text, kind));
}

export function time(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "-" : date.toLocaleTimeString();
}
