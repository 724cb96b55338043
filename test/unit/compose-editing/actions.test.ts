// Quick fixes are tested against the real Compose diagnostics: diagnose, apply the fix, diagnose again.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { codeActions, fixAll } from '../../../server/src/compose/actions';
import { composeDiagnostics } from '../../../server/src/compose/diagnostics';
import type { FileAccess } from '../../../server/src/compose/env';
import { parseCompose } from '../../../server/src/compose/parse/document';
import { URI_BASE } from './helpers';

const URI = `${URI_BASE}/compose.yaml`;
const files: FileAccess = { readFile: () => undefined, exists: () => false };
const diagnose = (text: string): Diagnostic[] =>
  composeDiagnostics(parseCompose(text, URI), files, { withProcessEnv: false });

function fixesFor(text: string, code: string): { actions: CodeAction[]; apply: (a: CodeAction) => string } {
  const diags = diagnose(text).filter((d) => d.code === code);
  assert.ok(diags.length, `expected a ${code} diagnostic, got ${JSON.stringify(diagnose(text).map((d) => d.code))}`);
  const actions = codeActions(parseCompose(text, URI), diags);
  const apply = (a: CodeAction) =>
    TextDocument.applyEdits(TextDocument.create(URI, 'dockercompose', 1, text), a.edit!.changes![URI]);
  return { actions, apply };
}

describe('compose quick fixes', () => {
  it('removes the obsolete version line', () => {
    const { actions, apply } = fixesFor('version: "3.8"\nservices:\n  web:\n    image: busybox\n', 'obsolete-version');
    assert.equal(actions[0].title, 'Remove the obsolete `version`');
    assert.equal(apply(actions[0]), 'services:\n  web:\n    image: busybox\n');
  });
  it('fixes a misspelt key with the did-you-mean suggestion', () => {
    const text = 'services:\n  web:\n    image: busybox\n    restrat: always\n';
    const { actions, apply } = fixesFor(text, 'unknown-key');
    assert.equal(actions[0].title, 'Change to `restart`');
    const fixed = apply(actions[0]);
    assert.equal(fixed, 'services:\n  web:\n    image: busybox\n    restart: always\n');
    assert.deepEqual(
      diagnose(fixed).filter((d) => d.severity === 1),
      [],
    );
  });
  it("defines a missing network at the end of its section, with the section's indentation", () => {
    const text =
      'services:\n  web:\n    image: busybox\n    networks: [front, back]\nnetworks:\n    front: # the public side\n      driver: bridge\n';
    const { actions, apply } = fixesFor(text, 'undefined-network');
    assert.equal(actions[0].title, 'Define network `back` in `networks`');
    const fixed = apply(actions[0]);
    assert.equal(
      fixed,
      'services:\n  web:\n    image: busybox\n    networks: [front, back]\nnetworks:\n    front: # the public side\n      driver: bridge\n    back:\n',
    );
    assert.ok(!diagnose(fixed).some((d) => d.code === 'undefined-network'));
  });
  it('creates the volumes section when there is none', () => {
    const text = 'services:\n  web:\n    image: busybox\n    volumes:\n      - data:/srv';
    const { actions, apply } = fixesFor(text, 'undefined-volume');
    const fixed = apply(actions[0]);
    assert.equal(fixed, `${text}\nvolumes:\n  data:\n`);
    assert.ok(!diagnose(fixed).some((d) => d.code === 'undefined-volume'));
  });
  it('defines a missing secret with a file to fill in', () => {
    const text = 'services:\n  web:\n    image: busybox\n    secrets: [token]\nsecrets: {}\n';
    const diags = diagnose(text).filter((d) => d.code === 'undefined-secret');
    assert.equal(codeActions(parseCompose(text, URI), diags).length, 0, 'a flow-style section is left to the user');
    const block =
      'services:\n  web:\n    image: busybox\n    secrets: [token]\nsecrets:\n  other:\n    file: ./other\n';
    const { actions, apply } = fixesFor(block, 'undefined-secret');
    assert.ok(apply(actions[0]).endsWith('  other:\n    file: ./other\n  token:\n    file: ./token\n'));
  });
  it('adds a stub for a service named in depends_on', () => {
    const text = 'services:\n  web:\n    image: busybox\n    depends_on: [db]\n';
    const { actions, apply } = fixesFor(text, 'undefined-service');
    assert.equal(actions[0].title, 'Add a stub for service `db`');
    const fixed = apply(actions[0]);
    assert.equal(fixed, 'services:\n  web:\n    image: busybox\n    depends_on: [db]\n  db:\n    image: db\n');
    assert.ok(!diagnose(fixed).some((d) => d.code === 'undefined-service'));
  });
  it('fixes all safe problems at once, leaving definitions to the user', () => {
    const text = 'version: "3"\nservices:\n  web:\n    image: busybox\n    restrat: always\n    networks: [nowhere]\n';
    const [action] = fixAll(parseCompose(text, URI), diagnose(text));
    assert.equal(action.kind, 'source.fixAll');
    const fixed = TextDocument.applyEdits(
      TextDocument.create(URI, 'dockercompose', 1, text),
      action.edit!.changes![URI],
    );
    assert.equal(fixed, 'services:\n  web:\n    image: busybox\n    restart: always\n    networks: [nowhere]\n');
    assert.deepEqual(fixAll(parseCompose(fixed, URI), diagnose(fixed)), [], 'nothing safe is left to fix');
  });
  it('ignores diagnostics of other sources and codes without a fix', () => {
    const m = parseCompose('services: {}\n', URI);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    assert.deepEqual(
      codeActions(m, [
        { range, message: 'x', source: 'other', code: 'obsolete-version', data: { removeRange: range } },
      ]),
      [],
    );
    assert.deepEqual(codeActions(m, [{ range, message: 'x', source: 'berth', code: 'port-conflict' }]), []);
  });
});
