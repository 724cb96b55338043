// References, files, Dockerfile cross-checks, semantics and multi-file projects (failing and passing cases each).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { indexProject } from '../../../server/src/compose/project-index';
import { composeDiagnostics } from '../../../server/src/compose/diagnostics';
import { parseCompose } from '../../../server/src/compose/parse/document';
import { codes, diagnose, memoryFiles, ROOT } from './helpers';

const DOCKERFILE =
  'ARG BASE=alpine\nFROM ${BASE} AS build\nARG VERSION\nRUN make\nFROM alpine AS runtime\nARG PORT=80\n';

describe('compose references', () => {
  const two = (body: string) =>
    `services:\n  db:\n    image: postgres\n  web:\n    image: nginx\n${body.replace(/^/gm, '    ')}\n`;
  const cases: [string, string, string, string?][] = [
    ['undefined-service', two('depends_on: [cache]'), two('depends_on: [db]')],
    [
      'undefined-service',
      two('depends_on: {cache: {condition: service_started}}'),
      two('depends_on: {db: {condition: service_started}}'),
    ],
    ['undefined-service', two('links: ["cache:c"]'), two('links: ["db:database"]')],
    ['undefined-service', two('network_mode: service:cache'), two('network_mode: service:db')],
    ['undefined-service', two('volumes_from: [cache:ro]'), two('volumes_from: ["db:ro", "container:other"]')],
    ['undefined-service', two('extends: cache'), two('extends: db')],
    ['undefined-service', two('extends: {service: cache}'), two('extends: {service: db}')],
    ['undefined-network', two('networks: [back]'), two('networks: [back, default]') + 'networks:\n  back:\n'],
    [
      'undefined-network',
      two('networks: {back: {aliases: [b]}}'),
      two('networks: {back: {aliases: [b]}}') + 'networks:\n  back: {}\n',
    ],
    [
      'undefined-volume',
      two('volumes: ["data:/data"]'),
      two('volumes: ["data:/data", "./local:/l", "/abs:/a"]') + 'volumes:\n  data:\n',
    ],
    [
      'undefined-volume',
      two('volumes: [{type: volume, source: data, target: /d}]'),
      two('volumes: [{type: bind, source: data, target: /d}]'),
    ],
    [
      'undefined-secret',
      two('secrets: [token]'),
      two('secrets: [{source: token, target: t}]') + 'secrets:\n  token:\n    file: ./token.txt\n',
    ],
    [
      'undefined-secret',
      two('build: {context: ., secrets: [npmrc]}'),
      two('build: {context: ., secrets: [npmrc]}') + 'secrets:\n  npmrc:\n    environment: NPMRC\n',
    ],
    ['undefined-config', two('configs: [conf]'), two('configs: [conf]') + 'configs:\n  conf:\n    content: hello\n'],
    [
      'undefined-model',
      two('models: [llm]'),
      two('models: {llm: {endpoint_var: URL}}') + 'models:\n  llm:\n    model: ai/smollm2\n',
    ],
    [
      'depends-on-cycle',
      'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [c]\n  c:\n    image: x\n    depends_on: [a]\n',
      'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [c]\n  c:\n    image: x\n',
    ],
  ];
  for (const [code, bad, good] of cases)
    it(`${code}: ${bad.trim().split('\n').pop()!.trim()}`, () => {
      assert.ok(codes(diagnose(bad, { Dockerfile: 'FROM x\n' })).includes(code), JSON.stringify(diagnose(bad)));
      assert.deepEqual(
        diagnose(good, { Dockerfile: 'FROM x\n', 'token.txt': 's' }).filter((d) => d.severity! <= 2),
        [],
      );
    });
  it('hints at top-level networks, volumes, configs and secrets nobody uses', () => {
    const text =
      'services:\n  web:\n    image: nginx\n    networks: [used]\nnetworks:\n  used:\n  spare:\n  default:\nvolumes:\n  old:\n';
    const d = diagnose(text);
    assert.deepEqual(
      d.map((x) => `${x.code}:${(x.data as { name: string }).name}:${x.severity}`),
      ['unused-definition:spare:4', 'unused-definition:old:4'],
    );
  });
  it('reports the exact name range inside `links` and `network_mode`', () => {
    const d = diagnose('services:\n  web:\n    image: nginx\n    network_mode: "service:nope"\n');
    assert.deepEqual(d[0].range, { start: { line: 3, character: 27 }, end: { line: 3, character: 31 } });
    assert.deepEqual(d[0].data, { kind: 'service', name: 'nope' });
  });
});

describe('compose files and the Dockerfile', () => {
  const files = {
    Dockerfile: DOCKERFILE,
    'app/Dockerfile.prod': DOCKERFILE,
    'web.env': 'A=1\n',
    'base.yaml': 'services:\n  common:\n    image: alpine\n',
    'inc/db.yaml': 'services:\n  db:\n    image: postgres\n',
  };
  const cases: [string, string, string][] = [
    ['missing-build-context', 'services:\n  web:\n    build: ./nowhere\n', 'services:\n  web:\n    build: ./app\n'],
    [
      'missing-build-context',
      'services:\n  web:\n    build: {context: nowhere}\n',
      'services:\n  web:\n    build: {context: "https://github.com/x/y.git#main"}\n',
    ],
    [
      'missing-dockerfile',
      'services:\n  web:\n    build: {context: app, dockerfile: Dockerfile.dev}\n',
      'services:\n  web:\n    build: {context: app, dockerfile: Dockerfile.prod}\n',
    ],
    [
      'missing-env-file',
      'services:\n  web:\n    image: x\n    env_file: [web.env, extra.env]\n',
      'services:\n  web:\n    image: x\n    env_file: [web.env, {path: extra.env, required: false}]\n',
    ],
    [
      'missing-include',
      'include:\n  - inc/cache.yaml\nservices:\n  web:\n    image: x\n',
      'include:\n  - inc/db.yaml\nservices:\n  web:\n    image: x\n    depends_on: [db]\n',
    ],
    [
      'missing-extends-file',
      'services:\n  web:\n    extends: {file: nope.yaml, service: common}\n',
      'services:\n  web:\n    extends: {file: base.yaml, service: common}\n',
    ],
    [
      'undefined-service',
      'services:\n  web:\n    extends: {file: base.yaml, service: other}\n',
      'services:\n  web:\n    extends: {file: base.yaml, service: common}\n',
    ],
    [
      'unknown-build-target',
      'services:\n  web:\n    build: {context: ., target: prod}\n',
      'services:\n  web:\n    build: {context: ., target: runtime}\n',
    ],
    [
      'undeclared-build-arg',
      'services:\n  web:\n    build: {context: ., args: {VERSON: "1"}}\n',
      'services:\n  web:\n    build: {context: ., args: {VERSION: "1", BASE: alpine, HTTP_PROXY: "", PORT: "8080"}}\n',
    ],
    [
      'undeclared-build-arg',
      'services:\n  web:\n    build: {context: ., args: [VERSON=1]}\n',
      'services:\n  web:\n    build: {context: ., args: [VERSION=1, PORT]}\n',
    ],
  ];
  for (const [code, bad, good] of cases)
    it(`${code}: ${bad.trim().split('\n').pop()!.trim()}`, () => {
      assert.ok(codes(diagnose(bad, files)).includes(code), JSON.stringify(diagnose(bad, files)));
      assert.deepEqual(
        diagnose(good, files).filter((d) => d.severity! <= 2),
        [],
      );
    });
  it('suggests the stage or ARG meant', () => {
    const [target] = diagnose('services:\n  web:\n    build: {context: ., target: runtim}\n', files);
    assert.equal((target.data as { suggestion: string }).suggestion, 'runtime');
    const [arg] = diagnose('services:\n  web:\n    build: {context: ., args: {VERSON: "1"}}\n', files);
    assert.equal(arg.severity, 2);
    assert.equal((arg.data as { suggestion: string }).suggestion, 'VERSION');
  });
});

describe('compose files of unsaved documents', () => {
  it('does not check relative paths of an untitled document', () => {
    const text = 'services:\n  web:\n    build: .\n    env_file: web.env\n';
    assert.deepEqual(
      diagnose(text, {}, { name: 'compose.yaml' }).map((d) => d.code),
      ['missing-env-file'],
    );
    const untitled = composeDiagnostics(parseCompose(text, 'untitled:Untitled-1'), memoryFiles({}), {
      withProcessEnv: false,
    });
    assert.deepEqual(untitled, []);
  });
});

describe('compose semantics', () => {
  const cases: [string, string, string][] = [
    [
      'no-image-or-build',
      'services:\n  web:\n    restart: always\n',
      'services:\n  web:\n    image: nginx\n  prov:\n    provider: {type: model}\n',
    ],
    [
      'port-conflict',
      'services:\n  a:\n    image: x\n    ports: ["8080:80"]\n  b:\n    image: x\n    ports: ["8000-8090:9000-9090"]\n',
      'services:\n  a:\n    image: x\n    ports: ["127.0.0.1:8080:80", "8080:80/udp"]\n  b:\n    image: x\n    ports: ["127.0.0.2:8080:80", "80"]\n',
    ],
    [
      'port-conflict',
      'services:\n  a:\n    image: x\n    ports: [{target: 80, published: 8080}]\n  b:\n    image: x\n    ports: ["0.0.0.0:8080:80"]\n',
      'services:\n  a:\n    image: x\n    profiles: [dev]\n    ports: ["8080:80"]\n  b:\n    image: x\n    profiles: [prod]\n    ports: ["8080:80"]\n',
    ],
    [
      'container-name-scaled',
      'services:\n  a:\n    image: x\n    container_name: a1\n    deploy: {replicas: 2}\n',
      'services:\n  a:\n    image: x\n    container_name: a1\n    deploy: {replicas: 1}\n',
    ],
    [
      'container-name-scaled',
      'services:\n  a:\n    image: x\n    container_name: a1\n    scale: 3\n',
      'services:\n  a:\n    image: x\n    scale: 3\n',
    ],
  ];
  for (const [code, bad, good] of cases)
    it(`${code}: ${bad.trim().split('\n').pop()!.trim()}`, () => {
      assert.ok(codes(diagnose(bad)).includes(code), JSON.stringify(diagnose(bad)));
      assert.deepEqual(
        diagnose(good).filter((d) => d.severity! <= 2),
        [],
      );
    });
});

describe('compose multi-file projects', () => {
  const base = 'services:\n  web:\n    image: nginx\n    networks: [front]\nnetworks:\n  front:\n';
  it("knows the base file's services and networks in the override", () => {
    const override =
      'services:\n  web:\n    ports: ["8080:80"]\n  worker:\n    image: x\n    depends_on: [web]\n    networks: [front]\n';
    assert.deepEqual(diagnose(override, { 'compose.yaml': base }, { name: 'compose.override.yaml' }), []);
    assert.deepEqual(codes(diagnose(override, {}, { name: 'compose.override.yaml' })), [
      'no-image-or-build',
      'undefined-network',
    ]);
  });
  it('reads a variant such as compose.prod.yaml on top of the base file', () => {
    const prod =
      'services:\n  web:\n    restart: always\n    networks: [front]\n  worker:\n    image: x\n    depends_on: [web]\n';
    assert.deepEqual(diagnose(prod, { 'compose.yaml': base }, { name: 'compose.prod.yaml' }), []);
    assert.deepEqual(codes(diagnose(prod, {}, { name: 'compose.prod.yaml' })), [
      'no-image-or-build',
      'undefined-network',
    ]);
  });
  it('reads the COMPOSE_FILE list of the .env', () => {
    const extra = 'services:\n  worker:\n    image: x\n    depends_on: [web]\n';
    const files = { 'base.yml': base, '.env': 'COMPOSE_FILE=base.yml:ops/extra.yml\n' };
    assert.deepEqual(diagnose(extra, files, { name: 'ops/extra.yml' }), []);
    assert.deepEqual(codes(diagnose(extra, { 'base.yml': base }, { name: 'ops/extra.yml' })), ['undefined-service']);
  });
  it('indexes definitions and references across files, with name ranges', () => {
    const override = 'services:\n  worker:\n    image: x\n    depends_on: [web]\n';
    const files = memoryFiles({ 'compose.yaml': base, 'compose.override.yaml': override });
    const project = indexProject(parseCompose(base, `${ROOT}/compose.yaml`), files, [], false);
    assert.deepEqual(
      project.files.map((f) => f.uri),
      [`${ROOT}/compose.yaml`, `${ROOT}/compose.override.yaml`],
    );
    const refs = project.referencesTo('service', 'web');
    assert.equal(refs.length, 1);
    assert.equal(refs[0].uri, `${ROOT}/compose.override.yaml`);
    assert.deepEqual(refs[0].range, { start: { line: 3, character: 17 }, end: { line: 3, character: 20 } });
    assert.deepEqual(project.symbolAt(`${ROOT}/compose.yaml`, { line: 1, character: 3 }), {
      kind: 'service',
      name: 'web',
      uri: `${ROOT}/compose.yaml`,
      range: { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } },
    });
  });
  it('indexes YAML anchors and aliases', () => {
    const text = 'x-img: &img nginx\nservices:\n  web:\n    image: *img\n';
    const project = indexProject(parseCompose(text, `${ROOT}/compose.yaml`), memoryFiles({}), [], false);
    const [def] = project.definitionsOf('anchor', 'img');
    assert.deepEqual(def.range, { start: { line: 0, character: 8 }, end: { line: 0, character: 11 } });
    assert.deepEqual(project.referencesTo('anchor', 'img')[0].range, {
      start: { line: 3, character: 12 },
      end: { line: 3, character: 15 },
    });
  });
});
