// Incremental re-parsing of Dockerfiles (parse/reparse.ts) must give exactly a fresh parse. Random Dockerfiles
// (directives, continuations with comments and empty lines, heredocs closed and unclosed, ONBUILD, multi-stage ARG/ENV,
// the bench's realistic file) take random edit sequences (characters, line breaks, continuation escapes, heredoc
// markers and delimiters, whole lines); after every edit the model built from the previous version's must equal a
// fresh model, and its diagnostics and ShellCheck scripts a full check's. A failure names its seed: replay it with
// BERTH_SEED=<seed> (test/support/property-seed.ts).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParams, replayHint } from '../support/property-seed';
import { realisticDockerfile } from '../../bench/support/realistic';
import { dockerfileDiagnostics } from '../../server/src/dockerfile/diagnostics';
import type { DockerfileModel } from '../../server/src/dockerfile/parse/model';
import { buildModel } from '../../server/src/dockerfile/parse/semantic';
import { shellcheckJobs } from '../../server/src/dockerfile/shellcheck';
import { cpuTimed } from './support/cpu-time';

const LINES = [
  '# syntax=docker/dockerfile:1',
  '# escape=`',
  '# check=skip=JSONArgsRecommended',
  'ARG BASE=alpine:3.19',
  'ARG VERSION',
  'FROM ${BASE} AS base',
  'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
  'FROM base AS final',
  'FROM build',
  'ARG VERSION',
  'ENV APP=/srv/app PATH=$APP/bin:$PATH',
  'ENV LEGACY value with spaces',
  'WORKDIR ${APP:-/app}',
  'RUN apt-get update && apt-get install -y curl \\',
  '    && rm -rf /var/lib/apt/lists/*',
  '# a comment inside a continuation',
  '',
  'RUN <<EOF',
  'echo $VERSION ${UNDEFINED}',
  'EOF',
  'RUN <<-"END" cat && <<X sh',
  '\tliteral $NOT',
  '\tEND',
  'X',
  'COPY --from=build --chmod=0755 /out/app /usr/local/bin/',
  'COPY app.log ./node_modules/x src/ /app/',
  'COPY <<conf /etc/app.conf',
  'key=${VERSION}',
  'conf',
  'RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt',
  'ONBUILD RUN echo ${APP}',
  'ONBUILD COPY <<EOF /x',
  'CMD ["app", "serve"]',
  "ENTRYPOINT ['app']",
  'HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1',
  'LABEL org.opencontainers.image.title="x" version=$VERSION',
  'EXPOSE 8080/tcp ${PORT}',
  'USER app',
  'maintainer someone',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'RUN echo ${A:-${B:-${C}}} \\',
  '# hadolint ignore=DL3008',
  '  RUN echo indented',
];

const PIECES = ['x', ' ', '\n', '\\', '`', '#', '$', '{', '}', '"', "'", '<<EOF', 'EOF', '\nEOF\n', '\t', '=', '\r'];

const file = fc
  .oneof(
    { weight: 4, arbitrary: fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 24 }) },
    { weight: 1, arbitrary: fc.constant(realisticDockerfile(2).split('\n')) },
  )
  .map((lines) => lines.join('\n') + '\n');

type Edit = [kind: 'type' | 'insert' | 'delete' | 'line' | 'dropLine' | 'splitLine', at: number, n: number];
const edit = fc.tuple(
  fc.constantFrom('type', 'type', 'type', 'insert', 'delete', 'delete', 'line', 'dropLine', 'splitLine'),
  fc.nat(),
  fc.nat(),
) as fc.Arbitrary<Edit>;

function apply(text: string, [kind, at, n]: Edit): string {
  const i = at % (text.length + 1);
  const lines = text.split('\n');
  const l = at % lines.length;
  switch (kind) {
    case 'type':
      // One character typed or deleted inside a line: what editing mostly is (the line count stays).
      if (n % 3 !== 0) return text.slice(0, i) + 'aZ0$ -_'[n % 7] + text.slice(i);
      return text[i] === '\n' ? text : text.slice(0, i) + text.slice(i + 1);
    case 'insert':
      return text.slice(0, i) + PIECES[n % PIECES.length] + text.slice(i);
    case 'delete':
      return text.slice(0, i) + text.slice(i + 1 + (n % 4));
    case 'line':
      lines.splice(l, 0, LINES[n % LINES.length]!);
      return lines.join('\n');
    case 'dropLine':
      lines.splice(l, 1);
      return lines.join('\n');
    case 'splitLine': {
      const line = lines[l]!;
      const col = n % (line.length + 1);
      lines.splice(l, 1, line.slice(0, col), line.slice(col));
      return lines.join('\n');
    }
  }
}

/** Everything of a model the features read, functions answered for every reference and stage name. */
function shape(model: DockerfileModel): unknown {
  const { resolve, stageByName, ...data } = model;
  return {
    ...data,
    resolved: model.references.map((r) => {
      const d = resolve(r);
      return d && { name: d.name, at: d.nameRange, instruction: d.instruction.index };
    }),
    stagesByName: model.stages.map((s) => s.name !== undefined && stageByName(s.name)?.index),
  };
}

const OPTIONS = { dockerignore: 'node_modules\n*.log\n', rules: { DL3008: 'warning' as const } };

describe('dockerfile incremental re-parse', () => {
  it('after every edit of a random sequence, the model and diagnostics equal a fresh parse and a full check', () => {
    let checks = 0;
    let reused = 0;
    let slowest = 0;
    fc.assert(
      fc.property(file, fc.array(edit, { minLength: 1, maxLength: 10 }), (initial, edits) => {
        let text = initial;
        let previous = buildModel(text);
        for (const e of edits) {
          text = apply(text, e);
          const fresh = buildModel(text);
          const before = new Set<object>(previous.instructions);
          // `previous` gives its instructions to the new model and is not used again.
          const { value: model, ms } = cpuTimed(() => buildModel(text, previous));
          slowest = Math.max(slowest, ms);
          reused += model.instructions.filter((x) => before.has(x)).length;
          checks++;
          assert.deepStrictEqual(shape(model), shape(fresh), `model after edits, text:\n${text}`);
          assert.deepStrictEqual(
            dockerfileDiagnostics(model, OPTIONS),
            dockerfileDiagnostics(fresh, OPTIONS),
            `diagnostics after edits, text:\n${text}`,
          );
          // The ShellCheck scripts, whose RUN texts are kept from version to version.
          assert.deepStrictEqual(shellcheckJobs(model), shellcheckJobs(fresh), `ShellCheck jobs, text:\n${text}`);
          previous = model;
        }
      }),
      propertyParams({ numRuns: 300 }),
    );
    // The property means something only if instructions were in fact reused.
    assert.ok(reused > checks, `only ${reused} instructions reused over ${checks} checks (${replayHint})`);
    // Hang guard, in this process's CPU time (a re-parse of these small files takes well under a millisecond).
    assert.ok(slowest < 250, `an incremental parse took ${slowest.toFixed(0)} ms of CPU`);
  });

  it('a one-character edit in the middle of the realistic file parses that instruction alone', () => {
    const text = realisticDockerfile(32);
    const previous = buildModel(text);
    const old = [...previous.instructions];
    const at = text.indexOf('src/part16') + 'src/part1'.length;
    const edited = text.slice(0, at) + '7' + text.slice(at + 1);
    const model = buildModel(edited, previous);
    const fresh = buildModel(edited);
    assert.deepStrictEqual(shape(model), shape(fresh));
    const changed = model.instructions.filter((x, k) => x !== old[k]);
    assert.equal(changed.length, 1, `${changed.length} instructions parsed again`);
    assert.ok(changed[0]!.argsText.includes('src/part17'));
  });

  it('a line break keeps the instructions above the edit and parses the rest', () => {
    const text = 'FROM alpine\nRUN a\nRUN b\nRUN c\n';
    const previous = buildModel(text);
    const [from, a] = previous.instructions;
    const model = buildModel(text.replace('RUN b', 'RUN\nb'), previous);
    assert.equal(model.instructions[0], from);
    assert.equal(model.instructions[1], a);
    assert.deepStrictEqual(shape(model), shape(buildModel(text.replace('RUN b', 'RUN\nb'))));
  });
});
