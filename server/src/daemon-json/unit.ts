// What the local docker.service passes to dockerd, read from its unit file and drop-ins, for the one daemon.json trap
// that needs it: `hosts` in the file together with -H on the command line makes dockerd refuse to start.
// Pure: the server hands in the texts (unit first, then drop-ins in systemd's order).

/** What is known about the service that starts this engine. */
export type EngineUnit =
  | { kind: 'local'; path: string; execStart?: string }
  /** The file is not the local engine's, or its unit could not be read. */
  | { kind: 'unknown' };

/** The effective ExecStart= of a unit and its drop-ins: an empty ExecStart= resets the list, as systemd does. */
export function effectiveExecStart(texts: readonly string[]): string | undefined {
  let execStart: string | undefined;
  for (const text of texts) {
    let inService = false;
    // Continuation lines end in a backslash; join them first.
    for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
      const trimmed = line.trim();
      if (/^\[.*\]$/.test(trimmed)) inService = trimmed === '[Service]';
      else if (inService && /^ExecStart\s*=/.test(trimmed)) {
        const value = trimmed.replace(/^ExecStart\s*=\s*/, '');
        execStart = value === '' ? undefined : value;
      }
    }
  }
  return execStart;
}

/** The -H / --host values on a dockerd command line. */
export function hostFlags(execStart: string): string[] {
  const words = execStart.split(/\s+/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const joined = /^(?:-H|--host)=(.+)$/.exec(w) ?? /^-H(.+)$/.exec(w);
    if (joined) out.push(joined[1]!);
    else if ((w === '-H' || w === '--host') && words[i + 1]) out.push(words[++i]!);
  }
  return out;
}
