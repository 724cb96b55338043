// Just enough of POSIX shell to lint RUN commands: split a script into simple commands (at &&, ||, ;, |, &, newlines,
// parentheses and braces), words with quotes removed, leading VAR=value assignments and wrappers (sudo, env, exec …)
// skipped. Not an interpreter: anything it cannot follow is left alone rather than guessed (precision first).
import type { DockerfileModel, Instruction } from './parse/model';
import { instructionMemo } from './parse/semantic';

export interface ShellCommand {
  /** Program name (basename), e.g. 'apt-get'. */
  name: string;
  /** Arguments after the program, quotes removed. */
  args: string[];
  /** Wrapper programs seen before it, e.g. ['sudo']. */
  wrappers: string[];
  /** The operator that follows the command ('|', '&&', ';' …) or '' at the end. */
  next: string;
}

export interface RunScript {
  /** The shell text that runs: the shell-form command, plus heredoc bodies fed to a shell. */
  text: string;
  commands: ShellCommand[];
}

const WRAPPERS = new Set(['sudo', 'env', 'exec', 'time', 'nice', 'nohup', 'eatmydata', 'xargs']);
const SHELLS = /^(\/(usr\/)?bin\/)?(ba|a|da|z)?sh$/;

/**
 * runScript with memory: several rule families ask about the same RUN in a pass, and the next versions of the
 * document ask again about the RUNs an edit left alone (the model's instruction memo, parse/semantic.ts).
 */
const SCRIPTS = Symbol('RUN scripts');

export function scriptCache(model: DockerfileModel): (inst: Instruction) => RunScript | undefined {
  const scripts = instructionMemo(model, SCRIPTS) as Map<Instruction, RunScript | null>;
  return (inst) => {
    let script = scripts.get(inst);
    if (script === undefined) scripts.set(inst, (script = runScript(inst) ?? null));
    return script ?? undefined;
  };
}

/** The script a RUN (or ONBUILD RUN) runs in shell form; undefined for exec form or a non-shell heredoc program. */
export function runScript(inst: Instruction): RunScript | undefined {
  const run = inst.onbuild ?? inst;
  if (run.name !== 'RUN' || run.form === 'exec') return undefined;
  let text = run.body;
  if (run.heredocs.length > 0) {
    // `RUN <<EOF` or `RUN bash <<EOF` runs the body as a script; `RUN cat <<EOF > f` only writes a file.
    const words = run.args.map((a) => a.value).filter((w) => !/^\d*<</.test(w));
    const program = words[0];
    const isScript = !program || (SHELLS.test(program) && words.slice(1).every((w) => w.startsWith('-')));
    text = words.length === 0 ? '' : run.body;
    if (isScript) text = [text.replace(/\d*<<-?\S+/g, ''), ...run.heredocs.map((h) => h.body)].join('\n');
  }
  return { text, commands: splitCommands(text) };
}

export function splitCommands(text: string): ShellCommand[] {
  const out: ShellCommand[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (op: string) => {
    endWord();
    const cmd = toCommand(words, op);
    if (cmd) out.push(cmd);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      word += text.slice(i + 1, end);
      inWord = true;
      i = end;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') j++;
        j++;
      }
      word += text.slice(i + 1, Math.min(j, text.length));
      inWord = true;
      i = j;
      continue;
    }
    if (c === '\\') {
      word += text[i + 1] ?? '';
      inWord = true;
      i++;
      continue;
    }
    if (c === '#' && !inWord) {
      while (i < text.length && text[i] !== '\n') i++;
      endCommand(';');
      continue;
    }
    if (c === '&' || c === '|') {
      const doubled = text[i + 1] === c;
      if (c === '|' && text[i - 1] === '>') {
        inWord = true;
        word += c;
        continue;
      }
      if (c === '&' && (text[i - 1] === '>' || text[i + 1] === '>')) {
        inWord = true;
        word += c;
        continue;
      }
      endCommand(doubled ? c + c : c);
      if (doubled) i++;
      continue;
    }
    if (c === ';' || c === '\n' || c === '(' || c === ')' || c === '`') {
      endCommand(c === '\n' ? ';' : c);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      continue;
    }
    word += c;
    inWord = true;
  }
  endCommand('');
  return out;
}

const KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  'for',
  'case',
  'esac',
  '{',
  '}',
  '!',
  'in',
]);

function toCommand(words: string[], next: string): ShellCommand | undefined {
  let i = 0;
  const wrappers: string[] = [];
  let word: string | undefined;
  for (;;) {
    while ((word = words[i]) !== undefined && (KEYWORDS.has(word) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(word))) i++;
    if (word === undefined) return undefined;
    const base = basename(word);
    if (!WRAPPERS.has(base)) break;
    wrappers.push(base);
    i++;
    // Skip the wrapper's own options (sudo -u x, env -i, nice -n 5).
    while ((word = words[i]) !== undefined && word.startsWith('-')) i += /^-(u|g|n)$/.test(word) ? 2 : 1;
  }
  return { name: basename(word), args: words.slice(i + 1), wrappers, next };
}

function basename(w: string): string {
  const slash = w.lastIndexOf('/');
  return slash >= 0 ? w.slice(slash + 1) : w;
}

/** Non-option arguments after the sub-command `sub` (e.g. packages after `install`). */
export function operandsAfter(cmd: ShellCommand, sub: string): string[] | undefined {
  const at = cmd.args.indexOf(sub);
  if (at < 0) return undefined;
  return cmd.args.slice(at + 1).filter((a) => !a.startsWith('-'));
}

/** Whether any option of the command is one of `names` (long names exact; short flags also inside bundles like -qy). */
export function hasOption(cmd: ShellCommand, names: readonly string[]): boolean {
  return cmd.args.some((a) => {
    if (names.includes(a) || names.some((n) => n.startsWith('--') && a.startsWith(n + '='))) return true;
    if (/^-[A-Za-z]{2,}$/.test(a)) return names.some((n) => /^-[A-Za-z]$/.test(n) && a.includes(n.charAt(1)));
    return false;
  });
}
