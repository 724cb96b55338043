// The extension's side of the startup timeline bench/activation reads (the server's side, and the format, are in
// server/src/startup-timeline.ts; the client may not import it, lint keeps the server's sources apart). When
// BERTH_TIMELINE names a file, each step appends a JSON line stamped with the wall clock and the extension host
// thread's CPU time (Node ≥ 23.9); otherwise a mark is one comparison.
import { appendFileSync } from 'node:fs';

const file = process.env.BERTH_TIMELINE;

/** CPU time the current thread has used (ms), where Node can tell. */
export function threadCpuMs(): number | undefined {
  const used = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.call(process);
  return used && (used.user + used.system) / 1000;
}

/** Whether the timeline is being recorded (BERTH_TIMELINE is set). */
export const recordingStartup = (): boolean => file !== undefined;

/** Records `step` at `at` (milliseconds since the epoch; now by default), when the thread had used `cpu` ms. */
export function markStartup(step: string, at = performance.timeOrigin + performance.now(), cpu = threadCpuMs()): void {
  if (file) appendFileSync(file, `${JSON.stringify({ step, at, cpu })}\n`);
}
