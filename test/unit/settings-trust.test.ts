// The value Berth acts on for a restricted setting: a repository's workspace/folder value only in a trusted workspace.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { settingFor, userScopeValue, workspaceOverrides } from '../../client/src/settings-trust';

describe('trusted settings', () => {
  const inspected = {
    defaultValue: '',
    globalValue: undefined as string | undefined,
    workspaceValue: 'tcp://evil.example:2375',
    workspaceFolderValue: undefined,
  };
  const reader = (effective: string, i = inspected) => ({ effective: () => effective, inspect: () => i });

  it('ignores a workspace value while the workspace is untrusted', () => {
    assert.equal(settingFor(reader('tcp://evil.example:2375'), false, ''), '');
    assert.ok(workspaceOverrides(inspected));
  });
  it('keeps the user/machine value while untrusted', () => {
    const i = { ...inspected, globalValue: 'unix:///run/user/1000/docker.sock' };
    assert.equal(settingFor(reader('tcp://evil.example:2375', i), false, ''), 'unix:///run/user/1000/docker.sock');
  });
  it('uses the effective value once trusted', () => {
    assert.equal(settingFor(reader('tcp://evil.example:2375'), true, ''), 'tcp://evil.example:2375');
  });
  it('falls back when nothing is known', () => {
    assert.deepEqual(userScopeValue<Record<string, unknown>>(undefined, {}), {});
    assert.equal(workspaceOverrides(undefined), false);
  });
});
