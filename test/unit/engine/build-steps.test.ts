// Mapping a failed build step back to its Dockerfile line, for each builder's way of naming steps.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { locateInstructions, stepLine } from '../../../client/src/engine/build';

const dockerfile = [
  'FROM busybox AS build', //       0
  'ARG APP_VERSION=dev', //         1
  'RUN make \\', //                  2
  '    all', //                     3
  'FROM busybox AS runtime', //     4
  'ARG APP_VERSION=dev', //         5
  '# the same text as line 2', //   6
  'RUN make all', //                7
].join('\n');
const instructions = locateInstructions(dockerfile);

describe('build step → Dockerfile line', () => {
  it('uses the classic builder step number (dockerd: "Step 6/7 : …")', () => {
    assert.equal(stepLine(instructions, 'RUN make all', 6), 7);
    assert.equal(stepLine(instructions, 'RUN make all', 3), 2);
  });

  it('matches BuildKit vertex names by text', () => {
    assert.equal(stepLine(instructions, '[build 3/3] RUN make     all'), 2);
  });

  it('searches from the stage Buildah names ("[2/2] STEP 3/3: …"), whose numbers count per stage', () => {
    assert.equal(stepLine(instructions, 'RUN make all', 3, 2), 7, 'the second stage, not the same text in the first');
    assert.equal(stepLine(instructions, 'ARG APP_VERSION=dev', 2, 2), 5);
    assert.equal(stepLine(instructions, 'RUN make all', 3, 1), 2);
    assert.equal(
      stepLine(instructions, 'RUN make all', 3, 9),
      2,
      'a stage number past the end falls back to the first match',
    );
  });
});
