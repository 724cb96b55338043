// BuildKit's build checks (`docker build --check`), same names and the same conditions, computed from the model
// instead of a build. Where BuildKit knows the base image's environment and we do not, we report less (precision).
import * as l10n from '@vscode/l10n';
import { ContextIgnore } from '../../dockerignore/context-ignore';
import { cleanPath } from '../../dockerignore/matcher';
import { fileCheckConfig, precedingComments } from './check-directive';
import { baseLineage, stageLineage } from './locate';
import { editDistance } from '../../text/did-you-mean';
import type { DockerfileModel, Instruction, Stage, VariableRef, Word } from '../parse/model';
import { instructionMemo } from '../parse/semantic';
import { KNOWN_INSTRUCTIONS, PLATFORM_ARGS, PREDEFINED_ARGS } from '../parse/model';
import { stripQuotes } from '../parse/variables';
import { expandWithDefaults, globalArgDefaults } from '../parse/arg-defaults';
import { wanted, type Rule, type RuleInput } from './types';
import { baseImagePlatform } from './base-image-platform';
import { parsePlatform } from './platform';

const RESERVED_STAGE_NAMES = new Set(['scratch', 'context']);
const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const NOT_SECRET = /(?:_|^)(?:public|file|version)(?:_|$)/i;
const IMAGE_REF =
  /^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[a-z0-9]+:[a-f0-9]{32,})?$/;
/** Variables every Linux base image (or the builder) sets; never "undefined" even though we cannot see the image. */
const IMAGE_ENV = new Set(['PATH', 'HOME', 'HOSTNAME', 'TERM']);
const PLATFORM_ARG = new Set(PLATFORM_ARGS);

export const buildkitRules: Rule = (input) => {
  const { model } = input;
  stageChecks(input);
  baseImagePlatform(input);
  casing(input);
  for (const inst of model.instructions) {
    const l = inst.emptyContinuationLines[0];
    if (l !== undefined) {
      input.report({
        code: 'NoEmptyContinuation',
        range: { start: { line: l, character: 0 }, end: { line: l, character: (model.lines[l] ?? '').length } },
        message: l10n.t(
          'Empty line inside a continued instruction: remove it (it will become an error in a future Docker release).',
        ),
      });
    }
    if (inst.name === 'MAINTAINER') {
      input.report({
        code: 'MaintainerDeprecated',
        range: inst.keywordRange,
        deprecated: true,
        message: l10n.t('MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=… instead.'),
        fix: { kind: 'maintainer', range: inst.range, author: inst.argsText },
      });
    }
    if (inst.name === 'ENV' || inst.name === 'LABEL') {
      for (const p of inst.pairs) {
        if (p.legacy && p.value !== undefined)
          input.report({
            code: 'LegacyKeyValueFormat',
            range: p.range,
            message: l10n.t(
              'Use {0} {1}=<value>: the "{2} key value" form is deprecated.',
              inst.name,
              p.key,
              inst.name,
            ),
            fix: { kind: 'keyValue', range: p.range, key: p.key, value: p.value },
          });
      }
    }
    // As BuildKit: an ARG before the first FROM only feeds FROM lines and never reaches the image, so it is not checked.
    if ((inst.name === 'ARG' && inst.stage >= 0) || inst.name === 'ENV') {
      for (const p of inst.pairs) {
        if (SECRET.test(p.key) && !NOT_SECRET.test(p.key))
          input.report({
            code: 'SecretsUsedInArgOrEnv',
            range: p.keyRange,
            message: l10n.t(
              '{0} "{1}" looks like a secret: build args and env end up in the image history; use RUN --mount=type=secret.',
              inst.name,
              p.key,
            ),
          });
      }
    }
    if (inst.name === 'EXPOSE') expose(input, inst);
  }
  checkDirective(input);
  emptyContinuationAtEnd(input);
  variables(input);
  copyIgnoredFiles(input);
  definitionDescriptions(input);
};

/** A `# check=` directive current BuildKit refuses ("failed to parse check options"): the build stops there. */
function checkDirective(input: RuleInput): void {
  const { problem } = fileCheckConfig(input.model);
  const directive = input.model.directives.find((d) => d.name === 'check');
  if (problem && directive)
    input.report({
      code: 'InvalidCheckDirective',
      range: directive.valueRange,
      message: l10n.t(
        'BuildKit refuses this check directive and stops the build: {0}. Write skip=…, error=true|false or experimental=…, separated by ";".',
        problem,
      ),
    });
}

/**
 * A last instruction continued into blank lines at the end of the file: the builder still reads those blank lines
 * as empty continuation lines (the final newline ends the last line; it starts no new one).
 */
function emptyContinuationAtEnd(input: RuleInput): void {
  const { model } = input;
  const last = model.instructions[model.instructions.length - 1];
  if (!last || last.heredocs.length > 0 || last.emptyContinuationLines.length > 0) return;
  const esc = model.escapeChar;
  if (!model.lines[last.endLine]?.trimEnd().endsWith(esc)) return;
  const end = model.lines.length - (model.lines[model.lines.length - 1] === '' ? 1 : 0);
  for (let l = last.endLine + 1; l < end; l++) {
    const text = model.lines[l]!; // l < end ≤ model.lines.length
    if (text.trimStart().startsWith('#')) continue;
    if (text.trim() !== '') return;
    input.report({
      code: 'NoEmptyContinuation',
      range: { start: { line: l, character: 0 }, end: { line: l, character: text.length } },
      message: l10n.t(
        'Empty line inside a continued instruction: remove it (it will become an error in a future Docker release).',
      ),
    });
    return;
  }
}

/**
 * InvalidDefinitionDescription (experimental in BuildKit): a comment right above a named FROM or an ARG is read as
 * its description, and must then start with the stage or argument name.
 */
function definitionDescriptions(input: RuleInput): void {
  if (!wanted(input, 'InvalidDefinitionDescription')) return;
  const { model } = input;
  const comments = precedingComments(model);
  for (const inst of model.instructions) {
    const list = comments.get(inst.index);
    if (!list) continue;
    let keys: string[] = [];
    if (inst.name === 'FROM') {
      const name = model.stages.find((s) => s.from === inst)?.name;
      if (name) keys = [name.toLowerCase()];
    } else if (inst.name === 'ARG') keys = inst.pairs.map((p) => p.key);
    if (keys.length === 0) continue;
    const first = (list.at(-1) ?? '').split(' ', 1)[0]!;
    if (keys.includes(first)) continue;
    const example = keys.length > 1 ? '<arg_key>' : keys[0]!;
    input.report({
      code: 'InvalidDefinitionDescription',
      range: inst.keywordRange,
      message: l10n.t(
        'The comment above {0} reads as its description and should start with the name: `# {1} <description>`. If it is no description, put a blank comment line (`#`) between them.',
        inst.name,
        example,
      ),
    });
  }
}

function stageChecks(input: RuleInput): void {
  const { model, report } = input;
  const seen = new Map<string, Stage>();
  for (const stage of model.stages) {
    const from = stage.from;
    if (stage.name && stage.nameRange) {
      const lower = stage.name.toLowerCase();
      if (stage.name !== lower)
        report({
          code: 'StageNameCasing',
          range: stage.nameRange,
          message: l10n.t('Stage name "{0}" should be lowercase.', stage.name),
          fix: { kind: 'replace', range: stage.nameRange, text: lower },
        });
      if (seen.has(lower))
        report({
          code: 'DuplicateStageName',
          range: stage.nameRange,
          message: l10n.t(
            'Stage name "{0}" is already used on line {1}.',
            stage.name,
            seen.get(lower)!.from.startLine + 1,
          ),
        });
      else seen.set(lower, stage);
      if (RESERVED_STAGE_NAMES.has(lower))
        report({
          code: 'ReservedStageName',
          range: stage.nameRange,
          message: l10n.t('"{0}" is reserved and cannot name a stage.', stage.name),
        });
    }
    if (stage.asRange) {
      const as = from.args[1]!.value; // `asRange` is set only for `FROM image AS name`
      const kwUpper = from.keyword === from.keyword.toUpperCase();
      const kwLower = from.keyword === from.keyword.toLowerCase();
      if ((kwUpper && as !== 'AS') || (kwLower && as !== 'as')) {
        const want = kwUpper ? 'AS' : 'as';
        report({
          code: 'FromAsCasing',
          range: stage.asRange,
          message: l10n.t("'{0}' and '{1}' keywords' casing do not match: write {2}.", as, from.keyword, want),
          fix: { kind: 'replace', range: stage.asRange, text: want },
        });
      }
    }
    const platform = stage.platform;
    if (platform?.value !== undefined && platform.valueRange) {
      const v = platform.value;
      if (v === '$TARGETPLATFORM' || v === '${TARGETPLATFORM}') {
        report({
          code: 'RedundantTargetPlatform',
          range: platform.range,
          unnecessary: true,
          message: l10n.t('Setting --platform to $TARGETPLATFORM is redundant: it is the default.'),
          fix: { kind: 'replace', range: platform.range, text: '' },
        });
      } else if (!v.includes('$')) {
        const p = parsePlatform(v);
        const name = stage.name?.toLowerCase() ?? '';
        // As BuildKit: a value that is no platform fails elsewhere; a stage named after its OS or arch is fine.
        if (p && !name.includes(p.os) && !(p.arch && name.includes(p.arch)))
          report({
            code: 'FromPlatformFlagConstDisallowed',
            range: platform.valueRange,
            message: l10n.t(
              'FROM --platform should not be a constant ("{0}"): use $BUILDPLATFORM or $TARGETPLATFORM, or name the stage after the platform.',
              v,
            ),
          });
      }
    }
    // Several CMD / ENTRYPOINT / HEALTHCHECK in one stage: only the last counts.
    for (const [name, alias] of [
      ['CMD', 'DL4003'],
      ['ENTRYPOINT', 'DL4004'],
      ['HEALTHCHECK', undefined],
    ] as const) {
      const all = stage.instructions.filter((i) => i.name === name);
      for (const inst of all.slice(0, -1))
        report({
          code: 'MultipleInstructionsDisallowed',
          range: inst.keywordRange,
          unnecessary: true,
          aliases: alias ? [alias] : undefined,
          message: l10n.t(
            'Only the last {0} of a stage takes effect; this one is overridden on line {1}.',
            name,
            all.at(-1)!.startLine + 1,
          ),
        });
    }
    // As BuildKit: no JSONArgsRecommended once a SHELL is set in the stage or a stage it builds on.
    const inherited = baseLineage(model, stage);
    let shellSet = inherited?.shell !== undefined;
    let workdir = inherited?.workdir ?? false;
    for (const inst of stage.instructions) {
      if (inst.name === 'SHELL') shellSet = true;
      if (
        (inst.name === 'CMD' || inst.name === 'ENTRYPOINT') &&
        inst.form === 'shell' &&
        !inst.jsonProblem &&
        !shellSet
      ) {
        // Offer the rewrite only when it means the same thing: no shell syntax (pipes, &&, variables, globs…).
        const plain = !/[|&;<>()$`*?~\\]/.test(inst.body);
        report({
          code: 'JSONArgsRecommended',
          range: inst.bodyRange,
          message: l10n.t(
            'Use the JSON form for {0} (["cmd", "arg"]) so the process gets signals such as SIGTERM.',
            inst.name,
          ),
          fix: plain
            ? { kind: 'execForm', range: inst.bodyRange, args: inst.args.map((a) => stripQuotes(a.value)) }
            : undefined,
        });
      }
      if (inst.name === 'WORKDIR' && inst.args.length > 0) {
        const path = stripQuotes(inst.argsText);
        const absolute = /^([/\\$]|[A-Za-z]:[\\/]?)/.test(path);
        if (!absolute && !workdir)
          report({
            code: 'WorkdirRelativePath',
            range: inst.argsRange,
            message: l10n.t(
              'WORKDIR "{0}" is relative and no absolute WORKDIR was set before: it depends on the base image.',
              path,
            ),
          });
        workdir = true;
      }
    }
  }
}

function casing(input: RuleInput): void {
  const keywords: Instruction[] = [];
  // As BuildKit: the instructions of the stages count (not the ARGs before the first FROM, not ONBUILD triggers),
  // and a tie goes to uppercase.
  for (const inst of input.model.instructions)
    if (inst.stage >= 0 && KNOWN_INSTRUCTIONS.includes(inst.name)) keywords.push(inst);
  const upper = keywords.filter((i) => i.keyword === i.name).length;
  const lower = keywords.filter((i) => i.keyword === i.name.toLowerCase()).length;
  const wantUpper = upper >= lower;
  for (const inst of keywords) {
    const want = wantUpper ? inst.name : inst.name.toLowerCase();
    if (inst.keyword !== want)
      input.report({
        code: 'ConsistentInstructionCasing',
        range: inst.keywordRange,
        message: l10n.t(
          "'{0}' should match the case of the other instructions ({1}).",
          inst.keyword,
          wantUpper ? l10n.t('uppercase') : l10n.t('lowercase'),
        ),
        fix: { kind: 'replace', range: inst.keywordRange, text: want },
      });
  }
}

function expose(input: RuleInput, inst: Instruction): void {
  for (const arg of inst.args) {
    const v = arg.value;
    if (v.includes('$')) continue;
    if (v.includes(':'))
      input.report({
        code: 'ExposeInvalidFormat',
        range: arg.range,
        message: l10n.t(
          'EXPOSE "{0}" should not name an IP address or host port: publish ports at run time (docker run -p).',
          v,
        ),
        fix: { kind: 'replace', range: arg.range, text: v.slice(v.lastIndexOf(':') + 1) },
      });
    const slash = v.indexOf('/');
    if (slash >= 0) {
      const proto = v.slice(slash + 1);
      if (proto !== proto.toLowerCase() && ['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) {
        const range = {
          start: { line: arg.range.start.line, character: arg.range.start.character + slash + 1 },
          end: arg.range.end,
        };
        input.report({
          code: 'ExposeProtoCasing',
          range,
          message: l10n.t('Write the protocol in lowercase: {0}.', proto.toLowerCase()),
          fix: { kind: 'replace', range, text: proto.toLowerCase() },
        });
      }
    }
  }
}

function variables(input: RuleInput): void {
  const { model } = input;
  const predefined = new Set(PREDEFINED_ARGS);
  const argNames = new Set(model.declarations.filter((d) => d.kind === 'ARG').map((d) => d.name));
  const envNames = new Set(model.declarations.filter((d) => d.kind === 'ENV').map((d) => d.name));
  const reported = new Set<string>();
  // Typo search compares a name with every declaration: bounded so that a file full of unknown names stays fast.
  let typoBudget = 50;
  const declaredNames = [...new Set(model.declarations.map((d) => d.name))];
  for (const ref of model.references) {
    // BuildKit reports a variable that is not set even when a modifier gives a default (`${V:-x}`).
    if (!ref.expandedByBuilder || model.resolve(ref)) continue;
    // Platform args are automatic in FROM lines only; inside a stage they are empty until `ARG NAME`.
    if (predefined.has(ref.name) && (ref.scope < 0 || !PLATFORM_ARG.has(ref.name))) continue;
    const key = `${ref.instruction.index}:${ref.name}`;
    if (reported.has(key)) continue;
    if (ref.scope < 0) {
      if (ref.instruction.name !== 'FROM') continue;
      reported.add(key);
      input.report({
        code: 'UndefinedArgInFrom',
        range: ref.range,
        message: l10n.t('FROM uses ${0}, which no ARG before the first FROM declares.', ref.name),
      });
      continue;
    }
    if (PLATFORM_ARG.has(ref.name)) {
      reported.add(key);
      input.report({
        code: 'UndefinedVar',
        range: ref.range,
        message: l10n.t(
          '${0} is empty in a stage until it is declared: add ARG {1} to this stage.',
          ref.name,
          ref.name,
        ),
      });
      continue;
    }
    const suggestion = typoBudget-- > 0 ? typoOf(model, ref, declaredNames) : undefined;
    const fromScratch = baseIsScratch(model, ref.scope);
    const argElsewhere = argNames.has(ref.name) && !envNames.has(ref.name);
    if (IMAGE_ENV.has(ref.name) || !(suggestion || argElsewhere || fromScratch)) continue;
    reported.add(key);
    const hint = suggestion
      ? l10n.t(' (did you mean ${0}?)', suggestion)
      : argElsewhere
        ? l10n.t(': declare it in this stage with ARG {0} (ARGs do not cross stages)', ref.name)
        : '';
    input.report({
      code: 'UndefinedVar',
      range: ref.range,
      message: l10n.t('${0} is not defined here{1}.', ref.name, hint),
      fix: suggestion ? { kind: 'replace', range: ref.nameRange, text: suggestion } : undefined,
    });
  }
  fromDefaults(input);
}

function typoOf(model: DockerfileModel, ref: VariableRef, names: readonly string[]): string | undefined {
  if (ref.name.length < 4) return undefined;
  const limit = ref.name.length <= 6 ? 1 : 2;
  let best: string | undefined;
  let bestDist = limit + 1;
  for (const name of names) {
    if (name === ref.name) continue;
    const dist = editDistance(ref.name, name, limit);
    if (dist < bestDist && model.resolve({ ...ref, name })) {
      best = name;
      bestDist = dist;
    }
  }
  return best;
}

function baseIsScratch(model: DockerfileModel, index: number): boolean {
  const stage = model.stages[index];
  return !!stage && stageLineage(model, stage).root.base.toLowerCase() === 'scratch';
}

/** InvalidDefaultArgInFrom: with the global ARGs' defaults, the FROM image must be a valid reference. */
function fromDefaults(input: RuleInput): void {
  const { model } = input;
  // Global ARGs all come before the first FROM, so every stage sees the same table of defaults.
  const defaults = globalArgDefaults(model);
  for (const stage of model.stages) {
    // BuildKit checks every FROM this way, with or without a variable in it.
    if (!stage.baseRange) continue;
    const image = expandWithDefaults(stage.base, model.escapeChar, defaults).value;
    // Too long or too deep to evaluate: NestingTooDeep says so where it applies; no guess here.
    if (image === undefined || model.stageByName(image)) continue;
    if (image === '' || !IMAGE_REF.test(image)) {
      const empty = [...defaults]
        .filter(([, v]) => v.value === undefined)
        .map(([k]) => k)
        .filter((k) => stage.base.includes(k));
      input.report({
        code: 'InvalidDefaultArgInFrom',
        range: stage.baseRange,
        message: stage.base.includes('$')
          ? l10n.t(
              'With the default ARG values the image is "{0}", which is not valid{1}.',
              image.slice(0, 200),
              empty.length ? l10n.t(': give {0} a default', empty.join(', ')) : '',
            )
          : l10n.t(
              '"{0}" is not a valid image reference (lowercase name, optional registry, :tag or @digest).',
              image.slice(0, 200),
            ),
      });
    }
  }
}

// The last ignore file's rules and its answers: its patterns compile to regular expressions, and every keystroke
// asks again about the same sources.
let lastIgnore: { text: string | undefined; rules: ContextIgnore; answers: Map<string, boolean> } | undefined;
function contextIgnore(text: string | undefined): NonNullable<typeof lastIgnore> {
  if (lastIgnore && lastIgnore.text === text) return lastIgnore;
  lastIgnore = { text, rules: ContextIgnore.fromText(text), answers: new Map() };
  return lastIgnore;
}

/** A COPY or ADD source from the build context, cleaned as the builder matches it. */
interface ContextSource {
  word: Word;
  clean: string;
}
const CONTEXT_SOURCES = Symbol('COPY/ADD context sources');

/** The sources of a COPY/ADD the ignore file may exclude (kept per instruction from version to version). */
function contextSources(model: DockerfileModel, inst: Instruction): readonly ContextSource[] {
  const memo = instructionMemo(model, CONTEXT_SOURCES) as Map<Instruction, readonly ContextSource[]>;
  const known = memo.get(inst);
  if (known) return known;
  const sources: ContextSource[] = [];
  if (
    (inst.name === 'COPY' || inst.name === 'ADD') &&
    !inst.flags.some((f) => f.name === 'from') &&
    !inst.jsonProblem
  ) {
    const words = inst.form === 'exec' ? inst.execArgs! : inst.args.map((a) => ({ ...a, value: stripQuotes(a.value) }));
    for (const word of words.slice(0, -1)) {
      const v = word.value;
      // A variable is expanded by the builder first: its value is unknown here.
      if (v.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(v) || v.startsWith('git@') || v.startsWith('<<')) continue;
      sources.push({ word, clean: cleanPath(v.replace(/\\/g, '/')) });
    }
  }
  memo.set(inst, sources);
  return sources;
}

/**
 * CopyIgnoredFile, as BuildKit decides it: only with an ignore file that has no `!` exception (exceptions make it
 * undecidable without the files), for COPY and ADD sources from the context (not --from, URLs or git), the source
 * matched as written (a glob is matched as text, as BuildKit does); `.` and `/` only when everything is ignored.
 */
function copyIgnoredFiles(input: RuleInput): void {
  const { rules: ig, answers } = contextIgnore(input.dockerignore);
  if (ig.patterns.length === 0 || ig.hasExceptions) return;
  const rootIgnored = ig.patterns.some((p) => p === '*' || p === '**' || p === '**/*');
  for (const inst of input.model.instructions) {
    for (const { word, clean } of contextSources(input.model, inst)) {
      let ignored = answers.get(clean);
      if (ignored === undefined)
        answers.set(clean, (ignored = clean === '.' || clean === '/' ? rootIgnored : ig.ignores(clean)));
      if (!ignored) continue;
      input.report({
        code: 'CopyIgnoredFile',
        range: word.range,
        message: l10n.t(
          '"{0}" is excluded by .dockerignore, so {1} will not find it in the build context.',
          word.value,
          inst.name,
        ),
      });
    }
  }
}
