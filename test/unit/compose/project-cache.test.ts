// One project index per model version, shared by diagnostics and features (compose/project-cache.ts): reused while
// the files it read read the same, rebuilt when one of them changes, appears or goes, or when the settings differ.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { FileAccess } from '../../../server/src/compose/env';
import { parseCompose } from '../../../server/src/compose/parse/document';
import { projectIndexOf } from '../../../server/src/compose/project-cache';
import { composeDiagnostics } from '../../../server/src/compose/diagnostics';
import { memoryFiles, ROOT } from './helpers';

const COMPOSE = 'services:\n  web:\n    image: nginx:${TAG}\n    networks: [back]\n';

/** A folder whose files change during the test. */
function changingFolder(initial: Record<string, string>) {
  let current = { ...initial };
  const access: FileAccess = {
    readFile: (uri) => memoryFiles(current).readFile(uri),
    exists: (uri) => memoryFiles(current).exists(uri),
  };
  return { access, set: (files: Record<string, string>) => (current = { ...files }) };
}

describe('compose project index cache', () => {
  const model = parseCompose(COMPOSE, `${ROOT}/compose.yaml`);

  it('gives the same index for the same version while nothing it read changed', () => {
    const folder = changingFolder({ 'compose.yaml': COMPOSE, '.env': 'TAG=1.25\n' });
    const first = projectIndexOf(model, folder.access, [], false);
    assert.equal(projectIndexOf(model, folder.access, [], false), first);
    assert.equal(first.variables.get('TAG')?.value, '1.25');
  });

  it('builds a fresh index when an env file it read changed', () => {
    const folder = changingFolder({ 'compose.yaml': COMPOSE, '.env': 'TAG=1.25\n' });
    const first = projectIndexOf(model, folder.access, [], false);
    folder.set({ 'compose.yaml': COMPOSE, '.env': 'TAG=1.27\n' });
    const second = projectIndexOf(model, folder.access, [], false);
    assert.notEqual(second, first);
    assert.equal(second.variables.get('TAG')?.value, '1.27');
  });

  it('builds a fresh index when an override file appears beside the document', () => {
    const folder = changingFolder({ 'compose.yaml': COMPOSE });
    const alone = projectIndexOf(model, folder.access, [], false);
    assert.deepEqual(alone.definitionsOf('network', 'back'), []);
    folder.set({ 'compose.yaml': COMPOSE, 'compose.override.yaml': 'networks:\n  back: {}\n' });
    const withOverride = projectIndexOf(model, folder.access, [], false);
    assert.equal(withOverride.definitionsOf('network', 'back').length, 1);
    // …and the diagnostics, which share the index, see the override's network.
    const codes = (files: FileAccess) => composeDiagnostics(model, files, { withProcessEnv: false }).map((d) => d.code);
    assert.ok(!codes(folder.access).includes('undefined-network'));
    folder.set({ 'compose.yaml': COMPOSE });
    assert.ok(codes(folder.access).includes('undefined-network'));
  });

  it('builds a fresh index for other env-file settings', () => {
    const folder = changingFolder({ 'compose.yaml': COMPOSE, '.env': 'TAG=1\n', 'prod.env': 'TAG=2\n' });
    const byDefault = projectIndexOf(model, folder.access, [], false);
    const prod = projectIndexOf(model, folder.access, ['prod.env'], false);
    assert.notEqual(prod, byDefault);
    assert.equal(prod.variables.get('TAG')?.value, '2');
  });
});
