import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { readSettings } from '../../server/src/lsp/settings';

describe('server settings', () => {
  it('keeps valid rule severities and drops the rest', () => {
    const s = readSettings({ dockerfile: { rules: { DL3008: 'off', UndefinedVar: 'error', Bad: 'loud', N: 3 } } });
    assert.deepEqual(s.dockerfile.rules, { DL3008: 'off', UndefinedVar: 'error' });
  });
  it('falls back to defaults for a missing or malformed section', () => {
    assert.deepEqual(readSettings(undefined).compose, { rules: {}, envFiles: [] });
    assert.deepEqual(readSettings({ compose: { envFiles: ['a.env', 4] } }).compose.envFiles, ['a.env']);
  });
});
