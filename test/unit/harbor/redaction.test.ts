// What reaches Berth's Harbor output channel has every known secret masked, and credential-looking fields too.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { redact, registerSecret } from '../../../client/src/harbor/redaction';

describe('secret redaction for the output channel', () => {
  it('masks registered secrets wherever they appear', () => {
    registerSecret('s3cr3t-Pa55');
    assert.equal(
      redact('push failed: Get "https://h/v2/" with s3cr3t-Pa55 twice s3cr3t-Pa55'),
      'push failed: Get "https://h/v2/" with •••• twice ••••',
    );
  });

  it('masks password/secret/auth fields even for secrets it was never told about', () => {
    const out = redact('{"username":"dev","password":"hunter22","auth":"ZGV2Omh1bnRlcjIy"} secret=abc123');
    assert.ok(!out.includes('hunter22') && !out.includes('ZGV2Omh1bnRlcjIy') && !out.includes('abc123'), out);
    assert.match(out, /"username":"dev"/);
  });
});
