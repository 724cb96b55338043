// Regression tests for inputs that once froze, crashed or misled the language server (issue "Hardening").
// Each names the input that failed; timings are generous caps that only a hang or a super-linear path can exceed.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { documentLinks, effectiveImage } from '../../server/src/dockerfile/links';
import { hover } from '../../server/src/dockerfile/hover';
import { validateDockerfile } from '../../server/src/dockerfile/diagnostics';
import { parseDockerfile } from '../../server/src/dockerfile/parse/document';
import { expandWord, MAX_EXPANSION_LENGTH, scanReferences } from '../../server/src/dockerfile/parse/variables';
import { IgnoreMatcher, readIgnoreFile } from '../../server/src/dockerignore/matcher';
import { ContextIgnore } from '../../server/src/dockerignore/context-ignore';
import { parseCompose } from '../../server/src/compose/parse/document';
import { code, codeBlock } from '../../server/src/lsp/markdown';
import { cpuTimed } from './support/cpu-time';

describe('Dockerfile variables on hostile input', () => {
  it('a 55-byte self-doubling ARG chain expands once, not exponentially (was 9 s in documentLink)', () => {
    const text = `ARG A=${'$A'.repeat(20)}\nFROM $A\n`;
    const model = parseDockerfile(text);
    const { ms } = cpuTimed(() => {
      documentLinks(model, { uri: 'file:///w/Dockerfile', exists: () => false });
      hover(model, { line: 1, character: 6 }, []);
    });
    assert.ok(ms < 500, `${ms} ms`);
    assert.equal(effectiveImage(model, model.stages[0]), undefined); // $A is empty before it is set
  });

  it('a doubling chain of defaults stops at the length cap and says nothing false', () => {
    const lines = ['ARG A0=xy'];
    for (let i = 0; i < 40; i++) lines.push(`ARG A${i + 1}=$A${i}\${A${i}}`);
    const text = `${lines.join('\n')}\nFROM alpine:$A40\n`;
    const { value, ms } = cpuTimed(() => validateDockerfile(text));
    assert.ok(ms < 1000, `${ms} ms`);
    assert.ok(
      !value.some((d) => d.code === 'InvalidDefaultArgInFrom'),
      'an unknown (too long) value is not reported as invalid',
    );
  });

  it('expandWord returns undefined past the length cap and the nesting cap', () => {
    const long = 'x'.repeat(MAX_EXPANSION_LENGTH);
    assert.equal(
      expandWord('$A$A', '\\', () => long),
      undefined,
    );
    assert.equal(
      expandWord(`${'${U:-'.repeat(100)}v${'}'.repeat(100)}`, '\\', () => undefined),
      undefined,
    );
    assert.equal(
      expandWord(`${'${U:-'.repeat(10)}v${'}'.repeat(10)}`, '\\', () => undefined),
      'v',
    );
  });

  it('scans 20,000 nested and 40,000 unclosed ${a:- without recursion, in linear time', () => {
    const nested = `${'${a:-'.repeat(20000)}z${'}'.repeat(20000)}`;
    const refs = cpuTimed(() => scanReferences(nested, 0, nested.length, '\\', true));
    assert.equal(refs.value.length, 20000);
    assert.equal(refs.value.at(-1)!.start, 0, 'the outermost reference comes last');
    const unclosed = '${a:-'.repeat(40000);
    const u = cpuTimed(() => scanReferences(unclosed, 0, unclosed.length, '\\', true));
    assert.equal(u.value.length, 0);
    assert.ok(refs.ms + u.ms < 1000, `${refs.ms} + ${u.ms} ms`);
  });

  it('deep nesting and long ONBUILD chains give diagnostics, never an exception', () => {
    const deep = `FROM alpine\nENV X=${'${a:-'.repeat(5000)}z${'}'.repeat(5000)}\n${'ONBUILD '.repeat(5000)}RUN true\n`;
    const errors: unknown[] = [];
    const d = validateDockerfile(deep, { onRuleError: (_f, e) => errors.push(e) });
    assert.deepEqual(errors, []);
    assert.ok(d.some((x) => x.code === 'NestingTooDeep'));
    assert.ok(d.some((x) => x.code === 'OnbuildNotAllowed'));
  });

  it('a hover on a FROM whose image holds a backtick keeps it inside the code span', () => {
    const model = parseDockerfile('FROM evil`[x](http://attacker)`:1\n');
    const h = hover(model, { line: 0, character: 7 }, []);
    const value = (h!.contents as { value: string }).value;
    assert.ok(value.includes('``evil`[x](http://attacker)`:1``'), value);
  });
});

describe('.dockerignore matching', () => {
  it('`**/` repeated does not backtrack (each extra `**` multiplied the time by 5)', () => {
    const m = new IgnoreMatcher([`${'**/'.repeat(30)}z`]);
    const deep = `${'a/'.repeat(40)}y`;
    const { value, ms } = cpuTimed(() => [m.ignores(deep), m.ignores(`${'a/'.repeat(40)}z`)]);
    assert.deepEqual(value, [false, true]);
    assert.ok(ms < 200, `${ms} ms`);
  });

  it('follows the builder: last match wins, exceptions, parent folders, `**`, classes, case', () => {
    const m = new IgnoreMatcher(
      readIgnoreFile('# c\n*.md\n!README.md\nbuild/\n**/*.o\ndocs/**/draft?\n[a-c]x\n/abs/..//tmp\n'),
    );
    const cases: [string, boolean][] = [
      ['a.md', true],
      ['README.md', false],
      ['sub/a.md', false],
      ['build/x/y', true],
      ['x/y/z.o', true],
      ['z.o', true],
      ['docs/a/b/drafts', true],
      ['docs/draft1', true],
      ['bx', true],
      ['dx', false],
      ['tmp/f', true],
      ['A.MD', false],
    ];
    for (const [p, want] of cases) assert.equal(m.ignores(p), want, p);
  });

  it('marks a pattern the builder cannot compile, and matches nothing with it', () => {
    const m = new IgnoreMatcher(['bad[x', 'trail\\']);
    assert.deepEqual(m.invalid, ['bad[x', 'trail\\']);
    assert.equal(m.ignores('badx'), false);
    assert.equal(ContextIgnore.fromText('bad[x\n').ignores('bad[x'), false);
  });
});

describe('Compose aliases', () => {
  it('an alias means the last anchor of its name before it, resolved in one pass for 2,000 aliases', () => {
    const services = Array.from({ length: 2000 }, (_, i) => `  s${i}:\n    <<: *base\n    image: x${i}`).join('\n');
    const text = `x-a: &base\n  restart: always\nx-b: &base\n  restart: "no"\nservices:\n${services}\n`;
    const { value: model, ms } = cpuTimed(() => parseCompose(text));
    const first = (model.doc.contents as { items: { value: { items: { value: unknown }[] } }[] }).items[2].value
      .items[0].value;
    const merge = (first as { items: { value: unknown }[] }).items[0].value;
    assert.equal(JSON.stringify(model.resolve(merge)?.toJSON()), '{"restart":"no"}');
    assert.ok(ms < 1500, `${ms} ms`);
  });
});

describe('markdown helpers', () => {
  it('fence code with more backticks than the text holds', () => {
    assert.equal(code('a`b'), '``a`b``');
    assert.equal(code('`x'), '`` `x ``');
    assert.ok(codeBlock('```\nx', 'yaml').startsWith('````yaml\n'));
  });
});
