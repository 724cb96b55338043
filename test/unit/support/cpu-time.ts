// Hang guards measure this process's CPU time, not wall time: on a shared machine (other test files, other jobs)
// wall time grows with the load, while the CPU a parse or check spends is its own.

/** Milliseconds of CPU (user + system) this process spent since `since`, a `process.cpuUsage()` reading. */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Runs `f` and returns its value with the CPU milliseconds it took. */
export function cpuTimed<T>(f: () => T): { value: T; ms: number } {
  const since = process.cpuUsage();
  const value = f();
  return { value, ms: cpuMsSince(since) };
}
