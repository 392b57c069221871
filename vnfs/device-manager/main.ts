import { runIvfMain } from "../runtime-kit/ivf-process.js";
import { definition } from "./definition.js";

await runIvfMain(definition);
