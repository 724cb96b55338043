// ShellCheck on RUN instructions through the real stdio server and the real shellcheck binary: findings join the
// Dockerfile's diagnostics after the first publish, at the Dockerfile line and column of the shell text (continuation
// lines and heredoc bodies included); `# hadolint ignore=SC…` and the setting turn them off; without shellcheck on PATH
// the server says so once. In CI a missing shellcheck fails this file; elsewhere it skips loudly.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspSession } from '../support/lsp-session';
import { skipOutsideCi } from '../support/skip-outside-ci';

const haveShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
if (!haveShellcheck) skipOutsideCi('[lsp] ShellCheck tests', 'shellcheck is not on PATH (apt-get install shellcheck)');

/** Waits for a publish for `uri` that satisfies `done`, returning it. */
async function publishUntil(lsp: LspSession, uri: string, done: (d: Diagnostic[]) => boolean, ms = 10_000) {
  const until = Date.now() + ms;
  let last = lsp.latest.get(uri) ?? [];
  while (!done(last)) {
    const left = until - Date.now();
    if (left <= 0) throw new Error(`no such diagnostics for ${uri}; last: ${JSON.stringify(last.map((d) => d.code))}`);
    last = await lsp.nextDiagnostics(uri, left).catch(() => last);
  }
  return last;
}

const sc = (ds: Diagnostic[]) => ds.filter((d) => /^SC\d+$/.test(String(d.code)));
const at = (d: Diagnostic | undefined) =>
  d && `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

const DOCKERFILE = [
  'FROM debian:12', //                                   0
  'ARG NAME=x', //                                        1
  'RUN echo start \\', //                                 2
  '    # a comment BuildKit drops', //                    3
  '', //                                                  4
  '    && echo $1 \\', //                                 5
  '    && echo "$NAME"', //                               6
  'RUN <<EOF', //                                         7
  'set -e', //                                            8
  'for f in $(ls /etc); do echo "$f"; done', //           9
  'EOF', //                                              10
  '# hadolint ignore=SC2086', //                         11
  'RUN echo $2', //                                      12
  'RUN ["sh", "-c", "echo $3"]', //                     13
  '',
].join('\n');

describe('ShellCheck on RUN instructions over LSP', { skip: !haveShellcheck }, () => {
  let lsp: LspSession;
  before(async () => {
    lsp = await LspSession.start({});
  });
  after(async () => {
    await lsp?.stop();
  });

  it('publishes ShellCheck findings at the Dockerfile positions of the shell text', async () => {
    const uri = 'file:///tmp/berth-lsp-sc/a/Dockerfile';
    const first = await lsp.openAndWait(uri, 'dockerfile', DOCKERFILE);
    assert.ok(!first.some((d) => d.code === 'DL3006'), 'the Dockerfile rules ran');
    const diags = await publishUntil(lsp, uri, (d) => sc(d).length >= 2);
    const findings = sc(diags);
    // `echo $1` on the third line of the continued RUN, after a comment and an empty line BuildKit drops.
    const unquoted = findings.find((d) => d.code === 'SC2086' && d.range.start.line === 5);
    assert.equal(at(unquoted), '5:12-5:14');
    assert.equal(unquoted?.severity, 3, "ShellCheck's info is Information");
    assert.equal(unquoted?.source, 'berth (shellcheck)');
    assert.equal(unquoted?.codeDescription?.href, 'https://www.shellcheck.net/wiki/SC2086');
    // `for f in $(ls /etc)` in the heredoc body, on its own Dockerfile line.
    const loop = findings.find((d) => d.code === 'SC2045');
    assert.equal(at(loop), '9:9-9:19');
    assert.equal(loop?.severity, 2, "ShellCheck's error is shown as a Warning: the RUN still builds");
    assert.ok(!findings.some((d) => d.range.start.line === 6), '"$NAME" is declared by ARG: no SC2154');
    assert.ok(!findings.some((d) => d.range.start.line === 12), '# hadolint ignore=SC2086 silences the next RUN');
    assert.ok(!findings.some((d) => d.range.start.line === 13), 'exec form runs no shell');
    assert.ok(!diags.some((d) => d.severity === 1), 'no Error on a buildable file');
  });

  it('keeps the results of unchanged RUNs while another is edited, and checks the new text', async () => {
    const uri = 'file:///tmp/berth-lsp-sc/b/Dockerfile';
    await lsp.openAndWait(uri, 'dockerfile', 'FROM debian:12\nRUN echo $1\nRUN true\n');
    await publishUntil(lsp, uri, (d) => sc(d).length === 1);
    // A script no other test checked (results are cached by script, across documents).
    const edited = await lsp.openAndWait(uri, 'dockerfile', 'FROM debian:12\nRUN echo $1\nRUN echo $2 unseen-b\n');
    assert.deepEqual(
      sc(edited).map(at),
      ['1:9-1:11'],
      'the first publish after the edit already has the unchanged RUN’s finding',
    );
    const later = await publishUntil(lsp, uri, (d) => sc(d).length === 2);
    assert.deepEqual(sc(later).map(at), ['1:9-1:11', '2:9-2:11']);
  });

  it('follows SHELL: bash-only syntax is fine under bash, and PowerShell is not checked', async () => {
    const uri = 'file:///tmp/berth-lsp-sc/c/Dockerfile';
    const text =
      'FROM debian:12\nRUN [[ -n "$HOME" ]] && echo $1\nSHELL ["/bin/bash", "-c"]\nRUN [[ -n "$HOME" ]] && echo $2\nSHELL ["pwsh", "-Command"]\nRUN echo $3\n';
    await lsp.openAndWait(uri, 'dockerfile', text);
    const diags = sc(await publishUntil(lsp, uri, (d) => sc(d).some((x) => x.range.start.line === 3)));
    assert.ok(
      diags.some((d) => d.range.start.line === 1 && d.code === 'SC3010'),
      `[[ ]] in sh: ${JSON.stringify(diags.map((d) => `${d.code}@${at(d)}`))}`,
    );
    assert.ok(!diags.some((d) => d.range.start.line === 3 && d.code === 'SC3010'), '[[ ]] is bash under bash');
    assert.ok(!diags.some((d) => d.range.start.line === 5), 'PowerShell RUNs are not shell scripts');
  });
});

describe('ShellCheck turned off', { skip: !haveShellcheck }, () => {
  it('publishes no SC findings when berth.dockerfile.shellcheck.enabled is false', async () => {
    const lsp = await LspSession.start({ dockerfile: { shellcheck: { enabled: false } } });
    try {
      const uri = 'file:///tmp/berth-lsp-sc/off/Dockerfile';
      await lsp.openAndWait(uri, 'dockerfile', 'FROM debian:12\nRUN echo $1\n');
      // A ShellCheck publish would come within its quiet time plus a run (well under 2 s here).
      const more = await lsp.nextDiagnostics(uri, 2500).catch(() => undefined);
      assert.equal(more, undefined, 'no second publish');
      assert.deepEqual(sc(lsp.latest.get(uri) ?? []), []);
    } finally {
      await lsp.stop();
    }
  });
});

describe('ShellCheck missing from PATH', () => {
  it('says once that the checks are off, and why, and publishes the other diagnostics', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent-berth-path';
    let lsp: LspSession;
    try {
      lsp = await LspSession.start({});
    } finally {
      process.env.PATH = path;
    }
    const logs: string[] = [];
    lsp.conn.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
    try {
      const a = await lsp.openAndWait('file:///tmp/berth-lsp-sc/m/a/Dockerfile', 'dockerfile', 'FROM x\nRUN echo $1\n');
      assert.ok(a.some((d) => d.code === 'DL3006'));
      await new Promise((r) => setTimeout(r, 1000));
      await lsp.openAndWait('file:///tmp/berth-lsp-sc/m/b/Dockerfile', 'dockerfile', 'FROM x\nRUN echo $2\n');
      await lsp.openAndWait('file:///tmp/berth-lsp-sc/m/a/Dockerfile', 'dockerfile', 'FROM x\nRUN echo $3\n');
      await new Promise((r) => setTimeout(r, 1000));
      const notes = logs.filter((m) => /ShellCheck/.test(m));
      assert.equal(notes.length, 1, JSON.stringify(logs));
      assert.match(notes[0], /not on PATH/);
      assert.deepEqual(sc(lsp.latest.get('file:///tmp/berth-lsp-sc/m/a/Dockerfile') ?? []), []);
    } finally {
      await lsp.stop();
    }
  });
});
