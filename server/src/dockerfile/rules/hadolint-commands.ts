// hadolint's rules on what a RUN runs, beyond package managers: commands that make no sense in a build (DL3001),
// COPY of an archive then unpacked by hand (DL3010), useradd with a high UID and no -l (DL3046), wget's progress
// output (DL3047), and replacing /bin/sh with ln (DL4005).
import * as l10n from '@vscode/l10n';
import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel, Instruction, Stage } from '../parse/model';
import type { ShellCommand } from '../shell';
import { stripQuotes } from '../parse/variables';
import { flagNames } from './hadolint-packages';
import { commandPattern, locate } from './locate';
import type { Rule, RuleInput } from './types';

const POINTLESS = new Set(['free', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim']);
const UNPACKERS = new Set(['unzip', 'gunzip', 'bunzip2', 'unlzma', 'unxz', 'zgz', 'uncompress', 'zcat', 'gzcat']);
const ARCHIVE = /\.(tar|Z|bz2|gz|lz|lzma|tZ|tb2|tbz|tbz2|tgz|tlz|tpz|txz|xz)$/;

export const hadolintCommandRules: Rule = (input) => {
  const { model } = input;
  for (const inst of model.instructions) {
    const script = input.script(inst);
    if (!script) continue;
    for (const c of script.commands) {
      if (POINTLESS.has(c.name))
        input.report({
          code: 'DL3001',
          range: commandAt(model, inst, c),
          message: l10n.t(
            '{0} makes no sense in an image build: a build step has no services, terminal or processes of a running container to act on.',
            c.name,
          ),
        });
      if (c.name === 'useradd') {
        const flags = flagNames(c);
        const uid = useraddUid(c.args);
        if (!flags.has('l') && !flags.has('no-log-init') && uid !== undefined && uid.length > 5)
          input.report({
            code: 'DL3046',
            range: commandAt(model, inst, c),
            message: l10n.t(
              'useradd with a high UID ({0}) and without -l (--no-log-init) writes a huge sparse /var/log/faillog and lastlog into the image.',
              uid,
            ),
            fix: { kind: 'insertText', at: commandAt(model, inst, c).end, text: ' -l' },
          });
      }
      if (c.name === 'wget') {
        const flags = flagNames(c);
        const quiet = ['progress', 'q', 'quiet', 'o', 'output-file', 'a', 'append-output', 'no-verbose'].some((f) =>
          flags.has(f),
        );
        if (!quiet && !c.args.includes('-nv'))
          input.report({
            code: 'DL3047',
            range: commandAt(model, inst, c),
            message: l10n.t(
              'wget without --progress=dot:giga (or -q, -nv) fills the build log with a progress bar: add one of them.',
            ),
          });
      }
      if (c.name === 'ln' && c.args.includes('/bin/sh'))
        input.report({
          code: 'DL4005',
          range: locate(model, inst, /\/bin\/sh\b/),
          message: l10n.t('Use the SHELL instruction to change the default shell, not ln over /bin/sh.'),
        });
    }
  }
  for (const stage of model.stages) copiedArchives(input, stage);
};

/**
 * Where command `c` is written: its name followed by its first argument, so `wget -O …` is found past an earlier
 * `apt-get install wget`; the first occurrence of the name when that finds nothing.
 */
function commandAt(model: DockerfileModel, inst: Instruction, c: ShellCommand): Range {
  const name = c.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const first = c.args[0]?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (first) {
    const r = locate(model, inst, new RegExp(`(?<![\\w=.-])${name}(?=[ \\t]+${first}(?![\\w.-]))`));
    if (r !== inst.keywordRange) return r;
  }
  return locate(model, inst, commandPattern(c));
}

/** The value of useradd's -u/--uid, in any of its spellings. */
function useraddUid(args: string[]): string | undefined {
  for (const [i, a] of args.entries()) {
    if (a === '-u' || a === '--uid') return args[i + 1];
    if (a.startsWith('--uid=')) return a.slice(6);
    if (/^-u\d/.test(a)) return a.slice(2);
  }
  return undefined;
}

/** DL3010: an archive COPYed into the stage, then unpacked by a later RUN of the same stage. */
function copiedArchives(input: RuleInput, stage: Stage): void {
  const archives: { name: string; inst: Instruction; index: number }[] = [];
  for (const inst of stage.instructions) {
    if (inst.name === 'COPY' && !inst.flags.some((f) => f.name === 'from') && inst.heredocs.length === 0) {
      const paths = (inst.form === 'exec' ? (inst.execArgs ?? []) : inst.args).map((w) => stripQuotes(w.value));
      if (paths.length < 2) continue;
      const target = basename(paths.at(-1)!);
      if (ARCHIVE.test(target)) archives.push({ name: target, inst, index: paths.length - 1 });
      else
        paths.slice(0, -1).forEach((p, index) => {
          if (ARCHIVE.test(basename(p))) archives.push({ name: basename(p), inst, index });
        });
      continue;
    }
    const script = input.script(inst);
    if (!script || archives.length === 0) continue;
    for (const c of script.commands) {
      const tarExtract =
        c.name === 'tar' &&
        (c.args.some((a) => a === '--extract' || a === '--get' || (/^-[^-]/.test(a) && a.includes('x'))) ||
          /^[A-Za-z]*x[A-Za-z]*$/.test(c.args[0] ?? '')); // old style: tar xzf a.tgz
      if (!tarExtract && !UNPACKERS.has(c.name)) continue;
      const operands = new Set(c.args.filter((a) => !a.startsWith('-')).map(basename));
      for (let i = archives.length - 1; i >= 0; i--) {
        const a = archives[i]!; // 0 ≤ i < archives.length
        if (!operands.has(a.name)) continue;
        const words = a.inst.form === 'exec' ? (a.inst.execArgs ?? []) : a.inst.args;
        input.report({
          code: 'DL3010',
          range: words[a.index]?.range ?? a.inst.keywordRange,
          message: l10n.t(
            '{0} is copied, then unpacked by a RUN: ADD unpacks a local archive itself, in one layer instead of two.',
            a.name,
          ),
        });
        archives.splice(i, 1);
      }
    }
  }
}

function basename(p: string): string {
  const m = /[^/\\]*$/.exec(p);
  return m ? m[0] : p;
}
