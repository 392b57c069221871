/** The operation table: LCM operation type -> its module. */
import type { LcmOperationType } from "../../objects/models.js";
import type { OperationModule } from "../operation-module.js";
import { changeExtConn } from "./change-ext-conn.js";
import { changeFlavour } from "./change-flavour.js";
import { heal } from "./heal.js";
import { instantiate } from "./instantiate.js";
import { modifyInfo } from "./modify-info.js";
import { operate } from "./operate.js";
import { scale } from "./scale.js";
import { scaleToLevel } from "./scale-to-level.js";
import { terminate } from "./terminate.js";

export const operations: Record<LcmOperationType, OperationModule> = {
  INSTANTIATE: instantiate,
  SCALE: scale,
  SCALE_TO_LEVEL: scaleToLevel,
  CHANGE_FLAVOUR: changeFlavour,
  TERMINATE: terminate,
  HEAL: heal,
  OPERATE: operate,
  CHANGE_EXT_CONN: changeExtConn,
  MODIFY_INFO: modifyInfo,
};
