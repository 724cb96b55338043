// hadolint's general best practices (image tags, USER root, sudo, cd, ADD vs COPY, COPY --from aliases, consecutive
// RUNs, wget+curl, pipefail) and Berth's ADD-of-a-URL and single-quoted exec-form rules; the rest of hadolint's DL set
// lives in the hadolint-*.ts modules and runs from here, as one family.
import * as l10n from '@vscode/l10n';
import type { DockerfileModel, Instruction, Stage } from '../parse/model';
import { stripQuotes } from '../parse/variables';
import { closest } from '../../text/did-you-mean';
import { baseLineage, locate, stageLineage } from './locate';
import { hadolintCommandRules } from './hadolint-commands';
import { hadolintInstructionRules } from './hadolint-instructions';
import { hadolintLabelRules } from './hadolint-labels';
import { hadolintPackageRules } from './hadolint-packages';
import type { Rule, RuleInput } from './types';

// What ADD unpacks (tar, alone or compressed); a .zip it copies as is, so ADD of a .zip is DL3020 too.
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|gz|bz2|xz|zst)$/i;
const URL = /^(https?|ftp):\/\//i;
const WINDOWS_IMAGE =
  /(^|\/)(windows|servercore|nanoserver|windowsservercore)|mcr\.microsoft\.com\/(windows|powershell|dotnet\/framework)/i;

export const hadolintRules: Rule = (input) => {
  const { model } = input;
  hadolintPackageRules(input);
  hadolintCommandRules(input);
  hadolintInstructionRules(input);
  hadolintLabelRules(input);
  for (const stage of model.stages) {
    images(input, stage);
    stageShellRules(input, stage);
  }
  const last = model.stages[model.stages.length - 1];
  const lastUser = last?.instructions.filter((i) => i.name === 'USER').pop();
  if (lastUser) {
    const user = stripQuotes(lastUser.argsText).split(':')[0];
    if (user === 'root' || user === '0')
      input.report({
        code: 'DL3002',
        range: lastUser.argsRange,
        message: l10n.t(
          'The last USER of the final stage is root: switch to an unprivileged user so the container does not run as root.',
        ),
      });
  }
  let previousRun: Instruction | undefined;
  for (const inst of model.instructions) {
    if (inst.name === 'ADD') add(input, inst);
    if (inst.name === 'COPY') copyFrom(input, inst);
    if (inst.jsonProblem?.kind === 'singleQuotes') {
      const raw = inst.body.replace(/'/g, '"');
      let args: string[] = [];
      try {
        args = JSON.parse(raw) as string[];
      } catch {
        /* leave the fix without args */
      }
      input.report({
        code: 'SingleQuotedExecForm',
        range: inst.bodyRange,
        message: l10n.t(
          '{0} uses single quotes in JSON form, so Docker runs it as a shell command string. Use double quotes.',
          inst.name,
        ),
        fix: { kind: 'execForm', range: inst.bodyRange, args },
      });
    }
    // DL3059: consecutive plain RUNs in one stage could be one layer.
    if (
      inst.name === 'RUN' &&
      previousRun &&
      previousRun.stage === inst.stage &&
      inst.flags.length === 0 &&
      previousRun.flags.length === 0 &&
      inst.heredocs.length === 0 &&
      previousRun.heredocs.length === 0
    ) {
      input.report({
        code: 'DL3059',
        range: inst.keywordRange,
        message: l10n.t('Several consecutive RUN instructions: consider joining them with && into one layer.'),
      });
    }
    previousRun = inst.name === 'RUN' ? inst : undefined;
  }
};

function images(input: RuleInput, stage: Stage): void {
  const { model } = input;
  const base = stage.base;
  if (
    !stage.baseRange ||
    stage.baseStage !== undefined ||
    base.includes('$') ||
    base.toLowerCase() === 'scratch' ||
    base.includes('@')
  )
    return;
  const lastSlash = base.lastIndexOf('/');
  const colon = base.indexOf(':', lastSlash + 1);
  if (colon < 0) {
    if (model.stageByName(base)) return;
    input.report({
      code: 'DL3006',
      range: stage.baseRange,
      message: l10n.t(
        'Tag the image explicitly ({0}:<version>): without a tag you get whatever "latest" is today.',
        base,
      ),
      fix: { kind: 'pinImage', range: stage.baseRange, image: base },
    });
  } else if (base.slice(colon + 1) === 'latest') {
    input.report({
      code: 'DL3007',
      range: stage.baseRange,
      message: l10n.t('Using "latest" makes builds unrepeatable: pin {0} to a version.', base.slice(0, colon)),
      fix: { kind: 'pinImage', range: stage.baseRange, image: base.slice(0, colon), tag: 'latest' },
    });
  }
}

const SETS_PIPEFAIL = /set\s+(-[a-z]*\s+)*-[a-z]*o\s+pipefail|set\s+-o\s+pipefail|-o\s+pipefail/;

function stageShellRules(input: RuleInput, stage: Stage): void {
  const { model } = input;
  const rootBase = stageLineage(model, stage).root.base;
  const windows = model.escapeChar === '`' || WINDOWS_IMAGE.test(rootBase);
  // SHELL in this stage or inherited from the stage it builds on decides pipefail.
  let pipefail = false;
  let otherShell = windows;
  const inheritedShell = baseLineage(model, stage)?.shell;
  if (inheritedShell) ({ pipefail, otherShell } = shellOf(inheritedShell, windows));
  const seenTools = new Map<string, Instruction>();
  for (const inst of stage.instructions) {
    if (inst.name === 'SHELL') ({ pipefail, otherShell } = shellOf(inst, windows));
    const script = input.script(inst);
    if (!script || otherShell) continue;
    const cmds = script.commands;
    for (const c of cmds) {
      if (c.name === 'sudo' || c.wrappers.includes('sudo')) {
        input.report({
          code: 'DL3004',
          range: locate(model, inst, /\bsudo\b/),
          message: l10n.t(
            'Do not use sudo: RUN already runs as the current USER; switch with USER root if you need root.',
          ),
        });
        break;
      }
    }
    if (cmds.some((c) => c.name === 'cd'))
      input.report({
        code: 'DL3003',
        range: locate(model, inst, /\bcd\b/),
        message: l10n.t('Use WORKDIR to change directory instead of cd.'),
      });
    for (const tool of ['curl', 'wget']) {
      if (cmds.some((c) => c.name === tool) && !seenTools.has(tool)) seenTools.set(tool, inst);
    }
    // A pipe fed by echo/printf cannot hide a failure worth catching; only other producers count.
    const usesPipe = cmds.some((c) => c.next === '|' && c.name !== 'echo' && c.name !== 'printf');
    if (usesPipe && !pipefail && !SETS_PIPEFAIL.test(script.text)) {
      input.report({
        code: 'DL4006',
        range: locate(model, inst, /\|(?!\|)/),
        message: l10n.t(
          'A pipe hides failures of its first command: set SHELL ["/bin/bash", "-o", "pipefail", "-c"] before this RUN.',
        ),
        fix: { kind: 'pipefail', at: { line: inst.startLine, character: 0 } },
      });
    }
  }
  const curl = seenTools.get('curl');
  const wget = seenTools.get('wget');
  if (curl && wget) {
    const second = curl.index > wget.index ? curl : wget;
    const name = second === curl ? 'curl' : 'wget';
    input.report({
      code: 'DL4001',
      range: locate(model, second, new RegExp(`\\b${name}\\b`)),
      message: l10n.t('This stage uses both wget and curl: pick one to keep the image small.'),
    });
  }
}

function shellOf(inst: Instruction, windows: boolean): { pipefail: boolean; otherShell: boolean } {
  const args = (inst.execArgs ?? []).map((a) => a.value);
  const program = (args[0] ?? '').toLowerCase();
  const posix = /(^|\/)(ba|a|da|z|k)?sh$/.test(program);
  return {
    pipefail: args.includes('pipefail') || args.some((a) => /-[a-z]*o\s*pipefail/.test(a)),
    otherShell: !posix || (windows && !posix),
  };
}

function add(input: RuleInput, inst: Instruction): void {
  if (inst.heredocs.length > 0 || inst.jsonProblem) return;
  const words = inst.form === 'exec' ? inst.execArgs! : inst.args.map((a) => ({ ...a, value: stripQuotes(a.value) }));
  const sources = words.slice(0, -1);
  for (const src of sources) {
    const v = src.value;
    if (URL.test(v)) {
      const git = /\.git(#|$)|^https?:\/\/(github|gitlab)\.com\/[^/]+\/[^/]+\.git/.test(v);
      if (!git && !inst.flags.some((f) => f.name === 'checksum'))
        input.report({
          code: 'AddRemoteUrl',
          range: src.range,
          message: l10n.t(
            'ADD of a URL is not verified and is re-downloaded on every build: add --checksum=sha256:…, or use RUN curl with a checksum check.',
          ),
        });
      continue;
    }
    if (/^git@|\$|^git:\/\//.test(v) || ARCHIVE.test(v)) continue;
    input.report({
      code: 'DL3020',
      range: src.range,
      message: l10n.t('Use COPY instead of ADD for "{0}": ADD is for archives to unpack and URLs.', v),
      fix: {
        kind: 'replace',
        range: inst.keywordRange,
        text: inst.keyword === inst.keyword.toLowerCase() ? 'copy' : 'COPY',
      },
    });
    return;
  }
}

function copyFrom(input: RuleInput, inst: Instruction): void {
  const from = inst.flags.find((f) => f.name === 'from');
  const v = from?.value;
  if (!v || !from.valueRange || /[$/:@.]/.test(v) || /^\d+$/.test(v)) return;
  const { model } = input;
  if (model.stageByName(v)) return;
  const earlierNames = model.stages.slice(0, Math.max(0, inst.stage)).flatMap((s) => (s.name ? [s.name] : []));
  if (closest(v, earlierNames)) return; // CopyFromUnknownStage already says "did you mean"
  input.report({
    code: 'DL3022',
    range: from.valueRange,
    message: l10n.t(
      'COPY --from={0} is not a stage of this file, so it will be pulled as an image: name an earlier stage, or write the image with a tag ({1}:<version>).',
      v,
      v,
    ),
  });
}

export function isWindowsDockerfile(model: DockerfileModel): boolean {
  return model.escapeChar === '`' || model.stages.some((s) => WINDOWS_IMAGE.test(s.base));
}
