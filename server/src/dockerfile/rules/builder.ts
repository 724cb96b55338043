// Errors `docker build` would reject: unknown instructions and flags, argument counts, flag values, exec-form JSON,
// ports, stage names, COPY --from targets, ONBUILD misuse, directives, heredocs, instructions before FROM.
import * as l10n from '@vscode/l10n';
import type { Range } from 'vscode-languageserver-types';
import { closest } from '../../text/did-you-mean';
import { FLAGS, checkFlagValue, flagSpec, type FlagValueProblem } from '../flags';
import type { Instruction } from '../parse/model';
import { KNOWN_INSTRUCTIONS } from '../parse/model';
import { instructionMemo } from '../parse/semantic';
import type { Rule, RuleInput } from './types';

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/i;
const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);
// USER takes the rest of the line as one string (`USER a b` parses; the user "a b" is looked up when the image runs).
const ONE_ARGUMENT = new Set(['STOPSIGNAL']);
const NO_ARGUMENTS_OK = new Set(['RUN', 'CMD', 'ENTRYPOINT']);
const SHELL_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

export const builderRules: Rule = (input) => {
  const { model, report } = input;
  for (const p of model.problems) report({ code: p.code, range: p.range, message: p.message });
  let reportedBeforeFrom = false;
  for (const inst of model.instructions) {
    if (inst.stage < 0 && inst.name !== 'ARG' && KNOWN_INSTRUCTIONS.includes(inst.name) && !reportedBeforeFrom) {
      reportedBeforeFrom = true;
      report({
        code: 'InstructionBeforeFrom',
        range: inst.keywordRange,
        message: l10n.t('{0} comes before the first FROM: only ARG may precede FROM.', inst.name),
      });
    }
    checkInstruction(input, inst);
    if (inst.name === 'ONBUILD') {
      if (!inst.onbuild) continue;
      const inner = inst.onbuild;
      if (inner.name === 'ONBUILD' || inner.name === 'FROM' || inner.name === 'MAINTAINER') {
        report({
          code: 'OnbuildNotAllowed',
          range: inner.keywordRange,
          message: l10n.t('ONBUILD cannot wrap {0}.', inner.name),
        });
      } else checkInstruction(asTrigger(input), inner);
    }
  }
};

/**
 * The builder stores an ONBUILD trigger as text and parses it only when another Dockerfile builds FROM this image:
 * a bad trigger breaks those builds, not this one. Its problems are reported as one warning code, not as Errors.
 */
function asTrigger(input: RuleInput): RuleInput {
  return {
    ...input,
    report: (f) =>
      input.report({
        ...f,
        code: 'InvalidOnbuildTrigger',
        message: l10n.t('{0} (as an ONBUILD trigger, this fails every build FROM this image)', f.message),
      }),
  };
}

function checkInstruction(input: RuleInput, inst: Instruction): void {
  const { report } = input;
  if (!KNOWN_INSTRUCTIONS.includes(inst.name)) {
    const guess = closest(inst.name, KNOWN_INSTRUCTIONS);
    report({
      code: 'UnknownInstruction',
      range: inst.keywordRange,
      message: l10n.t('Unknown instruction: {0}{1}', inst.keyword, guess ? l10n.t(' (did you mean {0}?)', guess) : ''),
      fix: guess ? { kind: 'replace', range: inst.keywordRange, text: guess } : undefined,
    });
    return;
  }
  checkFlags(input, inst);
  // Brackets that hold no JSON string array make the builder fall back to the shell form (words for VOLUME, COPY,
  // ADD): the file builds but runs something else. Only SHELL, which has no shell form, is refused.
  if (inst.jsonProblem?.kind === 'invalid')
    report({
      code: inst.name === 'SHELL' ? 'InvalidJsonForm' : 'MalformedExecForm',
      range: inst.bodyRange,
      message:
        inst.name === 'SHELL'
          ? inst.jsonProblem.message
          : l10n.t(
              '{0} The builder {1}, brackets and quotes included.',
              inst.jsonProblem.message,
              SHELL_FORM.has(inst.name) ? l10n.t('runs this as shell form') : l10n.t('reads this as plain words'),
            ),
    });
  const count = inst.form === 'exec' ? inst.execArgs!.length : inst.args.length;
  if (inst.argsText === '' || (inst.name === 'ONBUILD' && !inst.onbuild)) {
    // RUN, CMD and ENTRYPOINT with nothing after them still build (an empty shell command), so they are no error.
    if (!NO_ARGUMENTS_OK.has(inst.name))
      report({
        code: 'MissingArguments',
        range: inst.keywordRange,
        message: l10n.t('{0} needs at least one argument.', inst.name),
      });
    return;
  }
  if (inst.name === 'VOLUME' && inst.form === 'exec' && count === 0) {
    report({
      code: 'MissingArguments',
      range: inst.bodyRange,
      message: l10n.t('VOLUME [] names no path: give at least one.'),
    });
    return;
  }
  switch (inst.name) {
    case 'FROM':
      return checkFrom(input, inst);
    case 'COPY':
    case 'ADD':
      // A malformed exec form is read as words (`COPY ["a",]` is one word): it still needs a source and a destination.
      if (count < 2)
        report({
          code: 'MissingArguments',
          range: inst.argsRange,
          message: l10n.t('{0} needs a source and a destination.', inst.name),
        });
      if (inst.name === 'COPY') checkCopyFrom(input, inst);
      return;
    case 'SHELL':
      if (inst.form !== 'exec' && inst.jsonProblem?.kind !== 'invalid')
        report({
          code: 'InvalidJsonForm',
          range: inst.bodyRange,
          message: l10n.t('SHELL must be written in JSON form with double quotes, e.g. SHELL ["/bin/bash", "-c"].'),
        });
      else if (inst.form === 'exec' && count === 0)
        report({
          code: 'MissingArguments',
          range: inst.bodyRange,
          message: l10n.t('SHELL needs at least the shell program.'),
        });
      return;
    case 'ENV':
    case 'LABEL':
      return checkPairs(input, inst);
    case 'ARG':
      for (const pair of inst.pairs)
        if (pair.key === '')
          input.report({ code: 'InvalidKeyValue', range: pair.range, message: l10n.t('ARG needs a name before "=".') });
      return;
    case 'EXPOSE':
      return checkExpose(input, inst);
    case 'HEALTHCHECK':
      return checkHealthcheck(input, inst);
    default:
      if (ONE_ARGUMENT.has(inst.name) && inst.args[1]) {
        report({
          code: 'ExtraArguments',
          range: spanOf(inst.args[1].range, inst.args.at(-1)!.range),
          message: l10n.t('{0} takes exactly one argument.', inst.name),
        });
      } else if (inst.name === 'STOPSIGNAL' && inst.args.length === 1 && inst.args[0])
        checkSignal(input, inst.args[0].value, inst.args[0].range);
  }
}

/** Each flag's value problem (null: none), by instruction: `--mount` values cost a parse each, on every keystroke. */
const FLAG_VALUE_PROBLEMS = Symbol('flag value problems');

function checkFlags(input: RuleInput, inst: Instruction): void {
  // BuildKit reads HEALTHCHECK's flags only for CMD: with NONE they are ignored, whatever they are.
  if (inst.name === 'HEALTHCHECK' && inst.args[0]?.value.toUpperCase() === 'NONE') return;
  const allowed = FLAGS[inst.name] ?? [];
  const seen = new Set<string>();
  // A value's problem depends on the instruction's own text alone, so it is kept while the instruction is (an ONBUILD
  // trigger's entry lasts one version: only top-level instructions are carried over).
  const memo = instructionMemo(input.model, FLAG_VALUE_PROBLEMS) as Map<Instruction, (FlagValueProblem | null)[]>;
  let problems = memo.get(inst);
  if (!problems) memo.set(inst, (problems = []));
  for (const [i, flag] of inst.flags.entries()) {
    const spec = flagSpec(inst.name, flag.name);
    if (!spec) {
      const guess = closest(
        flag.name,
        allowed.map((f) => f.name),
      );
      input.report({
        code: 'UnknownFlag',
        range: flag.nameRange,
        message:
          allowed.length === 0
            ? l10n.t('{0} takes no flags (--{1}).', inst.name, flag.name)
            : l10n.t(
                'Unknown flag for {0}: --{1}{2}',
                inst.name,
                flag.name,
                guess ? l10n.t(' (did you mean --{0}?)', guess) : '',
              ),
        fix: guess ? { kind: 'replace', range: flag.nameRange, text: guess } : undefined,
      });
      continue;
    }
    if (seen.has(spec.name) && !spec.repeatable)
      input.report({
        code: 'DuplicateFlag',
        range: flag.range,
        message: l10n.t('--{0} is given more than once.', spec.name),
      });
    seen.add(spec.name);
    let problem = problems[i];
    if (problem === undefined) problems[i] = problem = checkFlagValue(spec, flag.value) ?? null;
    if (!problem) continue;
    let range = flag.valueRange ?? flag.range;
    if (flag.valueRange && problem.start !== undefined && range.start.line === range.end.line) {
      const c = range.start.character;
      range = {
        start: { line: range.start.line, character: c + problem.start },
        end: { line: range.start.line, character: c + (problem.end ?? problem.start) },
      };
    }
    input.report({ code: 'InvalidFlagValue', range, message: problem.message });
  }
}

function checkFrom(input: RuleInput, inst: Instruction): void {
  const { report } = input;
  const args = inst.args;
  if (args.length === 2 || args.length > 3 || (args.length === 3 && args[1]!.value.toUpperCase() !== 'AS')) {
    report({
      code: 'InvalidArgument',
      range: inst.bodyRange,
      message: l10n.t('FROM takes an image, optionally followed by AS <name>.'),
    });
    return;
  }
  const stageName = args.length === 3 ? args[2] : undefined;
  if (stageName && !STAGE_NAME.test(stageName.value)) {
    report({
      code: 'InvalidStageName',
      range: stageName.range,
      message: l10n.t(
        '"{0}" is not a valid stage name: start with a letter, then letters, digits, -, _ or .',
        stageName.value,
      ),
    });
  }
}

function checkCopyFrom(input: RuleInput, inst: Instruction): void {
  const from = inst.flags.find((f) => f.name === 'from');
  if (!from?.value || !from.valueRange || from.value.includes('$')) return;
  const { model } = input;
  const range = from.valueRange;
  const v = from.value;
  const target = model.stageByName(v);
  if (target) {
    if (target.index === inst.stage)
      input.report({
        code: 'CopyFromCurrentStage',
        range,
        message: l10n.t('COPY --from={0} names the stage it is in.', v),
      });
    else if (target.index > inst.stage)
      input.report({
        code: 'CopyFromLaterStage',
        range,
        message: l10n.t('COPY --from={0} names a stage defined later; stages can only copy from earlier ones.', v),
      });
    return;
  }
  if (/^-?\d+$/.test(v)) {
    input.report({
      code: 'CopyFromUnknownStage',
      range,
      message: l10n.t('There is no stage {0} (stages are numbered from 0; this file has {1}).', v, model.stages.length),
    });
    return;
  }
  // A name that is no stage is taken as an image; report only what is clearly a misspelt stage name.
  if (/[/:@.]/.test(v)) return;
  const guess = closest(
    v,
    model.stages.slice(0, Math.max(0, inst.stage)).flatMap((s) => (s.name ? [s.name] : [])),
  );
  if (guess)
    input.report({
      code: 'CopyFromUnknownStage',
      range,
      message: l10n.t('No stage is named "{0}" (did you mean {1}?); otherwise it is pulled as an image.', v, guess),
      fix: { kind: 'replace', range, text: guess },
    });
}

function checkPairs(input: RuleInput, inst: Instruction): void {
  for (const pair of inst.pairs) {
    if (pair.legacy) {
      if (pair.value === undefined)
        input.report({
          code: 'MissingArguments',
          range: pair.range,
          message: l10n.t('{0} {1} needs a value: write {2}=<value>.', inst.name, pair.key, pair.key),
        });
    } else if (pair.value === undefined) {
      input.report({
        code: 'InvalidKeyValue',
        range: pair.range,
        message: l10n.t('"{0}" has no "=": {1} takes name=value pairs.', pair.key, inst.name),
      });
    } else if (pair.key === '') {
      input.report({
        code: 'InvalidKeyValue',
        range: pair.range,
        message: l10n.t('{0} needs a name before "=".', inst.name),
      });
    }
  }
}

function checkExpose(input: RuleInput, inst: Instruction): void {
  for (const arg of inst.args) {
    const v = arg.value.replace(/^["']|["']$/g, '');
    if (v.includes('$')) continue;
    // Like the builder: what follows a second "/" is ignored, and an empty protocol means tcp.
    const [portPart = '', proto] = v.split('/');
    const port = portPart.slice(portPart.lastIndexOf(':') + 1);
    const m = /^(\d+)(?:-(\d+))?$/.exec(port);
    const bad =
      !m || Number(m[1]) > 65535 || (m[2] !== undefined && (Number(m[2]) > 65535 || Number(m[2]) < Number(m[1])));
    if (bad)
      input.report({
        code: 'InvalidPort',
        range: arg.range,
        message: l10n.t('"{0}" is not a port: write 80, 80/udp or 8000-8010/tcp.', v),
      });
    else if (proto && !PROTOCOLS.has(proto.toLowerCase())) {
      input.report({
        code: 'InvalidPort',
        range: arg.range,
        message: l10n.t('Unknown protocol "{0}": use tcp, udp or sctp.', proto),
      });
    }
  }
}

// The signal names the builder knows (Linux), without their SIG prefix; RTMIN+n and RTMAX-n are checked apart.
const SIGNALS = new Set([
  'ABRT',
  'ALRM',
  'BUS',
  'CHLD',
  'CLD',
  'CONT',
  'FPE',
  'HUP',
  'ILL',
  'INT',
  'IO',
  'IOT',
  'KILL',
  'PIPE',
  'POLL',
  'PROF',
  'PWR',
  'QUIT',
  'SEGV',
  'STKFLT',
  'STOP',
  'SYS',
  'TERM',
  'TRAP',
  'TSTP',
  'TTIN',
  'TTOU',
  'URG',
  'USR1',
  'USR2',
  'VTALRM',
  'WINCH',
  'XCPU',
  'XFSZ',
  'RTMIN',
  'RTMAX',
]);

/** STOPSIGNAL takes a positive signal number or a name, with or without SIG, in any case (checked when the step runs). */
function checkSignal(input: RuleInput, value: string, range: Range): void {
  if (value.includes('$')) return;
  if (/^\d+$/.test(value) && Number(value) > 0) return;
  const name = value.toUpperCase().replace(/^SIG/, '');
  const rt = /^RTMIN\+(\d+)$/.exec(name) ?? /^RTMAX-(\d+)$/.exec(name);
  if (SIGNALS.has(name) || (rt && Number(rt[1]) >= 1 && Number(rt[1]) <= 15)) return;
  input.report({
    code: 'InvalidArgument',
    range,
    message: l10n.t('"{0}" is not a signal: write a name such as SIGTERM or a positive number.', value),
  });
}

function checkHealthcheck(input: RuleInput, inst: Instruction): void {
  const first = inst.args[0];
  if (!first)
    return input.report({
      code: 'MissingArguments',
      range: inst.keywordRange,
      message: l10n.t('HEALTHCHECK needs CMD <command> or NONE.'),
    });
  const sub = first.value.toUpperCase();
  if (sub === 'NONE') {
    if (inst.args[1])
      input.report({
        code: 'ExtraArguments',
        range: spanOf(inst.args[1].range, inst.args.at(-1)!.range),
        message: l10n.t('HEALTHCHECK NONE takes no arguments.'),
      });
  } else if (sub !== 'CMD') {
    input.report({
      code: 'InvalidArgument',
      range: first.range,
      message: l10n.t('HEALTHCHECK takes CMD <command> or NONE, not "{0}".', first.value),
    });
  } else if (inst.args.length < 2 || (inst.form === 'exec' && inst.execArgs!.length === 0)) {
    input.report({ code: 'MissingArguments', range: first.range, message: l10n.t('HEALTHCHECK CMD needs a command.') });
  }
}

function spanOf(a: Range, b: Range): Range {
  return { start: a.start, end: b.end };
}
