// Hover, document symbols, folding, semantic tokens, signature help and links.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../../server/src/dockerfile/parse/document';
import { foldingRanges } from '../../../server/src/dockerfile/folding';
import { hover } from '../../../server/src/dockerfile/hover';
import { documentLinks, imageLink } from '../../../server/src/dockerfile/links';
import { signatureHelp } from '../../../server/src/dockerfile/signature';
import { documentSymbols } from '../../../server/src/dockerfile/symbols';
import { semanticTokens } from '../../../server/src/dockerfile/tokens';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../../../server/src/lsp/adapter';
import { atCursor } from './cursor';

function hoverText(textWithBar: string, images = [{ repository: 'busybox', tags: ['1.36', 'latest'] }]): string {
  const { model, pos } = atCursor(textWithBar);
  const h = hover(model, pos, images);
  return h ? (h.contents as { value: string }).value : '';
}

describe('Dockerfile hover', () => {
  it('explains instructions, flags and --mount keys in our words', () => {
    assert.match(hoverText('FROM alpine\nCO|PY . .'), /\*\*COPY\*\*.*build context/s);
    assert.match(hoverText('FROM alpine\nRUN --net|work=none true'), /--network.*none/);
    assert.match(
      hoverText('FROM alpine\nRUN --mount=type=cache,sha|ring=locked true'),
      /sharing.*shared, private or locked/,
    );
    assert.match(hoverText('# sy|ntax=docker/dockerfile:1\nFROM alpine'), /Parser directive `syntax`/);
    assert.match(hoverText('FROM alpine\nONBUILD R|UN true'), /\*\*RUN\*\*/);
    assert.match(
      hoverText('FROM alpine\nRUN <<-"E|OF"\n\techo $X\n\tEOF'),
      /Heredoc `EOF`.*1 line of a script.*line 4.*taken literally.*leading tabs/s,
    );
    assert.match(hoverText('FROM alpine\nCOPY <<E|OF /x\na'), /file to create.*Never closed/s);
  });

  it("shows a variable's value and declaration, predefined args and undeclared ones", () => {
    assert.match(hoverText('ARG V=1.2\nFROM alpine:$|V'), /`ARG V` = `1.2`.*line 1 \(global/s);
    assert.match(hoverText('FROM alpine\nARG TARGETARCH\nRUN echo $TARGET|ARCH'), /ARG TARGETARCH.*no default/s);
    assert.match(hoverText('FROM alpine\nRUN echo $BUILD|PLATFORM'), /platform of the machine/);
    assert.match(hoverText('FROM alpine\nRUN echo $NOP|E'), /not declared/);
  });

  it("shows a stage's base and the image behind FROM with what the engine has", () => {
    assert.match(
      hoverText('FROM golang:1.22 AS build\nFROM alpine\nCOPY --from=bui|ld /a /b'),
      /Stage 0.*`build`.*`golang:1.22`/s,
    );
    const img = hoverText('FROM busy|box:1.36');
    assert.match(img, /Registry: `docker.io` · repository: `library\/busybox`/);
    assert.match(img, /local engine: `1.36`, `latest`/);
    assert.match(img, /hub\.docker\.com\/_\/busybox/);
    assert.match(hoverText('FROM busy|box:9'), /\*\*not\*\* `9`/);
    const viaArg = hoverText('ARG REPO=busybox\nARG BASE=${REPO}:1.36\nFROM ${BA|SE}');
    assert.match(viaArg, /`\$\{BASE\}` is `busybox:1.36` with the ARG defaults/);
    assert.match(viaArg, /local engine: `1.36`/);
  });
});

describe('Dockerfile outline, folding and tokens', () => {
  const TEXT = [
    '# syntax=docker/dockerfile:1', // 0
    '# comment one', // 1
    'ARG BASE=alpine', // 2
    'FROM $BASE AS build', // 3
    'RUN apk add \\', // 4
    '    curl \\', // 5
    '    git', // 6
    'COPY <<EOF /etc/conf', // 7
    'a=1', // 8
    'EOF', // 9
    'FROM build', // 10
    'LABEL maintainer=me', // 11
    'MAINTAINER me', // 12
    'EXPOSE 8080/tcp', // 13
  ].join('\n');

  it('makes stages the parents of their instructions', () => {
    const symbols = documentSymbols(parseDockerfile(TEXT));
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['ARG BASE', 'build', 'stage 1'],
    );
    assert.deepEqual(
      symbols[1].children!.map((c) => c.name),
      ['RUN apk add curl git', 'COPY <<EOF /etc/conf'],
    );
    assert.equal(symbols[1].detail, 'FROM $BASE');
    assert.equal(symbols[2].detail, 'FROM stage build');
    assert.equal(symbols[2].children!.length, 3);
  });

  it('folds stages, continued instructions, heredocs and comment blocks', () => {
    const f = foldingRanges(parseDockerfile(TEXT))
      .map((r) => `${r.startLine}-${r.endLine}${r.kind ? `:${r.kind}` : ''}`)
      .sort();
    assert.deepEqual(f, ['0-1:comment', '10-13:region', '3-9:region', '4-6', '7-9'].sort());
  });

  it('emits sorted semantic tokens with the shared legend: keywords, stage names, variables, flags', () => {
    const model = parseDockerfile('ARG V=1\nFROM alpine:$V AS base\nFROM base\nCOPY --from=base /a /b\nMAINTAINER x');
    const data = semanticTokens(model).data;
    const decoded: string[] = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      ch = data[i] === 0 ? ch + data[i + 1] : data[i + 1];
      const mods = TOKEN_MODIFIERS.filter((_, b) => data[i + 4] & (1 << b));
      decoded.push(
        `${line}:${ch}:${data[i + 2]}:${TOKEN_TYPES[data[i + 3]]}${mods.length ? `.${mods.join('.')}` : ''}`,
      );
    }
    for (const want of [
      '0:0:3:keyword',
      '0:4:1:variable.declaration.readonly',
      '1:13:1:variable.readonly',
      '1:18:4:class.declaration',
      '2:5:4:class',
      '3:5:6:parameter',
      '3:12:4:class',
      '4:0:10:keyword.deprecated',
    ]) {
      assert.ok(decoded.includes(want), `${want} in ${decoded.join(' ')}`);
    }
  });
});

describe('Dockerfile signature help and links', () => {
  it('activates the parameter being typed', () => {
    const s = (t: string) => {
      const { model, pos } = atCursor(t);
      return signatureHelp(model, pos);
    };
    const from = s('FROM --platform=linux/amd64 alpine AS |')!;
    const label = from.signatures[0].label;
    const p = from.signatures[0].parameters![from.activeParameter!].label as [number, number];
    assert.equal(label.slice(...p), '[AS <name>]');
    const flag = s('FROM --plat|')!;
    assert.equal(
      flag.signatures[0].label.slice(
        ...(flag.signatures[0].parameters![flag.activeParameter!].label as [number, number]),
      ),
      '[--platform=<os/arch>]',
    );
    assert.equal(s('FROM alpine\nCMD ["a", |]')!.activeSignature, 0);
    assert.equal(s('FROM alpine\nCMD echo |')!.activeSignature, 2);
    assert.equal(s('FROM alpine\nHEALTHCHECK NONE |')!.activeSignature, 1);
  });

  it('links images to their registry page and COPY sources to existing files of the context', () => {
    assert.equal(imageLink('nginx:1.27'), 'https://hub.docker.com/_/nginx');
    assert.equal(imageLink('bitnami/redis'), 'https://hub.docker.com/r/bitnami/redis');
    assert.equal(imageLink('ghcr.io/org/app:1'), 'https://ghcr.io/org/app');
    assert.equal(imageLink('quay.io/prometheus/node-exporter'), 'https://quay.io/repository/prometheus/node-exporter');
    assert.equal(imageLink('mcr.microsoft.com/dotnet/sdk:8.0'), 'https://mcr.microsoft.com/artifact/mar/dotnet/sdk');
    assert.equal(imageLink('harbor.example.com:8443/team/app:1'), undefined);
    assert.equal(imageLink('${BASE}'), undefined);
    const withArg = documentLinks(parseDockerfile('ARG BASE=nginx:1\nFROM $BASE AS web\nFROM web\nFROM ${UNSET}'), {
      uri: 'file:///ctx/Dockerfile',
      exists: () => false,
    });
    assert.deepEqual(
      withArg.map((l) => `${l.range.start.line} ${l.target}`),
      ['1 https://hub.docker.com/_/nginx'],
    );
    const model = parseDockerfile(
      'FROM golang AS b\nFROM b\nCOPY app/ go.mod missing /src/\nCOPY --from=b /x /y\nADD https://example.com/a.tgz /a\nCOPY ["app", "/dst"]',
    );
    const exists = (u: string) => u === 'file:///ctx/app' || u === 'file:///ctx/go.mod';
    const links = documentLinks(model, { uri: 'file:///ctx/Dockerfile', exists }).map(
      (l) => `${l.range.start.line}:${l.range.start.character} ${l.target}`,
    );
    assert.deepEqual(links, [
      '0:5 https://hub.docker.com/_/golang',
      '2:5 file:///ctx/app',
      '2:10 file:///ctx/go.mod',
      '4:4 https://example.com/a.tgz',
      '5:7 file:///ctx/app',
    ]);
  });
});
