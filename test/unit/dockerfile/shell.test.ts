// The small shell model behind the RUN rules, and variable expansion behind the FROM checks.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../../server/src/dockerfile/parse/document';
import { runScript, splitCommands } from '../../../server/src/dockerfile/shell';
import { expandWord } from '../../../server/src/dockerfile/parse/variables';

const names = (s: string) => splitCommands(s).map((c) => `${c.name}${c.next ? ' ' + c.next : ''}`);

describe('RUN shell model', () => {
  it('splits at operators outside quotes, not at redirections', () => {
    assert.deepEqual(names('apt-get update && apt-get install -y x || true; echo "a | b" 2>&1 | tee log &>/dev/null'), [
      'apt-get &&',
      'apt-get ||',
      'true ;',
      'echo |',
      'tee',
    ]);
  });

  it('skips assignments, keywords and wrappers but remembers sudo', () => {
    const [c] = splitCommands('DEBIAN_FRONTEND=noninteractive sudo -u root env A=1 apt-get install -y curl');
    assert.equal(c.name, 'apt-get');
    assert.deepEqual(c.wrappers, ['sudo', 'env']);
    assert.deepEqual(c.args, ['install', '-y', 'curl']);
    assert.deepEqual(names('if [ -f x ]; then cd /x; fi'), ['[ ;', 'cd ;']);
  });

  it('runs heredoc bodies fed to a shell, not files written by cat', () => {
    const m = parseDockerfile(
      'FROM a\nRUN <<EOF\napt-get update\nEOF\nRUN cat <<EOF > /x\napt-get update\nEOF\nRUN ["apt-get", "update"]\n',
    );
    assert.deepEqual(
      runScript(m.instructions[1])?.commands.map((c) => c.name),
      ['apt-get'],
    );
    assert.deepEqual(
      runScript(m.instructions[2])?.commands.map((c) => c.name),
      ['cat'],
    );
    assert.equal(runScript(m.instructions[3]), undefined, 'exec form has no shell');
  });
});

describe('variable expansion', () => {
  const vars: Record<string, string> = { A: 'alpine', T: '3.19', EMPTY: '' };
  const get = (n: string) => vars[n];
  it('follows the shell modifiers', () => {
    assert.equal(expandWord('${A}:${T}', '\\', get), 'alpine:3.19');
    assert.equal(expandWord('${NOPE:-debian}:${T}', '\\', get), 'debian:3.19');
    assert.equal(expandWord('${EMPTY:-x}${EMPTY-y}', '\\', get), 'x');
    assert.equal(expandWord('${A:+set}${NOPE+set}', '\\', get), 'set');
    assert.equal(expandWord('${T%.19}-${A#al}', '\\', get), '3-pine');
    assert.equal(expandWord('"$A"', '\\', get), 'alpine');
  });
});
