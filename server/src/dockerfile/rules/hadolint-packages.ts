// hadolint's package-manager rules beyond apt/apk/pip/npm (packages.ts): yum, dnf/microdnf and zypper (prompts,
// cache clean-up, version pins), gem and go (version pins). Conditions follow hadolint's; a variable in a pin counts
// as a pin when an ARG or ENV of that name is declared before the RUN (hadolint's own reading).
import * as l10n from '@vscode/l10n';
import type { Instruction } from '../parse/model';
import type { ShellCommand } from '../shell';
import { commandPattern, locate } from './locate';
import type { Rule } from './types';

/** Flag names of a command as hadolint sees them: `--name=v` → name, `-abc` → a, b, c. */
export function flagNames(cmd: ShellCommand): Set<string> {
  const out = new Set<string>();
  for (const a of cmd.args) {
    if (a === '-' || a === '--' || !a.startsWith('-')) continue;
    if (a.startsWith('--')) out.add(a.slice(2).split('=', 1)[0]!);
    else for (const c of a.slice(1)) out.add(c);
  }
  return out;
}

const hasAnyFlag = (cmd: ShellCommand, names: readonly string[]) => {
  const flags = flagNames(cmd);
  return names.some((n) => flags.has(n));
};
const isCmd = (cmd: ShellCommand, names: readonly string[], subs: readonly string[]) =>
  names.includes(cmd.name) && cmd.args.some((a) => subs.includes(a));
const words = (cmd: ShellCommand) => cmd.args.filter((a) => !a.startsWith('-'));

/** Targets of the RUN's cache and tmpfs mounts. */
function mountTargets(inst: Instruction): string[] {
  const run = inst.onbuild ?? inst;
  const out: string[] = [];
  for (const f of run.flags) {
    if (f.name !== 'mount' || !f.value || !/(^|,)type=(cache|tmpfs)(,|$)/.test(f.value)) continue;
    const t = /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.value);
    if (t) out.push(t[1]!);
  }
  return out;
}

/** `pkg-1.2.3`, `pkg-1.2-3.el9`: a dash, then parts made of version characters with at least one starting with a digit. */
function rpmVersionPinned(pkg: string, declared: (name: string) => boolean): boolean {
  const parts = pkg.split('-');
  if (parts.length <= 1) return false;
  if (pkg.endsWith('.rpm')) return true;
  if (pkg.includes('$')) return [...pkg.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].some((m) => declared(m[1]!));
  const rest = parts.slice(1);
  return rest.every((p) => /^[0-9A-Za-z.~^_:+]*$/.test(p)) && rest.some((p) => /^[0-9]/.test(p));
}

const MANAGERS = new Set(['yum', 'dnf', 'microdnf', 'zypper', 'gem', 'go']);

export const hadolintPackageRules: Rule = (input) => {
  const { model } = input;
  for (const inst of model.instructions) {
    const script = input.script(inst);
    if (!script) continue;
    const cmds = script.commands;
    // Most RUNs use none of these managers: skip them before building anything (this runs on every keystroke).
    if (!cmds.some((c) => MANAGERS.has(c.name))) continue;
    const declared = (name: string) =>
      model.declarations.some(
        (d) => d.name === name && d.instruction.index < inst.index && (d.scope === -1 || d.scope === inst.stage),
      );
    const mounts = mountTargets(inst);
    const mounted = (frag: string) => mounts.some((t) => t.includes(frag));
    const at = (c: ShellCommand, sub?: string) => locate(model, inst, commandPattern(c, sub));
    const firstIndex = (test: (c: ShellCommand) => boolean) => cmds.findIndex(test);
    const cleanedAfter = (install: number, clean: (c: ShellCommand) => boolean) =>
      cmds.slice(install + 1).some((c) => clean(c));
    const rmOf = (prefix: string) => (c: ShellCommand) => c.name === 'rm' && c.args.some((a) => a.startsWith(prefix));

    // yum, dnf and microdnf: the same prompt and pin checks, each manager family under its own hadolint codes.
    const rpmInstallChecks = (
      names: readonly string[],
      rule: { prompt: string; pin: string; skipGroups?: boolean },
    ) => {
      for (const c of cmds) {
        if (isCmd(c, names, ['install', 'groupinstall', 'localinstall']) && !hasAnyFlag(c, ['y', 'assumeyes']))
          input.report({
            code: rule.prompt,
            range: at(c, 'install'),
            message: l10n.t('Use {0} install -y: without it the build stops at the confirmation prompt.', c.name),
          });
        if (!isCmd(c, names, ['install']) || (rule.skipGroups && c.args.includes('group'))) continue;
        const module = c.args.includes('module');
        const loose = words(c).filter(
          (p) => p !== 'install' && p !== 'module' && (module ? !p.includes(':') : !rpmVersionPinned(p, declared)),
        );
        if (loose[0] !== undefined)
          input.report({
            code: rule.pin,
            range: at(c, 'install'),
            message: module
              ? l10n.t(
                  'Pin the module stream in {0} module install: {1} (e.g. {2}:<stream>).',
                  c.name,
                  loose.join(', '),
                  loose[0],
                )
              : l10n.t('Pin versions in {0} install: {1} (e.g. {2}-<version>).', c.name, loose.join(', '), loose[0]),
          });
      }
    };

    // yum
    const yumInstall = firstIndex((c) => isCmd(c, ['yum'], ['install']));
    rpmInstallChecks(['yum'], { prompt: 'DL3030', pin: 'DL3033' });
    if (
      yumInstall >= 0 &&
      !mounted('/var/cache/yum') &&
      !cleanedAfter(yumInstall, (c) => isCmd(c, ['yum'], ['clean']) || rmOf('/var/cache/yum')(c))
    )
      input.report({
        code: 'DL3032',
        range: at(cmds[yumInstall]!, 'install'), // yumInstall ≥ 0 is an index into cmds
        message: l10n.t(
          'Run yum clean all after yum install in the same RUN, so the package cache does not stay in the layer.',
        ),
      });

    // dnf, microdnf (`dnf install group …` names package groups, which take no version)
    const DNF = ['dnf', 'microdnf'];
    const DNF_INSTALLS = ['install', 'in', 'upgrade', 'up', 'upgrade-minimal', 'up-min', 'reinstall', 'rei'];
    rpmInstallChecks(DNF, { prompt: 'DL3038', pin: 'DL3041', skipGroups: true });
    if (!mounted('/var/cache/libdnf5') && !mounted('.cache/libdnf5') && !mounted('/var/cache/dnf')) {
      for (const name of DNF) {
        const install = firstIndex((c) => isCmd(c, [name], DNF_INSTALLS));
        if (
          install >= 0 &&
          !cleanedAfter(
            install,
            (c) =>
              isCmd(c, [name], ['clean']) ||
              rmOf('/var/cache/libdnf5')(c) ||
              rmOf('/var/cache/dnf')(c) ||
              rmOf('/var/cache/yum')(c),
          )
        )
          input.report({
            code: 'DL3040',
            range: at(cmds[install]!),
            message: l10n.t(
              'Run {0} clean all after {1} installs in the same RUN, so the package cache does not stay in the layer.',
              name,
              name,
            ),
          });
      }
    }

    // zypper
    const zypperInstall = firstIndex((c) => isCmd(c, ['zypper'], ['install', 'in']));
    for (const c of cmds) {
      if (
        isCmd(c, ['zypper'], ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch']) &&
        !hasAnyFlag(c, ['non-interactive', 'n', 'no-confirm', 'y'])
      )
        input.report({
          code: 'DL3034',
          range: at(c),
          message: l10n.t(
            'Use zypper --non-interactive (or install -y): without it the build stops at the confirmation prompt.',
          ),
        });
      if (isCmd(c, ['zypper'], ['dist-upgrade', 'dup']))
        input.report({
          code: 'DL3035',
          range: at(c),
          message: l10n.t(
            'Do not run zypper dist-upgrade in an image: it makes builds unrepeatable; update the base image.',
          ),
        });
      if (isCmd(c, ['zypper'], ['install', 'in'])) {
        const loose = words(c).filter(
          (p) => p !== 'install' && p !== 'in' && !/[=<>]/.test(p) && !p.endsWith('.rpm') && !p.includes('$'),
        );
        if (loose[0] !== undefined)
          input.report({
            code: 'DL3037',
            range: at(c),
            message: l10n.t('Pin versions in zypper install: {0} (e.g. {1}=<version>).', loose.join(', '), loose[0]),
          });
      }
    }
    if (
      zypperInstall >= 0 &&
      !mounted('/var/cache/zypp') &&
      !cleanedAfter(zypperInstall, (c) => isCmd(c, ['zypper'], ['clean', 'cc']) || rmOf('/var/cache/zypp')(c))
    )
      input.report({
        code: 'DL3036',
        range: at(cmds[zypperInstall]!),
        message: l10n.t(
          'Run zypper clean after zypper install in the same RUN, so the package cache does not stay in the layer.',
        ),
      });

    // gem, go
    for (const c of cmds) {
      if (c.name === 'gem' && (c.args[0] === 'install' || c.args[0] === 'i' || isCmd(c, ['gem'], ['install']))) {
        if (c.args.some((a) => a === '-v' || a === '--version' || a.startsWith('--version='))) continue;
        const loose: string[] = [];
        const args = c.args.slice(c.args.findIndex((a) => a === 'install' || a === 'i') + 1);
        for (let i = 0; i < args.length; i++) {
          const a = args[i]!;
          if (a === '--') break;
          if (a.startsWith('-')) {
            if (GEM_VALUE_OPTIONS.has(a) || /^(true|false)$/.test(args[i + 1] ?? '')) i++;
            continue;
          }
          if (!a.includes(':') && !a.includes('$') && !a.endsWith('.gem')) loose.push(a);
        }
        if (loose[0] !== undefined)
          input.report({
            code: 'DL3028',
            range: at(c, 'i(nstall)?'),
            message: l10n.t('Pin versions in gem install: {0} (e.g. {1}:<version>).', loose.join(', '), loose[0]),
          });
      }
      if (c.name === 'go') {
        const loose = goUnpinned(c);
        if (loose[0] !== undefined)
          input.report({
            code: 'DL3062',
            range: at(
              c,
              c.args.find((a) => ['install', 'get', 'run'].includes(a)),
            ),
            message: l10n.t(
              'Pin versions in go {0}: {1} (e.g. {2}@v1.2.3, not @latest).',
              String(c.args.find((a) => !a.startsWith('-'))),
              loose.join(', '),
              loose[0].split('@', 1)[0]!,
            ),
          });
      }
    }
  }
};

const GEM_VALUE_OPTIONS = new Set([
  '-i',
  '--install-dir',
  '-n',
  '--bindir',
  '-s',
  '--source',
  '--platform',
  '-p',
  '--http-proxy',
  '-g',
  '--file',
  '--build-root',
  '--document',
]);

function goUnpinned(c: ShellCommand): string[] {
  const sub = c.args.find((a) => !a.startsWith('-'));
  const operands = words(c).slice(1);
  let pkgs: string[];
  if (sub === 'run') pkgs = operands.slice(0, 1);
  else if (sub === 'install' || sub === 'get') pkgs = operands.filter((a) => a !== 'tool');
  else return [];
  const local = (p: string) => p === '.' || p.startsWith('/') || p.startsWith('.') || p.includes('$');
  // `go run main.go` runs a file of this module: only module paths (with a dot in their first element) can be pinned.
  const remote = (p: string) => /^[^/]+\.[^/]+\//.test(p) || p.includes('@');
  return pkgs.filter(
    (p) => !local(p) && (sub !== 'run' || remote(p)) && (!p.includes('@') || /@(latest|none)$/.test(p)),
  );
}
