// The pure halves of the container-changes tree and the image-layer instructions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeTree } from '../../../client/src/engine/container-changes';
import { instructionOf } from '../../../client/src/engine/image-layers';

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
  assert.equal(instructionOf('RUN /bin/sh -c echo hi # buildkit'), 'RUN /bin/sh -c echo hi');
  assert.equal(instructionOf('COPY . /app # buildkit'), 'COPY . /app');
});
