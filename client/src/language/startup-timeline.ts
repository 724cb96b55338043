// The extension's side of the startup timeline bench/activation reads (the server's side, and the format, are in
// server/src/startup-timeline.ts; the client may not import it, lint keeps the server's sources apart). When
// BERTH_TIMELINE names a file, each step appends a JSON line stamped with the wall clock; otherwise a mark is one
// comparison.
import { appendFileSync } from 'node:fs';

const file = process.env.BERTH_TIMELINE;

/** Records `step` at `at` (milliseconds since the epoch; now by default). */
export function markStartup(step: string, at = performance.timeOrigin + performance.now()): void {
  if (file) appendFileSync(file, `${JSON.stringify({ step, at })}\n`);
}
