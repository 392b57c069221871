import { runIvfMain } from "../runtime-kit/ivf-process.js";
import { opcuaAdapterDefinition } from "./definition.js";

await runIvfMain(opcuaAdapterDefinition);
