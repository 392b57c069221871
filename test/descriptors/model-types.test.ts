import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderModelTypes } from "../../descriptors/model/tools/render-model-types.js";

describe("model types", () => {
  it("generated/model-types.ts is what the schema generates (no hand-kept twin)", async () => {
    const current = readFileSync(
      new URL("../../descriptors/model/generated/model-types.ts", import.meta.url),
      "utf8",
    );
    expect(current).toBe(await renderModelTypes());
  });
});
