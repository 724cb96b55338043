import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { complete, type CompletionEnv } from '../../../server/src/dockerfile/completion';
import { atCursor } from './cursor';

const images = [
  { repository: 'busybox', tags: ['latest', '1.36'] },
  { repository: 'berth/fixture', tags: ['latest'] },
];
const env: CompletionEnv = {
  engineImages: () => images,
  listContext: (dir) =>
    dir === ''
      ? [
          { name: 'app', isDirectory: true },
          { name: 'go.mod', isDirectory: false },
        ]
      : [{ name: 'main.go', isDirectory: false }],
};

function labels(textWithBar: string, e: CompletionEnv = env): string[] {
  const { model, pos } = atCursor(textWithBar);
  return complete(model, pos, e).map((i) => i.label);
}
function items(textWithBar: string): CompletionItem[] {
  const { model, pos } = atCursor(textWithBar);
  return complete(model, pos, env);
}

describe('Dockerfile completion', () => {
  it('offers FROM and ARG on an empty file, every instruction later, with snippets', () => {
    assert.deepEqual(labels('|').sort(), ['ARG', 'FROM']);
    const all = items('FROM alpine\nR|');
    assert.ok(
      all.some(
        (i) =>
          i.label === 'RUN' &&
          i.insertTextFormat === 2 &&
          (i.textEdit as { newText: string }).newText.startsWith('RUN '),
      ),
    );
    assert.ok(all.some((i) => i.label === 'HEALTHCHECK'));
    assert.equal(all.length, 18);
  });

  it('follows a lower-case file and leaves ONBUILD, FROM and MAINTAINER out after ONBUILD', () => {
    assert.ok(labels('from alpine\nrun true\n|').includes('copy'));
    const after = labels('FROM alpine\nONBUILD |');
    assert.ok(after.includes('RUN') && after.includes('COPY'));
    assert.ok(!after.includes('FROM') && !after.includes('ONBUILD') && !after.includes('MAINTAINER'));
  });

  it('offers parser directives at the top, and rule codes in check=skip and hadolint ignore', () => {
    assert.deepEqual(labels('# |\nFROM alpine').sort(), ['check', 'escape', 'syntax']);
    assert.deepEqual(labels('# syntax=docker/dockerfile:1\n# |\nFROM alpine').sort(), ['check', 'escape']);
    assert.deepEqual(labels('FROM alpine\n# |'), []);
    assert.deepEqual(labels('# syntax=|\nFROM alpine'), ['docker/dockerfile:1', 'docker/dockerfile:1-labs']);
    assert.deepEqual(labels('# escape=|\nFROM alpine'), ['`', '\\']);
    const skip = labels('# check=skip=JSONArgsRecommended,|\nFROM alpine');
    assert.ok(
      skip.includes('UndefinedVar') && !skip.includes('JSONArgsRecommended') && !skip.some((c) => c.startsWith('DL')),
    );
    const ignore = labels('FROM alpine\n# hadolint ignore=DL|\nRUN true');
    assert.ok(
      ignore.includes('DL3008') && ignore.includes('DL3025'),
      'hadolint aliases of BuildKit checks are offered by their DL code',
    );
  });

  it('offers the flags of each instruction, without repeating a used one', () => {
    assert.deepEqual(labels('FROM alpine\nRUN --|').sort(), ['--device', '--mount', '--network', '--security']);
    const copy = labels('FROM alpine\nCOPY --link --|');
    assert.ok(
      copy.includes('--from') && copy.includes('--chmod') && copy.includes('--exclude') && !copy.includes('--link'),
    );
    assert.ok(labels('FROM alpine\nADD --|').includes('--checksum'));
    assert.ok(labels('FROM alpine\nHEALTHCHECK --|').includes('--start-interval'));
    assert.deepEqual(labels('FROM --|'), ['--platform']);
    assert.deepEqual(labels('FROM alpine\nRUN echo --|'), [], 'no flags after the command started');
  });

  it('completes --mount: types, keys per type, sharing values and stage names', () => {
    assert.deepEqual(labels('FROM alpine\nRUN --mount=type=|').sort(), ['bind', 'cache', 'secret', 'ssh', 'tmpfs']);
    const cacheKeys = labels('FROM alpine\nRUN --mount=type=cache,|');
    assert.ok(
      cacheKeys.includes('target') &&
        cacheKeys.includes('sharing') &&
        cacheKeys.includes('id') &&
        !cacheKeys.includes('type'),
    );
    const secretKeys = labels('FROM alpine\nRUN --mount=type=secret,|');
    assert.ok(secretKeys.includes('env') && secretKeys.includes('required') && !secretKeys.includes('sharing'));
    assert.equal(labels('FROM alpine\nRUN --mount=|')[0], 'type');
    assert.deepEqual(labels('FROM alpine\nRUN --mount=type=cache,target=/x,sharing=|').sort(), [
      'locked',
      'private',
      'shared',
    ]);
    assert.deepEqual(labels('FROM alpine AS deps\nFROM alpine\nRUN --mount=from=|'), ['deps', '0']);
  });

  it('completes --platform, --network, --chmod, --from stages (earlier only) and HEALTHCHECK durations', () => {
    assert.ok(labels('FROM --platform=|').includes('$BUILDPLATFORM'));
    assert.ok(labels('FROM --platform=|').includes('linux/arm64'));
    assert.deepEqual(labels('FROM alpine\nRUN --network=|').sort(), ['default', 'host', 'none']);
    assert.ok(labels('FROM alpine\nCOPY --chmod=|').includes('0755'));
    const from = labels('FROM golang AS build\nFROM alpine AS test\nCOPY --from=| . .\nFROM alpine AS later');
    assert.ok(from.includes('build') && from.includes('0') && !from.includes('test') && !from.includes('later'));
    assert.ok(from.includes('busybox'), 'images of the local engine are offered too');
    assert.ok(labels('FROM alpine\nHEALTHCHECK --interval=|').includes('30s'));
  });

  it('completes variables in scope after $ and ${, plus predefined args', () => {
    const text = 'ARG GLOBAL=1\nFROM alpine AS base\nENV BASE_ENV=x\nFROM base\nARG LOCAL\nRUN echo ${|}\nARG LATER';
    const got = labels(text);
    assert.ok(got.includes('LOCAL') && got.includes('BASE_ENV') && got.includes('TARGETARCH'));
    assert.ok(!got.includes('LATER'), 'declared below the cursor');
    assert.ok(!got.includes('GLOBAL'), 'a global ARG is not visible in a stage without ARG GLOBAL');
    const inFrom = labels('ARG GLOBAL=1\nFROM alpine:$|');
    assert.ok(inFrom.includes('GLOBAL'));
    const it0 = items('FROM alpine\nARG V=1\nRUN echo $V|');
    assert.deepEqual((it0.find((i) => i.label === 'V')!.textEdit as TextEdit).range, {
      start: { line: 2, character: 10 },
      end: { line: 2, character: 11 },
    });
  });

  it('offers images and tags from the local engine after FROM, earlier stages, then AS', () => {
    const repos = labels('FROM alpine AS base\nFROM |');
    assert.ok(repos.includes('busybox') && repos.includes('berth/fixture') && repos.includes('base'));
    assert.deepEqual(labels('FROM busybox:|').sort(), ['busybox:1.36', 'busybox:latest']);
    assert.deepEqual(labels('FROM busybox |'), ['AS']);
    assert.ok(!labels('FROM |', { engineImages: () => [] }).length, 'no engine: no images, never waits');
  });

  it('completes EXPOSE protocols, HEALTHCHECK CMD/NONE, STOPSIGNAL and COPY sources in the context', () => {
    assert.deepEqual(labels('FROM alpine\nEXPOSE 53/|').sort(), ['sctp', 'tcp', 'udp']);
    assert.deepEqual(labels('FROM alpine\nHEALTHCHECK --interval=5s |').sort(), ['CMD', 'NONE']);
    assert.ok(labels('FROM alpine\nSTOPSIGNAL |').includes('SIGTERM'));
    const oci = labels('FROM alpine\nLABEL org.opencontainers.image.title=x\nLABEL |');
    assert.ok(oci.includes('org.opencontainers.image.source') && !oci.includes('org.opencontainers.image.title'));
    assert.deepEqual(labels('FROM alpine\nLABEL a=|'), []);
    assert.deepEqual(labels('FROM alpine\nCOPY |').sort(), ['app/', 'go.mod']);
    assert.deepEqual(labels('FROM alpine\nCOPY app/|'), ['main.go']);
    assert.deepEqual(
      labels('FROM alpine AS a\nFROM alpine\nCOPY --from=a |'),
      [],
      'sources of another stage are not in the context',
    );
  });
});
