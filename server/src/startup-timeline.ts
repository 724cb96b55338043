// The start of Berth's language service as one timeline, for bench/activation: when BERTH_TIMELINE names a file, the
// extension and the language server (its thread or process inherits the variable) append one JSON line per step,
// stamped with the wall clock shared by every thread and process, so that a fresh window's way from opening a
// Dockerfile to its first diagnostics reads in order. Each server mark also carries the CPU time its thread has used
// (Node ≥ 23.9), which a loaded machine does not inflate. Without the variable each mark is one comparison.
import { appendFileSync } from 'node:fs';

const file = process.env.BERTH_TIMELINE;
const threadCpu = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage;

/** Records `step` at `at` (milliseconds since the epoch; now by default). */
export function markStartup(step: string, at = performance.timeOrigin + performance.now()): void {
  if (!file) return;
  const used = threadCpu?.call(process);
  const cpu = used && (used.user + used.system) / 1000;
  appendFileSync(file, `${JSON.stringify({ step, at, cpu })}\n`);
}
