// The string memo answers as its function does, computes each key once until its bound, and starts over past it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoByString } from '../../../server/src/text/string-memo';
import { parsePort } from '../../../server/src/compose/rules/formats';
import { resolveInDir } from '../../../server/src/compose/env';

test('each key is computed once, undefined answers included', () => {
  const asked: string[] = [];
  const lengthOrNothing = memoByString((k) => (asked.push(k), k.length > 2 ? k.length : undefined));
  assert.equal(lengthOrNothing('abcd'), 4);
  assert.equal(lengthOrNothing('ab'), undefined);
  assert.equal(lengthOrNothing('abcd'), 4);
  assert.equal(lengthOrNothing('ab'), undefined);
  assert.deepEqual(asked, ['abcd', 'ab']);
});

test('past its bound the memo starts over rather than growing', () => {
  const asked: string[] = [];
  const echo = memoByString((k) => (asked.push(k), k), 2);
  echo('a');
  echo('b');
  echo('c'); // full: forgets a and b
  echo('c');
  echo('a');
  assert.deepEqual(asked, ['a', 'b', 'c', 'a']);
});

test('remembered port and path answers are the ones a fresh reading gives', () => {
  for (let round = 0; round < 2; round++) {
    assert.deepEqual(parsePort('127.0.0.1:8080-8081:80-81/udp'), {
      hostIp: '127.0.0.1',
      published: [8080, 8081],
      target: [80, 81],
      protocol: 'udp',
    });
    assert.equal(parsePort('8080:80-81'), undefined);
    assert.equal(resolveInDir('file:///work/app', './api'), 'file:///work/app/api');
    assert.equal(resolveInDir('file:///work/app', '../lib'), 'file:///work/lib');
    assert.equal(resolveInDir('file:///work/other', './api'), 'file:///work/other/api');
    assert.equal(resolveInDir('file:///work/app', '/etc/x'), 'file:///etc/x');
  }
});
