// Property test: every editing feature answers (never throws) on random and mutated Dockerfiles at any position.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParams, propertyRuns } from '../../support/property-seed';
import { codeActions } from '../../../server/src/dockerfile/actions';
import { complete } from '../../../server/src/dockerfile/completion';
import { validateDockerfile } from '../../../server/src/dockerfile/diagnostics';
import { parseDockerfile } from '../../../server/src/dockerfile/parse/document';
import { foldingRanges } from '../../../server/src/dockerfile/folding';
import { formatEdits, onTypeEdits } from '../../../server/src/dockerfile/format';
import { hover } from '../../../server/src/dockerfile/hover';
import { documentLinks } from '../../../server/src/dockerfile/links';
import { occurrences, prepareRename, renameEdits, targetAt } from '../../../server/src/dockerfile/navigation';
import { signatureHelp } from '../../../server/src/dockerfile/signature';
import { documentSymbols } from '../../../server/src/dockerfile/symbols';
import { semanticTokens } from '../../../server/src/dockerfile/tokens';

const SEED_LINES = [
  '# syntax=docker/dockerfile:1',
  '# escape=`',
  'ARG V=1',
  'FROM --platform=$BUILDPLATFORM golang:${V:-1} AS build',
  'RUN --mount=type=cache,target=/x,from=build go build \\',
  '  # c',
  '',
  '  -o /out',
  'COPY --from=build <<EOF /a',
  'body $V',
  'EOF',
  'RUN <<-"A" cat && <<B cat',
  '\tx',
  '\tA',
  'y',
  'B',
  'ONBUILD COPY . .',
  'HEALTHCHECK --interval=5s CMD ["true"]',
  'EXPOSE 80/tcp 1-2',
  'ENV K v w',
  'LABEL a="b c"',
  "CMD ['x']",
  'MAINTAINER me',
  'FROM build',
  'ADD https://x/y /z',
  'SHELL ["sh"',
  '${',
  '--',
  '`',
];

const line = fc.oneof(
  fc.constantFrom(...SEED_LINES),
  fc.string({ maxLength: 30 }),
  fc.stringMatching(/^[A-Za-z$ {}\\`=:,"'<>#-]{0,25}$/),
);

function everyFeature(text: string, line: number, character: number): void {
  const model = parseDockerfile(text);
  const pos = { line, character };
  complete(model, pos, { engineImages: () => [{ repository: 'busybox', tags: ['1'] }], listContext: () => [] });
  hover(model, pos, []);
  const t = targetAt(model, pos);
  if (t) occurrences(model, t);
  prepareRename(model, pos);
  renameEdits(model, pos, 'NEW_NAME');
  signatureHelp(model, pos);
  documentSymbols(model);
  foldingRanges(model);
  semanticTokens(model);
  documentLinks(model, { uri: 'file:///w/Dockerfile', exists: () => true });
  formatEdits(model, { tabSize: 2, insertSpaces: true });
  onTypeEdits(model, pos, '\n', { tabSize: 2, insertSpaces: true });
  onTypeEdits(model, pos, model.escapeChar, { tabSize: 2, insertSpaces: true });
  codeActions(model, validateDockerfile(text), {
    uri: 'file:///w/Dockerfile',
    engineImages: () => [{ repository: 'busybox', tags: ['1'] }],
  });
}

describe('Dockerfile editing features on random input', () => {
  it('never throw, at any position', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), fc.nat(), fc.nat(), (lines, l, c) => {
        const text = lines.join('\n');
        const docLines = text.split('\n');
        const at = l % docLines.length;
        everyFeature(text, at, c % (docLines[at].length + 1));
      }),
      propertyParams({ numRuns: propertyRuns(400) }),
    );
  });

  it('produce formatting edits that never overlap and keep heredoc bodies intact', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), (lines) => {
        const model = parseDockerfile(lines.join('\n'));
        const edits = formatEdits(model, { tabSize: 2, insertSpaces: true });
        const key = (p: { line: number; character: number }) => p.line * 1e6 + p.character;
        const sorted = [...edits].sort((a, b) => key(a.range.start) - key(b.range.start));
        for (let i = 1; i < sorted.length; i++)
          assert.ok(key(sorted[i - 1].range.end) <= key(sorted[i].range.start), 'overlapping edits');
        for (const inst of model.instructions)
          for (const h of inst.heredocs) {
            for (const e of edits)
              assert.ok(
                e.range.start.line <= inst.startLine ||
                  e.range.start.line < h.bodyRange.start.line ||
                  e.range.start.line > (h.closeRange?.start.line ?? h.bodyRange.end.line),
                'edit inside a heredoc',
              );
          }
      }),
      propertyParams({ numRuns: propertyRuns(300) }),
    );
  });
});

describe('Dockerfile rename on random multi-stage files', () => {
  // Stages named s0…sN referring to earlier ones in every way a stage can be named, plus ARG/ENV uses.
  const dockerfile = fc
    .array(fc.record({ base: fc.nat(), copy: fc.nat(), mount: fc.boolean(), env: fc.boolean() }), {
      minLength: 1,
      maxLength: 6,
    })
    .map((stages) => {
      const out = ['ARG VERSION=1', 'FROM alpine:$VERSION AS s0', 'ARG VERSION', 'ENV HOME_DIR=/srv'];
      stages.forEach((s, i) => {
        const n = i + 1;
        out.push(s.base % 2 ? `FROM s${s.base % n} AS s${n}` : `FROM busybox:\${VERSION} AS s${n}`);
        out.push(`COPY --from=s${s.copy % n} /a /b${n}`);
        if (s.mount) out.push(`RUN --mount=type=bind,from=s${s.copy % n},target=/m echo $HOME_DIR`);
        if (s.env) out.push('ENV HOME_DIR=/x', 'WORKDIR ${HOME_DIR}');
      });
      return out.join('\n');
    });

  it('renames exactly the occurrences of the target, and the new file resolves the same way', () => {
    fc.assert(
      fc.property(dockerfile, fc.nat(), (text, pick) => {
        const model = parseDockerfile(text);
        const stage = model.stages[pick % model.stages.length];
        const pos = stage.nameRange!.start;
        const t = targetAt(model, pos)!;
        const before = occurrences(model, t, false).length;
        const edits = renameEdits(model, pos, 'renamed');
        assert.ok(Array.isArray(edits));
        assert.equal(edits.length, before);
        const lines = text.split('\n');
        for (const e of [...edits].sort(
          (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
        )) {
          const l = lines[e.range.start.line];
          lines[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
        }
        const after = parseDockerfile(lines.join('\n'));
        const renamed = after.stageByName('renamed')!;
        assert.equal(renamed.index, stage.index);
        assert.equal(occurrences(after, targetAt(after, renamed.nameRange!.start)!, false).length, before);
        assert.deepEqual(
          after.stages.map((s) => s.baseStage),
          model.stages.map((s) => s.baseStage),
          'every FROM still builds on the same stage',
        );
      }),
      propertyParams({ numRuns: propertyRuns(200) }),
    );
  });
});
