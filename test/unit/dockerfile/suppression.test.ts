// Severity settings, documentation links and inline suppression (BuildKit check=skip, hadolint ignore).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { validateDockerfile } from '../../../server/src/dockerfile/diagnostics';
import { ruleHref } from '../../../server/src/dockerfile/rules/catalog';

const codes = (text: string, rules?: Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>) =>
  validateDockerfile(text, { rules }).map((d) => String(d.code));

describe('Dockerfile diagnostics: severity, links, suppression', () => {
  it('links each family to its documentation', () => {
    assert.equal(
      ruleHref('JSONArgsRecommended'),
      'https://docs.docker.com/reference/build-checks/json-args-recommended/',
    );
    assert.equal(
      ruleHref('FromPlatformFlagConstDisallowed'),
      'https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/',
    );
    assert.equal(ruleHref('DL3008'), 'https://github.com/hadolint/hadolint/wiki/DL3008');
    assert.match(ruleHref('AptUpdateAlone'), /README\.md#dockerfile-apt-update-alone$/);
    const [d] = validateDockerfile('FROM a:1 AS Build\n');
    assert.equal(d.codeDescription?.href, 'https://docs.docker.com/reference/build-checks/stage-name-casing/');
  });

  it('applies severity overrides, by code or by alias, and "off"', () => {
    const text = 'FROM a:1\nCMD node app.js\nWORKDIR rel\n';
    const base = validateDockerfile(text);
    assert.equal(base.find((d) => d.code === 'JSONArgsRecommended')?.severity, DiagnosticSeverity.Warning);
    assert.equal(
      validateDockerfile(text, { rules: { JSONArgsRecommended: 'error' } }).find(
        (d) => d.code === 'JSONArgsRecommended',
      )?.severity,
      DiagnosticSeverity.Error,
    );
    assert.equal(
      validateDockerfile(text, { rules: { DL3025: 'hint' } }).find((d) => d.code === 'JSONArgsRecommended')?.severity,
      DiagnosticSeverity.Hint,
    );
    assert.ok(!codes(text, { WorkdirRelativePath: 'off' }).includes('WorkdirRelativePath'));
    assert.ok(!codes(text, { DL3000: 'off' }).includes('WorkdirRelativePath'));
  });

  it('honours # check=skip=… and skip=all for BuildKit checks only', () => {
    const text = 'FROM a:1 AS Build\nCMD node app.js\nRUN sudo x\n';
    assert.deepEqual(codes(text).sort(), ['DL3004', 'JSONArgsRecommended', 'StageNameCasing']);
    assert.deepEqual(codes('# check=skip=StageNameCasing,JSONArgsRecommended\n' + text), ['DL3004']);
    assert.deepEqual(codes('# check=skip=all;error=true\n' + text), ['DL3004']);
    assert.deepEqual(codes('#check = skip=StageNameCasing\n' + text).sort(), ['DL3004', 'JSONArgsRecommended']);
  });

  it('shows BuildKit checks as errors under # check=error=true, unless a setting says otherwise', () => {
    const text = '# check=error=true\nFROM a:1 AS Build\nRUN sudo x\n';
    const sev = (rules?: Record<string, 'warning'>) =>
      Object.fromEntries(validateDockerfile(text, { rules }).map((d) => [String(d.code), d.severity]));
    assert.deepEqual(sev(), { StageNameCasing: DiagnosticSeverity.Error, DL3004: DiagnosticSeverity.Warning });
    assert.equal(sev({ StageNameCasing: 'warning' }).StageNameCasing, DiagnosticSeverity.Warning);
  });

  it('honours # hadolint ignore=… on the line(s) before an instruction, and global ignore', () => {
    const text =
      'FROM debian:12\n# hadolint ignore=DL3014,DL3015\n# why: legacy\nRUN apt-get update && apt-get install curl && rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\nRUN sudo x\n';
    const got = validateDockerfile(text).map((d) => `${d.range.start.line}:${String(d.code)}`);
    assert.ok(!got.some((c) => c.startsWith('3:DL301')), got.join(' '));
    assert.ok(got.includes('5:DL3004'));
    assert.ok(!codes('# hadolint global ignore=DL3004\n' + text).includes('DL3004'));
    // An ignore also matches an alias of a BuildKit check.
    assert.deepEqual(codes('FROM a:1\n# hadolint ignore=DL3025\nCMD node app.js\n'), []);
    assert.deepEqual(codes('FROM a:1\n# hadolint ignore=DL3004, DL3003 -- legacy build script\nRUN sudo cd /x\n'), []);
    // It applies to the next instruction only.
    assert.ok(codes('FROM a:1\n# hadolint ignore=DL3004\nRUN true\nRUN sudo x\n').includes('DL3004'));
  });

  it('carries quick-fix data: rule, family, aliases, instruction line, fix', () => {
    const [d] = validateDockerfile('FROM a:1\nMAINTAINER Jane <jane@example.com>\n');
    assert.deepEqual(d.data, {
      rule: 'MaintainerDeprecated',
      family: 'buildkit',
      aliases: ['DL4000'],
      instructionLine: 1,
      fix: {
        kind: 'maintainer',
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 34 } },
        author: 'Jane <jane@example.com>',
      },
    });
    assert.deepEqual(d.tags, [2]);
  });

  it('offers the exec-form rewrite only for commands without shell syntax', () => {
    const fix = (cmd: string) =>
      (validateDockerfile(`FROM a:1\nCMD ${cmd}\n`)[0].data as { fix?: { kind: string; args: string[] } }).fix;
    assert.deepEqual(fix('node "my app.js" --port 80')?.args, ['node', 'my app.js', '--port', '80']);
    assert.equal(fix('node app.js && echo done'), undefined);
    assert.equal(fix('java $JAVA_OPTS -jar app.jar'), undefined);
  });

  it('keeps publishing the other families when one rule family throws', () => {
    const errors: string[] = [];
    const diags = validateDockerfile('FROM a:1\nRUNN x\n', { onRuleError: (f) => errors.push(f) });
    assert.deepEqual(errors, []);
    assert.deepEqual(
      diags.map((d) => d.code),
      ['UnknownInstruction'],
    );
  });
});

describe('build context ignore', () => {
  it('matches with Docker semantics: globs, ** and ! exceptions, ./ and / prefixes', async () => {
    const { ContextIgnore } = await import('../../../server/src/dockerignore/context-ignore');
    const contextIgnore = (text: string | undefined) => ContextIgnore.fromText(text);
    const ig = contextIgnore('# secrets\n*.env\n!keep.env\n**/node_modules\ndocs/\n');
    assert.deepEqual(ig.patterns, ['*.env', '!keep.env', '**/node_modules', 'docs']);
    assert.equal(ig.ignores('prod.env'), true);
    assert.equal(ig.ignores('./keep.env'), false);
    assert.equal(ig.ignores('/web/node_modules'), true);
    assert.equal(ig.ignores('docs'), true);
    assert.equal(ig.ignores('src/app.env'), false, '*.env matches at the context root only');
    assert.equal(ig.ignores('.'), false);
    assert.equal(contextIgnore(undefined).ignores('x'), false);
  });
});
