// The pure halves of the container-changes tree, the image-layer instructions, their Dockerfile lines and hints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeTree } from '../../../client/src/engine/container-changes';
import { instructionOf, mapLayersToInstructions } from '../../../client/src/engine/image-layers';
import { layerHints } from '../../../client/src/inside/layer-hints';

test('changes become a tree; a folder the engine left out is added on the way', () => {
  const tree = changeTree([
    { Path: '/etc', Kind: 0 },
    { Path: '/etc/profile', Kind: 0 },
    { Path: '/srv/new/file', Kind: 1 },
    { Path: '/bin/vi', Kind: 2 },
  ]);
  assert.deepEqual(
    tree.map((n) => [n.path, n.kind, n.children.map((c) => c.name)]),
    [
      ['/bin', 'changed', ['vi']],
      ['/etc', 'changed', ['profile']],
      ['/srv/new', 'changed', ['file']],
    ],
  );
});

test('layer instructions read as written: no shell prefix, no #(nop), no buildkit marker', () => {
  assert.equal(instructionOf('/bin/sh -c #(nop)  CMD ["sh"]'), 'CMD ["sh"]');
  assert.equal(instructionOf('/bin/sh -c apk add curl'), 'RUN apk add curl');
  assert.equal(instructionOf('|1 VERSION=1 /bin/sh -c make'), 'RUN make');
  assert.equal(instructionOf('COPY . /app # buildkit'), 'COPY . /app');
});

test("BuildKit's RUN reads as written too, with or without the build arguments it ran with", () => {
  assert.equal(instructionOf('RUN /bin/sh -c echo hi # buildkit'), 'RUN echo hi');
  assert.equal(instructionOf('RUN |2 A=1 B= /bin/sh -c make all # buildkit'), 'RUN make all');
});

test('layers map to instructions from the end of the target stage, skipping an ARG without a history entry', () => {
  const dockerfile = ['FROM alpine AS build', 'ARG V', 'RUN make', 'FROM build', 'COPY . /app', 'CMD ["x"]'].join('\n');
  const layers = ['CMD ["x"]', 'COPY . /app', 'RUN make', 'CMD ["/bin/sh"]', 'ADD file:abc in /'].map((createdBy) => ({
    createdBy,
  }));
  assert.deepEqual(
    mapLayersToInstructions(layers, dockerfile).map((i) => i?.line),
    [5, 4, 2, undefined, undefined],
  );
  assert.deepEqual(
    mapLayersToInstructions(layers.slice(2), dockerfile, 'build').map((i) => i?.line),
    [2, undefined, undefined],
  );
  // Buildah's own LABEL step for the request's labels comes first and maps to nothing.
  assert.deepEqual(
    mapLayersToInstructions([{ createdBy: 'LABEL "a"="b"' }, ...layers], dockerfile).map((i) => i?.line),
    [undefined, 5, 4, 2, undefined, undefined],
  );
  // A disagreement ends the matching: nothing is guessed.
  assert.deepEqual(
    mapLayersToInstructions([{ createdBy: 'RUN other' }, { createdBy: 'COPY . /app' }], dockerfile).map((i) => i?.line),
    [undefined, undefined],
  );
});

test('a large layer gets a hint only when its instruction shows the cause', () => {
  const big = 50e6;
  assert.deepEqual(layerHints('RUN apt-get update && apt-get install -y curl', big), [
    'apt-lists-left',
    'apt-cache-left',
  ]);
  assert.deepEqual(
    layerHints('RUN apt-get update && apt-get install -y curl && apt-get clean && rm -rf /var/lib/apt/lists/*', big),
    [],
  );
  assert.deepEqual(layerHints('RUN apt-get update', 1000), [], 'a small layer is left alone');
  assert.deepEqual(layerHints('RUN apk add curl', big), ['apk-cache-left']);
  assert.deepEqual(layerHints('RUN apk add --no-cache curl', big), []);
  assert.deepEqual(layerHints('RUN pip install -r req.txt', big), ['pip-cache-left']);
  assert.deepEqual(layerHints('RUN pip install --no-cache-dir -r req.txt', big), []);
  assert.deepEqual(layerHints('RUN npm ci', big), ['npm-cache-left']);
  assert.deepEqual(layerHints('RUN dnf install -y gcc && dnf clean all', big), []);
  assert.deepEqual(layerHints('COPY . /app', big, { hasDockerignore: false }), ['broad-copy-without-dockerignore']);
  assert.deepEqual(layerHints('COPY --chown=1:1 ./ /app', big, { hasDockerignore: false }), [
    'broad-copy-without-dockerignore',
  ]);
  assert.deepEqual(layerHints('COPY . /app', big, { hasDockerignore: true }), []);
  assert.deepEqual(layerHints('COPY . /app', big), [], 'without the build, nothing is said of .dockerignore');
  assert.deepEqual(layerHints('COPY src /app', big, { hasDockerignore: false }), []);
});
