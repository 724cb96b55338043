// daemon.json: the schema as VS Code's JSON support applies it, and the server's checks, one case each way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDaemonJson } from '../../../server/src/daemon-json/checks';
import { parseCidr } from '../../../server/src/daemon-json/cidr';
import { effectiveExecStart, hostFlags } from '../../../server/src/daemon-json/unit';
import { DAEMON_OPTIONS, LOG_OPTS_BY_DRIVER } from '../../../server/src/daemon-json/options';
import { judgeDaemonJson, schemaProblems } from '../../support/daemon-json-judge';

const codes = (text: string) => checkDaemonJson(text).map((i) => i.code);
const errors = async (text: string) => schemaProblems(await judgeDaemonJson(text)).map((d) => d.message);

test('a realistic daemon.json is clean, for the schema and for the checks', async () => {
  const text = JSON.stringify(
    {
      'data-root': '/mnt/fast/docker',
      'registry-mirrors': ['https://mirror.example.com'],
      'insecure-registries': ['harbor.example.com:80', '10.10.0.0/16'],
      'max-concurrent-downloads': 10,
      'log-driver': 'json-file',
      'log-opts': { 'max-size': '10m', 'max-file': '3' },
      'live-restore': true,
      bip: '192.168.200.1/24',
      'default-address-pools': [{ base: '10.201.0.0/16', size: 24 }],
      proxies: { 'http-proxy': 'http://proxy:3128', 'no-proxy': 'localhost' },
      dns: ['223.5.5.5'],
      labels: ['env=prod'],
      'exec-opts': ['native.cgroupdriver=systemd'],
      'default-ulimits': { nofile: { Name: 'nofile', Hard: 65536, Soft: 65536 } },
    },
    null,
    2,
  );
  assert.deepEqual(await errors(text), []);
  assert.deepEqual(
    codes(text).filter((c) => c !== 'hosts-and-unit-flag'),
    [],
  );
});

test('the schema refuses unknown keys and wrong JSON types, and accepts groupings and null as dockerd does', async () => {
  assert.equal((await errors('{"debgu": true}')).length, 1);
  assert.equal((await errors('{"debug": "yes"}')).length, 1);
  assert.equal((await errors('{"max-concurrent-downloads": "3"}')).length, 1);
  assert.equal((await errors('{"dns": "8.8.8.8"}')).length, 1);
  assert.equal((await errors('{"log-opts": {"max-size": 10}}')).length, 1);
  assert.equal((await errors('{"log-format": "xml"}')).length, 1);
  assert.equal((await errors('{"debug": true,}')).length, 1, "Go's JSON refuses a trailing comma");
  assert.deepEqual(await errors('{"debug": null}'), []);
  assert.deepEqual(await errors('{"anything": {"debug": true}}'), []);
  assert.equal((await errors('{"anything": {"debgu": true}}')).length, 1, 'keys inside a grouping must be options');
  assert.deepEqual(await errors('{"api-cors-header": "*"}'), [], 'deprecated, still accepted');
  assert.deepEqual(await errors('{"https-proxy": 1}'), [], 'ignored at the top level, whatever its type');
  assert.equal((await errors('{"proxies": {"https-proxy": 1}}')).length, 1);
  assert.deepEqual(await errors('{"g": {"debug": "yes"}}'), [], 'values in a grouping are not read');
});

test('hover text comes in Chinese from the zh-cn schema', async () => {
  const v = await judgeDaemonJson('{"debug": 1}', 'zh-cn');
  assert.equal(v.schema.length, 1);
  for (const o of DAEMON_OPTIONS)
    assert.ok(/[\u4e00-\u9fff]/.test(o.description['zh-cn']), `${o.key} has no Chinese text`);
  for (const opts of Object.values(LOG_OPTS_BY_DRIVER))
    for (const [k, t] of Object.entries(opts)) assert.ok(/[\u4e00-\u9fff]/.test(t['zh-cn']), `log-opt ${k}`);
});

test('mirrors need a scheme; insecure registries must not have one', () => {
  const mirror = checkDaemonJson('{"registry-mirrors": ["mirror.example.com"]}');
  assert.deepEqual(
    mirror.map((i) => [i.code, i.family]),
    [['mirror-without-scheme', 'start']],
  );
  assert.equal(mirror[0]!.fix?.newText, '"https://mirror.example.com"');
  assert.deepEqual(codes('{"registry-mirrors": ["https://m.example.com"]}'), []);
  assert.deepEqual(codes('{"insecure-registries": ["http://harbor:80"]}'), ['insecure-registry-scheme']);
  assert.deepEqual(codes('{"insecure-registries": ["harbor:80"]}'), []);
});

test('addresses, labels and log levels are checked as dockerd --validate checks them', () => {
  assert.deepEqual(codes('{"dns": ["8.8.8.8", "dns.google"]}'), ['invalid-ip']);
  assert.deepEqual(codes('{"ip": "127.0.0.1"}'), []);
  assert.deepEqual(codes('{"labels": ["a"]}'), ['invalid-label']);
  assert.deepEqual(codes('{"labels": ["com.docker.x=1"]}'), ['invalid-label']);
  assert.deepEqual(codes('{"labels": ["a=1", "a=2"]}'), ['conflicting-label']);
  assert.deepEqual(codes('{"log-level": "DEBUG"}'), [], 'dockerd lower-cases the level');
  assert.deepEqual(codes('{"log-level": "verbose"}'), ['invalid-log-level']);
  assert.deepEqual(codes('{"tlsverify": true, "tlscert": "/c.pem"}'), ['tls-incomplete']);
  assert.deepEqual(codes('{"g": {"dns": ["x"]}}'), ['grouping-object'], 'dockerd ignores the values in a grouping');
});

test('generic resources are parsed as dockerd parses them (each case judged by dockerd 26 --validate)', () => {
  const bad = ['invalid-generic-resource'];
  // Refused: no "=", two, an empty entry, a comma list in one entry, a negative count, a count beside other values.
  assert.deepEqual(codes('{"node-generic-resources": ["x"]}'), bad);
  assert.deepEqual(codes('{"node-generic-resources": ["a=b=c"]}'), bad);
  assert.deepEqual(codes('{"node-generic-resources": [""]}'), bad);
  assert.deepEqual(codes('{"node-generic-resources": ["gpu=1,ssd=2"]}'), bad);
  assert.deepEqual(codes('{"node-generic-resources": ["gpu= -1"]}'), bad);
  assert.deepEqual(codes('{"node-generic-resources": ["gpu=1", "gpu=2"]}'), [...bad, ...bad]);
  assert.deepEqual(codes('{"node-generic-resources": ["gpu=a", " gpu =1"]}'), [...bad, ...bad]);
  // Accepted: counts, names, a name listed twice, spaces, a number too long for a count (read as a name).
  for (const ok of [
    '["gpu=2", "ssd=1"]',
    '["gpu=UUID1", "gpu=UUID2"]',
    '["gpu=a", "gpu=a"]',
    '[" gpu = 2 "]',
    '["gpu=+1"]',
    '["gpu=1.5"]',
    '["=1"]',
    '["gpu="]',
    '["gpu=99999999999999999999"]',
  ])
    assert.deepEqual(codes(`{"node-generic-resources": ${ok}}`), [], ok);
});

test('CIDR ranges: bip, fixed-cidr and pools against each other', () => {
  assert.deepEqual(codes('{"bip": "192.168.1.1/24", "fixed-cidr": "192.168.1.0/25"}'), []);
  assert.deepEqual(codes('{"bip": "192.168.1.0/24"}'), ['invalid-cidr']);
  assert.deepEqual(codes('{"bip": "10.0.0.1/33"}'), ['invalid-cidr']);
  assert.deepEqual(codes('{"bip": "192.168.1.1/24", "fixed-cidr": "10.0.0.0/24"}'), ['cidr-overlap']);
  assert.deepEqual(codes('{"bip": "10.1.0.1/16", "default-address-pools": [{"base": "10.0.0.0/8", "size": 24}]}'), [
    'cidr-overlap',
  ]);
  assert.deepEqual(codes('{"default-address-pools": [{"base": "10.0.0.0/16", "size": 8}]}'), ['invalid-pool-size']);
  assert.equal(parseCidr('fd00::1/64')?.network, 'fd00::');
  assert.equal(parseCidr('192.168.1.7/24')?.firstHost, '192.168.1.1');
});

test('log options: json-file refuses unknown keys; sizes have units', () => {
  assert.deepEqual(codes('{"log-opts": {"max-size": "10m", "max-file": "3"}}'), []);
  assert.deepEqual(codes('{"log-opts": {"max-size": "10x"}}'), ['invalid-size']);
  assert.deepEqual(codes('{"log-opts": {"max-sise": "10m"}}'), ['unknown-log-opt']);
  assert.deepEqual(codes('{"log-driver": "syslog", "log-opts": {"anything": "x"}}'), []);
});

test('removed keys are Errors with a rename; tcp without TLS is a warning', () => {
  const graph = checkDaemonJson('{"graph": "/data"}');
  assert.deepEqual(
    graph.map((i) => i.code),
    ['removed-option'],
  );
  assert.equal(graph[0]!.fix?.newText, '"data-root"');
  assert.ok(codes('{"hosts": ["tcp://0.0.0.0:2375"]}').includes('tcp-without-tls'));
  assert.ok(!codes('{"hosts": ["tcp://127.0.0.1:2375"]}').includes('tcp-without-tls'));
  assert.deepEqual(codes('{"data-root": "docker"}'), ['relative-data-root']);
});

test('hosts against the local docker.service: -H there and "hosts" here is an Error; a reset drop-in clears it', () => {
  const unit =
    '[Unit]\nDescription=Docker\n[Service]\nExecStart=/usr/bin/dockerd -H fd:// \\\n  --containerd=/run/containerd/containerd.sock\n';
  const dropIn = '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --containerd=/run/containerd/containerd.sock\n';
  assert.equal(effectiveExecStart([unit]), '/usr/bin/dockerd -H fd://    --containerd=/run/containerd/containerd.sock');
  assert.deepEqual(hostFlags('/usr/bin/dockerd -H fd:// --host=tcp://0.0.0.0:2376 -Hunix:///x.sock'), [
    'fd://',
    'tcp://0.0.0.0:2376',
    'unix:///x.sock',
  ]);
  const text = '{"hosts": ["unix:///var/run/docker.sock"]}';
  const local = (texts: string[]) =>
    checkDaemonJson(text, {
      kind: 'local',
      path: '/lib/systemd/system/docker.service',
      execStart: effectiveExecStart(texts),
    });
  const withFlag = local([unit]).find((i) => i.code === 'hosts-and-unit-flag');
  assert.equal(withFlag?.family, 'start');
  assert.match(withFlag!.message, /-H fd:\/\//);
  assert.equal(local([unit, dropIn]).filter((i) => i.code === 'hosts-and-unit-flag').length, 0);
  assert.equal(checkDaemonJson(text).find((i) => i.code === 'hosts-and-unit-flag')?.family, 'advice');
});
