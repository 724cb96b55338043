import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { SymbolKind } from 'vscode-languageserver-types';
import { documentSymbols } from '../../../server/src/compose/symbols';
import { codeLenses } from '../../../server/src/compose/lens';
import { documentLinks, registryPage } from '../../../server/src/compose/links';
import { model, textAt } from './helpers';

const FILE = `name: shop
version: "3.8"
services:
  web:
    image: nginx:1.27
    build:
      context: ./web
      dockerfile: Dockerfile.prod
    env_file:
      - .env.web
      - path: ./optional.env
        required: false
    extends:
      file: "common.yaml"
      service: base
  db:
    build: ./db
  worker:
    image: \${REGISTRY}/worker
networks:
  front: {}
volumes:
  data:
secrets:
  token:
    file: ./secrets/token.txt
include:
  - ./other/compose.yaml
  - path: [a.yaml, b.yaml]
    env_file: inc.env
x-common: &common
  restart: always
`;

describe('compose document symbols', () => {
  const m = model(FILE);
  const symbols = documentSymbols(m);
  it('groups services, networks, volumes and secrets with their entries as children', () => {
    const byName = new Map(symbols.map((s) => [s.name, s]));
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['name', 'version', 'services', 'networks', 'volumes', 'secrets', 'include', 'x-common'],
    );
    assert.deepEqual(
      byName.get('services')!.children!.map((c) => c.name),
      ['web', 'db', 'worker'],
    );
    assert.equal(byName.get('services')!.kind, SymbolKind.Namespace);
    assert.equal(byName.get('services')!.children![0].kind, SymbolKind.Class);
    assert.deepEqual(
      byName.get('networks')!.children!.map((c) => c.name),
      ['front'],
    );
    assert.deepEqual(
      byName.get('volumes')!.children!.map((c) => c.name),
      ['data'],
    );
    assert.deepEqual(
      byName.get('secrets')!.children!.map((c) => c.name),
      ['token'],
    );
    assert.deepEqual(
      byName.get('include')!.children!.map((c) => c.name),
      ['./other/compose.yaml', 'a.yaml'],
    );
    assert.equal(byName.get('x-common')!.kind, SymbolKind.Constant);
  });
  it('describes a service by its image or build context and lists its keys', () => {
    const [web, db] = symbols.find((s) => s.name === 'services')!.children!;
    assert.equal(web.detail, 'nginx:1.27');
    assert.equal(db.detail, 'build ./db');
    assert.deepEqual(
      web.children!.map((c) => c.name),
      ['image', 'build', 'env_file', 'extends'],
    );
  });
  it('selects the key and spans the whole entry', () => {
    const web = symbols.find((s) => s.name === 'services')!.children![0];
    assert.equal(textAt(m, web.selectionRange), 'web');
    assert.ok(textAt(m, web.range).startsWith('web:\n    image: nginx:1.27'));
    assert.ok(textAt(m, web.range).trimEnd().endsWith('service: base'));
  });
  it('gives nothing for an empty or non-map document', () => {
    assert.deepEqual(documentSymbols(model('')), []);
    assert.deepEqual(documentSymbols(model('- a\n- b\n')), []);
  });
});

describe('compose document links', () => {
  const m = model(FILE);
  const links = documentLinks(m);
  const byText = new Map(links.map((l) => [textAt(m, l.range), l.target]));
  it('links build context and Dockerfile relative to the context', () => {
    assert.equal(byText.get('./web'), 'file:///project/web');
    assert.equal(byText.get('Dockerfile.prod'), 'file:///project/web/Dockerfile.prod');
    assert.equal(byText.get('./db'), 'file:///project/db');
  });
  it('links env files in both syntaxes, extends.file without its quotes, secret files and includes', () => {
    assert.equal(byText.get('.env.web'), 'file:///project/.env.web');
    assert.equal(byText.get('./optional.env'), 'file:///project/optional.env');
    assert.equal(byText.get('common.yaml'), 'file:///project/common.yaml');
    assert.equal(byText.get('./secrets/token.txt'), 'file:///project/secrets/token.txt');
    assert.equal(byText.get('./other/compose.yaml'), 'file:///project/other/compose.yaml');
    assert.equal(byText.get('a.yaml'), 'file:///project/a.yaml');
    assert.equal(byText.get('b.yaml'), 'file:///project/b.yaml');
    assert.equal(byText.get('inc.env'), 'file:///project/inc.env');
  });
  it('links an image to its registry page, but not an interpolated one', () => {
    assert.equal(byText.get('nginx:1.27'), 'https://hub.docker.com/_/nginx');
    assert.ok(![...byText.keys()].some((t) => t.includes('REGISTRY')));
  });
  it('knows the public registries and declines private ones', () => {
    assert.equal(registryPage('bitnami/redis:7'), 'https://hub.docker.com/r/bitnami/redis');
    assert.equal(registryPage('docker.io/library/busybox@sha256:abcdef'), 'https://hub.docker.com/_/busybox');
    assert.equal(registryPage('ghcr.io/owner/app:1'), 'https://ghcr.io/owner/app');
    assert.equal(
      registryPage('quay.io/prometheus/node-exporter'),
      'https://quay.io/repository/prometheus/node-exporter',
    );
    assert.equal(registryPage('harbor.corp.example:8443/team/app:2'), undefined);
    assert.equal(registryPage('localhost:5000/app'), undefined);
  });
});

describe('compose code lenses', () => {
  it('puts "Run all" on services and "Run service" on each service with the file and the name', () => {
    const m = model(FILE);
    const lenses = codeLenses(m);
    assert.deepEqual(
      lenses.map((l) => [textAt(m, l.range), l.command!.command, l.command!.arguments]),
      [
        ['services', 'berth.compose.up', ['/project/compose.yaml']],
        ['web', 'berth.compose.upService', ['/project/compose.yaml', 'web']],
        ['db', 'berth.compose.upService', ['/project/compose.yaml', 'db']],
        ['worker', 'berth.compose.upService', ['/project/compose.yaml', 'worker']],
      ],
    );
  });
  it('offers nothing without services', () => {
    assert.deepEqual(codeLenses(model('services: {}\n')), []);
    assert.deepEqual(codeLenses(model('networks:\n  a:\n')), []);
  });
});
