// A minimal VNFC for driver and workflow tests: serves /healthz (with its IVF_INSTANCE_ID, as the
// runtime kit does) and /readyz on IVF_HTTP_PORT
// and drains on SIGTERM (not ready at once, exits after IVF_TEST_DRAIN_MS), appending what it
// did to IVF_TEST_EVENT_LOG so tests can tell a graceful drain from a kill.
import { appendFileSync } from "node:fs";
import { createServer } from "node:http";
import process from "node:process";
import { setTimeout } from "node:timers";

const port = Number(process.env.IVF_HTTP_PORT);
const id = process.env.IVF_INSTANCE_ID ?? "unknown";
const log = process.env.IVF_TEST_EVENT_LOG;
const drainMs = Number(process.env.IVF_TEST_DRAIN_MS ?? 50);
const record = (event) => {
  if (log)
    appendFileSync(
      log,
      `${JSON.stringify({ id, fn: process.argv[2], event, pid: process.pid, env: process.env.IVF_TEST_MARK ?? null })}\n`,
    );
};
// IVF_TEST_READY_AFTER_MS delays readiness; IVF_TEST_IGNORE_TERM makes the VNFC ignore SIGTERM.
let ready = !process.env.IVF_TEST_READY_AFTER_MS;
if (!ready) setTimeout(() => (ready = true), Number(process.env.IVF_TEST_READY_AFTER_MS));
const server = createServer((req, res) => {
  if (req.url === "/healthz")
    return res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ status: "ok", instanceId: id }));
  if (req.url === "/readyz")
    return res
      .writeHead(ready ? 200 : 503, { "content-type": "application/json" })
      .end(JSON.stringify({ ready }));
  res.writeHead(404).end();
});
server.listen(port, "127.0.0.1", () => record("started"));
process.on("SIGTERM", () => {
  if (process.env.IVF_TEST_IGNORE_TERM) return record("ignored-term");
  ready = false;
  record("draining");
  setTimeout(() => {
    record("drained");
    server.close();
    process.exit(0);
  }, drainMs);
});
