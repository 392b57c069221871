import { StoreInputError, type IndexSpec } from "./document-store.js";

/**
 * Input checks shared by both store adapters, so that a name, path or document refused by one
 * adapter is refused by the other with the same code and words (the contract suite relies on
 * it). Everything here runs before any database call: nothing hostile reaches SQL text or a
 * MongoDB filter, and a refused batch leaves nothing half-written.
 */

/**
 * Lower case only: SQLite table names are case-insensitive while MongoDB's are not, so
 * "Devices" and "devices" would be one collection on one adapter and two on the other.
 */
const COLLECTION_PATTERN = /^[a-z][a-z0-9_-]{0,62}$/;
/** One segment of a field path; no `$`, no quotes, no digits first (SQLite vs MongoDB array indexes). */
const SEGMENT_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_PATH_SEGMENTS = 8;
/** Names that reach JavaScript object machinery when used as keys of the objects we build. */
const FORBIDDEN_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);
const MAX_ID_LENGTH = 512;
/** MongoDB refuses documents nested deeper than 100 levels; both adapters stop well before. */
const MAX_DEPTH = 64;

/** The store's own fields: `id` is the key, `version` is managed by the store. */
export const RESERVED_FIELDS = new Set(["id", "version"]);

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

export function checkCollectionName(name: unknown): string {
  if (typeof name !== "string" || !COLLECTION_PATTERN.test(name)) {
    const shown = typeof name === "string" ? quote(name) : typeof name;
    throw new StoreInputError(
      "STORE_INVALID_COLLECTION",
      `collection name ${shown} is invalid: use 1-63 characters from a-z 0-9 _ -, starting with a letter`,
    );
  }
  // SQLite reserves table names starting with "sqlite_" for itself.
  if (name.startsWith("sqlite_")) {
    throw new StoreInputError(
      "STORE_INVALID_COLLECTION",
      `collection name "${name}" is reserved: choose a name not starting with "sqlite_"`,
    );
  }
  return name;
}

/** Why a field path is invalid, or undefined when it is valid. */
function fieldPathProblem(path: string): string | undefined {
  if (path.length === 0) return "it must be a non-empty string";
  const segments = path.split(".");
  if (segments.length > MAX_PATH_SEGMENTS) return `it has more than ${MAX_PATH_SEGMENTS} segments`;
  if (!segments.every((segment) => SEGMENT_PATTERN.test(segment))) {
    return "each dot-separated segment must match [A-Za-z_][A-Za-z0-9_]* (at most 64 characters)";
  }
  if (segments[0] === "_id") return '"_id" is reserved; query the document key as "id"';
  if (segments.some((segment) => FORBIDDEN_SEGMENTS.has(segment))) {
    return '"__proto__", "constructor" and "prototype" are not accepted as field names';
  }
  if (segments.length > 1 && RESERVED_FIELDS.has(segments[0] ?? "")) {
    return `"${segments[0]}" is a scalar kept by the store; it has no sub-fields`;
  }
  return undefined;
}

/** Paths already found valid (the check is pure); bounded so that odd callers cannot grow it. */
const validPaths = new Set<string>();
const MAX_REMEMBERED_PATHS = 4096;

/**
 * Field paths are top-level names or dotted paths ("meta.site"). Adapters build SQL text and
 * MongoDB keys from paths that passed this check only, so the pattern is the injection guard.
 */
export function checkFieldPath(path: unknown, where: string): string {
  if (typeof path === "string" && validPaths.has(path)) return path;
  const problem = typeof path === "string" ? fieldPathProblem(path) : "it must be a non-empty string";
  if (problem !== undefined) {
    const shown = typeof path === "string" ? quote(path) : typeof path;
    throw new StoreInputError("STORE_INVALID_FIELD", `${where}: field path ${shown} is invalid: ${problem}`);
  }
  if (validPaths.size >= MAX_REMEMBERED_PATHS) validPaths.clear();
  validPaths.add(path as string);
  return path as string;
}

export function checkId(id: unknown, collection: string): string {
  if (typeof id !== "string" || id.length === 0 || id.length > MAX_ID_LENGTH || id.includes("\u0000")) {
    throw new StoreInputError(
      "STORE_INVALID_ID",
      `${collection}: document id must be a string of 1-${MAX_ID_LENGTH} characters without NUL`,
    );
  }
  return id;
}

export function checkExpectedVersion(version: unknown, collection: string, id: string): number | undefined {
  if (version === undefined) return undefined;
  if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 1) {
    throw new StoreInputError(
      "STORE_INVALID_QUERY",
      `${collection}/${id}: expectedVersion must be a positive integer, got ${String(version)}`,
    );
  }
  return version;
}

function refuseValue(collection: string, pointer: string, why: string): never {
  throw new StoreInputError(
    "STORE_INVALID_DOCUMENT",
    `${collection}: document value at "${pointer || "/"}" ${why}`,
  );
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Documents are JSON: both adapters must store and return the same thing, so values that JSON
 * and BSON treat differently (Date, NaN, BigInt, class instances) are refused, not converted.
 * `undefined` object members are dropped by both (JSON.stringify, driver `ignoreUndefined`).
 */
function checkValue(value: unknown, collection: string, pointer: string, depth: number): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) refuseValue(collection, pointer, "is not a finite number");
    return;
  }
  if (typeof value !== "object")
    refuseValue(collection, pointer, `has type ${typeof value}, which JSON cannot hold`);
  if (depth > MAX_DEPTH) refuseValue(collection, pointer, `is nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      if (item === undefined)
        refuseValue(collection, `${pointer}/${index}`, "is undefined (arrays cannot hold it)");
      checkValue(item, collection, `${pointer}/${index}`, depth + 1);
    });
    return;
  }
  if (!isPlainObject(value))
    refuseValue(collection, pointer, "is not a plain JSON object (Date, Map, class instance)");
  for (const [key, member] of Object.entries(value)) {
    if (key.includes("\u0000")) refuseValue(collection, pointer, "has a member name containing NUL");
    if (member !== undefined)
      checkValue(member, collection, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, depth + 1);
  }
}

/**
 * Checks a document for writing and returns its id and its body (every member except `id`
 * and `version`; the store keeps those itself).
 */
export function checkDocument(
  doc: unknown,
  collection: string,
): { id: string; body: Record<string, unknown> } {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc) || !isPlainObject(doc)) {
    throw new StoreInputError(
      "STORE_INVALID_DOCUMENT",
      `${collection}: a document must be a plain JSON object`,
    );
  }
  const { id, version: _version, ...body } = doc as Record<string, unknown>;
  const checkedId = checkId(id, collection);
  for (const key of Object.keys(body)) {
    if (key === "_id" || key.startsWith("$")) {
      refuseValue(
        collection,
        `/${key}`,
        'is a top-level member named "_id" or starting with "$"; both are reserved',
      );
    }
  }
  checkValue(body, collection, "", 0);
  return { id: checkedId, body };
}

/** Top-level member names given to `update`: plain names, so that no adapter reads them as paths. */
export function checkChangeKeys(changes: unknown, collection: string, id: string): Record<string, unknown> {
  if (typeof changes !== "object" || changes === null || Array.isArray(changes) || !isPlainObject(changes)) {
    throw new StoreInputError(
      "STORE_INVALID_DOCUMENT",
      `${collection}/${id}: changes must be a plain JSON object`,
    );
  }
  const { version: _version, ...rest } = changes as Record<string, unknown>;
  if ("id" in rest && rest.id !== id) {
    throw new StoreInputError("STORE_INVALID_DOCUMENT", `${collection}/${id}: update cannot change the id`);
  }
  delete rest.id;
  for (const key of Object.keys(rest)) {
    if (!SEGMENT_PATTERN.test(key) || key === "_id" || FORBIDDEN_SEGMENTS.has(key)) {
      throw new StoreInputError(
        "STORE_INVALID_FIELD",
        `${collection}/${id}: changed member ${quote(key)} is invalid: names must match [A-Za-z_][A-Za-z0-9_]* and not be "_id"`,
      );
    }
  }
  checkValue(rest, collection, "", 0);
  return rest;
}

export function checkIndexes(indexes: IndexSpec[] | undefined, collection: string): IndexSpec[] {
  if (indexes === undefined) return [];
  if (!Array.isArray(indexes)) {
    throw new StoreInputError("STORE_INVALID_QUERY", `${collection}: indexes must be an array`);
  }
  return indexes.map((index, position) => {
    const where = `${collection} index ${position}`;
    if (!Array.isArray(index?.fields) || index.fields.length === 0 || index.fields.length > 8) {
      throw new StoreInputError("STORE_INVALID_QUERY", `${where}: fields must list 1 to 8 field paths`);
    }
    index.fields.forEach((field) => checkFieldPath(field, where));
    if (new Set(index.fields).size !== index.fields.length) {
      throw new StoreInputError("STORE_INVALID_QUERY", `${where}: a field is listed twice`);
    }
    return { fields: [...index.fields], unique: index.unique === true };
  });
}

export function valueAt(body: Record<string, unknown>, path: string): unknown {
  let current: unknown = body;
  for (const segment of path.split(".")) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/**
 * Documents must carry a non-null value for every field of a unique index. SQLite treats
 * missing values as distinct while MongoDB treats them as one shared null, so a document
 * without the key would be accepted by one adapter and refused by the other.
 */
export function checkUniqueFields(
  id: string,
  body: Record<string, unknown>,
  indexes: IndexSpec[],
  collection: string,
): void {
  for (const index of indexes) {
    if (!index.unique) continue;
    for (const field of index.fields) {
      if (field === "id") continue;
      const value = field === "version" ? 1 : valueAt(body, field);
      if (value === undefined || value === null) {
        throw new StoreInputError(
          "STORE_INVALID_DOCUMENT",
          `${collection}/${id}: "${field}" is part of a unique index, so it must be present and not null`,
        );
      }
    }
  }
}

/**
 * The unique-index rule for `update`: only fields under a changed top-level member can change,
 * so only those are checked (the rest were checked when the document was written).
 */
export function checkUniqueChanges(
  id: string,
  changes: Record<string, unknown>,
  indexes: IndexSpec[],
  collection: string,
): void {
  const touched = indexes
    .filter((index) => index.unique)
    .map((index) => ({
      ...index,
      fields: index.fields.filter((field) => (field.split(".")[0] ?? "") in changes),
    }));
  checkUniqueFields(id, changes, touched, collection);
}
