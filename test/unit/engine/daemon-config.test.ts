// Where "Open Engine Configuration" looks for the engine's daemon.json, by the endpoint Berth is connected to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { daemonConfigLocation, STARTER_DAEMON_JSON } from '../../../client/src/engine/daemon-config';
import { checkDaemonJson } from '../../../server/src/daemon-json/checks';

const at = (host: string, env: NodeJS.ProcessEnv = {}, podman = false) =>
  daemonConfigLocation({ host, label: host }, podman, env, '/home/ann');

test('the system engine reads /etc/docker/daemon.json', () => {
  assert.deepEqual(at('unix:///var/run/docker.sock'), {
    kind: 'local',
    path: '/etc/docker/daemon.json',
    rootless: false,
  });
});

test("a rootless engine reads the user's file, with XDG_CONFIG_HOME honoured", () => {
  assert.deepEqual(at('unix:///run/user/1000/docker.sock'), {
    kind: 'local',
    path: '/home/ann/.config/docker/daemon.json',
    rootless: true,
  });
  assert.equal(
    (at('unix:///tmp/rt/docker.sock', { XDG_RUNTIME_DIR: '/tmp/rt', XDG_CONFIG_HOME: '/cfg' }) as { path: string })
      .path,
    '/cfg/docker/daemon.json',
  );
});

test("a remote engine's file is on its own machine; Podman has none", () => {
  assert.equal(at('ssh://ann@build-host').kind, 'remote');
  assert.equal(at('tcp://10.0.0.5:2376').kind, 'remote');
  assert.equal(at('unix:///run/podman/podman.sock', {}, true).kind, 'podman');
});

test('the starter file is one Berth finds nothing to say about', () => {
  assert.deepEqual(checkDaemonJson(STARTER_DAEMON_JSON), []);
});
