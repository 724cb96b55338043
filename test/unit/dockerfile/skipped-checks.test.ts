// Checks that can report nothing are skipped (RuleInput.mayReport): a check off by default or by setting, ignored by a
// `# hadolint global ignore=`, or experimental and enabled by no `# check=`. Skipping must never change a result: on
// generated Dockerfiles, under generated settings, the diagnostics equal those of a run of every check.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dockerfileDiagnostics } from '../../../server/src/dockerfile/diagnostics';
import { parseDockerfile } from '../../../server/src/dockerfile/parse/document';
import type { RuleSeverity } from '../../../server/src/lsp/settings';
import { propertyParams, propertyRuns } from '../../support/property-seed';
import { realisticDockerfile } from '../../../bench/support/realistic';

/** The checks the rules skip when they cannot report, and one that is on by default (an alias's setting matters). */
const SKIPPABLE = ['DL3008', 'DL1001', 'DL3057', 'DL3066', 'InvalidDefinitionDescription', 'DL3015'];

const LINES = [
  'FROM alpine:3.20 AS base',
  'FROM base AS Build',
  '# base the build stage',
  '# Build: the build stage',
  '# check=experimental=InvalidDefinitionDescription',
  '# check=experimental=all',
  '# check=skip=all',
  '# check=error=true',
  '# hadolint ignore=DL3008',
  '# hadolint ignore=DL1001,DL3066',
  '# hadolint global ignore=DL3057',
  '# hadolint global ignore=DL3008',
  '# VERSION of the tool',
  'ARG VERSION=1',
  'ARG OTHER',
  'RUN apt-get update && apt-get install -y curl git=1:2.39 ./local.deb',
  'RUN apt-get install curl',
  'USER app',
  'USER 1000:1000',
  'USER $APP_UID',
  'HEALTHCHECK CMD true',
  'COPY . /src',
  'MAINTAINER someone',
  '',
];

const file = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 30 }).map((l) => l.join('\n')),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 6 }), fc.array(fc.constantFrom(...LINES), { maxLength: 4 }))
      .map(([stages, head]) => `${head.join('\n')}\n${realisticDockerfile(stages)}`),
  },
);

const severity = fc.constantFrom<RuleSeverity | undefined>(undefined, 'off', 'warning', 'error', 'info', 'hint');
const settings = fc
  .array(fc.tuple(fc.constantFrom(...SKIPPABLE), severity), { maxLength: 4 })
  .map((pairs) => Object.fromEntries(pairs.filter(([, s]) => s !== undefined)) as Record<string, RuleSeverity>);

describe('skipping checks that cannot report', () => {
  it('never changes the diagnostics', () => {
    fc.assert(
      fc.property(file, settings, fc.boolean(), (text, rules, pragmas) => {
        const model = parseDockerfile(text);
        const options = { rules, ignorePragmasDisabled: !pragmas };
        assert.deepEqual(
          dockerfileDiagnostics(model, options),
          dockerfileDiagnostics(model, { ...options, runEveryCheck: true }),
        );
      }),
      propertyParams({ numRuns: propertyRuns(300) }),
    );
  });

  it('reports a skippable check once a setting or a # check= turns it on', () => {
    const text = [
      '# check=experimental=InvalidDefinitionDescription',
      '# the base image',
      'FROM alpine:3.20 AS base',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl',
      'USER app',
    ].join('\n');
    const model = parseDockerfile(text);
    const codes = (rules: Record<string, RuleSeverity>) =>
      dockerfileDiagnostics(model, { rules }).map((d) => String(d.code));
    assert.deepEqual(
      codes({}).filter((c) => SKIPPABLE.includes(c)),
      ['InvalidDefinitionDescription'],
    );
    assert.deepEqual(
      codes({ DL3008: 'warning', DL3057: 'info', DL3066: 'hint', InvalidDefinitionDescription: 'off' })
        .filter((c) => SKIPPABLE.includes(c))
        .sort(),
      ['DL3008', 'DL3057', 'DL3066'],
    );
  });
});
