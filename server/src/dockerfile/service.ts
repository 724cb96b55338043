// First-stage Dockerfile checks: every line must be an instruction, a comment, a blank line or part of a
// continued instruction. The full parser and rule set replace this.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

const INSTRUCTIONS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

export function validateDockerfile(text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const lines = text.split(/\r?\n/);
  let continued = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (!continued) {
      const word = /^\s*(\S+)/.exec(line)![1];
      if (!INSTRUCTIONS.has(word.toUpperCase())) {
        const start = line.indexOf(word);
        out.push({
          range: { start: { line: i, character: start }, end: { line: i, character: start + word.length } },
          severity: DiagnosticSeverity.Error, source: 'berth', code: 'UnknownInstruction',
          message: `Unknown instruction: ${word}`,
        });
      }
    }
    continued = /\\\s*$/.test(line);
  }
  return out;
}
