// Dockerfile editing benchmark on a generated 600-line multi-stage Dockerfile, Berth vs rcjsuen's
// dockerfile-language-service (what Container Tools bundles), in the same run. Each request is timed the way a server
// meets it after an edit: parse the new text, then answer (Berth builds one model and shares it; the peer parses per
// call). Also the TextMate grammars: Berth's (with VS Code's shell grammar embedded in RUN) vs VS Code's built-in
// Dockerfile grammar, tokenizing the whole file with the engine VS Code uses.   npx tsx bench/dockerfile-editing/run.ts
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';
import { complete } from '../../server/src/dockerfile/completion';
import { parseDockerfile } from '../../server/src/dockerfile/parse/document';
import { foldingRanges } from '../../server/src/dockerfile/folding';
import { formatEdits } from '../../server/src/dockerfile/format';
import { hover } from '../../server/src/dockerfile/hover';
import { documentSymbols } from '../../server/src/dockerfile/symbols';
import { semanticTokens } from '../../server/src/dockerfile/tokens';

const root = path.resolve(__dirname, '../..');

function generate(lines: number): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE=debian:bookworm-slim', ''];
  for (let i = 0; out.length < lines - 4; i++) {
    out.push(
      `FROM --platform=$BUILDPLATFORM golang:1.22 AS build${i}`,
      'ARG TARGETARCH',
      `ENV APP=/srv/app${i} \\`,
      '    CGO_ENABLED=0',
      'WORKDIR $APP',
      'RUN apt-get update \\',
      '    && apt-get install -y --no-install-recommends curl git \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'RUN --mount=type=cache,target=/go/pkg/mod go mod download',
      'COPY . .',
      'RUN <<EOF',
      'set -e',
      `go build -o /out/app${i} ./cmd/app${i}`,
      'EOF',
      `LABEL org.opencontainers.image.title="app${i}"`,
      'HEALTHCHECK --interval=30s CMD curl -fsS http://localhost:8080/ || exit 1',
      'EXPOSE 8080/tcp',
      i > 0
        ? `COPY --from=build${i - 1} /out/app${i - 1} /usr/local/bin/`
        : 'COPY --chmod=0755 entrypoint.sh /usr/local/bin/',
      '',
    );
  }
  out.push('FROM ${BASE}', 'COPY --from=build0 /out/app0 /usr/local/bin/app', 'ENTRYPOINT ["app"]', 'CMD ["serve"]');
  return out.join('\n') + '\n';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 5; i++) fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

async function grammars(withShell: boolean): Promise<{ berth: IGrammar; builtin: IGrammar }> {
  const files: Record<string, string> = {
    'source.dockerfile.berth': path.join(root, 'syntaxes/dockerfile.tmLanguage.json'),
    ...(withShell ? { 'source.shell': path.join(root, 'node_modules/tm-grammars/grammars/shellscript.json') } : {}),
    'source.dockerfile': path.join(root, 'node_modules/tm-grammars/grammars/docker.json'),
  };
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) =>
      files[scope] ? parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null,
  });
  return {
    berth: (await registry.loadGrammar('source.dockerfile.berth'))!,
    builtin: (await registry.loadGrammar('source.dockerfile'))!,
  };
}

function tokenizeAll(g: IGrammar, text: string): number {
  let state = INITIAL;
  let n = 0;
  for (const line of text.split('\n')) {
    const r = g.tokenizeLine(line, state);
    state = r.ruleStack;
    n += r.tokens.length;
  }
  return n;
}

async function main(): Promise<void> {
  const text = generate(600);
  const lines = text.split('\n');
  const peer = DockerfileLanguageServiceFactory.createLanguageService();
  const dollarLine = lines.findIndex((l) => l === 'WORKDIR $APP');
  const varPos = { line: dollarLine, character: 'WORKDIR $'.length };
  const runLine = lines.findIndex((l) => l.startsWith('RUN --mount'));
  const flagPos = { line: runLine, character: 'RUN --'.length };
  const kwPos = { line: runLine, character: 1 };
  const fmt = { tabSize: 4, insertSpaces: true };
  const env = { engineImages: () => [] };
  const RUNS = 60;
  const rows: [string, number, number][] = [
    [
      'completion $VAR',
      time(() => complete(parseDockerfile(text), varPos, env), RUNS),
      time(() => peer.computeCompletionItems(text, varPos), RUNS),
    ],
    [
      'completion --flag',
      time(() => complete(parseDockerfile(text), flagPos, env), RUNS),
      time(() => peer.computeCompletionItems(text, flagPos), RUNS),
    ],
    [
      'hover keyword',
      time(() => hover(parseDockerfile(text), kwPos, []), RUNS),
      time(() => peer.computeHover(text, kwPos), RUNS),
    ],
    [
      'semantic tokens',
      time(() => semanticTokens(parseDockerfile(text)), RUNS),
      time(() => peer.computeSemanticTokens(text), RUNS),
    ],
    [
      'document symbols',
      time(() => documentSymbols(parseDockerfile(text)), RUNS),
      time(() => peer.computeSymbols({ uri: 'file:///b/Dockerfile' }, text), RUNS),
    ],
    [
      'folding',
      time(() => foldingRanges(parseDockerfile(text)), RUNS),
      time(() => peer.computeFoldingRanges(text), RUNS),
    ],
    [
      'format document',
      time(() => formatEdits(parseDockerfile(text), fmt), RUNS),
      time(() => peer.format(text, fmt), RUNS),
    ],
  ];
  const model = parseDockerfile(text);
  const shared = time(() => {
    complete(model, varPos, env);
    hover(model, kwPos, []);
    semanticTokens(model);
    documentSymbols(model);
    foldingRanges(model);
  }, RUNS);

  console.log(`Dockerfile editing, ${lines.length} lines, median of ${RUNS} runs (ms)`);
  console.log(`${'request'.padEnd(20)} ${'Berth'.padStart(8)} ${'peer'.padStart(8)}  ratio (peer/Berth)`);
  for (const [name, b, p] of rows)
    console.log(`${name.padEnd(20)} ${b.toFixed(3).padStart(8)} ${p.toFixed(3).padStart(8)}  ${(p / b).toFixed(1)}×`);
  console.log(`Berth, five requests on one cached model (one document version): ${shared.toFixed(3)} ms`);

  const wasm = readFileSync(path.join(root, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const g = await grammars(true);
  const gb = time(() => tokenizeAll(g.berth, text), 20);
  const gv = time(() => tokenizeAll(g.builtin, text), 20);
  const own = (await grammars(false)).berth;
  const go = time(() => tokenizeAll(own, text), 20);
  console.log(
    `TextMate, whole file: VS Code built-in ${gv.toFixed(2)} ms (${tokenizeAll(g.builtin, text)} tokens); Berth without the shell grammar ${go.toFixed(2)} ms (${tokenizeAll(own, text)} tokens, ${(go / gv).toFixed(1)}×); Berth with VS Code's shell grammar in RUN ${gb.toFixed(2)} ms (${tokenizeAll(g.berth, text)} tokens, ${(gb / gv).toFixed(1)}×, ${((gb / lines.length) * 1000).toFixed(0)} µs per line)`,
  );
}

void main();
