/**
 * The web console in a real browser (Debian chromium driven by playwright-core) against a real
 * `ivf up` with its monitoring agent and meter simulator: login with the demo tenant's identity
 * client printed in the summary, the network service overview, scale out changing the VNFC
 * count and marked on the IVF's KPI chart, LCM operations, alarms (one provoked by stopping a
 * VNFC) with acknowledge, devices with latest values and a command with its status, fault
 * detections on a measurement chart, packages with validation findings. Screenshots of every
 * page go to test-artifacts/. Skips with a notice when /usr/bin/chromium or dist/ is absent;
 * fails under CI=true.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import mqtt from "mqtt";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VnfmClient, type VnfInstance } from "../../vnfs/cli/up/vnfm-client.js";
import { inCi } from "../support/services.js";
import { cliEntry, repoRoot, startUp, type RunningUp } from "./up-process.js";

const CHROMIUM = "/usr/bin/chromium";
const missing = [CHROMIUM, cliEntry].filter((path) => !existsSync(path));
if (missing.length && inCi) throw new Error(`console e2e test needs ${missing.join(", ")} (CI=true)`);
if (missing.length) console.warn(`[skip] console e2e test: missing ${missing.join(", ")}`);
const artifacts = join(repoRoot, "test-artifacts");

async function vnfcCount(page: Page, ivf: string): Promise<number> {
  return Number(await page.locator(`tr[data-ivf="${ivf}"] td.vnfc-count`).innerText());
}

const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(artifacts, `console-${name}.png`), fullPage: true });

describe.skipIf(missing.length > 0)("web console of ivf up", () => {
  let up: RunningUp;
  let browser: Browser;
  let page: Page;
  let login: { consoleClientId: string; consoleClientSecret: string; deviceApiKey: string };

  beforeAll(async () => {
    up = await startUp(["--meters", "4", "--rate", "8"], 180_000);
    login = JSON.parse(readFileSync(join(up.home, "demo-credentials.json"), "utf8")) as typeof login;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    mkdirSync(artifacts, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (up) expect(await up.stop()).toBe(0);
  }, 120_000);

  it("prints the console login of the demo tenant in the summary", () => {
    expect(login.consoleClientSecret.length).toBeGreaterThanOrEqual(16);
    expect(up.output()).toContain(`log in as ${login.consoleClientId} / ${login.consoleClientSecret}`);
  });

  it("refuses wrong credentials and the VNFM client, then logs in with the identity client into an HttpOnly, SameSite=Strict session", async () => {
    await page.goto(up.state.consoleUrl);
    await page.fill('input[name="clientId"]', login.consoleClientId);
    await page.fill('input[name="clientSecret"]', "not-the-secret");
    await page.click('form#login button[type="submit"]');
    await expect.poll(() => page.locator("#login-error").innerText()).toContain("refused");
    await page.fill('input[name="clientId"]', up.state.clientId);
    await page.fill('input[name="clientSecret"]', up.state.clientSecret);
    await page.click('form#login button[type="submit"]');
    await expect.poll(() => page.locator("#login-error").innerText()).toContain("identity");
    await page.fill('input[name="clientId"]', login.consoleClientId);
    await page.fill('input[name="clientSecret"]', login.consoleClientSecret);
    await page.click('form#login button[type="submit"]');
    await page.waitForSelector("table#overview tbody tr");
    expect(await page.locator("form#login").isVisible()).toBe(false);
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    expect(await page.content()).not.toContain(login.consoleClientSecret);
  });

  it("shows every instantiated IVF with the VNFC count the VNFM reports", async () => {
    const rows = page.locator("table#overview tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(9);
    // field-gateway's default instantiation level (minimal) has 2 VNFCs, identity's has 1.
    expect(await vnfcCount(page, "field-gateway")).toBe(2);
    expect(await vnfcCount(page, "identity")).toBe(1);
    await screenshot(page, "overview");
  });

  it("scale out on field-gateway makes the VNFM add a VNFC, shown without reloading", async () => {
    await page.click('tr[data-ivf="field-gateway"] button[data-action="scale-out"]');
    await expect.poll(() => vnfcCount(page, "field-gateway"), { timeout: 60_000, interval: 500 }).toBe(3);
    await screenshot(page, "after-scale-out");
  }, 90_000);

  it("lists the scale operation occurrence as COMPLETED on the LCM operations page", async () => {
    await page.goto(`${up.state.consoleUrl}/#/ops`);
    const row = page.locator("table#op-occs tbody tr", { hasText: "SCALE" }).first();
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toContain("COMPLETED");
    await screenshot(page, "op-occs");
  }, 30_000);

  it("marks the manual scale out on the field-gateway KPI charts", async () => {
    await page.goto(`${up.state.consoleUrl}/#/`);
    await page.click('tr[data-ivf="field-gateway"] a');
    await page.waitForSelector("table#scale-events tbody tr");
    expect(await page.locator("table#scale-events tbody tr").first().innerText()).toMatch(
      /scale out\s+manual\s+COMPLETED/,
    );
    await expect
      .poll(() => page.locator("svg.chart path.series").count(), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
    const marks = page.locator('svg.chart [data-scale-event~="scale-out"]');
    await expect.poll(() => marks.count()).toBeGreaterThanOrEqual(1);
    expect(await marks.first().textContent()).toContain("▲ out manual");
    await screenshot(page, "ivf-scale-marks");
  }, 30_000);

  it("shows the VNFCs of one IVF with their health", async () => {
    await page.goto(`${up.state.consoleUrl}/#/`);
    await page.click('tr[data-ivf="cloud-api"] a');
    await page.waitForSelector("table#vnfcs tbody tr");
    await expect.poll(() => page.locator("table#vnfcs td.ok").count(), { timeout: 20_000 }).toBe(2);
    expect(await page.locator("#action-status").innerText()).toBe("");
    // The KPI chart draws a line once the backend has proxied two /metrics samples.
    await expect.poll(() => page.locator("svg.chart path.series").count(), { timeout: 20_000 }).toBe(2);
    await screenshot(page, "ivf");
  }, 30_000);

  it("lists the alarm raised for a VNFC that stopped answering and acknowledges it", async () => {
    const vnfm = new VnfmClient(up.state.vnfmUrl, {
      clientId: up.state.clientId,
      clientSecret: up.state.clientSecret,
    });
    const { body } = await vnfm.request<VnfInstance[]>("lcm", "GET", "/vnflcm/v2/vnf_instances?all_fields");
    const notifier = body.find((instance) => instance.vnfInstanceName === "subscription-notifier")!;
    const pid = notifier.instantiatedVnfInfo!.vnfcResourceInfo![0]!.metadata!.pid as number;
    process.kill(pid, "SIGSTOP");
    try {
      await page.goto(`${up.state.consoleUrl}/#/alarms`);
      const row = page.locator("table#alarms tbody tr", { hasText: "VNFC_DOWN" }).first();
      await expect.poll(() => row.count(), { timeout: 60_000, interval: 1000 }).toBe(1);
    } finally {
      process.kill(pid, "SIGCONT");
    }
    const row = page
      .locator('table#alarms tbody tr[data-ack="UNACKNOWLEDGED"]', { hasText: "VNFC_DOWN" })
      .first();
    const alarmId = await row.getAttribute("data-alarm");
    expect(await row.innerText()).toContain("subscription-notifier");
    await screenshot(page, "alarms");
    await row.locator('button[data-action="ack"]').click();
    await expect
      .poll(() => page.locator(`tr[data-alarm="${alarmId}"]`).getAttribute("data-ack"), { timeout: 10_000 })
      .toBe("ACKNOWLEDGED");
    expect(await page.locator("#action-status").innerText()).toContain("VNFC_DOWN acknowledged");
    await screenshot(page, "alarms-acknowledged");
  }, 90_000);

  it("finds the simulated meters and shows a meter's latest values", async () => {
    await page.goto(`${up.state.consoleUrl}/#/devices`);
    await page.fill('#device-search input[name="q"]', "meter-000");
    await page.click('#device-search button[type="submit"]');
    await expect
      .poll(() => page.locator('table#devices tr[data-device^="meter-"]').count(), { timeout: 20_000 })
      .toBe(4);
    await screenshot(page, "devices");
    await page.click('table#devices tr[data-device="meter-0001"] a');
    await page.waitForSelector('table#latest tr[data-attribute="voltage"]');
    const voltage = Number(
      await page.locator('table#latest tr[data-attribute="voltage"] td.value').innerText(),
    );
    expect(voltage).toBeGreaterThan(100);
    await screenshot(page, "device");
  }, 40_000);

  it("sends a command to a meter and shows it executed as the meter reports it", async () => {
    await page.fill('#send-command input[name="command"]', "ping");
    await page.click('#send-command button[type="submit"]');
    await expect
      .poll(() => page.locator("#command-status").innerText(), { timeout: 10_000 })
      .toContain("accepted");
    const state = page.locator("table#commands tbody tr").first().locator("td.command-state");
    // The gateway publishes it to the meter's command topic (QoS 1), the simulated meter answers
    // on cmdexe (vnfs/simulators/meters/meter-commands.ts), the device-manager records executed.
    await expect.poll(() => state.innerText(), { timeout: 30_000 }).toBe("executed");
    await screenshot(page, "device-command");
  }, 40_000);

  it("draws a meter's measurements with the fault detector's findings, including a spike we send", async () => {
    // A meter of our own in the demo group (autoprovisioned): 40 readings one second apart, in
    // order, around 230 V, with one of 400 V that the spike and outlier tests must flag. Its own
    // series keeps the simulator's readings from interleaving with ours.
    const mqttUrl = /MQTT \(devices\)\s+(\S+)/.exec(up.output())![1]!;
    const client = await mqtt.connectAsync(mqttUrl, { clientId: `console-e2e-${process.pid}` });
    const start = Date.now() - 60_000;
    for (let index = 0; index < 40; index++) {
      const voltage = index === 30 ? 400 : 230 + 0.8 * Math.sin(index * 1.7);
      await client.publishAsync(
        `ivf/v1/${login.deviceApiKey}/meter-e2e/attrs`,
        JSON.stringify({ timestamp: new Date(start + index * 1000).toISOString(), voltage }),
        { qos: 1 },
      );
      await new Promise((done) => setTimeout(done, 100));
    }
    await client.endAsync();
    await page.goto(`${up.state.consoleUrl}/#/faults/meter-e2e/voltage`);
    await expect
      .poll(() => page.locator("#fault-chart svg.chart path.series").count(), { timeout: 20_000 })
      .toBe(1);
    expect(await page.locator("#fault-chart").innerText()).toMatch(
      /\d+ measurement\(s\) of the last 15 min; \d+ finding\(s\)/,
    );
    expect(await page.locator('#fault-pickers select[name="attribute"]').inputValue()).toBe("voltage");
    const dots = page.locator("#fault-chart svg.chart circle[data-fault]");
    await expect.poll(() => dots.count(), { timeout: 30_000, interval: 1000 }).toBeGreaterThanOrEqual(1);
    // rate_of_change flags the jump at once; spike and outlier need the samples after it.
    await expect
      .poll(() => page.locator("table#faults tbody").innerText(), { timeout: 45_000, interval: 1000 })
      .toMatch(/spike|outlier/);
    await screenshot(page, "fault-detections");
  }, 90_000);

  it("lists our onboarded packages with the validator's findings", async () => {
    await page.goto(`${up.state.consoleUrl}/#/packages`);
    await expect
      .poll(() => page.locator("table#packages tbody tr").count(), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(9);
    await expect
      .poll(() => page.locator("table#packages td.findings summary").count(), {
        timeout: 90_000,
        interval: 1000,
      })
      .toBe(await page.locator("table#packages tbody tr").count());
    const verdicts = await page.locator("table#packages td.findings summary").allInnerTexts();
    expect(verdicts.every((text) => text.startsWith("valid"))).toBe(true);
    const fieldGateway = page.locator("table#packages tbody tr", { hasText: "IoT field gateway" }).first();
    expect(await fieldGateway.innerText()).toContain("ONBOARDED");
    await screenshot(page, "packages");
  }, 120_000);
});
