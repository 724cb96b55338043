import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Range } from 'vscode-languageserver-types';
import {
  definitionOf,
  occurrences,
  prepareRename,
  renameEdits,
  targetAt,
} from '../../../server/src/dockerfile/navigation';
import { applyEdits, atCursor } from './cursor';

const at = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.character}`;

const STAGES = [
  'FROM golang:1.22 AS build',
  'RUN go build -o /out/app',
  'FROM build AS test',
  'RUN --mount=type=cache,target=/root/.cache,from=build go test',
  'FROM alpine',
  'COPY --from=build /out/app /app',
  'COPY --from=0 /out/app /app2',
].join('\n');

describe('Dockerfile navigation', () => {
  it('finds every use of a stage from any of them: AS, FROM stage, COPY --from, RUN --mount=from, by index', () => {
    const { model, pos } = atCursor(STAGES.replace('--from=build', '--from=bu|ild'));
    const t = targetAt(model, pos)!;
    assert.equal(t.kind, 'stage');
    assert.deepEqual(
      occurrences(model, t).map((o) => at(o.range)),
      ['0:20-25', '2:5-10', '3:48-53', '5:12-17', '6:12-13'],
    );
    assert.deepEqual(definitionOf(model, t).map(at), ['0:20-25']);
  });

  it('renames a stage everywhere except uses by index, and refuses bad or taken names', () => {
    const { model, pos, text } = atCursor(STAGES.replace('AS build', 'AS bui|ld'));
    assert.deepEqual(prepareRename(model, pos), {
      range: { start: { line: 0, character: 20 }, end: { line: 0, character: 25 } },
      placeholder: 'build',
    });
    const edits = renameEdits(model, pos, 'compile');
    assert.ok(Array.isArray(edits));
    const out = applyEdits(text, edits);
    assert.equal(out.match(/compile/g)!.length, 4);
    assert.ok(out.includes('--from=0 '), 'index references stay');
    assert.ok('error' in (renameEdits(model, pos, '1bad') as object));
    assert.match((renameEdits(model, pos, 'TEST') as { error: string }).error, /already exists/);
  });

  it('resolves variables by scope: a stage ARG shadows nothing outside its stage; ENV is inherited by FROM stage', () => {
    const text = [
      'ARG VERSION=1',
      'FROM alpine:${VERSION} AS base',
      'ENV HOME_DIR=/srv',
      'FROM base',
      'RUN echo $HOME_DIR',
      'FROM alpine',
      'ENV HOME_DIR=/other',
      'RUN echo $HOME_DIR',
    ].join('\n');
    const { model, pos } = atCursor(text.replace('RUN echo $HOME_DIR', 'RUN echo $HOME|_DIR'));
    const t = targetAt(model, pos)!;
    assert.deepEqual(definitionOf(model, t).map(at), ['2:4-12']);
    assert.deepEqual(
      occurrences(model, t).map((o) => at(o.range)),
      ['2:4-12', '4:10-18'],
    );
    const v = atCursor(text.replace('${VERSION}', '${VER|SION}'));
    const tv = targetAt(v.model, v.pos)!;
    assert.deepEqual(definitionOf(v.model, tv).map(at), ['0:4-11']);
  });

  it('renames a build ARG together with its re-declarations in stages', () => {
    const text = 'ARG TAG=1\nFROM alpine:$TAG\nARG TAG\nRUN echo ${TAG:-none}\nFROM busybox\nARG T|AG\nRUN echo $TAG';
    const { model, pos, text: clean } = atCursor(text);
    const edits = renameEdits(model, pos, 'IMAGE_TAG');
    assert.ok(Array.isArray(edits));
    assert.equal(
      applyEdits(clean, edits),
      'ARG IMAGE_TAG=1\nFROM alpine:$IMAGE_TAG\nARG IMAGE_TAG\nRUN echo ${IMAGE_TAG:-none}\nFROM busybox\nARG IMAGE_TAG\nRUN echo $IMAGE_TAG',
    );
  });

  it('does not rename undeclared or predefined variables', () => {
    const { model, pos } = atCursor('FROM alpine\nARG TARGETARCH\nRUN echo $BUILD|PLATFORM');
    assert.ok('error' in prepareRename(model, pos));
    const none = atCursor('FROM alpine\nRUN ec|ho hi');
    assert.ok('error' in prepareRename(none.model, none.pos));
  });
});
