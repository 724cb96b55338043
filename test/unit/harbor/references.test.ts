// Default repository/tag for a push, and credentials read from the Docker CLI's config.json auths.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { formatSize } from '../../../client/src/format-size';
import { isUntagged, realTags, splitRepoTag, splitReference } from '../../../client/src/image-reference';
import {
  formatVulnerabilities,
  imageReference,
  repositoryNameProblem,
  shortDigest,
  tagProblem,
} from '../../../client/src/harbor/names';
import { classifyPushError } from '../../../client/src/engine/push-failures';
import { dockerConfigAuth } from '../../../client/src/harbor/references';

describe('push references and stored credentials', () => {
  it('splits references and keeps untagged images out', () => {
    assert.deepEqual(splitRepoTag('registry:5000/team/app:1.2'), ['registry:5000/team/app', '1.2']);
    assert.deepEqual(splitRepoTag('registry:5000/team/app'), ['registry:5000/team/app', 'latest']);
    assert.deepEqual(splitRepoTag('app:1@sha256:0f'), ['app', '1']);
    assert.deepEqual(realTags({ RepoTags: ['<none>:<none>', 'a:1'] }), ['a:1']);
    assert.deepEqual(realTags({ RepoTags: null }), []);
    assert.ok(isUntagged('<none> 0123abcd') && !isUntagged('none:1'));
  });

  it('splits a local reference into the default repository and tag', () => {
    assert.deepEqual(splitReference('berth/fixture:latest'), { repository: 'berth/fixture', tag: 'latest' });
    assert.deepEqual(splitReference('myapp'), { repository: 'myapp', tag: 'latest' });
    assert.deepEqual(splitReference('127.0.0.1:5000/team/web:1.2'), { repository: 'team/web', tag: '1.2' });
    assert.deepEqual(splitReference('localhost/x:y'), { repository: 'x', tag: 'y' });
  });

  it('reads auths from config.json (base64 auth or username/password) and nothing else', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'berth-docker-config-'));
    try {
      writeFileSync(
        path.join(dir, 'config.json'),
        JSON.stringify({
          auths: {
            'https://reg.example.com': { auth: Buffer.from('alice:pa:ss').toString('base64') },
            'other:5000': { username: 'bob', password: 'pw' },
          },
        }),
      );
      assert.deepEqual(dockerConfigAuth('reg.example.com', dir), {
        username: 'alice',
        password: 'pa:ss',
        serveraddress: 'reg.example.com',
      });
      assert.deepEqual(dockerConfigAuth('other:5000', dir), {
        username: 'bob',
        password: 'pw',
        serveraddress: 'other:5000',
      });
      assert.equal(dockerConfigAuth('unknown.example.com', dir), undefined);
      assert.equal(dockerConfigAuth('reg.example.com', path.join(dir, 'absent')), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('formats what the tree shows', () => {
    assert.equal(formatVulnerabilities({ High: 5, Critical: 2, Medium: 0 }), 'C 2 · H 5');
    assert.equal(formatVulnerabilities({}), 'no vulnerabilities');
    assert.equal(shortDigest(`sha256:${'ab'.repeat(32)}`), 'abababababab');
    assert.equal(formatSize(2_500_000), '2.5 MB');
    // The docker CLI's units: decimal, lower-case k.
    assert.deepEqual([999, 1000, 12_345, 999_999, 1_000_000_000].map(formatSize), [
      '999 B',
      '1.0 kB',
      '12 kB',
      '1.0 MB',
      '1.0 GB',
    ]);
    assert.equal(formatSize(undefined), '?');
    assert.equal(imageReference('h:1', 'team', 'team/web/a', 'v1'), 'h:1/team/web/a:v1');
    assert.equal(imageReference('h:1', 'team', 'web', 'sha256:0f'), 'h:1/team/web@sha256:0f');
    assert.ok(repositoryNameProblem('Web'));
    assert.equal(repositoryNameProblem('team/web-1'), undefined);
    assert.ok(tagProblem('-x'));
  });

  it("recognises Harbor's and the daemon's push texts", () => {
    assert.equal(
      classifyPushError('unauthorized: project nope not found: project nope not found', 'h').project,
      'nope',
    );
    assert.equal(
      classifyPushError('denied: The system is in read only mode. Any modification is prohibited.', 'h').kind,
      'readOnly',
    );
    assert.equal(
      classifyPushError("unknown: Failed to process request due to 'a:b' configured as immutable.", 'h').kind,
      'immutableTag',
    );
    const http = classifyPushError(
      'Get "https://10.0.0.2:80/v2/": http: server gave HTTP response to HTTPS client',
      '10.0.0.2:80',
    );
    assert.equal(http.kind, 'httpsToHttp');
    assert.match(http.advice, /"insecure-registries": \[\n\s+"10\.0\.0\.2:80"\n\s+\]/);
    assert.equal(http.snippetFile, 'daemon.json');
    // Podman's text for the same case; its fix is a registries.conf table (the podman layer's own config uses it).
    const onPodman = classifyPushError(
      'pinging container registry 10.0.0.2:80: Get "https://10.0.0.2:80/v2/": http: server gave HTTP response to HTTPS client',
      '10.0.0.2:80',
      'podman',
    );
    assert.equal(onPodman.kind, 'httpsToHttp');
    assert.equal(onPodman.snippetFile, 'registries.conf');
    assert.match(onPodman.message, /Podman only talks HTTPS/);
    assert.equal(onPodman.snippet, '[[registry]]\nlocation = "10.0.0.2:80"\ninsecure = true\n');
    assert.ok(onPodman.advice.endsWith(onPodman.snippet!));
    assert.equal(
      classifyPushError('Get "https://h/v2/": unauthorized: authentication required', 'h').kind,
      'unauthorized',
    );
    assert.match(classifyPushError('no basic auth credentials', 'reg:5443').advice, /docker login reg:5443/);
  });
});
