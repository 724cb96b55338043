// Quick fixes on the diagnostics the real rules publish (server/src/dockerfile/diagnostics.ts), applied to the text.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { codeActions } from '../../../server/src/dockerfile/actions';
import { validateDockerfile } from '../../../server/src/dockerfile/diagnostics';
import { parseDockerfile } from '../../../server/src/dockerfile/parse/document';
import { applyEdits } from './cursor';

const URI = 'file:///w/Dockerfile';
const images = [{ repository: 'busybox', tags: ['latest', '1.36.1'] }];

function fixes(text: string, code: string): { actions: CodeAction[]; diag: Diagnostic } {
  const diags = validateDockerfile(text);
  const diag = diags.find((d) => d.code === code);
  assert.ok(diag, `${code} reported; got ${diags.map((d) => d.code).join(', ')}`);
  return { actions: codeActions(parseDockerfile(text), [diag], { uri: URI, engineImages: () => images }), diag };
}

function applyFirst(text: string, code: string, title?: RegExp): string {
  const { actions } = fixes(text, code);
  const a = title ? actions.find((x) => title.test(x.title)) : actions[0];
  assert.ok(a, `an action for ${code}${title ? ` matching ${title}` : ''}: ${actions.map((x) => x.title).join(' | ')}`);
  const after = applyEdits(text, a.edit!.changes![URI]);
  return after;
}

describe('Dockerfile quick fixes', () => {
  it('replaces MAINTAINER with the OCI authors label', () => {
    assert.equal(
      applyFirst('FROM busybox:1\nMAINTAINER Jane Doe <jane@example.com>\n', 'MaintainerDeprecated'),
      'FROM busybox:1\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
    );
  });

  it('fixes casing, did-you-mean flags and instructions, and EXPOSE protocols', () => {
    assert.equal(
      applyFirst('FROM busybox:1\nrun true\nRUN true\nRUN true\n', 'ConsistentInstructionCasing'),
      'FROM busybox:1\nRUN true\nRUN true\nRUN true\n',
    );
    assert.equal(
      applyFirst('FROM busybox:1 AS a\nFROM busybox:1\nCOPY --form=a /x /y\n', 'UnknownFlag'),
      'FROM busybox:1 AS a\nFROM busybox:1\nCOPY --from=a /x /y\n',
    );
    assert.equal(applyFirst('FROM busybox:1\nRUNN true\n', 'UnknownInstruction'), 'FROM busybox:1\nRUN true\n');
    assert.equal(applyFirst('FROM busybox:1\nEXPOSE 80/TCP\n', 'ExposeProtoCasing'), 'FROM busybox:1\nEXPOSE 80/tcp\n');
  });

  it('turns shell form into exec form and legacy ENV into key=value', () => {
    assert.equal(
      applyFirst('FROM busybox:1\nCMD httpd -f -p 8080\n', 'JSONArgsRecommended'),
      'FROM busybox:1\nCMD ["httpd", "-f", "-p", "8080"]\n',
    );
    assert.equal(
      applyFirst('FROM busybox:1\nENV GREETING hello world\n', 'LegacyKeyValueFormat'),
      'FROM busybox:1\nENV GREETING="hello world"\n',
    );
  });

  it('pins latest or untagged images to a tag of the local engine, and offers nothing the engine does not have', () => {
    assert.equal(applyFirst('FROM busybox:latest\nRUN true\n', 'DL3007'), 'FROM busybox:1.36.1\nRUN true\n');
    assert.equal(applyFirst('FROM busybox\nRUN true\n', 'DL3006', /Pin/), 'FROM busybox:1.36.1\nRUN true\n');
    assert.ok(!fixes('FROM ubuntu:latest\n', 'DL3007').actions.some((a) => /Pin/.test(a.title)));
  });

  it('adds --no-install-recommends, joins apt-get update with the install and cleans the lists', () => {
    const text = 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n';
    assert.equal(
      applyFirst(text, 'DL3015', /no-install-recommends/),
      'FROM debian:12\nRUN apt-get update\nRUN apt-get install --no-install-recommends -y curl\n',
    );
    assert.equal(
      applyFirst(text, 'AptUpdateAlone', /Join/),
      'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    );
  });

  it('joins consecutive RUN instructions, keeping continuation lines', () => {
    assert.equal(
      applyFirst('FROM debian:12\nRUN echo a\nRUN echo b \\\n    && echo c\nUSER x\n', 'DL3059', /Join/),
      'FROM debian:12\nRUN echo a \\\n    && echo b \\\n    && echo c\nUSER x\n',
    );
    assert.equal(
      applyFirst('FROM debian:12\nRUN echo a\n# why\nRUN echo b', 'DL3059', /Join/),
      'FROM debian:12\nRUN echo a \\\n    && echo b\n# why',
    );
    assert.equal(
      applyFirst('FROM debian:12\nRUN echo a\nRUN echo b', 'DL3059', /Join/),
      'FROM debian:12\nRUN echo a \\\n    && echo b',
    );
  });

  it('adds SHELL with pipefail before a RUN that pipes', () => {
    assert.equal(
      applyFirst('FROM debian:12\nRUN curl -s http://x | sh\n', 'DL4006', /SHELL/),
      'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -s http://x | sh\n',
    );
  });

  it('suppresses a hadolint rule above the instruction and a BuildKit check with the check directive', () => {
    const text =
      '# syntax=docker/dockerfile:1\nFROM debian:12\nRUN apt-get update && apt-get install -y curl\nCMD echo hi\n';
    const hadolint = applyFirst(text, 'DL3015', /hadolint ignore/);
    assert.equal(
      hadolint,
      '# syntax=docker/dockerfile:1\nFROM debian:12\n# hadolint ignore=DL3015\nRUN apt-get update && apt-get install -y curl\nCMD echo hi\n',
    );
    assert.ok(!validateDockerfile(hadolint).some((d) => d.code === 'DL3015'), 'the comment really suppresses it');
    const check = applyFirst(text, 'JSONArgsRecommended', /check=skip/);
    assert.equal(
      check,
      '# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\nFROM debian:12\nRUN apt-get update && apt-get install -y curl\nCMD echo hi\n',
    );
    assert.ok(
      !validateDockerfile(check).some((d) => d.code === 'JSONArgsRecommended'),
      'the directive really suppresses it',
    );
    const merged = applyFirst(
      '# check=skip=UndefinedVar\nFROM busybox:1\nCMD echo hi\n',
      'JSONArgsRecommended',
      /check=skip/,
    );
    assert.equal(merged.split('\n')[0], '# check=skip=UndefinedVar,JSONArgsRecommended');
  });

  it('offers no suppression for errors the builder rejects', () => {
    const { actions } = fixes('FROM busybox:1\nRUNN true\n', 'UnknownInstruction');
    assert.ok(!actions.some((a) => /ignore|skip/i.test(a.title)));
  });
});

describe('Dockerfile fix all', () => {
  it('applies every unambiguous fix at once and leaves choices (pinning) alone', async () => {
    const { fixAllAction } = await import('../../../server/src/dockerfile/actions');
    const text = 'FROM busybox:latest\nmaintainer me\nrun true\nCMD httpd -f\nEXPOSE 80/TCP\n';
    const action = fixAllAction(parseDockerfile(text), validateDockerfile(text), {
      uri: URI,
      engineImages: () => images,
    });
    assert.ok(action);
    assert.equal(action.kind, 'source.fixAll');
    const out = applyEdits(text, action.edit!.changes![URI]);
    assert.equal(
      out,
      'FROM busybox:latest\nLABEL org.opencontainers.image.authors="me"\nRUN true\nCMD ["httpd", "-f"]\nEXPOSE 80/tcp\n',
    );
  });
});
