// The outline lists each service's keys only while all services together have at most MAX_OUTLINE_KEYS; an edit that
// crosses that line inside one service (a version carried from the one before) must give the fresh outline.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseCompose } from '../../../server/src/compose/parse/document';
import { documentSymbols, MAX_OUTLINE_KEYS } from '../../../server/src/compose/symbols';

const URI = 'file:///project/compose.yaml';
const KEYS_PER_SERVICE = 5;

/** `services` services of KEYS_PER_SERVICE keys each, and a top-level volume. */
function file(services: number): string {
  let text = 'services:\n';
  for (let i = 0; i < services; i++) {
    text += `  svc${i}:\n    image: app${i}\n    restart: always\n    environment:\n      A: "1"\n`;
    text += `    ports:\n      - "80${i}:80"\n    labels:\n      team: t${i}\n`;
  }
  return `${text}volumes:\n  data: {}\n`;
}

const serviceKeys = (outline: ReturnType<typeof documentSymbols>) =>
  outline.find((s) => s.name === 'services')!.children!.map((svc) => svc.children?.length ?? 0);

describe('outline budget', () => {
  const atBudget = MAX_OUTLINE_KEYS / KEYS_PER_SERVICE;
  it('lists every service key up to the budget, and the services alone past it', () => {
    assert.ok(serviceKeys(documentSymbols(parseCompose(file(atBudget), URI))).every((n) => n === KEYS_PER_SERVICE));
    const over = documentSymbols(parseCompose(file(atBudget + 1), URI));
    assert.equal(serviceKeys(over).length, atBudget + 1);
    assert.ok(serviceKeys(over).every((n) => n === 0));
    // The other sections are listed as before.
    assert.deepEqual(
      over.find((s) => s.name === 'volumes')!.children!.map((v) => v.name),
      ['data'],
    );
  });

  it('an edit inside one service that crosses the budget, and back, gives the fresh outline each time', () => {
    const base = file(atBudget);
    const at = base.indexOf('    restart: always\n', base.indexOf('  svc3:')) + '    restart: always\n'.length;
    const added = `${base.slice(0, at)}    hostname: h\n${base.slice(at)}`;
    let model = parseCompose(base, URI);
    documentSymbols(model);
    let carried = 0;
    for (const text of [added, base, added, `${added.slice(0, at)}    hostname: hh\n${added.slice(at + 16)}`, base]) {
      model = parseCompose(text, URI, model);
      if (model.carried) carried++;
      const outline = documentSymbols(model);
      assert.deepStrictEqual(outline, documentSymbols(parseCompose(text, URI)));
      assert.equal(serviceKeys(outline)[3], text === base ? KEYS_PER_SERVICE : 0);
    }
    // The edits were re-read one service alone, so reuse was possible and had to be refused across the budget.
    assert.ok(carried >= 3, `only ${carried} versions carried`);
  });
});
