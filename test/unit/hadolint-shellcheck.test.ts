// The scripts Berth hands to ShellCheck and the way its positions come back: which RUNs are checked (shell form, a
// POSIX SHELL, not Windows), the map from script lines to Dockerfile lines (continuations with their dropped comment
// and empty lines, heredoc bodies), and the runner against the real binary (cache, one log line when it is missing).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../server/src/dockerfile/parse/document';
import {
  documentRange,
  MAX_RUN_LINES,
  parseShellCheckJson,
  shellcheckJobs,
  type ShellCheckComment,
} from '../../server/src/dockerfile/shellcheck';
import { ShellCheckRunner } from '../../server/src/dockerfile/shellcheck-runner';

const jobs = (text: string) => shellcheckJobs(parseDockerfile(text));
const comment = (line: number, column: number, endLine = line, endColumn = column + 1): ShellCheckComment => ({
  line,
  column,
  endLine,
  endColumn,
  level: 'info',
  code: 2086,
  message: 'm',
});

describe('ShellCheck scripts of a Dockerfile', () => {
  it('checks shell-form RUNs in a POSIX shell only', () => {
    assert.equal(jobs('FROM a\nRUN echo $1\nRUN ["sh", "-c", "echo"]\n').length, 1);
    assert.equal(jobs('FROM a\nSHELL ["pwsh", "-c"]\nRUN echo $1\n').length, 0);
    assert.equal(jobs('# escape=`\nFROM a\nRUN echo $1\n').length, 0);
    assert.equal(jobs('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo %PATH%\n').length, 0);
    const [bash] = jobs('FROM a AS b\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM b\nRUN echo $1\n');
    assert.equal(bash.shell, 'bash', 'SHELL is inherited from the stage built on');
    assert.equal(jobs('FROM a\nONBUILD RUN echo $1\n').length, 1);
  });

  it('takes the shell from a # hadolint shell= pragma until a SHELL instruction', () => {
    const js = jobs('FROM a\nRUN echo 1\n# hadolint shell=bash\nRUN echo 2\nSHELL ["/bin/sh", "-c"]\nRUN echo 3\n');
    assert.deepEqual(
      js.map((j) => j.shell),
      ['sh', 'bash', 'sh'],
    );
    assert.equal(jobs('# hadolint shell=pwsh\nFROM a\nRUN echo 1\n').length, 0);
  });

  it('leaves out a RUN longer than MAX_RUN_LINES lines', () => {
    const run = (n: number) => `FROM a\nRUN true${' \\\n && echo $1'.repeat(n - 1)}\n`;
    assert.equal(jobs(run(MAX_RUN_LINES - 1)).length, 1);
    assert.equal(jobs(run(MAX_RUN_LINES + 1)).length, 0);
  });

  it('exports the ARG and ENV names declared before the RUN, as hadolint does', () => {
    const [job] = jobs('ARG G=1\nFROM a\nENV E=1\nRUN echo "$E$G"\nARG LATER\n');
    assert.ok(job.script.includes('export E=1\n') && job.script.includes('export G=1\n'));
    assert.ok(!job.script.includes('LATER'));
    assert.equal(job.script.split('\n')[job.headerLines], 'echo "$E$G"');
  });

  it('maps continued lines back, skipping the comment and empty lines BuildKit drops', () => {
    const [job] = jobs('FROM a\nRUN  echo a \\\n  # note\n\n    && echo $1 \\   \n    && true\n');
    assert.deepEqual(
      job.lines.map((l) => l.line),
      [1, 4, 5],
    );
    assert.ok(job.script.endsWith('echo a \\\n    && echo $1 \\\n    && true\n'), JSON.stringify(job.script));
    const h = job.headerLines;
    assert.deepEqual(documentRange(job, comment(h + 1, 1, h + 1, 5)), {
      start: { line: 1, character: 5 },
      end: { line: 1, character: 9 },
    });
    assert.deepEqual(documentRange(job, comment(h + 2, 13, h + 2, 15)), {
      start: { line: 4, character: 12 },
      end: { line: 4, character: 14 },
    });
  });

  it('checks a heredoc script as its body lines, and a heredoc in a command as written', () => {
    const [script] = jobs('FROM a\nRUN <<EOF\nset -e\necho $1\nEOF\n');
    assert.deepEqual(
      script.lines.map((l) => l.line),
      [2, 3],
    );
    assert.deepEqual(documentRange(script, comment(script.headerLines + 2, 6, script.headerLines + 2, 8)).start, {
      line: 3,
      character: 5,
    });
    const [bash] = jobs('FROM a\nRUN bash <<EOF\n[[ -n "$HOME" ]]\nEOF\n');
    assert.equal(bash.shell, 'bash');
    assert.equal(jobs('FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n').length, 0);
    const [cmd] = jobs('FROM a\nRUN cat <<EOF > /etc/x\nhello $1\nEOF\n');
    assert.deepEqual(
      cmd.lines.map((l) => l.line),
      [1, 2, 3],
    );
    assert.equal(cmd.lines[0].character, 4);
  });

  it('keeps a zero-width or out-of-range position on the line it names', () => {
    const [job] = jobs('FROM a\nRUN if true\n');
    const h = job.headerLines;
    assert.deepEqual(documentRange(job, comment(h + 1, 1, h + 1, 1)), {
      start: { line: 1, character: 4 },
      end: { line: 1, character: 5 },
    });
    assert.deepEqual(documentRange(job, comment(h + 2, 1, h + 2, 1)).start, { line: 1, character: 11 });
  });

  it('reads json1 output by file', () => {
    const out = parseShellCheckJson(
      '{"comments":[{"file":"/t/0.sh","line":2,"endLine":2,"column":6,"endColumn":8,"level":"info","code":2086,"message":"Double quote","fix":null}]}',
    );
    assert.deepEqual(out.get('/t/0.sh'), [
      { line: 2, endLine: 2, column: 6, endColumn: 8, level: 'info', code: 2086, message: 'Double quote' },
    ]);
  });
});

// The unit layer runs before the lsp layer installs shellcheck (scripts/run-layer.mjs); test/lsp/shellcheck.test.ts
// is the one that fails in CI without it.
const haveShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
if (!haveShellcheck) console.error('\n!!! ShellCheck runner test SKIPPED: shellcheck is not on PATH\n');

describe('ShellCheck runner', () => {
  it('runs the real binary off the call, then answers from its cache', { skip: !haveShellcheck }, async () => {
    const runner = new ShellCheckRunner({ debounceMs: 10, log: (m) => assert.fail(m) });
    try {
      const js = jobs('FROM a\nRUN echo $1\nRUN echo "$HOME"\n');
      const done = new Promise<string>((resolve) => (runner.onResults = resolve));
      const first = runner.known('file:///x/Dockerfile', js);
      assert.equal(first(js[0]), undefined, 'nothing known before the run');
      assert.equal(await done, 'file:///x/Dockerfile');
      const known = runner.known('file:///x/Dockerfile', js);
      assert.deepEqual(
        known(js[0])?.map((c) => [c.code, c.line - js[0].headerLines, c.column]),
        [[2086, 1, 6]],
      );
      assert.deepEqual(known(js[1]), [], 'checked, nothing found');
    } finally {
      runner.dispose();
    }
  });

  it('says once that it is off when the binary is missing, and stops trying', async () => {
    const logs: string[] = [];
    const runner = new ShellCheckRunner({ binary: '/nonexistent/shellcheck', debounceMs: 5, log: (m) => logs.push(m) });
    const js = jobs('FROM a\nRUN echo $1\n');
    runner.known('file:///a/Dockerfile', js);
    runner.known('file:///b/Dockerfile', jobs('FROM a\nRUN echo $2\n'));
    await new Promise((r) => setTimeout(r, 300));
    runner.known('file:///a/Dockerfile', jobs('FROM a\nRUN echo $3\n'));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(logs.length, 1, JSON.stringify(logs));
    assert.match(logs[0], /not on PATH/);
    assert.equal(runner.unavailable, true);
  });
});
