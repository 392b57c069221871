/**
 * The one error type of the console backend: an HTTP status for the browser and a message that
 * says what failed and where. Upstream problem details are summarised (title, detail), never
 * passed through with headers or credentials.
 */
export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ConsoleError";
  }
}

/** "title - detail" of an RFC 9457 / SOL013 problem or an OAuth error body, if it has one. */
export function problemSummary(body: unknown): string {
  if (typeof body !== "object" || body === null) return typeof body === "string" ? body.slice(0, 300) : "";
  const { title, detail, error, error_description: description } = body as Record<string, unknown>;
  return [title, detail, error, description].filter((part) => typeof part === "string").join(" - ");
}
