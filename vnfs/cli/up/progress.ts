/**
 * Step-by-step progress of `ivf up`: on a TTY one line per step with a spinner that is
 * replaced by ✔/✖ and the duration; otherwise (CI, pipes, the browser test) plain lines,
 * so logs stay readable and parseable.
 */
const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export interface ProgressOutput {
  write(text: string): void;
  isTTY?: boolean;
}

export class Progress {
  constructor(private readonly out: ProgressOutput = process.stdout) {}

  /** Runs `work` as a titled step; rethrows its error after marking the step failed. */
  async step<T>(title: string, work: (note: (detail: string) => void) => Promise<T>): Promise<T> {
    const started = Date.now();
    let detail = "";
    let frame = 0;
    const tty = this.out.isTTY === true;
    const render = (): void =>
      this.out.write(`\r\x1b[2K  ${FRAMES[frame++ % FRAMES.length]} ${title}${detail ? ` (${detail})` : ""}`);
    const timer = tty ? setInterval(render, 80) : undefined;
    if (tty) render();
    else this.out.write(`… ${title}\n`);
    const note = (text: string): void => {
      detail = text;
      if (!tty) this.out.write(`    ${text}\n`);
    };
    try {
      const result = await work(note);
      this.finish(tty, "✔", title, started);
      return result;
    } catch (error) {
      this.finish(tty, "✖", `${title}: ${error instanceof Error ? error.message : String(error)}`, started);
      throw error;
    } finally {
      clearInterval(timer);
    }
  }

  private finish(tty: boolean, mark: string, text: string, started: number): void {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    this.out.write(`${tty ? "\r\x1b[2K" : ""}  ${mark} ${text} [${seconds} s]\n`);
  }

  line(text: string): void {
    this.out.write(`${text}\n`);
  }
}
