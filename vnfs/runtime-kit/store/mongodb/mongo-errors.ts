import { MongoServerError, type WriteError } from "mongodb";

/** MongoDB's duplicate key error (E11000), for the `_id` index and unique indexes alike. */
export const DUPLICATE_KEY = 11000;
export const ID_INDEX = "_id_";

/**
 * Name of the index a duplicate-key error is about, or undefined for any other error. The
 * server names it in the message ("E11000 duplicate key error collection: db.c index: NAME
 * dup key: ..."); `keyPattern` is the fallback when a server formats the message differently.
 */
export function duplicateKeyIndex(error: {
  code?: unknown;
  errmsg?: unknown;
  message?: unknown;
  keyPattern?: unknown;
}): string | undefined {
  if (error.code !== DUPLICATE_KEY) return undefined;
  const text =
    typeof error.errmsg === "string" ? error.errmsg : typeof error.message === "string" ? error.message : "";
  const named = /index: (\S+) dup key/.exec(text)?.[1];
  if (named) return named;
  const pattern = error.keyPattern;
  if (pattern && typeof pattern === "object" && Object.keys(pattern).join(",") === "_id") return ID_INDEX;
  return "(unnamed unique index)";
}

export function writeErrorIndex(writeError: WriteError): string | undefined {
  return duplicateKeyIndex({ code: writeError.code, errmsg: writeError.errmsg });
}

export function serverErrorIndex(error: unknown): string | undefined {
  return error instanceof MongoServerError ? duplicateKeyIndex(error) : undefined;
}
