// hadolint parity: every DL rule Berth added reports its failing case and not its passing one (hadolint-cases.ts);
// the rules Berth leaves to BuildKit's checks and the builder errors are reported by those; the whole DL set is
// accounted for; ranges point at the command, not the whole RUN.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { validateDockerfile, type DockerfileDiagnosticsOptions } from '../../server/src/dockerfile/diagnostics';
import { RULES } from '../../server/src/dockerfile/rules/catalog';
import { HADOLINT_CASES, HADOLINT_COVERED } from './hadolint-cases';

const diagnostics = (text: string, opts: DockerfileDiagnosticsOptions = {}) =>
  validateDockerfile(text, {
    ...opts,
    onRuleError: (_f, e) => {
      throw e;
    },
  });
const codes = (text: string, opts?: DockerfileDiagnosticsOptions) => diagnostics(text, opts).map((d) => String(d.code));

/** hadolint's DL rules (src/Hadolint/Rule/DL*.hs at hadolint's main branch): 71 codes. */
const HADOLINT_DL = [
  'DL1001',
  ...[0, 1, 2, 3, 4, 6, 7, 8, 9].map((n) => `DL300${n}`),
  ...[10, 11, 12, 13, 14, 15, 16, 18, 19].map((n) => `DL30${n}`),
  ...Array.from({ length: 11 }, (_, i) => `DL30${20 + i}`),
  ...Array.from({ length: 36 }, (_, i) => `DL30${32 + i}`).filter((c) => c !== 'DL3039'),
  'DL4000',
  'DL4001',
  'DL4003',
  'DL4004',
  'DL4005',
  'DL4006',
];

describe('hadolint DL rules', () => {
  for (const [code, bad, good, options] of HADOLINT_CASES) {
    it(`${code}: reports ${JSON.stringify(bad)} and not ${JSON.stringify(good)}`, () => {
      assert.ok(codes(bad, options).includes(code), `${code} expected, got ${JSON.stringify(codes(bad, options))}`);
      assert.ok(
        !codes(good, options).includes(code),
        `${code} not expected, got ${JSON.stringify(codes(good, options))}`,
      );
    });
  }

  for (const [code, { by, text }] of Object.entries(HADOLINT_COVERED)) {
    it(`${code} is left to ${by}, which reports its case`, () => {
      assert.ok(
        codes(text).includes(by),
        `${by} expected on ${JSON.stringify(text)}, got ${JSON.stringify(codes(text))}`,
      );
    });
  }

  it('accounts for all 71 of hadolint’s DL rules: checked, an alias of a check, or left to one', () => {
    assert.equal(HADOLINT_DL.length, 71);
    const aliases = new Set(RULES.flatMap((r) => r.aliases ?? []));
    // DL4003 and DL4004 ride on MultipleInstructionsDisallowed findings (buildkit.ts), not on its catalog entry.
    const findingAliases = new Set(['DL4003', 'DL4004']);
    const catalog = new Set(RULES.map((r) => r.code));
    const missing = HADOLINT_DL.filter(
      (c) => !catalog.has(c) && !aliases.has(c) && !findingAliases.has(c) && !(c in HADOLINT_COVERED),
    );
    assert.deepEqual(missing, []);
    const implemented = HADOLINT_DL.filter((c) => catalog.has(c) || aliases.has(c) || findingAliases.has(c));
    assert.equal(implemented.length + Object.keys(HADOLINT_COVERED).length, 71);
  });

  it('gives each finding its hadolint code once: the catalog alias of its check, or its own (DL4003, DL4004)', () => {
    const text =
      'FROM a:1 AS a\nMAINTAINER me\nWORKDIR rel\nCOPY --from=a x y\nCMD echo a\nCMD ["b"]\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n';
    const withAliases = diagnostics(text)
      .map((d) => `${String(d.code)} ${((d.data as { aliases?: string[] }).aliases ?? []).join(',')}`)
      .sort();
    assert.deepEqual(withAliases, [
      'CopyFromCurrentStage DL3023',
      'JSONArgsRecommended DL3025',
      'MaintainerDeprecated DL4000',
      'MultipleInstructionsDisallowed DL4003',
      'MultipleInstructionsDisallowed DL4004',
      'WorkdirRelativePath DL3000',
    ]);
  });

  // Conditions of the older DL rules brought in line with hadolint's source.
  const PARITY: [string, string, string][] = [
    [
      'DL3013',
      'FROM a:1\nRUN pip install git+https://h.example/r/lib.git#egg=lib\n',
      'FROM a:1\nRUN pip install git+https://h.example/r/lib.git@v2.0#egg=lib\n',
    ],
    ['DL3013', 'FROM a:1\nRUN pipx install black\n', 'FROM a:1\nRUN pip install -c constraints.txt black\n'],
    [
      'DL3013',
      'FROM a:1\nRUN pip install --root-user-action ignore flask\n',
      'FROM a:1\nRUN pip install --root-user-action ignore flask==3.0\n',
    ],
    [
      'DL3014',
      'FROM a:1\nRUN apt-get install -q curl\n',
      'FROM a:1\nRUN apt-get install -q -q curl && apt-get install --quiet --quiet wget\n',
    ],
    [
      'DL3016',
      'FROM a:1\nRUN npm install git+https://user@h.example/r/pkg.git\n',
      'FROM a:1\nRUN npm install git+https://user@h.example/r/pkg.git#v1.2.0 ./pkg-1.2.3.tar.gz\n',
    ],
    ['DL3020', 'FROM a:1\nADD bundle.zip /srv/\n', 'FROM a:1\nADD bundle.tar.gz /srv/\n'],
    [
      'DL3042',
      'FROM a:1\nENV PIP_NO_CACHE_DIR=off\nRUN pip install flask==3.0\n',
      'FROM a:1\nRUN PIP_NO_CACHE_DIR=1 pip install flask==3.0 && pipx install black==24.1\n',
    ],
    ['DL3060', 'FROM a:1\nRUN yarn cache clean && yarn install\n', 'FROM a:1\nRUN yarn install && yarn cache clean\n'],
  ];
  for (const [code, bad, good] of PARITY) {
    it(`${code} as hadolint decides it: reports ${JSON.stringify(bad)} and not ${JSON.stringify(good)}`, () => {
      assert.ok(codes(bad).includes(code), JSON.stringify(codes(bad)));
      assert.ok(!codes(good).includes(code), JSON.stringify(codes(good)));
    });
  }

  it('points at the command inside a continued RUN', () => {
    const text = 'FROM a:1\nRUN apt-get install -y --no-install-recommends wget=1 \\\n  && wget -O /x https://y\n';
    const d = diagnostics(text).find((x) => x.code === 'DL3047');
    assert.deepEqual(d?.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 9 } });
  });

  it('runs the RUN rules inside ONBUILD too', () => {
    assert.ok(codes('FROM a:1\nONBUILD RUN yum install -y httpd-2.4\n').includes('DL3032'));
  });

  it('leaves version pins alone when a declared variable holds the version', () => {
    assert.ok(!codes('FROM a:1\nARG V=2.4\nRUN dnf install -y httpd-${V} && dnf clean all\n').includes('DL3041'));
  });

  it('does not double BuildKit’s SecretsUsedInArgOrEnv with DL3064', () => {
    const c = codes('FROM a:1\nARG GITHUB_TOKEN\n');
    assert.ok(c.includes('SecretsUsedInArgOrEnv'));
    assert.ok(!c.includes('DL3064'));
  });

  it('keeps the corpus’s buildable files free of Errors from DL rules', () => {
    for (const [code, bad, , options] of HADOLINT_CASES) {
      const errors = diagnostics(bad, options).filter((d) => d.code === code && d.severity === 1);
      assert.deepEqual(errors, [], `${code} must never be an Error by default`);
    }
  });
});
