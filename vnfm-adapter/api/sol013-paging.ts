/**
 * SOL013 5.4 paging, alternative 2: the server picks the page size; a `Link: <...>; rel="next"`
 * header carries an opaque marker until the last page. The marker binds the offset to the
 * filter it was issued for, so a marker reused with another query is refused (400).
 */
import { createHash } from "node:crypto";
import { vnfmError } from "../errors.js";

interface Marker {
  offset: number;
  query: string;
}

const digest = (query: string) => createHash("sha256").update(query).digest("base64url").slice(0, 16);

export function encodeMarker(offset: number, query: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: digest(query) })).toString("base64url");
}

export function decodeMarker(raw: unknown, query: string): number {
  if (raw === undefined) return 0;
  let marker: Marker | undefined;
  try {
    const parsed = JSON.parse(Buffer.from(String(raw), "base64url").toString("utf8")) as {
      o?: unknown;
      q?: unknown;
    };
    if (
      typeof parsed.o === "number" &&
      Number.isInteger(parsed.o) &&
      parsed.o >= 0 &&
      typeof parsed.q === "string"
    )
      marker = { offset: parsed.o, query: parsed.q };
  } catch {
    marker = undefined;
  }
  if (!marker) throw vnfmError("INVALID_QUERY", "nextpage_opaque_marker is not a marker this server issued");
  if (marker.query !== digest(query))
    throw vnfmError(
      "INVALID_QUERY",
      "nextpage_opaque_marker belongs to a different query; start again without it",
    );
  return marker.offset;
}

export interface Page<T> {
  items: T[];
  nextLink?: string;
}

/** `selfUrl` is the absolute request URL; the next link keeps every parameter but the marker. */
export function paginate<T>(all: T[], pageSize: number, selfUrl: URL): Page<T> {
  const url = new URL(selfUrl.toString());
  const raw = url.searchParams.get("nextpage_opaque_marker") ?? undefined;
  url.searchParams.delete("nextpage_opaque_marker");
  const queryKey = url.searchParams.toString();
  const offset = decodeMarker(raw, queryKey);
  const items = all.slice(offset, offset + pageSize);
  if (offset + pageSize >= all.length) return { items };
  url.searchParams.set("nextpage_opaque_marker", encodeMarker(offset + pageSize, queryKey));
  return { items, nextLink: `<${url.toString()}>; rel="next"` };
}
