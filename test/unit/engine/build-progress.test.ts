// The build progress parsers on the classic builder's protocol as dockerd and Buildah write it: steps, output, the
// image id, and the step (with its numbers) that an error in the stream belongs to. BuildKit's trace is exercised
// against the real engine in test/engine/build.test.ts.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BuildProgress, type BuildEvent } from '../../../client/src/engine/build-progress';

describe('build progress', () => {
  it("dockerd's classic builder: steps, output and the image id", () => {
    const events: BuildEvent[] = [];
    const p = new BuildProgress((e) => events.push(e));
    p.line({ stream: 'Step 1/2 : FROM busybox\n' });
    p.line({ stream: ' ---> 0123456789ab\n' });
    p.line({ stream: 'Step 2/2 : RUN echo hi\n' });
    p.line({ stream: 'hi\n' });
    p.line({ aux: { ID: 'sha256:feed' } });
    p.line({ stream: 'Successfully built feed\n' });
    assert.deepEqual(p.steps, ['FROM busybox', 'RUN echo hi']);
    assert.equal(p.imageId, 'sha256:feed');
    assert.equal(p.failure, undefined);
    assert.deepEqual(
      events.filter((e) => e.kind === 'step'),
      [
        { kind: 'step', text: 'Step 1/2 : FROM busybox' },
        { kind: 'step', text: 'Step 2/2 : RUN echo hi' },
      ],
    );
    assert.equal(
      p.text,
      'Step 1/2 : FROM busybox\n ---> 0123456789ab\nStep 2/2 : RUN echo hi\nhi\nSuccessfully built feed\n',
    );
  });

  it("an error in the stream belongs to the last step started, with Buildah's stage and step numbers", () => {
    const p = new BuildProgress();
    p.line({ stream: '[1/2] STEP 1/3: FROM busybox AS build\n' });
    p.line({ stream: '[2/2] STEP 2/4: RUN exit 3\n' });
    p.line({ error: 'error building at STEP "RUN exit 3": exit status 3', errorDetail: { message: 'exit status 3' } });
    assert.equal(p.failure, 'exit status 3');
    assert.deepEqual(p.failedStep, { text: 'RUN exit 3', number: 2, stage: 2 });
    assert.match(p.text, /ERROR: exit status 3\n$/);
  });

  it('status lines are output with their id; the BuildKit image id line sets the id', () => {
    const p = new BuildProgress();
    p.line({ status: 'Downloading', id: 'layer1' });
    p.line({ id: 'moby.image.id', aux: { ID: 'sha256:beef' } });
    assert.equal(p.text, 'layer1: Downloading\n');
    assert.equal(p.imageId, 'sha256:beef');
    assert.deepEqual(p.steps, []);
  });
});
