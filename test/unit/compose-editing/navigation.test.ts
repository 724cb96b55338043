import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { indexProject } from '../../../server/src/compose/project-index';
import {
  definition,
  extendsDefinition,
  highlights,
  prepareRename,
  references,
  rename,
} from '../../../server/src/compose/navigation';
import { hoverCompose } from '../../../server/src/compose/hover';
import { loadVariables, type FileAccess } from '../../../server/src/compose/env';
import { parseCompose } from '../../../server/src/compose/parse/document';
import { URI_BASE, textAt } from './helpers';

const BASE = `${URI_BASE}/compose.yaml`;
const OVERRIDE = `${URI_BASE}/compose.override.yaml`;
const BASE_TEXT = `x-env: &env
  TZ: UTC
services:
  web:
    image: nginx:\${NGINX_TAG:-1.27}
    environment: *env
    depends_on: [db]
    networks: [front]
    volumes:
      - data:/srv
    secrets: [token]
  db:
    image: postgres:16
    environment:
      <<: *env
      POSTGRES_PASSWORD: \${DB_PASSWORD}
networks:
  front: {}
volumes:
  data:
secrets:
  token:
    file: ./token.txt
`;
const OVERRIDE_TEXT = `services:
  worker:
    image: busybox
    depends_on:
      db:
        condition: service_started
    network_mode: service:db
`;
const FILES: Record<string, string> = {
  [BASE]: BASE_TEXT,
  [OVERRIDE]: OVERRIDE_TEXT,
  [`${URI_BASE}/.env`]: 'NGINX_TAG=1.27-alpine\nDB_PASSWORD=hunter2\n',
};
const access: FileAccess = { readFile: (u) => FILES[u], exists: (u) => u in FILES };

function at(text: string, needle: string, nth = 0, delta = 1) {
  let i = -1;
  for (let n = 0; n <= nth; n++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} not found`);
  return i + delta;
}
const model = parseCompose(BASE_TEXT, BASE);
const project = indexProject(model, access, []);
const pos = (needle: string, nth = 0, delta = 1) => model.positionAt(at(BASE_TEXT, needle, nth, delta));
const describeLoc = (l: { uri: string; range: { start: { line: number } } }) =>
  `${l.uri.split('/').pop()}:${l.range.start.line}`;

describe('compose navigation', () => {
  it('goes from a depends_on reference to the service definition', () => {
    const defs = definition(project, BASE, pos('[db]', 0, 1));
    assert.deepEqual(defs.map(describeLoc), ['compose.yaml:11']);
    assert.equal(textAt(model, defs[0].range), 'db');
  });
  it('finds references across the override file, with and without the declaration', () => {
    const refs = references(project, BASE, pos('  db:', 0, 2), true);
    assert.deepEqual(
      refs.map(describeLoc).sort(),
      ['compose.override.yaml:4', 'compose.override.yaml:6', 'compose.yaml:11', 'compose.yaml:6'].sort(),
    );
    assert.equal(references(project, BASE, pos('  db:', 0, 2), false).length, 3);
  });
  it('navigates networks, volumes, secrets and YAML anchors', () => {
    assert.deepEqual(definition(project, BASE, pos('[front]')).map(describeLoc), ['compose.yaml:17']);
    assert.deepEqual(definition(project, BASE, pos('data:/srv')).map(describeLoc), ['compose.yaml:19']);
    assert.deepEqual(definition(project, BASE, pos('[token]')).map(describeLoc), ['compose.yaml:21']);
    assert.deepEqual(definition(project, BASE, pos('*env', 1)).map(describeLoc), ['compose.yaml:0']);
    assert.equal(references(project, BASE, pos('&env'), false).length, 2);
  });
  it('highlights the definition as written and the uses as read, in this file only', () => {
    const hl = highlights(project, BASE, pos('[db]'));
    assert.deepEqual(
      hl.map((h) => [h.range.start.line, h.kind]),
      [
        [11, 3],
        [6, 2],
      ],
    );
  });
  it('renames a service in both files, and only the name inside service:db', () => {
    assert.deepEqual(prepareRename(project, BASE, pos('[db]'))?.placeholder, 'db');
    assert.equal(prepareRename(project, BASE, pos('image: postgres')), undefined, 'a plain key is not renamable');
    const edit = rename(project, BASE, pos('[db]'), 'database')!;
    assert.deepEqual(Object.keys(edit.changes!).sort(), [BASE, OVERRIDE].sort());
    assert.equal(edit.changes![BASE].length, 2);
    const ov = parseCompose(OVERRIDE_TEXT, OVERRIDE);
    assert.deepEqual(
      edit.changes![OVERRIDE].map((e) => textAt(ov, e.range)),
      ['db', 'db'],
    );
    assert.ok(edit.changes![OVERRIDE].some((e) => e.range.start.character === 'network_mode: service:'.length + 4));
  });
  it('refuses a name Compose would reject, or one already taken', () => {
    assert.throws(() => rename(project, BASE, pos('[db]'), 'web'), /already exists/);
    assert.throws(() => rename(project, BASE, pos('[db]'), 'my db'), /only letters, digits/);
    assert.throws(() => rename(project, BASE, pos('&env'), 'a,b'), /anchor/);
  });
  it('goes from extends.service to the service in the extended file', () => {
    const text = 'services:\n  api:\n    extends:\n      file: ./base/common.yaml\n      service: app\n';
    const m = parseCompose(text, BASE);
    const files: Record<string, string> = {
      [`${URI_BASE}/base/common.yaml`]: 'services:\n  other:\n    image: a\n  app:\n    image: b\n',
    };
    const defs = extendsDefinition(m, text.indexOf('app'), (u) => files[u]);
    assert.deepEqual(
      defs.map((d) => [d.uri, d.range.start.line, d.range.start.character]),
      [[`${URI_BASE}/base/common.yaml`, 3, 2]],
    );
    assert.deepEqual(
      extendsDefinition(m, text.indexOf('app'), () => undefined),
      [],
    );
    assert.deepEqual(
      extendsDefinition(m, text.indexOf('common'), (u) => files[u]),
      [],
    );
  });
  it('answers nothing away from names', () => {
    assert.deepEqual(definition(project, BASE, pos('image: nginx')), []);
    assert.deepEqual(references(project, BASE, pos('image: nginx'), true), []);
  });
});

describe('compose hover', () => {
  const sources = { project: () => project, variables: () => loadVariables(BASE, access, [], false) };
  const hover = (needle: string, nth = 0, delta = 1) => {
    const h = hoverCompose(model, at(BASE_TEXT, needle, nth, delta), sources);
    return h ? (h.contents as { value: string }).value : undefined;
  };
  it('describes a key: our text, type, allowed values and default', () => {
    const text = hover('depends_on')!;
    assert.match(text, /\*\*depends_on\*\*/);
    assert.match(text, /Type: list \| mapping/);
    const cond = hoverCompose(parseCompose(OVERRIDE_TEXT, OVERRIDE), at(OVERRIDE_TEXT, 'condition'), sources);
    assert.match((cond!.contents as { value: string }).value, /Allowed: `service_started`/);
    assert.match(hover('image: nginx', 0, 12)!, /\*\*image\*\*/, 'a value describes its key');
    assert.match(hover('[front]', 0, 2)!, /network \*\*front\*\*/, 'a reference shows its definition');
    assert.equal(hover('TZ: UTC', 0, 5), undefined, 'free keys of extension fields have no description');
  });
  it("shows a variable's value and its source file", () => {
    const text = hover('NGINX_TAG', 0, 2)!;
    assert.match(text, /1\.27-alpine/);
    assert.match(text, /\.env/);
    assert.match(text, /default when unset or empty/);
    assert.match(text, /Value: `nginx:1\.27-alpine`/);
  });
  it('masks the value of a secret-looking variable', () => {
    const text = hover('DB_PASSWORD', 0, 2)!;
    assert.ok(!text.includes('hunter2'), text);
    assert.match(text, /••/);
  });
  it('shows the definition of a referenced service, even from another file', () => {
    const text = hover('[db]')!;
    assert.match(text, /service \*\*db\*\*/);
    assert.match(text, /image: postgres:16/);
    const ov = parseCompose(OVERRIDE_TEXT, OVERRIDE);
    const h = hoverCompose(ov, at(OVERRIDE_TEXT, 'service:db', 0, 9), {
      project: () => indexProject(ov, access, []),
      variables: sources.variables,
    });
    assert.match((h!.contents as { value: string }).value, /compose\.yaml/);
    assert.match((h!.contents as { value: string }).value, /POSTGRES_PASSWORD/);
  });
});
