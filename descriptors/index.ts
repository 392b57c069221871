/**
 * Public API of descriptors/: the authored IVF and network-service models (read by the VNFM
 * adapter and the monitoring agent) and the package builder (used by `ivf up` and the CLI).
 */
export {
  descriptorsRoot,
  listIvfModels,
  loadIvfModel,
  loadNetworkServiceModel,
  loadPlatform,
  readIvfModelFile,
} from "./model/model-loader.js";
export type { LoadOptions } from "./model/model-loader.js";
export { ModelLoadError, formatIssue, modelErrorCodes } from "./model/model-errors.js";
export type { ModelIssue } from "./model/model-errors.js";
export type * from "./model/model-types.js";
export {
  deltaForStep,
  deltaSet,
  instancesAt,
  levelScaleLevels,
  maxScaleLevels,
} from "./model/scaling-math.js";
export { buildPackages } from "./package/build-packages.js";
export type { BuildOptions, PackageFormat } from "./package/build-packages.js";
export { TypeFilesMissingError, defaultTypesDir } from "./render/sol001/type-files.js";
export type { Sol001Version } from "./render/render-types.js";
