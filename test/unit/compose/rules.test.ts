// One failing and one passing case per Compose diagnostic code (the schema, value and interpolation families).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { codes, diagnose } from './helpers';

interface Case {
  code: string;
  bad: string;
  good: string;
  files?: Record<string, string>;
  goodFiles?: Record<string, string>;
}

const svc = (body: string) => `services:\n  web:\n    image: nginx\n${body.replace(/^/gm, '    ')}\n`;

const CASES: Case[] = [
  { code: 'yaml-syntax', bad: 'services:\n  web:\n    image: "unterminated\n', good: svc('') },
  { code: 'duplicate-key', bad: svc('restart: always\nrestart: "no"'), good: svc('restart: always') },
  {
    code: 'unresolved-alias',
    bad: 'services:\n  web: *nothing\n',
    good: 'x-web: &web\n  image: nginx\nservices:\n  web: *web\n',
  },
  { code: 'unknown-key', bad: svc('enviroment: {A: 1}'), good: svc('environment: {A: 1}\nx-note: anything') },
  {
    code: 'unknown-key',
    bad: 'servics:\n  web:\n    image: nginx\n',
    good: 'x-top: 1\nservices:\n  web:\n    image: nginx\n',
  },
  { code: 'wrong-type', bad: svc('privileged: [yes]'), good: svc('privileged: true') },
  { code: 'wrong-type', bad: svc('cpu_shares: lots'), good: svc('cpu_shares: "512"\ncpus: "0.5"') },
  { code: 'wrong-type', bad: svc('ports: "80:80"'), good: svc('ports: ["80:80"]') },
  { code: 'invalid-value', bad: svc('restart: sometimes'), good: svc('restart: on-failure:3') },
  { code: 'invalid-value', bad: svc('pull_policy: sometimes'), good: svc('pull_policy: every_12h') },
  {
    code: 'invalid-value',
    bad: svc('network_mode: "service:"'),
    good: 'services:\n  a:\n    image: x\n  web:\n    image: nginx\n    network_mode: service:a\n',
  },
  { code: 'invalid-value', bad: svc('network_mode: "container:"'), good: svc('network_mode: container:abc123') },
  { code: 'invalid-value', bad: svc('stop_grace_period: 10 seconds'), good: svc('stop_grace_period: 1m30s') },
  { code: 'invalid-value', bad: svc('shm_size: 2 gigs'), good: svc('shm_size: 2gb') },
  { code: 'invalid-value', bad: svc('mem_limit: 512x'), good: svc('mem_limit: 512m') },
  {
    code: 'invalid-value',
    bad: svc('ports: ["70000:80"]'),
    good: svc('ports: ["8000-8001:80-81/udp", "127.0.0.1:8080:80", "[::1]:9090:90", 3000]'),
  },
  { code: 'invalid-value', bad: svc('ports: ["8000-8002:80-81"]'), good: svc('ports: ["8000-8001:80-81"]') },
  { code: 'invalid-value', bad: svc('ports: ["80:80/icmp"]'), good: svc('ports: ["80:80/sctp"]') },
  { code: 'invalid-value', bad: svc('ports: ["999.1.1.1:80:80"]'), good: svc('ports: ["0.0.0.0:80:80"]') },
  {
    code: 'invalid-value',
    bad: svc('ports: [0]'),
    good: svc('ports: [{target: 80, published: "8080", host_ip: 127.0.0.1, protocol: tcp}]'),
  },
  {
    code: 'invalid-value',
    bad: svc('ports: [{target: 80, published: "80-x"}]'),
    good: svc('ports: [{target: "80-81", published: "8000-8001"}, {target: 90, published: 0}]'),
  },
  {
    code: 'invalid-value',
    bad: svc('expose: ["3000/icmp", 70000]'),
    good: svc('expose: ["3000", 3001, "4000-4010/udp"]'),
  },
  {
    code: 'invalid-value',
    bad: svc('volumes: ["./data:data"]'),
    good: svc('volumes: ["./data:/data:ro,z", "/anon", "C:\\\\x:/y"]'),
  },
  { code: 'invalid-value', bad: svc('volumes: ["./data:/data:readonly"]'), good: svc('volumes: ["./data:/data:rw"]') },
  {
    code: 'invalid-value',
    bad: svc('depends_on: {db: {condition: service_ready}}'),
    good: 'services:\n  db:\n    image: pg\n  web:\n    image: nginx\n    depends_on: {db: {condition: service_healthy}}\n',
  },
  {
    code: 'invalid-value',
    bad: 'services:\n  web:\n    image: Nginx:Latest!\n',
    good: 'services:\n  web:\n    image: registry.example.com:5000/team/web:1.2-rc@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
  },
  { code: 'invalid-value', bad: 'name: My Project\n' + svc(''), good: 'name: my_project-1\n' + svc('') },
  { code: 'invalid-value', bad: svc('container_name: "-web"'), good: svc('container_name: web-1') },
  { code: 'invalid-value', bad: svc('mem_swappiness: 150'), good: svc('mem_swappiness: 60') },
  {
    code: 'invalid-value',
    bad: svc('develop: {watch: [{path: ., action: copy}]}'),
    good: svc('develop: {watch: [{path: ., action: sync+restart, target: /app}]}'),
  },
  {
    code: 'invalid-name',
    bad: 'services:\n  "web app":\n    image: nginx\n',
    good: 'services:\n  web.app_1-x:\n    image: nginx\n',
  },
  { code: 'invalid-interpolation', bad: svc('environment: {A: "${A"}'), good: svc('environment: {A: "$${A"}') },
  { code: 'invalid-interpolation', bad: svc('environment: {A: "${1A}"}'), good: svc('environment: {A: "${A_1}"}') },
  {
    code: 'invalid-interpolation',
    bad: svc('environment: {A: "${A:0:2}"}'),
    good: svc('environment: {A: "${A:-${B:-x}}"}'),
  },
  {
    code: 'unset-required-variable',
    bad: svc('environment: {A: "${TOKEN:?set TOKEN}"}'),
    good: svc('environment: {A: "${TOKEN:?set TOKEN}"}'),
    goodFiles: { '.env': 'TOKEN=abc\n' },
  },
  { code: 'obsolete-version', bad: 'version: "3.8"\n' + svc(''), good: svc('') },
  {
    code: 'deprecated-key',
    bad: svc('networks: [n]') + 'networks:\n  n:\n    external:\n      name: real\n',
    good: svc('networks: [n]') + 'networks:\n  n:\n    name: real\n    external: true\n',
  },
];

describe('compose rules: one failing and one passing case per code', () => {
  for (const c of CASES) {
    it(`${c.code}: ${c.bad
      .split('\n')
      .filter((l) => l.trim())
      .slice(-1)[0]
      .trim()}`, () => {
      const bad = codes(diagnose(c.bad, c.files ?? {}));
      assert.ok(bad.includes(c.code), `expected ${c.code} in ${JSON.stringify(bad)} for:\n${c.bad}`);
      const good = diagnose(c.good, c.goodFiles ?? c.files ?? {});
      assert.deepEqual(
        good.filter((d) => d.severity! <= 2).map((d) => `${d.code}: ${d.message}`),
        [],
        `the passing case is clean:\n${c.good}`,
      );
    });
  }
  it('a failing passing-case would be caught: unset-required-variable fires without the .env', () => {
    assert.ok(codes(diagnose(svc('environment: {A: "${TOKEN:?set TOKEN}"}'))).includes('unset-required-variable'));
  });
});

describe('compose interpolation awareness', () => {
  it('does not type-check values whose variables are unknown', () => {
    const d = diagnose(
      svc(
        'cpus: ${CPUS}\nports: ["${PORT}:80"]\npull_policy: ${P:-missing}\nrestart: ${R}\nprivileged: ${PRIV:-false}\nmem_limit: ${MEM}',
      ),
    );
    assert.deepEqual(codes(d), []);
  });
  it('checks values after substituting known variables', () => {
    const d = diagnose(svc('cpu_shares: ${CPUS}\nrestart: ${R}'), { '.env': 'CPUS=many\nR=sometimes\n' });
    assert.deepEqual(codes(d), ['invalid-value', 'wrong-type']);
  });
  it('uses defaults when a variable is unset, and $$ is a literal dollar', () => {
    assert.deepEqual(codes(diagnose(svc('restart: ${R:-bogus}'))), ['invalid-value']);
    assert.deepEqual(codes(diagnose(svc('command: echo $$HOME\nenvironment: [PRICE=$$5]'))), []);
  });
  it('reads variables from berth.compose.envFiles instead of .env', () => {
    const text = svc('environment: {A: "${TOKEN?need it}"}');
    assert.deepEqual(codes(diagnose(text, { 'conf/dev.env': 'TOKEN=1\n' }, { envFiles: ['conf/dev.env'] })), []);
    assert.deepEqual(codes(diagnose(text, { '.env': 'TOKEN=1\n' }, { envFiles: ['conf/dev.env'] })), [
      'unset-required-variable',
    ]);
  });
  it('reports the interpolation error at the `${` position', () => {
    const [d] = diagnose(svc('environment:\n  A: abc ${B'));
    assert.equal(d.code, 'invalid-interpolation');
    assert.equal(d.range.start.line, 4);
    assert.equal(d.range.start.character, 13);
  });
});

describe('compose rule severities', () => {
  it('berth.compose.rules changes or silences a code', () => {
    const text = 'version: "3"\n' + svc('');
    assert.equal(diagnose(text)[0].severity, 2);
    assert.equal(diagnose(text, {}, { rules: { 'obsolete-version': 'error' } })[0].severity, 1);
    assert.deepEqual(diagnose(text, {}, { rules: { 'obsolete-version': 'off' } }), []);
  });
  it('attaches data for code actions', () => {
    const [unknown] = diagnose(svc('imagee: x'));
    assert.deepEqual(unknown.data, { key: 'imagee', path: ['services', 'web', 'imagee'], suggestion: 'image' });
    const [version] = diagnose('version: "3"\n' + svc(''));
    assert.deepEqual((version.data as { removeRange: unknown }).removeRange, {
      start: { line: 0, character: 0 },
      end: { line: 1, character: 0 },
    });
  });
});

describe('compose YAML features', () => {
  it('accepts anchors, merge keys, !reset and !override without findings', () => {
    const text =
      'x-base: &base\n  image: nginx\n  restart: always\n  environment: {A: "1"}\nservices:\n  web:\n    <<: *base\n    ports: !reset []\n    environment: !override\n      B: "2"\n  api:\n    <<: [*base]\n    restart: unless-stopped\n';
    assert.deepEqual(diagnose(text), []);
  });
  it('checks values merged from an anchor where they are written, once', () => {
    const text =
      'x-base: &base\n  image: nginx\n  restart: bogus\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n';
    const d = diagnose(text);
    assert.deepEqual(codes(d), ['invalid-value']);
    assert.equal(d[0].range.start.line, 2);
  });
  it('counts a network listed only in a merged anchor as used', () => {
    const text =
      'x-common: &common\n  networks: [back]\nservices:\n  a:\n    <<: *common\n    image: x\n  b:\n    <<: *common\n    image: y\nnetworks:\n  back:\n';
    assert.deepEqual(codes(diagnose(text)), []);
  });
  it('stops on alias bombs', () => {
    let text = 'x-a: &a [x,x,x,x,x,x,x,x,x]\n';
    let prev = 'a';
    for (const n of 'bcdefghi') {
      text += `x-${n}: &${n} [${Array(9)
        .fill('*' + prev)
        .join(',')}]\n`;
      prev = n;
    }
    assert.deepEqual(codes(diagnose(text + svc(''))), ['alias-bomb']);
  });
});

describe('compose lists Compose refuses with a repeated or empty entry (each case judged by docker compose 2.26)', () => {
  const refused = [
    'depends_on: [db, db]',
    'networks: [front, front]',
    'extra_hosts: ["a:1.1.1.1", "a:1.1.1.1"]',
    'security_opt: [no-new-privileges, no-new-privileges]',
    'external_links: [db, db]',
    'group_add: [staff, staff]',
    'volumes_from: [db, db]',
    'device_cgroup_rules: ["c 1:3 mr", "c 1:3 mr"]',
    'build: {context: ., extra_hosts: ["a:1.1.1.1", "a:1.1.1.1"]}',
    'build: {context: ., ssh: [default, default]}',
  ];
  // Lists Compose accepts with a repeated entry, and entries that differ as values do.
  const accepted = [
    'cap_add: [NET_ADMIN, NET_ADMIN]',
    'profiles: [a, a]',
    'environment: [A=1, A=1]',
    'ports: ["80:80", "80:80"]',
    'dns: [1.1.1.1, 1.1.1.1]',
    'group_add: [1, "1"]',
    'depends_on: [db, " db"]',
  ];
  const project = (body: string) =>
    `services:\n  web:\n    image: nginx\n    ${body}\n  db:\n    image: postgres\nnetworks:\n  front:\n`;
  it('reports a repeated entry where Compose refuses one', () => {
    for (const body of refused) assert.ok(codes(diagnose(project(body))).includes('invalid-value'), body);
  });
  it('is silent where Compose accepts one', () => {
    for (const body of accepted)
      assert.ok(
        !codes(diagnose(project(body))).includes('invalid-value'),
        `${body}: ${codes(diagnose(project(body)))}`,
      );
  });
  it('a long-form volume needs its type (compose 2.26: "type is required")', () => {
    assert.ok(codes(diagnose(project('volumes: [{source: ./data, target: /data}]'))).includes('invalid-value'));
    assert.deepEqual(codes(diagnose(project('volumes: [{type: bind, source: ./data, target: /data}]'))), [
      'unused-definition',
    ]);
  });
  it('reports an empty name in a list of networks, services, secrets or configs', () => {
    for (const body of ['networks: [""]', 'depends_on: [""]', 'secrets: [""]', 'configs: [""]'])
      assert.ok(codes(diagnose(project(body))).includes('invalid-name'), body);
  });
});
