// The Dockerfile parser and semantic model: ranges, continuations, heredocs, forms, flags, references, stages, scopes.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseDockerfile, dockerfileSummary } from '../../../server/src/dockerfile/parse/document';

const at = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
  `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

describe('Dockerfile parser', () => {
  it('reads directives only at the top, with the escape character', () => {
    const m = parseDockerfile('# syntax=docker/dockerfile:1\n# escape=`\nFROM x\n# escape=\\\n');
    assert.deepEqual(
      m.directives.map((d) => [d.name, d.value]),
      [
        ['syntax', 'docker/dockerfile:1'],
        ['escape', '`'],
      ],
    );
    assert.equal(m.escapeChar, '`');
    assert.equal(at(m.directives[1].valueRange), '1:9-1:10');
    assert.equal(parseDockerfile('\n# escape=`\nFROM x').escapeChar, '\\', 'a blank line ends the directives');
  });

  it('reports invalid and repeated escape directives', () => {
    assert.deepEqual(
      parseDockerfile('# escape=x\nFROM a').problems.map((p) => p.code),
      ['InvalidEscapeDirective'],
    );
    assert.deepEqual(
      parseDockerfile('# escape=`\n# escape=`\nFROM a').problems.map((p) => p.code),
      ['DuplicateDirective'],
    );
  });

  it('joins continuations, skipping comment and empty lines, with exact argument ranges', () => {
    const m = parseDockerfile('FROM alpine\nRUN apk add \\\n  # a comment\n\n  curl \\\n  git\nCMD ["sh"]\n');
    const run = m.instructions[1];
    assert.equal(run.name, 'RUN');
    assert.equal(run.startLine, 1);
    assert.equal(run.endLine, 5);
    assert.deepEqual(
      run.args.map((a) => a.value),
      ['apk', 'add', 'curl', 'git'],
    );
    assert.equal(at(run.args[2].range), '4:2-4:6');
    assert.equal(at(run.args[3].range), '5:2-5:5');
    assert.deepEqual(run.emptyContinuationLines, [3]);
    assert.ok(m.comments.some((c) => c.inContinuation && c.range.start.line === 2));
    assert.equal(m.instructions[2].name, 'CMD');
    assert.equal(at(m.instructions[2].keywordRange), '6:0-6:3');
    assert.equal(at(run.range), '1:0-5:5');
    assert.equal(at(parseDockerfile('FROM a\n   run  x').instructions[1].keywordRange), '1:3-1:6');
    const split = parseDockerfile('FROM a\nRUN\\\n  echo hi\n').instructions[1];
    assert.deepEqual([split.name, split.args.map((a) => a.value)], ['RUN', ['echo', 'hi']]);
  });

  it('uses the backtick as escape on Windows and keeps PowerShell ${env:X} out of the references', () => {
    const m = parseDockerfile(
      '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Write-Host `\n    ${env:PATH}; $env:TEMP\nWORKDIR C:\\app\n',
    );
    assert.equal(m.instructions.length, 4);
    assert.equal(m.instructions[2].endLine, 4);
    assert.deepEqual(
      m.references.map((r) => r.name),
      [],
    );
    assert.equal(m.instructions[3].argsText, 'C:\\app');
  });

  it('parses heredocs: several per line, <<- with tab-indented delimiters, quoted delimiters', () => {
    const text = 'FROM alpine\nRUN <<-EOT cat && <<"B" cat\n\techo $X\n\n\tEOT\n$NOT\nB\nRUN echo done\n';
    const m = parseDockerfile(text);
    const run = m.instructions[1];
    assert.deepEqual(
      run.heredocs.map((h) => [h.delimiter, h.chomp, h.quoted, h.terminated]),
      [
        ['EOT', true, false, true],
        ['B', false, true, true],
      ],
    );
    assert.equal(run.heredocs[0].body, '\techo $X\n');
    assert.equal(at(run.heredocs[1].closeRange!), '6:0-6:1');
    assert.equal(run.endLine, 6);
    assert.equal(m.instructions[2].startLine, 7);
    const refs = m.references.map((r) => [r.name, r.inHeredoc, r.expandedByBuilder]);
    assert.deepEqual(refs, [['X', true, false]], 'the quoted heredoc body has no references');
  });

  it('does not close <<- heredocs on space-indented delimiters (as BuildKit) and reports unterminated ones', () => {
    const m = parseDockerfile('FROM a\nCOPY <<EOF /x\nhello\n  EOF\n');
    assert.equal(m.instructions.length, 2);
    assert.deepEqual(
      m.problems.map((p) => p.code),
      ['UnterminatedHeredoc'],
    );
    const typing = parseDockerfile('FROM a\nRUN <<EOF\necho one\nCMD ["x"]\nRUNN y\n');
    assert.deepEqual(
      typing.instructions.map((i) => i.name),
      ['FROM', 'RUN', 'CMD', 'RUNN'],
      'an unclosed heredoc does not swallow the instructions after it',
    );
    assert.equal(typing.instructions[1].heredocs[0].body, 'echo one');
  });

  it('splits flags, exec form and shell form', () => {
    const m = parseDockerfile(
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN --mount=type=cache,target=/root/.cache --network=none go build\nCMD ["./app", "--port", "80"]\nENTRYPOINT [\'a\']\nRUN [ -f /x ] && echo\n',
    );
    const [from, run, cmd, ep, test] = m.instructions;
    assert.deepEqual(
      from.flags.map((f) => [f.name, f.value]),
      [['platform', '$BUILDPLATFORM']],
    );
    assert.equal(at(from.flags[0].nameRange), '0:7-0:15');
    assert.equal(at(from.flags[0].valueRange!), '0:16-0:30');
    assert.deepEqual(
      run.flags.map((f) => f.name),
      ['mount', 'network'],
    );
    assert.equal(cmd.form, 'exec');
    assert.deepEqual(
      cmd.execArgs!.map((a) => a.value),
      ['./app', '--port', '80'],
    );
    assert.equal(at(cmd.execArgs![1].range), '2:14-2:22');
    assert.equal(ep.form, 'shell');
    assert.equal(ep.jsonProblem?.kind, 'singleQuotes');
    assert.equal(test.form, 'shell');
    assert.equal(test.jsonProblem, undefined, 'a shell test command is not broken JSON');
  });

  it('reads ENV/LABEL/ARG pairs in both forms', () => {
    const m = parseDockerfile('FROM a\nENV A=1 B="two words"\nENV LEGACY some value\nARG X Y=2\n');
    assert.deepEqual(
      m.instructions[1].pairs.map((p) => [p.key, p.value, p.legacy]),
      [
        ['A', '1', false],
        ['B', '"two words"', false],
      ],
    );
    assert.deepEqual(
      m.instructions[2].pairs.map((p) => [p.key, p.value, p.legacy]),
      [['LEGACY', 'some value', true]],
    );
    assert.deepEqual(
      m.instructions[3].pairs.map((p) => [p.key, p.value]),
      [
        ['X', undefined],
        ['Y', '2'],
      ],
    );
  });

  it('finds variable references with every modifier, nested ones included', () => {
    const m = parseDockerfile(
      "FROM a\nENV A=$V B=${V} C=${V:-x} D=${V:+x} E=${V-x} F=${V+x} G=${V#p} H=${V%p} I=${V:-${W}} J=\\$NO K='$NO'\n",
    );
    const refs = m.references.map((r) => [r.name, r.modifier ?? '', r.guarded]);
    assert.deepEqual(refs, [
      ['V', '', false],
      ['V', '', false],
      ['V', ':-x', true],
      ['V', ':+x', true],
      ['V', '-x', true],
      ['V', '+x', true],
      ['V', '#p', false],
      ['V', '%p', false],
      ['W', '', false],
      ['V', ':-${W}', true],
    ]);
    assert.equal(at(m.references[2].range), '1:18-1:25');
    assert.equal(at(m.references[2].nameRange), '1:20-1:21');
  });

  it('wraps an instruction in ONBUILD', () => {
    const m = parseDockerfile('FROM a\nONBUILD COPY --chown=1 . /app\n');
    const inner = m.instructions[1].onbuild!;
    assert.equal(inner.name, 'COPY');
    assert.equal(at(inner.keywordRange), '1:8-1:12');
    assert.deepEqual(
      inner.flags.map((f) => f.name),
      ['chown'],
    );
  });

  it('builds stages with names, bases and base stages', () => {
    const m = parseDockerfile('ARG V=3\nFROM alpine:$V AS Base\nRUN x\nFROM base AS final\nFROM scratch\n');
    assert.deepEqual(
      m.stages.map((s) => [s.index, s.name, s.base, s.baseStage]),
      [
        [0, 'Base', 'alpine:$V', undefined],
        [1, 'final', 'base', 0],
        [2, undefined, 'scratch', undefined],
      ],
    );
    assert.equal(m.stages[0].instructions.length, 2);
    assert.equal(m.stageByName('BASE')?.index, 0);
    assert.equal(m.stageByName('1')?.name, 'final');
    assert.equal(at(m.stages[0].nameRange!), '1:18-1:22');
  });

  it('resolves references by scope: global ARGs in FROM, stage ARG/ENV, ENV through base stages', () => {
    const m = parseDockerfile(
      'ARG V=1\nFROM a:$V AS one\nENV E=1\nRUN echo $V $E\nARG V\nRUN echo $V\nFROM one\nRUN echo $E\n',
    );
    const byLine = (line: number, name: string) =>
      m.references.find((r) => r.range.start.line === line && r.name === name)!;
    assert.equal(m.resolve(byLine(1, 'V'))?.scope, -1);
    assert.equal(m.resolve(byLine(3, 'V')), undefined, 'a global ARG is not visible in a stage until redeclared');
    assert.equal(m.resolve(byLine(3, 'E'))?.kind, 'ENV');
    assert.equal(m.resolve(byLine(5, 'V'))?.instruction.startLine, 4);
    assert.equal(m.resolve(byLine(7, 'E'))?.instruction.startLine, 2, 'ENV is inherited from the base stage');
    const child = parseDockerfile('FROM a AS one\nARG L=1\nFROM one\nWORKDIR $L\n');
    assert.equal(child.resolve(child.references[0])?.kind, 'ARG', 'so are the ARGs of the base stage');
  });

  it('summarises stages and ARG names for Compose', () => {
    assert.deepEqual(dockerfileSummary('ARG A\nFROM x AS build\nARG B=1\nARG A\nFROM y\n'), {
      stages: [
        { index: 0, name: 'build', base: 'x' },
        { index: 1, name: undefined, base: 'y' },
      ],
      argNames: ['A', 'B'],
      globalArgNames: ['A'],
    });
  });

  it('ignores a byte-order mark at the start', () => {
    const m = parseDockerfile('\uFEFF# escape=`\nFROM a\n');
    assert.equal(m.escapeChar, '`');
    assert.equal(parseDockerfile('\uFEFFFROM a\n').instructions[0].name, 'FROM');
  });

  it('handles CRLF line ends and a file without a trailing newline', () => {
    const m = parseDockerfile('FROM a\r\nRUN echo \\\r\n  hi\r\nCMD x');
    assert.deepEqual(
      m.instructions.map((i) => [i.name, i.startLine, i.endLine]),
      [
        ['FROM', 0, 0],
        ['RUN', 1, 2],
        ['CMD', 3, 3],
      ],
    );
    assert.deepEqual(
      m.instructions[1].args.map((a) => a.value),
      ['echo', 'hi'],
    );
  });
});
