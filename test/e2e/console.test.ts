/**
 * The web console in a real browser (Debian chromium driven by playwright-core) against a real
 * `ivf up`: login, the network service overview with VNFC counts from the VNFM, and a scale
 * out button that makes the VNFM add a VNFC. Screenshots go to test-artifacts/.
 * Skips with a notice when /usr/bin/chromium or dist/ is absent; fails under CI=true.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe.skipIf(missing.length > 0)("web console of ivf up", () => {
  let up: RunningUp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    up = await startUp(["--no-simulators", "--no-monitor"]);
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
    page = await browser.newPage();
    mkdirSync(artifacts, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (up) expect(await up.stop()).toBe(0);
  }, 120_000);

  it("refuses wrong credentials and logs in with the demo VNFM client into an HttpOnly, SameSite=Strict session", async () => {
    await page.goto(up.state.consoleUrl);
    await page.fill('input[name="clientSecret"]', "not-the-secret");
    await page.click('form#login button[type="submit"]');
    await expect.poll(() => page.locator("#login-error").innerText()).toContain("refused");
    await page.fill('input[name="clientId"]', up.state.clientId);
    await page.fill('input[name="clientSecret"]', up.state.clientSecret);
    await page.click('form#login button[type="submit"]');
    await page.waitForSelector("table#overview tbody tr");
    expect(await page.locator("form#login").isVisible()).toBe(false);
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    expect(await page.content()).not.toContain(up.state.clientSecret);
  });

  it("shows every instantiated IVF with the VNFC count the VNFM reports", async () => {
    const rows = page.locator("table#overview tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(9);
    // field-gateway's default instantiation level (minimal) has 2 VNFCs, identity's has 1.
    expect(await vnfcCount(page, "field-gateway")).toBe(2);
    expect(await vnfcCount(page, "identity")).toBe(1);
    await page.screenshot({ path: join(artifacts, "console-overview.png"), fullPage: true });
  });

  it("scale out on field-gateway makes the VNFM add a VNFC, shown without reloading", async () => {
    await page.click('tr[data-ivf="field-gateway"] button[data-action="scale-out"]');
    await expect.poll(() => vnfcCount(page, "field-gateway"), { timeout: 60_000, interval: 500 }).toBe(3);
    await expect
      .poll(() => page.locator('tr[data-ivf="field-gateway"] [data-aspect]').innerText())
      .toMatch(/^\s*1 \/ 6/);
    await page.screenshot({ path: join(artifacts, "console-after-scale-out.png"), fullPage: true });
  }, 90_000);

  it("lists the scale operation occurrence as COMPLETED on the LCM operations page", async () => {
    await page.goto(`${up.state.consoleUrl}/#/ops`);
    const row = page.locator("table#op-occs tbody tr", { hasText: "SCALE" }).first();
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toContain("COMPLETED");
    await page.screenshot({ path: join(artifacts, "console-op-occs.png"), fullPage: true });
  }, 30_000);

  it("shows the VNFCs of one IVF with their health", async () => {
    await page.goto(`${up.state.consoleUrl}/#/`);
    await page.click('tr[data-ivf="cloud-api"] a');
    await page.waitForSelector("table#vnfcs tbody tr");
    await expect.poll(() => page.locator("table#vnfcs td.ok").count(), { timeout: 20_000 }).toBe(2);
    expect(await page.locator("#action-status").innerText()).toBe("");
    // The KPI chart draws a line once the backend has proxied two /metrics samples.
    await expect.poll(() => page.locator("svg.chart path").count(), { timeout: 20_000 }).toBe(2);
    await page.screenshot({ path: join(artifacts, "console-ivf.png"), fullPage: true });
  }, 30_000);
});
