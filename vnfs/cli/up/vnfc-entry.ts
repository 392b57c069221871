/**
 * Entry of every VNFC process that `ivf up` asks the local VIM for. The local-process driver
 * gives each VNFC a private IVF_DATA_DIR; on the embedded bus and store the IVFs of one
 * platform must share one directory (the embedded bus is a file every process opens), so
 * this entry points IVF_DATA_DIR at the platform directory named by IVF_UP_SHARED_DATA_DIR and
 * then runs the ordinary `ivf` command line (`ivf run <function>`).
 */
const shared = process.env.IVF_UP_SHARED_DATA_DIR;
if (shared) {
  process.env.IVF_VNFC_DATA_DIR = process.env.IVF_DATA_DIR;
  process.env.IVF_DATA_DIR = shared;
}
await import("../main.js");
