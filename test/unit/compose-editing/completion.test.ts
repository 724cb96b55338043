import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import { completeCompose, type CompletionSources } from '../../../server/src/compose/completion';
import type { RefKind } from '../../../server/src/compose/spec/types';
import { withCursor } from './helpers';

const DIRS: Record<string, { name: string; isDirectory: boolean }[]> = {
  'file:///project': [
    { name: 'web', isDirectory: true },
    { name: '.env', isDirectory: false },
    { name: 'compose.override.yaml', isDirectory: false },
    { name: '.git', isDirectory: true },
    { name: 'README.md', isDirectory: false },
  ],
  'file:///project/web': [
    { name: 'Dockerfile', isDirectory: false },
    { name: 'main.go', isDirectory: false },
    { name: 'src', isDirectory: true },
  ],
};

function sources(over: Partial<CompletionSources> = {}): CompletionSources {
  const names: Record<RefKind, string[]> = {
    service: ['web', 'db', 'cache'],
    network: ['front', 'back'],
    volume: ['data'],
    config: ['conf'],
    secret: ['token'],
    model: [],
  };
  return {
    names: (k) => names[k],
    servicesOf: () => ['base', 'common'],
    dockerfileStages: (uri) => (uri === 'file:///project/web/Dockerfile' ? ['deps', 'build', 'runtime'] : []),
    listDir: (uri) => DIRS[uri] ?? [],
    variables: () => [
      { name: 'TAG', source: '.env' },
      { name: 'PORT', source: '.env' },
    ],
    engineImages: () => [
      { repository: 'busybox', tags: ['latest', '1.36'] },
      { repository: 'berth/fixture', tags: ['latest'] },
    ],
    ...over,
  };
}

function complete(text: string, src = sources()): CompletionItem[] {
  const { model, offset } = withCursor(text);
  return completeCompose(model, offset, src);
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const edit = (items: CompletionItem[], label: string) =>
  (items.find((i) => i.label === label)?.textEdit as { newText: string } | undefined)?.newText;

describe('compose completion: keys', () => {
  it('offers the top-level keys not yet present', () => {
    const items = complete('services:\n  web:\n    image: x\n|');
    assert.ok(labels(items).includes('networks'));
    assert.ok(labels(items).includes('volumes'));
    assert.ok(!labels(items).includes('services'), 'services is already there');
  });
  it('offers service attributes not yet present, as snippets shaped by their type', () => {
    const items = complete('services:\n  web:\n    image: x\n    |\n');
    assert.ok(labels(items).includes('ports'));
    assert.ok(labels(items).includes('healthcheck'));
    assert.ok(!labels(items).includes('image'));
    assert.ok(!labels(items).includes('version'), 'root keys are not service keys');
    assert.equal(edit(items, 'ports'), 'ports:\n  - $0');
    assert.equal(edit(items, 'healthcheck'), 'healthcheck:\n  $0');
    assert.equal(edit(items, 'init'), 'init: ${1|true,false|}');
    assert.equal(edit(items, 'environment'), 'environment:\n  $0');
    assert.equal(edit(items, 'depends_on'), 'depends_on:\n  - $0');
    assert.equal(items.find((i) => i.label === 'ports')!.insertTextFormat, InsertTextFormat.Snippet);
    assert.match(String((items.find((i) => i.label === 'ports')!.documentation as { value: string }).value), /host/i);
  });
  it('replaces the word being typed and completes only the name when a colon follows', () => {
    const items = complete('services:\n  web:\n    heal|\n');
    assert.equal(edit(items, 'healthcheck'), 'healthcheck:\n  $0');
    const partial = complete('services:\n  web:\n    res|tart: always\n');
    assert.equal(edit(partial, 'restart'), 'restart');
  });
  it('offers nested keys: build, healthcheck, deploy.resources.limits', () => {
    assert.ok(labels(complete('services:\n  web:\n    build:\n      context: .\n      |\n')).includes('target'));
    assert.ok(!labels(complete('services:\n  web:\n    build:\n      context: .\n      |\n')).includes('context'));
    assert.ok(
      labels(complete('services:\n  web:\n    deploy:\n      resources:\n        limits:\n          |\n')).includes(
        'memory',
      ),
    );
  });
  it('offers the keys of a long-syntax list item after a dash', () => {
    const items = complete('services:\n  web:\n    ports:\n      - |\n');
    assert.ok(labels(items).includes('target'));
    assert.ok(labels(items).includes('published'));
    const inItem = complete('services:\n  web:\n    ports:\n      - target: 80\n        |\n');
    assert.ok(labels(inItem).includes('published'));
    assert.ok(!labels(inItem).includes('target'));
  });
  it('offers service names as keys of depends_on in map form, without the service itself or those listed', () => {
    const items = complete(
      'services:\n  web:\n    depends_on:\n      db:\n        condition: service_started\n      |\n',
    );
    assert.deepEqual(
      labels(items).filter((l) => ['web', 'db', 'cache'].includes(String(l))),
      ['cache'],
    );
  });
  it('works the same with Windows line endings', () => {
    const items = complete('services:\r\n  web:\r\n    image: x\r\n    |\r\n  db:\r\n    image: y\r\n');
    assert.ok(labels(items).includes('ports') && !labels(items).includes('image'));
    assert.deepEqual(labels(complete('services:\r\n  web:\r\n    restart: |\r\n')).slice(0, 2), ['no', 'always']);
  });
  it('offers nothing in comments or under the free keys of services', () => {
    assert.deepEqual(complete('services:\n  web:\n    # ima|\n'), []);
    assert.deepEqual(complete('services:\n  |\n'), []);
  });
});

describe('compose completion: values', () => {
  it('offers enum values and booleans', () => {
    assert.deepEqual(labels(complete('services:\n  web:\n    depends_on:\n      db:\n        condition: |\n')), [
      'service_started',
      'service_healthy',
      'service_completed_successfully',
    ]);
    assert.deepEqual(labels(complete('services:\n  web:\n    init: |\n')), ['true', 'false']);
    assert.ok(labels(complete('services:\n  web:\n    restart: |\n')).includes('unless-stopped'));
    assert.ok(labels(complete('services:\n  web:\n    pull_policy: |\n')).includes('missing'));
  });
  it('offers other services in depends_on lists, links and network_mode service:', () => {
    assert.deepEqual(labels(complete('services:\n  web:\n    depends_on:\n      - db\n      - |\n')), ['cache']);
    assert.deepEqual(labels(complete('services:\n  web:\n    links: [|]\n')), ['db', 'cache']);
    assert.deepEqual(labels(complete('services:\n  web:\n    volumes_from:\n      - db\n      - |\n')), [
      'cache',
      'container:',
    ]);
    const nm = complete('services:\n  web:\n    network_mode: ser|\n');
    assert.ok(labels(nm).includes('service:db'));
    assert.ok(labels(nm).includes('host'));
    assert.ok(!labels(nm).includes('service:web'));
  });
  it('offers network, volume, secret and config names where they are referenced', () => {
    assert.deepEqual(labels(complete('services:\n  web:\n    networks:\n      - |\n')), ['front', 'back']);
    assert.deepEqual(labels(complete('services:\n  web:\n    networks: [front, |]\n')), ['back']);
    assert.deepEqual(labels(complete('services:\n  web:\n    secrets:\n      - source: |\n')), ['token']);
    assert.ok(labels(complete('services:\n  web:\n    secrets:\n      - |\n')).includes('token'));
    assert.ok(labels(complete('services:\n  web:\n    configs: [|]\n')).includes('conf'));
    assert.ok(labels(complete('services:\n  web:\n    volumes:\n      - |\n')).includes('data:'));
  });
  it('offers the stages of the referenced Dockerfile for build.target', () => {
    const items = complete('services:\n  web:\n    build:\n      context: ./web\n      target: |\n');
    assert.deepEqual(labels(items), ['deps', 'build', 'runtime']);
    assert.deepEqual(complete('services:\n  web:\n    build:\n      context: ./nowhere\n      target: |\n'), []);
  });
  it("offers extends.service from the extended file, or this project's services", () => {
    assert.deepEqual(labels(complete('services:\n  web:\n    extends:\n      file: common.yaml\n      service: |\n')), [
      'base',
      'common',
    ]);
    assert.deepEqual(labels(complete('services:\n  web:\n    extends:\n      service: |\n')), ['db', 'cache']);
  });
  it('completes paths: context folders, Dockerfiles in the context, env files, include files', () => {
    assert.deepEqual(labels(complete('services:\n  web:\n    build:\n      context: |\n')), ['web/']);
    assert.equal(edit(complete('services:\n  web:\n    build:\n      context: |\n'), 'web/'), 'web');
    const df = complete('services:\n  web:\n    build:\n      context: web\n      dockerfile: |\n');
    assert.deepEqual(labels(df), ['Dockerfile', 'main.go', 'src/']);
    assert.ok(df.find((i) => i.label === 'Dockerfile')!.sortText! < df.find((i) => i.label === 'main.go')!.sortText!);
    assert.ok(labels(complete('services:\n  web:\n    env_file: |\n')).includes('.env'));
    assert.ok(!labels(complete('services:\n  web:\n    env_file: |\n')).includes('.git/'));
    const include = labels(complete('include:\n  - |\n'));
    assert.deepEqual(
      include.filter((l) => !['path', 'env_file', 'project_directory'].includes(l)),
      ['web/', 'compose.override.yaml'],
    );
    assert.ok(include.includes('path'), 'the long form of an include item is offered too');
    const nested = complete('services:\n  web:\n    env_file: ./web/|\n');
    assert.equal(edit(nested, 'main.go'), './web/main.go');
  });
  it('offers local images, and only the tags of a repository after its colon', () => {
    assert.deepEqual(labels(complete('services:\n  web:\n    image: |\n')), [
      'berth/fixture:latest',
      'busybox:1.36',
      'busybox:latest',
    ]);
    assert.deepEqual(labels(complete('services:\n  web:\n    image: busybox:|\n')), ['busybox:1.36', 'busybox:latest']);
    assert.deepEqual(complete('services:\n  web:\n    image: |\n', sources({ engineImages: () => [] })), []);
  });
  it("offers the environment file's variables after ${, replacing only the name", () => {
    const items = complete('services:\n  web:\n    image: "nginx:${T|"\n');
    assert.deepEqual(labels(items), ['TAG', 'PORT']);
    assert.deepEqual(
      (items[0].textEdit as { range: { start: { character: number } } }).range.start.character,
      'image: "nginx:${'.length + 4,
    );
    assert.deepEqual(labels(complete('services:\n  web:\n    ports: ["${|}:80"]\n')), ['TAG', 'PORT']);
    assert.ok(
      !labels(complete('services:\n  web:\n    restart: ${A}|\n')).includes('TAG'),
      'a closed ${} is not completed',
    );
  });
  it('offers the profiles other services use', () => {
    const text =
      'services:\n  a:\n    profiles: [debug, tools]\n  b:\n    profiles: [ops]\n  c:\n    profiles: [debug, |]\n';
    assert.deepEqual(labels(complete(text)), ['ops', 'tools']);
  });
  it('keeps quotes out of the replaced text', () => {
    const items = complete('services:\n  web:\n    restart: "unl|"\n');
    assert.equal(edit(items, 'unless-stopped'), 'unless-stopped');
  });
});
