/**
 * VNFD reading and scaling arithmetic: instantiation levels, NON-uniform step deltas (which
 * Tacker does not support), and the bounds that name themselves when crossed.
 */
import { describe, expect, it } from "vitest";
import type { VnfmError } from "../../vnfm-adapter/errors.js";
import {
  checkCounts,
  checkLevels,
  countsAfterLevelChange,
  countsAtLevels,
  instantiationTarget,
} from "../../vnfm-adapter/vnfd/scaling.js";
import { readVnfd, VnfdError } from "../../vnfm-adapter/vnfd/vnfd-reader.js";
import { referenceAvailable } from "../support/reference.js";
import { gatewayVnfd, vnfdFiles } from "./support/csar-builder.js";

const definitions = (files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).filter(([p]) => !p.includes("etsi_nfv_sol001")));

describe.runIf(referenceAvailable())("VNFD reader and scaling", () => {
  const vnfd = readVnfd(vnfdFiles(gatewayVnfd()));
  const flavour = vnfd.flavours.default!;

  it("reads identity from the VNF node type defaults and one flavour per topology template", () => {
    expect(vnfd).toMatchObject({
      vnfdId: gatewayVnfd().vnfdId,
      provider: "IVF Test",
      productName: "test-ivf",
      softwareVersion: "1.2.3",
      vnfdVersion: "1.0.0",
      vnfmInfo: ["etsivnfm:v3.3.1"],
    });
    expect(Object.keys(vnfd.flavours).sort()).toEqual(["default", "ha"]);
    expect(flavour.vdus.gw_vdu).toMatchObject({
      name: "field-gateway",
      minInstances: 1,
      maxInstances: 5,
      initialDelta: 1,
    });
    expect(flavour.aspects.gw_aspect!.stepDeltas).toEqual(["delta_1", "delta_2", "delta_3"]);
    expect(flavour.defaultLevel).toBe("small");
  });

  it("applies step i's own delta: levels 0..3 give 1, 2, 4, 5 VNFCs", () => {
    expect([0, 1, 2, 3].map((level) => countsAtLevels(flavour, { gw_aspect: level }).gw_vdu)).toEqual([
      1, 2, 4, 5,
    ]);
    expect(countsAfterLevelChange(flavour, { gw_vdu: 4 }, { gw_aspect: 2 }, { gw_aspect: 0 }).gw_vdu).toBe(1);
    expect(countsAfterLevelChange(flavour, { gw_vdu: 2 }, { gw_aspect: 1 }, { gw_aspect: 3 }).gw_vdu).toBe(5);
  });

  it("treats a single step delta as uniform", () => {
    const ha = vnfd.flavours.ha!;
    expect([0, 1, 2].map((level) => countsAtLevels(ha, { ha_aspect: level }).gw_ha)).toEqual([2, 3, 4]);
  });

  it("instantiates at the default level unless a level is named; an unknown level is refused", () => {
    expect(instantiationTarget(flavour, undefined)).toEqual({
      levels: { gw_aspect: 0 },
      counts: { gw_vdu: 1 },
    });
    expect(instantiationTarget(flavour, "large")).toEqual({
      levels: { gw_aspect: 2 },
      counts: { gw_vdu: 4 },
    });
    expect(() => instantiationTarget(flavour, "huge")).toThrow(/instantiationLevelId "huge"/);
  });

  it("names the bound that a level or count would cross", () => {
    const error = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        return e as VnfmError;
      }
      throw new Error("no error");
    };
    const level = error(() => checkLevels(flavour, { gw_aspect: 4 }, "BOUND_VIOLATION"));
    expect(level.status).toBe(409);
    expect(level.extensions).toMatchObject({ bound: "max_scale_level", aspectId: "gw_aspect" });
    const count = error(() => checkCounts(flavour, { gw_vdu: 6 }, "BOUND_VIOLATION"));
    expect(count.message).toContain("max_number_of_instances 5");
    expect(error(() => checkCounts(flavour, { gw_vdu: 0 }, "INVALID_TASK")).status).toBe(400);
  });

  it("reports what is missing in a VNFD it cannot use", () => {
    const files = definitions(vnfdFiles(gatewayVnfd()));
    expect(() =>
      readVnfd({ "Definitions/x.yaml": "tosca_definitions_version: tosca_simple_yaml_1_2\n" }),
    ).toThrow(VnfdError);
    const broken = {
      ...files,
      "Definitions/df_default.yaml": files["Definitions/df_default.yaml"]!.replace(
        "max_number_of_instances: 5",
        "max_number_of_instances: -1",
      ),
    };
    expect(() => readVnfd(broken)).toThrow(/max_number_of_instances must be a non-negative integer/);
    expect(() => readVnfd({ "Definitions/top.yaml": "a: [" })).toThrow(/not valid YAML/);
  });
});
