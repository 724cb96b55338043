// Every editing feature, at every offset of realistic and mutated compose text, answers without throwing —
// the editor asks at every keystroke, on text that is mostly not valid YAML yet.
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParams } from '../../support/property-seed';
import { codeActions } from '../../../server/src/compose/actions';
import { completeCompose, type CompletionSources } from '../../../server/src/compose/completion';
import { composeDiagnostics } from '../../../server/src/compose/diagnostics';
import { hoverCompose } from '../../../server/src/compose/hover';
import { indexProject } from '../../../server/src/compose/project-index';
import { codeLenses } from '../../../server/src/compose/lens';
import { documentLinks } from '../../../server/src/compose/links';
import { definition, highlights, prepareRename, references } from '../../../server/src/compose/navigation';
import { parseCompose } from '../../../server/src/compose/parse/document';
import { documentSymbols } from '../../../server/src/compose/symbols';

const URI = 'file:///robust/compose.yaml';
const files = { readFile: () => undefined, exists: () => false };
const sources: CompletionSources = {
  names: () => ['web', 'db'],
  servicesOf: () => [],
  dockerfileStages: () => ['build'],
  listDir: () => [{ name: 'a', isDirectory: true }],
  variables: () => [{ name: 'TAG', source: '.env' }],
  engineImages: () => [{ repository: 'busybox', tags: ['latest'] }],
};

const SAMPLE = `x-base: &base
  restart: unless-stopped
  logging: { driver: json-file, options: { max-size: 10m } }
services:
  web:
    <<: *base
    build: { context: ./web, target: build, args: [A=1] }
    image: "registry.local:5000/web:\${TAG:-dev}"
    ports: ["8080:80", { target: 443, published: 8443 }]
    depends_on: { db: { condition: service_healthy } }
    environment:
      - KEY=$$literal
    command: |
      sh -c 'echo \${HOME}'
    networks: [front]
  db:
    image: postgres:16
    volumes: [data:/var/lib/postgresql/data, ./init:/docker-entrypoint-initdb.d:ro]
    secrets: [{ source: pw, target: /run/secrets/pw }]
    healthcheck: { test: [CMD, pg_isready], interval: 5s }
networks: { front: {} }
volumes: { data: }
secrets: { pw: { file: ./pw.txt } }
include: [other.yaml]
`;

/** Runs every feature on `text`, at every `step`-th offset. */
function everyFeature(text: string, step = 1): void {
  const model = parseCompose(text, URI);
  const project = indexProject(model, files, []);
  documentSymbols(model);
  documentLinks(model);
  codeLenses(model);
  codeActions(model, composeDiagnostics(model, files, { withProcessEnv: false }));
  for (let offset = 0; offset <= text.length; offset += step) {
    const position = model.positionAt(offset);
    completeCompose(model, offset, sources);
    hoverCompose(model, offset, { project: () => project, variables: () => new Map() });
    definition(project, URI, position);
    references(project, URI, position, true);
    highlights(project, URI, position);
    prepareRename(project, URI, position);
  }
}

describe('compose editing robustness', () => {
  it('answers at every other offset of a dense, valid file', () => {
    everyFeature(SAMPLE, 2);
  });
  it('answers at every offset of every prefix of the file (as it is being typed)', () => {
    for (let end = 0; end <= SAMPLE.length; end += 23) everyFeature(SAMPLE.slice(0, end), 5);
  });
  it('answers on mutated text: deleted, inserted and duplicated spans', () => {
    const edit = fc.record({
      at: fc.nat(SAMPLE.length),
      del: fc.nat(12),
      ins: fc.constantFrom(
        '',
        ':',
        '- ',
        '{',
        '}',
        '[',
        '"',
        "'",
        '&a',
        '*a',
        '<<: ',
        '${',
        '\n  ',
        '\t',
        '#',
        '!reset ',
        '? ',
      ),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = SAMPLE;
        for (const e of edits) {
          const at = Math.min(e.at, text.length);
          text = text.slice(0, at) + e.ins + text.slice(at + e.del);
        }
        everyFeature(text, 4);
      }),
      propertyParams({ numRuns: 15 }),
    );
  });
});
