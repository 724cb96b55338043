// Loads syntaxes/*.tmLanguage.json with the TextMate engine VS Code itself uses (vscode-textmate + oniguruma),
// with VS Code's real shell grammar (from tm-grammars) embedded, and checks the scopes of representative lines.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';

const root = path.resolve(__dirname, '../../..');
const grammarFiles: Record<string, string> = {
  'source.dockerfile.berth': path.join(root, 'syntaxes/dockerfile.tmLanguage.json'),
  'source.dockerignore.berth': path.join(root, 'syntaxes/dockerignore.tmLanguage.json'),
  'source.shell': path.join(root, 'node_modules/tm-grammars/grammars/shellscript.json'),
};

let registry: Registry;
async function load(scope: string): Promise<IGrammar> {
  const g = await registry.loadGrammar(scope);
  assert.ok(g, `grammar ${scope} loads`);
  return g;
}

interface Token {
  text: string;
  scopes: string[];
}
function tokenize(grammar: IGrammar, text: string): Token[][] {
  let state = INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the first token of `line` that contains `needle` (the token must lie within the needle's text). */
function scopesOf(lines: Token[][], line: number, needle: string, nth = 0): string[] {
  const tokens = lines[line];
  const text = tokens.map((t) => t.text).join('');
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `line ${line} ${JSON.stringify(text)} contains ${JSON.stringify(needle)}`);
  let pos = 0;
  for (const t of tokens) {
    if (pos + t.text.length > at) return t.scopes;
    pos += t.text.length;
  }
  throw new Error('unreachable');
}

function has(lines: Token[][], line: number, needle: string, scope: string, nth = 0): void {
  const scopes = scopesOf(lines, line, needle, nth);
  assert.ok(
    scopes.some((s) => s === scope || s.startsWith(`${scope}.`) || s.split(' ').includes(scope)),
    `line ${line} ${JSON.stringify(needle)} should have ${scope}, has ${scopes.join(' | ')}`,
  );
}
function hasNot(lines: Token[][], line: number, needle: string, scopePrefix: string): void {
  const scopes = scopesOf(lines, line, needle);
  assert.ok(
    !scopes.some((s) => s.startsWith(scopePrefix)),
    `line ${line} ${JSON.stringify(needle)} should not have ${scopePrefix}, has ${scopes.join(' | ')}`,
  );
}

before(async () => {
  const wasm = readFileSync(path.join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      const file = grammarFiles[scope];
      return file ? parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
  });
});

describe('Dockerfile TextMate grammar', () => {
  it('is the output of its generator', async () => {
    const gen = (await import(path.join(root, 'syntaxes/src/dockerfile.grammar.mjs'))) as { text: string };
    assert.equal(
      readFileSync(grammarFiles['source.dockerfile.berth'], 'utf8'),
      gen.text,
      'run: node syntaxes/src/dockerfile.grammar.mjs',
    );
  });

  it('scopes parser directives only at the top, and comments with hadolint pragmas', async () => {
    const t = tokenize(
      await load('source.dockerfile.berth'),
      '# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\nFROM alpine\n# syntax=not-a-directive\n# hadolint ignore=DL3008,DL3015',
    );
    has(t, 0, 'syntax', 'keyword.other.directive.dockerfile');
    has(t, 0, 'docker/dockerfile:1', 'string.unquoted.directive-value.dockerfile');
    has(t, 1, 'check', 'keyword.other.directive.dockerfile');
    has(t, 3, 'syntax', 'comment.line.number-sign.dockerfile');
    hasNot(t, 3, 'syntax', 'keyword.other.directive');
    has(t, 4, 'hadolint', 'keyword.other.pragma.dockerfile');
    has(t, 4, 'DL3008', 'constant.other.rule-code.dockerfile');
  });

  it('scopes FROM: flags, image, tag, digest, AS and the stage name', async () => {
    const t = tokenize(
      await load('source.dockerfile.berth'),
      'from --platform=$BUILDPLATFORM golang:1.22-alpine AS build\nFROM registry.example.com:5000/team/app@sha256:abc123 as final',
    );
    has(t, 0, 'from', 'keyword.other.special-method.dockerfile');
    has(t, 0, '--', 'punctuation.definition.flag.dockerfile');
    has(t, 0, 'platform', 'entity.other.attribute-name.flag.dockerfile');
    has(t, 0, 'BUILDPLATFORM', 'variable.other.dockerfile');
    has(t, 0, 'golang', 'entity.name.type.image.dockerfile');
    has(t, 0, '1.22-alpine', 'constant.other.tag.dockerfile');
    has(t, 0, 'AS', 'keyword.other.as.dockerfile');
    has(t, 0, 'build', 'entity.name.label.stage.dockerfile');
    has(t, 1, 'registry.example.com:5000/team/app', 'entity.name.type.image.dockerfile');
    has(t, 1, 'sha256:abc123', 'constant.other.digest.dockerfile');
    has(t, 1, 'final', 'entity.name.label.stage.dockerfile');
  });

  it('embeds shell in shell-form RUN across continuations, with comment lines and flags', async () => {
    const t = tokenize(
      await load('source.dockerfile.berth'),
      [
        'RUN --mount=type=cache,target=/var/cache/apt apt-get update \\',
        '    # a comment inside the instruction',
        '',
        '    && apt-get install -y curl',
        'USER nobody',
      ].join('\n'),
    );
    has(t, 0, 'mount', 'entity.other.attribute-name.flag.dockerfile');
    has(t, 0, 'type', 'variable.parameter.option.dockerfile');
    has(t, 0, 'cache', 'constant.language.mount-type.dockerfile');
    has(t, 0, 'target', 'variable.parameter.option.dockerfile');
    has(t, 0, 'apt-get', 'meta.embedded.shell');
    has(t, 0, '\\', 'constant.character.escape.line-continuation.dockerfile');
    has(t, 1, 'a comment', 'comment.line.number-sign.dockerfile');
    has(t, 3, 'apt-get', 'meta.embedded.shell');
    has(t, 3, '&&', 'punctuation.separator.statement.and.shell'); // VS Code's shell grammar took over
    has(t, 4, 'USER', 'keyword.other.special-method.dockerfile');
    hasNot(t, 4, 'USER', 'meta.embedded.shell');
  });

  it('recovers at the next instruction after an unterminated shell quote', async () => {
    const t = tokenize(await load('source.dockerfile.berth'), 'RUN echo "unterminated\nCOPY a b\nRUN echo ok');
    has(t, 1, 'COPY', 'keyword.other.special-method.dockerfile');
    has(t, 2, 'echo', 'meta.embedded.shell');
  });

  it('scopes exec form as JSON strings, and keeps shell tests shell', async () => {
    const t = tokenize(
      await load('source.dockerfile.berth'),
      'CMD ["httpd", "-f", "${PORT}"]\nRUN [ -f /etc/os-release ] && echo yes\nENTRYPOINT ["a", \\\n  "b"]\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]',
    );
    has(t, 0, '[', 'punctuation.definition.array.begin.dockerfile');
    has(t, 0, 'httpd', 'string.quoted.double.json.dockerfile');
    has(t, 0, ',', 'punctuation.separator.array.dockerfile');
    hasNot(t, 0, 'httpd', 'meta.embedded.shell');
    has(t, 1, '[', 'meta.embedded.shell');
    hasNot(t, 1, '[', 'meta.exec-form');
    has(t, 3, 'b', 'string.quoted.double.json.dockerfile');
    has(t, 4, 'pipefail', 'string.quoted.double.json.dockerfile');
  });

  it('scopes heredoc bodies: shell for RUN, text for COPY, with <<- and quoted delimiters', async () => {
    const t = tokenize(
      await load('source.dockerfile.berth'),
      [
        'RUN <<EOF',
        'set -eu',
        'echo "$HOME"',
        'EOF',
        'COPY <<-"CONF" /etc/app.conf',
        '\tkey=value',
        '\tCONF',
        'WORKDIR /app',
      ].join('\n'),
    );
    has(t, 0, '<<', 'keyword.operator.heredoc.dockerfile');
    has(t, 0, 'EOF', 'entity.name.tag.heredoc-delimiter.dockerfile');
    has(t, 1, 'set', 'meta.embedded.shell');
    has(t, 2, 'HOME', 'meta.embedded.shell');
    has(t, 3, 'EOF', 'entity.name.tag.heredoc-delimiter.dockerfile');
    has(t, 4, 'CONF', 'entity.name.tag.heredoc-delimiter.dockerfile');
    has(t, 5, 'key=value', 'string.unquoted.heredoc.dockerfile');
    hasNot(t, 5, 'key=value', 'meta.embedded.shell');
    has(t, 6, 'CONF', 'entity.name.tag.heredoc-delimiter.dockerfile');
    has(t, 7, 'WORKDIR', 'keyword.other.special-method.dockerfile');
  });

  it('scopes variables with modifiers, ARG/ENV/LABEL declarations and EXPOSE ports', async () => {
    const t = tokenize(
      await load('source.dockerfile.berth'),
      [
        'ARG VERSION=1.0 OTHER',
        'ENV PATH=/opt/bin:${PATH:-/usr/bin} LEGACY_NOT=x',
        'ENV LEGACY some value',
        'LABEL org.opencontainers.image.title="app ${VERSION}"',
        'EXPOSE 80/tcp 53/UDP 8000-8010',
        'MAINTAINER someone',
      ].join('\n'),
    );
    has(t, 0, 'VERSION', 'variable.other.declaration.dockerfile');
    has(t, 0, 'OTHER', 'variable.other.declaration.dockerfile');
    has(t, 1, 'PATH', 'variable.other.declaration.dockerfile');
    has(t, 1, 'PATH', 'variable.other.dockerfile', 1);
    has(t, 1, ':-', 'keyword.operator.expansion.dockerfile');
    has(t, 2, 'LEGACY', 'variable.other.declaration.dockerfile');
    has(t, 3, 'org.opencontainers.image.title', 'entity.other.attribute-name.key.dockerfile');
    has(t, 3, 'app', 'string.quoted.double.dockerfile');
    has(t, 3, 'VERSION', 'variable.other.dockerfile');
    has(t, 4, '80', 'constant.numeric.port.dockerfile');
    has(t, 4, 'tcp', 'constant.language.protocol.dockerfile');
    has(t, 4, '8000-8010', 'constant.numeric.port.dockerfile');
    has(t, 5, 'MAINTAINER', 'invalid.deprecated.maintainer.dockerfile');
  });

  it('does not take PowerShell ${env:X} for a build variable', async () => {
    const t = tokenize(
      await load('source.dockerfile.berth'),
      'FROM x\nSHELL ["powershell", "-Command"]\nRUN Write-Host ${env:PATH}',
    );
    hasNot(t, 2, 'env', 'variable.other.dockerfile');
  });

  it('switches to the backtick escape dialect after # escape=`', async () => {
    const t = tokenize(
      await load('source.dockerfile.berth'),
      [
        '# escape=`',
        '# syntax=docker/dockerfile:1',
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
        'RUN powershell -Command `',
        '    New-Item -ItemType Directory C:\\app ; `',
        '    Write-Host $env:TEMP',
        'WORKDIR C:\\app',
      ].join('\n'),
    );
    has(t, 0, 'escape', 'keyword.other.directive.dockerfile');
    has(t, 0, '`', 'string.unquoted.directive-value.dockerfile');
    has(t, 1, 'syntax', 'keyword.other.directive.dockerfile');
    has(t, 2, 'servercore', 'entity.name.type.image.dockerfile');
    has(t, 3, '`', 'constant.character.escape.line-continuation.dockerfile');
    has(t, 4, 'New-Item', 'meta.shell-form.dockerfile');
    hasNot(t, 4, 'New-Item', 'meta.embedded.shell');
    has(t, 4, '`', 'constant.character.escape.line-continuation.dockerfile');
    has(t, 5, 'Write-Host', 'meta.instruction.run.dockerfile');
    has(t, 6, 'WORKDIR', 'keyword.other.special-method.dockerfile');
    hasNot(t, 6, 'WORKDIR', 'meta.instruction.run');
  });

  it('scopes HEALTHCHECK options and its CMD, and ONBUILD with the instruction it wraps', async () => {
    const t = tokenize(
      await load('source.dockerfile.berth'),
      'HEALTHCHECK --interval=30s --retries=3 CMD wget -q http://localhost/\nONBUILD COPY --chown=app . /src\nHEALTHCHECK NONE',
    );
    has(t, 0, 'interval', 'entity.other.attribute-name.flag.dockerfile');
    has(t, 0, '30s', 'string.unquoted.flag-value.dockerfile');
    has(t, 0, 'CMD', 'keyword.other.special-method.dockerfile');
    has(t, 0, 'wget', 'meta.embedded.shell');
    has(t, 1, 'COPY', 'keyword.other.special-method.dockerfile');
    has(t, 1, 'chown', 'entity.other.attribute-name.flag.dockerfile');
    has(t, 2, 'NONE', 'constant.language.none.dockerfile');
  });
});

describe('.dockerignore TextMate grammar', () => {
  it('scopes comments, exceptions, wildcards and character classes', async () => {
    const t = tokenize(
      await load('source.dockerignore.berth'),
      '# build output\n**/node_modules\n!src/keep?.txt\n*.log\nfile[0-9].tmp\nnot#comment',
    );
    has(t, 0, 'build output', 'comment.line.number-sign.dockerignore');
    has(t, 1, '**', 'keyword.operator.glob.globstar.dockerignore');
    has(t, 1, 'node_modules', 'string.unquoted.path.dockerignore');
    has(t, 2, '!', 'keyword.operator.negation.exception.dockerignore');
    has(t, 2, 'src', 'meta.exception.dockerignore');
    has(t, 2, '?', 'keyword.operator.glob.wildcard.dockerignore');
    has(t, 3, '*', 'keyword.operator.glob.wildcard.dockerignore');
    has(t, 4, '0-9', 'constant.other.character-class.set.dockerignore');
    hasNot(t, 5, '#comment', 'comment');
  });
});
