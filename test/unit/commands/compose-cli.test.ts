// Compose CLI argument lists: service names come from the compose file (code lenses, pickers), so they follow `--`
// and a service key like `-V` or `--volumes` can never turn into a flag.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { composeCommand, verbArgs, type ComposeCli } from '../../../client/src/commands/compose-cli';

const v2: ComposeCli = { command: 'docker', prefix: ['compose'], version: '2.29.0', flavor: 'v2' };
const project = { files: ['/p/compose.yaml'], projectDirectory: '/p' };

describe('compose CLI arguments', () => {
  it('puts service names after --, for every verb that takes services', () => {
    assert.deepEqual(verbArgs({ verb: 'up', services: ['-V'] }), ['up', '--detach', '--', '-V']);
    assert.deepEqual(verbArgs({ verb: 'up', build: true, services: ['web', '--volumes'] }), [
      'up',
      '--detach',
      '--build',
      '--',
      'web',
      '--volumes',
    ]);
    assert.deepEqual(verbArgs({ verb: 'restart', services: ['-t'] }), ['restart', '--', '-t']);
    assert.deepEqual(verbArgs({ verb: 'pull', services: ['--quiet'] }), ['pull', '--', '--quiet']);
    assert.deepEqual(verbArgs({ verb: 'logs', follow: true, tail: '200', services: ['-f'] }), [
      'logs',
      '--follow',
      '--tail',
      '200',
      '--',
      '-f',
    ]);
  });

  it('adds no -- without services, and keeps every flag before it', () => {
    assert.deepEqual(verbArgs({ verb: 'up' }), ['up', '--detach']);
    assert.deepEqual(verbArgs({ verb: 'up', services: [] }), ['up', '--detach']);
    assert.deepEqual(verbArgs({ verb: 'down', volumes: true }), ['down', '--timeout', '3', '--volumes']);
    const { args } = composeCommand(v2, project, { verb: 'up', services: ['-V'] });
    assert.deepEqual(args, [
      'compose',
      '-f',
      '/p/compose.yaml',
      '--project-directory',
      '/p',
      'up',
      '--detach',
      '--',
      '-V',
    ]);
    const dash = args.indexOf('--');
    assert.ok(
      args.slice(0, dash).every((a) => a !== '-V'),
      'the service never appears among the flags',
    );
  });
});
