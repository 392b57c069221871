import { describe, expect, it } from "vitest";
import { Progress } from "../../vnfs/cli/up/progress.js";

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  return { out: { isTTY, write: (text: string) => void chunks.push(text) }, text: () => chunks.join("") };
}

describe("ivf up progress", () => {
  it("prints plain lines with the step, its notes and its duration when not on a terminal", async () => {
    const sink = capture(false);
    const result = await new Progress(sink.out).step("Onboard packages", async (note) => {
      note("1/2 ONBOARDED");
      return 42;
    });
    expect(result).toBe(42);
    expect(sink.text()).toMatch(
      /^… Onboard packages\n {4}1\/2 ONBOARDED\n {2}✔ Onboard packages \[\d+\.\d s\]\n$/,
    );
    expect(sink.text()).not.toContain("\x1b[");
  });

  it("marks a failed step with its error and rethrows it", async () => {
    const sink = capture(false);
    const failing = new Progress(sink.out).step("Start VNFM", () =>
      Promise.reject(new Error("port 9090 in use")),
    );
    await expect(failing).rejects.toThrow("port 9090 in use");
    expect(sink.text()).toContain("✖ Start VNFM: port 9090 in use [");
  });

  it("redraws one line on a terminal and ends it with the result", async () => {
    const sink = capture(true);
    await new Progress(sink.out).step("Build", async () => undefined);
    expect(sink.text()).toContain("\r\x1b[2K");
    expect(sink.text().trimEnd().split("\n")).toHaveLength(1);
    expect(sink.text()).toMatch(/✔ Build \[\d+\.\d s\]\n$/);
  });
});
