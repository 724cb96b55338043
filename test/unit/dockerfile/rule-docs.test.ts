// Every rule link Berth publishes must land somewhere: BuildKit's and hadolint's pages for theirs, an anchor of the
// README (shipped in the VSIX) for the builder errors and Berth's own rules.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RULES, ruleHref } from '../../../server/src/dockerfile/rules/catalog';

const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');

describe('rule documentation links', () => {
  it('builder errors and Berth rules link to an anchor the README has', () => {
    const own = RULES.filter((r) => r.family === 'builder' || r.family === 'berth');
    assert.ok(own.length >= 20, 'the catalog lists the builder errors and Berth rules');
    for (const r of own) {
      const href = ruleHref(r.code);
      assert.equal(fileURLToPath(href.split('#')[0]), path.resolve(__dirname, '../../../README.md'), href);
      const anchor = href.split('#')[1];
      assert.ok(readme.includes(`id="${anchor}"`), `README has no anchor ${anchor} for ${r.code}`);
    }
  });

  it('BuildKit checks and hadolint rules link to their own documentation', () => {
    assert.equal(ruleHref('StageNameCasing'), 'https://docs.docker.com/reference/build-checks/stage-name-casing/');
    assert.equal(ruleHref('DL3008'), 'https://github.com/hadolint/hadolint/wiki/DL3008');
  });
});
