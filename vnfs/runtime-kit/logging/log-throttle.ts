/**
 * Log lines about refused input, throttled: hostile or broken clients can make a process refuse
 * thousands of messages a second, and one log line each would flood the log pipeline and the disk.
 * Per key (a bounded set: an error code or refusal reason, never a device id), the first
 * `perInterval` lines of each interval are written; the rest are counted and reported in one
 * summary line when the interval ends (`event: "log-suppressed"`). Counters and metrics still see
 * every refusal; only the log is thinned.
 */
import type { Logger } from "./logger.js";

export interface LogThrottleOptions {
  /** Lines per key written in full per interval (default 10). */
  perInterval?: number;
  /** Interval length in milliseconds (default 10 s). */
  intervalMs?: number;
  /** Keys tracked at once; beyond it lines with new keys share one overflow key (default 1000). */
  maxKeys?: number;
  now?: () => number;
}

interface Window {
  start: number;
  written: number;
  suppressed: number;
  timer?: NodeJS.Timeout;
}

const OVERFLOW_KEY = "(other)";

export class LogThrottle {
  private readonly windows = new Map<string, Window>();
  private readonly perInterval: number;
  private readonly intervalMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(
    private readonly logger: Logger,
    options: LogThrottleOptions = {},
  ) {
    this.perInterval = options.perInterval ?? 10;
    this.intervalMs = options.intervalMs ?? 10_000;
    this.maxKeys = options.maxKeys ?? 1000;
    this.now = options.now ?? Date.now;
  }

  warn(key: string, details: object, message: string): void {
    const slot = this.windows.has(key) || this.windows.size < this.maxKeys ? key : OVERFLOW_KEY;
    const now = this.now();
    let window = this.windows.get(slot);
    if (window && now - window.start >= this.intervalMs) {
      this.flush(slot, window);
      window = undefined;
    }
    if (!window) {
      window = { start: now, written: 0, suppressed: 0 };
      this.windows.set(slot, window);
    }
    if (window.written < this.perInterval) {
      window.written += 1;
      this.logger.warn(details, message);
      return;
    }
    window.suppressed += 1;
    if (!window.timer) {
      const current = window;
      current.timer = setTimeout(
        () => {
          if (this.windows.get(slot) === current) this.flush(slot, current);
        },
        Math.max(0, current.start + this.intervalMs - now),
      );
      current.timer.unref();
    }
  }

  /** Writes the pending summaries (call on shutdown). */
  close(): void {
    for (const [key, window] of [...this.windows]) this.flush(key, window);
  }

  private flush(key: string, window: Window): void {
    clearTimeout(window.timer);
    this.windows.delete(key);
    if (window.suppressed === 0) return;
    this.logger.warn(
      { event: "log-suppressed", key, suppressed: window.suppressed, intervalMs: this.intervalMs },
      `${window.suppressed} more log lines like "${key}" suppressed in ${this.intervalMs / 1000} s`,
    );
  }
}
