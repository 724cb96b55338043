// Generates syntaxes/dockerfile.tmLanguage.json:  node syntaxes/src/dockerfile.grammar.mjs
// A TextMate grammar cannot be parameterised, yet a Dockerfile has two dialects: the default escape character `\`
// and the `# escape=`` ` directive (Windows). So every rule that depends on the escape character is generated twice,
// once per dialect, and the `escape` directive at the top switches the rest of the document into the backtick dialect.
// A unit test (test/unit/dockerfile-editing/grammar.test.ts) fails when the JSON is not what this script writes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const R = String.raw;
const INSTRUCTIONS = ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];
const ANY_INSTRUCTION = `(?i:${INSTRUCTIONS.join('|')})`;
const DIRECTIVE = R`^\s*(#)\s*((?i:syntax|escape|check))\s*(=)\s*(.*?)\s*$`;
const directiveCaptures = {
  0: { name: 'meta.directive.dockerfile' },
  1: { name: 'comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile' },
  2: { name: 'keyword.other.directive.dockerfile' },
  3: { name: 'keyword.operator.assignment.dockerfile' },
  4: { name: 'string.unquoted.directive-value.dockerfile' },
};

/** The rules of one dialect; `sfx` tells the repository names apart, `esc` is the escape character as a regex. */
function dialect(sfx, esc, embedShell) {
  const k = (name) => `#${name}${sfx}`;
  // End of an instruction: the end of a line that is not continued by the escape character (trailing blanks allowed).
  // (vscode-textmate appends "\n" to each line and also tries the position after it: that one never ends anything.)
  const notContinued = `(?<!${esc}|${esc}[ \\t]|${esc}[ \\t]{2}|\\n)$`;
  const keyword = (word) => R`(?:^|\G)\s*((?i:${word}))(?=\s|$)`;
  const kw = { 1: { name: 'keyword.other.special-method.dockerfile' } };
  /** An instruction: its keyword, then `args` until a line that does not end with the escape character. */
  const instruction = (word, name, args, extra = {}) => ({
    name: `meta.instruction.${name}.dockerfile`,
    begin: keyword(word), beginCaptures: extra.beginCaptures ?? kw,
    end: notContinued, applyEndPatternLast: true,
    patterns: [{ include: k('continuation-lines') }, ...args],
  });
  const shellBody = embedShell
    ? { contentName: 'meta.embedded.shell', patterns: [{ include: k('continuation-lines') }, { include: k('heredoc-shell') }, { include: 'source.shell' }] }
    : { contentName: 'meta.shell-form.dockerfile', patterns: [{ include: k('continuation-lines') }, { include: k('heredoc-shell') }, { include: k('strings') }, { include: k('variables') }, { include: k('escapes') }] };
  // Shell form starts at the first word that is not a flag, and ends with the instruction.
  // (Listed after exec-form and heredoc rules, which win at the same position.)
  const shellForm = { begin: R`(?=[^\s-]|-(?!-))`, end: `(?=${notContinued})`, ...shellBody };
  const heredocBody = (isShell) => isShell && embedShell
    ? { contentName: 'meta.embedded.shell', patterns: [{ include: 'source.shell' }] }
    : { contentName: 'string.unquoted.heredoc.dockerfile', patterns: [] };
  // `<<EOF` / `<<-EOF` / `<<"EOF"`: the body starts on the next line; the rest of the marker's line is still arguments.
  const heredoc = (isShell) => [
    { begin: R`(<<-)(["']?)([A-Za-z_][\w.-]*)(\2)(.*)$`, end: R`^\t*(\3)\s*$`, ...heredocCaptures(isShell), ...heredocBody(isShell) },
    { begin: R`(<<)(["']?)([A-Za-z_][\w.-]*)(\2)(.*)$`, end: R`^(\3)\s*$`, ...heredocCaptures(isShell), ...heredocBody(isShell) },
  ];
  function heredocCaptures(isShell) {
    return {
      name: 'meta.heredoc.dockerfile',
      beginCaptures: {
        1: { name: 'keyword.operator.heredoc.dockerfile' },
        2: { name: 'punctuation.definition.string.begin.dockerfile' },
        3: { name: 'entity.name.tag.heredoc-delimiter.dockerfile' },
        4: { name: 'punctuation.definition.string.end.dockerfile' },
        5: { patterns: isShell && embedShell ? [{ include: 'source.shell' }] : [{ include: k('heredoc-marker-rest') }] },
      },
      endCaptures: { 1: { name: 'entity.name.tag.heredoc-delimiter.dockerfile' } },
    };
  }
  const execOrShell = [{ include: k('heredoc-shell') }, { include: k('exec-form') }, shellForm];
  const pairs = [{ include: k('key-value') }, { include: k('strings') }, { include: k('variables') }, { include: k('escapes') }];

  return {
    [`statements${sfx}`]: { patterns: [{ include: '#comment-line' }, { include: k('instruction-guard') }] },
    // Guards every instruction: a nested rule left open by a broken line (an unterminated quote in embedded shell)
    // is closed at the next line that starts with an instruction, so one mistake never recolours the rest.
    [`instruction-guard${sfx}`]: {
      begin: R`^(?=\s*${ANY_INSTRUCTION}(?:\s|$))`, while: R`^(?!\s*${ANY_INSTRUCTION}(?:\s|$))`,
      patterns: [{ include: '#comment-line' }, { include: k('instructions') }],
    },
    [`instructions${sfx}`]: {
      patterns: ['from', 'run', 'cmd', 'entrypoint', 'shell', 'copy', 'add', 'arg', 'env', 'label', 'expose', 'healthcheck',
        'onbuild', 'maintainer', 'stopsignal', 'plain'].map((n) => ({ include: k(`instruction-${n}`) })),
    },
    [`instruction-from${sfx}`]: instruction('FROM', 'from', [
      { include: k('flags') },
      { match: R`(?<=\s)((?i:AS))\s+([^\s${esc}]+)`, captures: { 1: { name: 'keyword.other.as.dockerfile' }, 2: { name: 'entity.name.label.stage.dockerfile' } } },
      { include: k('image-ref') },
    ]),
    [`heredoc-shell${sfx}`]: { patterns: heredoc(true) },
    [`instruction-run${sfx}`]: instruction('RUN', 'run', [{ include: k('flags') }, ...execOrShell]),
    [`instruction-cmd${sfx}`]: instruction('CMD', 'cmd', execOrShell),
    [`instruction-entrypoint${sfx}`]: instruction('ENTRYPOINT', 'entrypoint', execOrShell),
    [`instruction-shell${sfx}`]: instruction('SHELL', 'shell', [{ include: k('exec-form') }]),
    [`instruction-copy${sfx}`]: instruction('COPY', 'copy', [{ include: k('flags') }, ...heredoc(false), { include: k('exec-form') }, ...pairs.slice(1)]),
    [`instruction-add${sfx}`]: instruction('ADD', 'add', [{ include: k('flags') }, ...heredoc(false), { include: k('exec-form') }, ...pairs.slice(1)]),
    [`instruction-arg${sfx}`]: instruction('ARG', 'arg', [
      { match: R`(?<=\s)([A-Za-z_][\w.-]*)(?:(=)|(?=\s|$))`, captures: { 1: { name: 'variable.other.declaration.dockerfile' }, 2: { name: 'keyword.operator.assignment.dockerfile' } } },
      ...pairs.slice(1),
    ]),
    [`instruction-env${sfx}`]: instruction('ENV', 'env', [
      { match: R`\G\s+([A-Za-z_][\w.-]*)(?=[ \t]|$)`, captures: { 1: { name: 'variable.other.declaration.dockerfile' } } },
      { match: R`([A-Za-z_][\w.-]*)(=)`, captures: { 1: { name: 'variable.other.declaration.dockerfile' }, 2: { name: 'keyword.operator.assignment.dockerfile' } } },
      ...pairs.slice(1),
    ]),
    [`instruction-label${sfx}`]: instruction('LABEL', 'label', pairs),
    [`instruction-expose${sfx}`]: instruction('EXPOSE', 'expose', [
      { match: R`\b(\d+(?:-\d+)?)(?:(/)([A-Za-z]+))?`, captures: { 1: { name: 'constant.numeric.port.dockerfile' }, 2: { name: 'punctuation.separator.protocol.dockerfile' }, 3: { name: 'constant.language.protocol.dockerfile' } } },
      { include: k('variables') },
    ]),
    [`instruction-healthcheck${sfx}`]: instruction('HEALTHCHECK', 'healthcheck', [
      { include: k('flags') },
      { match: R`(?<=\s)(?i:NONE)\b`, name: 'constant.language.none.dockerfile' },
      { begin: R`(?<=\s)((?i:CMD))(?=\s|$)`, beginCaptures: kw, end: `(?=${notContinued})`, name: 'meta.instruction.cmd.dockerfile', patterns: execOrShell },
    ]),
    [`instruction-onbuild${sfx}`]: instruction('ONBUILD', 'onbuild', [{ include: k('instructions') }]),
    [`instruction-maintainer${sfx}`]: instruction('MAINTAINER', 'maintainer', [{ include: k('strings') }, { include: k('variables') }],
      { beginCaptures: { 1: { name: 'keyword.other.special-method.dockerfile invalid.deprecated.maintainer.dockerfile' } } }),
    [`instruction-stopsignal${sfx}`]: instruction('STOPSIGNAL', 'stopsignal', [
      { match: R`\b(?:SIG[A-Z0-9+-]+|\d+)\b`, name: 'constant.language.signal.dockerfile' }, { include: k('variables') },
    ]),
    [`instruction-plain${sfx}`]: instruction('USER|WORKDIR|VOLUME', 'other', [{ include: k('exec-form') }, ...pairs.slice(1)]),

    // `--name` or `--name=value`; in values, `key=value` lists (as in --mount) are told apart.
    [`flags${sfx}`]: {
      patterns: [{
        match: R`(?<=\s)(--)([A-Za-z][\w-]*)(?:(=)((?:[^\s${esc}]|${esc}.)*))?`,
        captures: {
          0: { name: 'meta.flag.dockerfile' },
          1: { name: 'punctuation.definition.flag.dockerfile' },
          2: { name: 'entity.other.attribute-name.flag.dockerfile' },
          3: { name: 'keyword.operator.assignment.dockerfile' },
          4: { name: 'string.unquoted.flag-value.dockerfile', patterns: [{ include: k('flag-value') }] },
        },
      }],
    },
    [`flag-value${sfx}`]: {
      patterns: [
        { match: R`(type)(=)(bind|cache|tmpfs|secret|ssh)\b`, captures: { 1: { name: 'variable.parameter.option.dockerfile' }, 2: { name: 'keyword.operator.assignment.dockerfile' }, 3: { name: 'constant.language.mount-type.dockerfile' } } },
        { match: R`(?<=[=,])([A-Za-z][\w-]*)(=)`, captures: { 1: { name: 'variable.parameter.option.dockerfile' }, 2: { name: 'keyword.operator.assignment.dockerfile' } } },
        { match: ',', name: 'punctuation.separator.comma.dockerfile' },
        { include: k('variables') },
      ],
    },
    // name[:tag][@digest], possibly with a registry host and port; variables allowed anywhere.
    [`image-ref${sfx}`]: {
      patterns: [
        { include: k('variables') },
        { match: R`(?<=\s)((?:[\w.-]+(?::\d+)?/)?[\w./-]*[\w])(?:(:)([\w][\w.-]*))?(?:(@)([\w+.-]+:[A-Fa-f0-9]+))?(?=\s|$)`,
          captures: { 1: { name: 'entity.name.type.image.dockerfile' }, 2: { name: 'punctuation.separator.tag.dockerfile' }, 3: { name: 'constant.other.tag.dockerfile' }, 4: { name: 'punctuation.separator.digest.dockerfile' }, 5: { name: 'constant.other.digest.dockerfile' } } },
      ],
    },
    // Exec form: a JSON array of strings, recognised only when the whole line (or continued line) looks like one,
    // so that a shell test such as `[ -f x ]` stays shell.
    [`exec-form${sfx}`]: {
      begin: R`(\[)(?=\s*(?:"(?:[^"\\]|\\.)*"\s*(?:,\s*(?:"(?:[^"\\]|\\.)*"\s*)?)*)?(?:\]\s*$|,?\s*${esc}\s*$))`,
      beginCaptures: { 1: { name: 'punctuation.definition.array.begin.dockerfile' } },
      end: R`(\])|(?=${notContinued})`, endCaptures: { 1: { name: 'punctuation.definition.array.end.dockerfile' } },
      applyEndPatternLast: true,
      name: 'meta.exec-form.dockerfile',
      patterns: [
        { include: k('continuation-lines') },
        { begin: '"', end: R`"|(?=$)`, name: 'string.quoted.double.json.dockerfile', beginCaptures: { 0: { name: 'punctuation.definition.string.begin.dockerfile' } }, endCaptures: { 0: { name: 'punctuation.definition.string.end.dockerfile' } },
          patterns: [{ match: R`\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})`, name: 'constant.character.escape.json.dockerfile' }, { include: k('variables') }] },
        { match: ',', name: 'punctuation.separator.array.dockerfile' },
      ],
    },
    [`key-value${sfx}`]: {
      patterns: [{ match: R`([A-Za-z0-9_.-]+|"(?:[^"\\]|\\.)*")(=)`, captures: { 1: { name: 'entity.other.attribute-name.key.dockerfile' }, 2: { name: 'keyword.operator.assignment.dockerfile' } } }],
    },
    [`strings${sfx}`]: {
      patterns: [
        { begin: '"', end: R`"|(?=${notContinued})`, name: 'string.quoted.double.dockerfile', patterns: [{ include: k('continuation') }, { include: k('escapes') }, { include: k('variables') }] },
        { begin: "'", end: R`'|(?=${notContinued})`, name: 'string.quoted.single.dockerfile', patterns: [{ include: k('continuation') }] },
      ],
    },
    [`variables${sfx}`]: {
      patterns: [
        { begin: R`(\$\{)([A-Za-z_][A-Za-z0-9_]*)(?=\}|:?[-+?]|##?|%%?)`, end: R`\}|(?=$)`,
          beginCaptures: { 1: { name: 'punctuation.definition.variable.dockerfile' }, 2: { name: 'variable.other.dockerfile' } },
          endCaptures: { 0: { name: 'punctuation.definition.variable.dockerfile' } },
          name: 'meta.variable.dockerfile',
          patterns: [{ match: R`\G(:?[-+?]|##?|%%?)`, name: 'keyword.operator.expansion.dockerfile' }, { include: k('variables') }] },
        { match: R`(\$)([A-Za-z_][A-Za-z0-9_]*)`, name: 'variable.other.dockerfile', captures: { 1: { name: 'punctuation.definition.variable.dockerfile' } } },
      ],
    },
    [`escapes${sfx}`]: { patterns: [{ match: R`${esc}.`, name: 'constant.character.escape.dockerfile' }] },
    [`continuation${sfx}`]: { patterns: [{ match: R`${esc}[ \t]*$`, name: 'constant.character.escape.line-continuation.dockerfile' }] },
    // Inside a continued instruction: the continuation, comment lines and empty lines (both skipped by the builder).
    [`continuation-lines${sfx}`]: {
      patterns: [
        { include: k('continuation') },
        { match: R`^\s*(#).*\n?`, name: 'comment.line.number-sign.dockerfile', captures: { 1: { name: 'punctuation.definition.comment.dockerfile' } } },
        { match: R`^[ \t]*\n` },
      ],
    },
    [`heredoc-marker-rest${sfx}`]: { patterns: [{ include: k('flags') }, { include: k('strings') }, { include: k('variables') }] },
  };
}

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Dockerfile (Berth)',
  scopeName: 'source.dockerfile.berth',
  comment: 'Generated by syntaxes/src/dockerfile.grammar.mjs: edit that file, not this one.',
  patterns: [{ include: '#directives' }, { include: '#statements' }],
  repository: {
    // Parser directives count only before the first other line; an escape directive switches the dialect.
    directives: {
      begin: R`\A(?=\s*#\s*(?i:syntax|escape|check)\s*=)`, end: R`^(?!\s*#\s*(?i:syntax|escape|check)\s*=)`,
      patterns: [
        {
          begin: R`^\s*(#)\s*((?i:escape))\s*(=)\s*(${'`'})\s*$`, end: '(?!)', beginCaptures: directiveCaptures,
          patterns: [{ match: DIRECTIVE, captures: directiveCaptures }, { begin: R`^(?!\s*#\s*(?i:syntax|escape|check)\s*=)`, end: '(?!)', patterns: [{ include: '#statements-bt' }] }],
        },
        { match: DIRECTIVE, captures: directiveCaptures },
      ],
    },
    'comment-line': {
      match: R`^\s*((#)(?:\s*(hadolint)\s+((?:global\s+)?ignore)(=)([\w,]*))?.*)$`,
      captures: {
        1: { name: 'comment.line.number-sign.dockerfile' },
        2: { name: 'punctuation.definition.comment.dockerfile' },
        3: { name: 'keyword.other.pragma.dockerfile' },
        4: { name: 'keyword.other.pragma.dockerfile' },
        5: { name: 'keyword.operator.assignment.dockerfile' },
        6: { name: 'constant.other.rule-code.dockerfile' },
      },
    },
    ...dialect('', R`\\`, true),
    ...dialect('-bt', '`', false),
  },
};

const out = path.resolve(import.meta.dirname, '..', 'dockerfile.tmLanguage.json');
export const text = `${JSON.stringify(grammar, null, 2)}\n`;
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  writeFileSync(out, text);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
