// Package-manager hygiene in RUN commands (hadolint's apt/apk/pip/npm/yarn rules) and Berth's cached-update trap.
// Version pins with variables (`pkg=${VERSION}`) count as pinned: flagging them was hadolint's most hated false positive.
import * as l10n from '@vscode/l10n';
import type { Range } from 'vscode-languageserver-types';
import type { Instruction } from '../parse/model';
import type { ShellCommand } from '../shell';
import { cacheTargets, commandPattern, locate } from './locate';
import { wanted, type Rule, type RuleInput } from './types';

const APT_INSTALLERS = new Set([
  'install',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'build-dep',
  'reinstall',
  'source',
]);
const PIP_VALUE_OPTIONS = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--trusted-host',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--src',
  '--upgrade-strategy',
  '--progress-bar',
  '--cache-dir',
  '--log',
  '--proxy',
  '--retries',
  '--timeout',
  '--exists-action',
  '--cert',
  '--client-cert',
  '--only-binary',
  '--no-binary',
  '--report',
  '--root-user-action',
]);
const APK_VALUE_OPTIONS = new Set([
  '-t',
  '--virtual',
  '-X',
  '--repository',
  '-p',
  '--root',
  '--arch',
  '--repositories-file',
  '--cache-dir',
  '--keys-dir',
]);
const NPM_VALUE_OPTIONS = new Set([
  '--prefix',
  '--registry',
  '--cache',
  '--tag',
  '--workspace',
  '-w',
  '--omit',
  '--include',
  '--loglevel',
]);
const PIP_SELF = new Set(['pip', 'setuptools', 'wheel', 'pip3']);

/** Operands after `sub`, skipping options and the values of options that take one. */
function operands(args: string[], sub: string | undefined, valueOptions: ReadonlySet<string>): string[] | undefined {
  let i = 0;
  if (sub !== undefined) {
    i = args.findIndex((a) => a === sub);
    if (i < 0) return undefined;
    i++;
  }
  const out: string[] = [];
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      if (valueOptions.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

function isApt(cmd: ShellCommand): boolean {
  return cmd.name === 'apt-get' || cmd.name === 'apt';
}
const APT_VALUE_OPTIONS = new Set([
  '-o',
  '--option',
  '-c',
  '--config-file',
  '-t',
  '--target-release',
  '-a',
  '--host-architecture',
]);
/** The sub-command (install, update …), skipping options and the values of options that take one. */
function subOf(cmd: ShellCommand): string | undefined {
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i]!;
    if (!a.startsWith('-')) return a;
    if (APT_VALUE_OPTIONS.has(a)) i++;
  }
  return undefined;
}

/** pip / pip3 / python -m pip, as pip's own arguments. */
function pipArgs(cmd: ShellCommand): string[] | undefined {
  if (/^pip[0-9.]*$/.test(cmd.name) || cmd.name === 'pipx') return cmd.args;
  if (/^python[0-9.]*$/.test(cmd.name) && cmd.args[0] === '-m' && /^pip[0-9.]*$/.test(cmd.args[1] ?? ''))
    return cmd.args.slice(2);
  return undefined;
}

export const packageRules: Rule = (input) => {
  const { model } = input;
  const lastStage = model.stages.length - 1;
  for (const inst of model.instructions) {
    const script = input.script(inst);
    if (!script) continue;
    const cmds = script.commands;
    const caches = cacheTargets(inst);
    const cached = (path: RegExp) => caches.some((t) => path.test(t));
    const aptInstalls = cmds.filter((c) => isApt(c) && subOf(c) === 'install');
    for (const c of aptInstalls) aptInstall(input, inst, c);
    if (cmds.some((x) => x.name === 'apt')) {
      input.report({
        code: 'DL3027',
        range: locate(model, inst, /\bapt\b(?!-)/),
        message: l10n.t('Use apt-get or apt-cache instead of apt: apt has no stable interface for scripts.'),
        fix: { kind: 'replace', range: locate(model, inst, /\bapt\b(?!-)/), text: 'apt-get' },
      });
    }
    const cleansLists = /rm\s+(-\w+\s+)*[^&|;]*\/var\/lib\/apt\/lists/.test(script.text);
    if (inst.stage === lastStage && aptInstalls.length > 0 && !cleansLists && !cached(/\/var\/(lib|cache)\/apt/)) {
      const fix =
        inst.heredocs.length === 0
          ? { kind: 'insertText' as const, at: inst.range.end, text: ' \\\n    && rm -rf /var/lib/apt/lists/*' }
          : undefined;
      input.report({
        code: 'DL3009',
        range: locate(model, inst, commandPattern(aptInstalls[0]!, 'install')),
        message: l10n.t('Delete the apt lists after installing (rm -rf /var/lib/apt/lists/*) to keep the image small.'),
        fix,
      });
    }
    const updates = cmds.filter((c) => isApt(c) && subOf(c) === 'update');
    if (updates.length > 0 && !cmds.some((c) => isApt(c) && APT_INSTALLERS.has(subOf(c) ?? ''))) {
      const next = model.instructions
        .slice(inst.index + 1)
        .find(
          (i) => i.stage === inst.stage && input.script(i)?.commands.some((c) => isApt(c) && subOf(c) === 'install'),
        );
      input.report({
        code: 'AptUpdateAlone',
        range: locate(model, inst, commandPattern(updates[0]!, 'update')),
        message: l10n.t(
          'apt-get update in a RUN of its own is cached: a later install may use stale lists. Run update and install in the same RUN.',
        ),
        fix: { kind: 'aptJoin', range: inst.range, installLine: next?.startLine },
      });
    }
    // PIP_NO_CACHE_DIR=1 pip install … / export PIP_NO_CACHE_DIR=on: any value but a false one turns the cache off.
    const pipNoCacheHere = /\bPIP_NO_CACHE_DIR=["']?(?!(0|off|no|false)\b)\w/i.test(script.text);
    cmds.forEach((c, at) => {
      const pip = pipArgs(c);
      if (pip && pip.includes('install'))
        // pipx installs into its own venvs and keeps no download cache worth a flag.
        pipInstall(
          input,
          inst,
          pip,
          c.name === 'pipx' || cached(/\.cache(\/pip)?$/) || pipNoCacheHere || pipNoCacheEnv(input, inst),
        );
      if (c.name === 'npm' && ['install', 'i', 'add'].includes(subOf(c) ?? '')) {
        const pkgs = operands(c.args, subOf(c), NPM_VALUE_OPTIONS) ?? [];
        const loose = pkgs.filter((p) =>
          // A git URL is pinned by a #ref (hadolint's reading); a local tarball holds one version.
          /^git(\+[a-z]+)?:/.test(p)
            ? !p.includes('#')
            : !p.includes('$') &&
              !/^(\.|\/|~|https?:|file:)/.test(p) &&
              !/\.(tgz|tar|tar\.gz)$/.test(p) &&
              p.lastIndexOf('@') <= 0,
        );
        if (loose[0] !== undefined)
          input.report({
            code: 'DL3016',
            range: locate(model, inst, commandPattern(c, subOf(c))),
            message: l10n.t('Pin versions in npm install: {0} (e.g. {1}@<version>).', loose.join(', '), loose[0]),
          });
      }
      if (c.name === 'apk' && subOf(c) === 'add')
        apkAdd(
          input,
          inst,
          c,
          /rm\s+(-\w+\s+)*[^&|;]*\/var\/cache\/apk/.test(script.text) || cached(/\/var\/cache\/apk|\/etc\/apk\/cache/),
        );
      if (
        c.name === 'yarn' &&
        (subOf(c) === 'install' || subOf(c) === undefined) &&
        !cmds.slice(at + 1).some((x) => x.name === 'yarn' && x.args[0] === 'cache' && x.args[1] === 'clean') &&
        caches.length === 0
      ) {
        input.report({
          code: 'DL3060',
          range: locate(model, inst, /\byarn\b/),
          message: l10n.t('Run yarn cache clean after yarn install in the same RUN to keep the image small.'),
        });
      }
    });
  }
};

function aptInstall(input: RuleInput, inst: Instruction, c: ShellCommand): void {
  // Where `apt-get … install` is, found only for a finding: most installs on a keystroke report nothing.
  let found: Range | undefined;
  const range = () => (found ??= locate(input.model, inst, commandPattern(c, 'install')));
  if (
    !c.args.some(
      (a) =>
        ['-y', '--yes', '--assume-yes', '-qq', '-q=2'].includes(a) ||
        /^-[a-z]*y[a-z]*$/.test(a) ||
        /^-[a-z]*q[a-z]*q/.test(a),
    ) &&
    c.args.filter((a) => a === '-q' || a === '--quiet').length < 2 // -q -q is -qq, which implies -y
  ) {
    input.report({
      code: 'DL3014',
      range: range(),
      message: l10n.t('Use apt-get install -y: without it the build stops at the confirmation prompt.'),
      fix: { kind: 'insertText', at: range().end, text: ' -y' },
    });
  }
  if (!c.args.includes('--no-install-recommends') && !c.args.some((a) => /Install-Recommends=(false|0)/i.test(a))) {
    input.report({
      code: 'DL3015',
      range: range(),
      message: l10n.t('Add --no-install-recommends to avoid pulling in packages you did not ask for.'),
      fix: { kind: 'insertText', at: range().end, text: ' --no-install-recommends' },
    });
  }
  if (!wanted(input, 'DL3008')) return;
  const pkgs = operands(c.args, 'install', new Set(['-o', '-t', '--target-release', '-c', '--config-file'])) ?? [];
  const loose = pkgs.filter((p) => !p.includes('=') && !p.includes('$') && !p.includes('/') && !p.endsWith('.deb'));
  if (loose[0] !== undefined)
    input.report({
      code: 'DL3008',
      range: range(),
      message: l10n.t('Pin versions in apt-get install: {0} (e.g. {1}=<version>).', loose.join(', '), loose[0]),
    });
}

function pipInstall(input: RuleInput, inst: Instruction, args: string[], noCacheOk: boolean): void {
  const { model } = input;
  const range = locate(model, inst, /\bpip[0-9.]*\b[^&|;]*?\binstall\b/);
  const pkgs = operands(args, 'install', PIP_VALUE_OPTIONS) ?? [];
  const requirementsOnly = args.some((a) => a === '-r' || a === '--requirement' || a.startsWith('--requirement='));
  const constrained = args.some((a) => a === '-c' || a === '--constraint' || a.startsWith('--constraint='));
  // A VCS URL (git+https://…/repo.git@v1.2#egg=x) is pinned by an @ref after the repository, not by #egg=.
  const vcsPinned = (p: string) =>
    /@[^/]+$/.test(
      p
        .split('#', 1)[0]!
        .slice(p.indexOf('://') + 3)
        .replace(/^[^/]*\//, ''),
    );
  const loose = constrained
    ? []
    : pkgs.filter((p) =>
        /^(git|hg|svn|bzr)\+/.test(p)
          ? !vcsPinned(p)
          : !/[=<>~!@/$]/.test(p) && p !== '.' && !/\.(whl|tar\.gz|zip)$/.test(p) && !PIP_SELF.has(p.toLowerCase()),
      );
  if (loose[0] !== undefined)
    input.report({
      code: 'DL3013',
      range,
      message: l10n.t('Pin versions in pip install: {0} (e.g. {1}==<version>).', loose.join(', '), loose[0]),
    });
  const upgradingPipOnly =
    pkgs.length > 0 && pkgs.every((p) => PIP_SELF.has(p.toLowerCase().replace(/[=<>~!].*$/, '')));
  if (!args.includes('--no-cache-dir') && !noCacheOk && !upgradingPipOnly && (pkgs.length > 0 || requirementsOnly)) {
    input.report({
      code: 'DL3042',
      range,
      message: l10n.t(
        'Use pip install --no-cache-dir (or a cache mount) so the download cache does not end up in the image.',
      ),
      fix: { kind: 'insertText', at: range.end, text: ' --no-cache-dir' },
    });
  }
}

function pipNoCacheEnv(input: RuleInput, inst: Instruction): boolean {
  return input.model.declarations.some(
    (d) =>
      d.name === 'PIP_NO_CACHE_DIR' &&
      d.instruction.index < inst.index &&
      (d.scope === inst.stage || d.scope === -1) &&
      !/^["']?(0|off|no|false)["']?$/i.test(d.value ?? ''),
  );
}

function apkAdd(input: RuleInput, inst: Instruction, c: ShellCommand, cacheHandled: boolean): void {
  const range = locate(input.model, inst, commandPattern(c, 'add'));
  if (!c.args.includes('--no-cache') && !cacheHandled) {
    input.report({
      code: 'DL3019',
      range,
      message: l10n.t('Use apk add --no-cache so the package index is not kept in the image.'),
      fix: { kind: 'insertText', at: range.end, text: ' --no-cache' },
    });
  }
  const pkgs = operands(c.args, 'add', APK_VALUE_OPTIONS) ?? [];
  const loose = pkgs.filter((p) => !/[=<>~$/]/.test(p) && !p.endsWith('.apk'));
  if (loose[0] !== undefined)
    input.report({
      code: 'DL3018',
      range,
      message: l10n.t('Pin versions in apk add: {0} (e.g. {1}=<version>).', loose.join(', '), loose[0]),
    });
}
