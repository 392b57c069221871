/**
 * What a second process can add on this machine at best, measured in the same run as the
 * benchmark that needs it: the work two CPU-bound Node.js processes do together in a fixed time,
 * over the work one does alone (2.0 on two idle, unshared cores). A virtual machine whose cores
 * share a physical core, or whose host is busy, shows less; a scaling gain is read against it.
 */
import { spawn } from "node:child_process";

const SECONDS = 2;
/** JSON round trips of a small object for SECONDS, printed as one number. */
const LOOP = `const end = Date.now() + ${SECONDS * 1000}; let n = 0; const o = { a: 1, b: "x".repeat(50), c: [1, 2, 3] };
while (Date.now() < end) { for (let i = 0; i < 1000; i++) JSON.parse(JSON.stringify(o)); n += 1000; }
console.log(n);`;

function loop(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", LOOP], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(Number(out.trim())) : reject(new Error(`CPU loop exited with ${code}`)),
    );
  });
}

/** Work of two processes at once over the work of one alone (one then two, then one again). */
export async function machineParallelGain(): Promise<number> {
  const alone = await loop();
  const together = (await Promise.all([loop(), loop()])).reduce((sum, n) => sum + n, 0);
  const aloneAgain = await loop();
  return Number((together / ((alone + aloneAgain) / 2)).toFixed(2));
}
