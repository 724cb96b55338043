// Oracle layer, Dockerfile half: a private dockerd 26 (trixie's docker.io, see scripts/oracle.sh) decides whether its
// builder rejects a Dockerfile, and Berth must agree: Berth reports an Error ⇔ the builder rejects the file.
// Files: the project's corpora (every FROM rewritten to `FROM scratch`, so nothing is ever pulled) and seeded
// mutations of the corpus files Berth finds clean. A disagreement is either fixed in Berth or explained by an entry
// of ./dockerfile-allowlist.ts; anything else fails the test with the file, Berth's Errors and the builder's message.
//
// How the two verdicts are compared (like with like):
// - Berth's verdict: the Error-severity diagnostics of validateDockerfile() whose rule is in the 'builder' family
//   (rules/catalog.ts). The BuildKit checks and hadolint rules never count, even when configured as Errors.
// - Parse verdict: the classic build API (POST /build, no BuildKit session) parses every instruction with BuildKit's
//   instruction parser before it dispatches anything. The build is asked for a target that cannot exist: a file
//   that parses is then refused with "target stage … could not be found" before any step runs (fast, no
//   containers); any other refusal ("dockerfile parse error on line N: …", "failed to parse Dockerfile: …",
//   "no build stage in current context") is a rejection. Every Berth builder Error except the dispatch-time ones
//   below must match such a rejection.
// - Dispatch verdict, for the Berth Errors the builder only finds while running the steps:
//     InvalidPort                                  ↔ "Invalid containerPort" / "Invalid range format" / "Invalid proto"
//     CopyFromUnknownStage, CopyFromLaterStage,
//     CopyFromCurrentStage                         ↔ "invalid from flag value …" (the name is no earlier stage, so the
//                                                    builder looks it up as an image and fails: no network here)
//   When the file has an EXPOSE, a STOPSIGNAL or a COPY --from, or Berth reports one of these codes, and the file parses, it is
//   built for real (without the impossible target) and the error of the failing step decides. Steps after the
//   failing one are never reached (on scratch a RUN fails, a COPY source is missing): Berth's dispatch-time Errors on
//   instructions after it are left out of the comparison, since the builder gave no verdict on them.
//     ExtraArguments, InvalidArgument on STOPSIGNAL ↔ "invalid signal"
//   Other dispatch errors (a missing COPY source, RUN without a shell, "--chmod requires BuildKit") are no verdict.
//
//   BERTH_ORACLE_DOCKERD=/path/to/dockerd   the dockerd 26 binary (run-layer.mjs sets it); needs root and unshare
//   BERTH_SEED=N                            replays the mutations of an earlier run (its seed is printed)
//   BERTH_ORACLE_DOCKERFILE_MUTATIONS=N     how many mutations (default 320)
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { propertySeed, replayHint } from '../support/property-seed';
import * as tar from 'tar-stream';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { validateDockerfile } from '../../server/src/dockerfile/diagnostics';
import { parseDockerfile } from '../../server/src/dockerfile/parse/document';
import { ruleInfo } from '../../server/src/dockerfile/rules/catalog';
import { pingOk } from '../support/second-dockerd';
import { DOCKERFILE_ALLOWLIST } from './dockerfile-allowlist';
import { skipOutsideCi } from '../support/skip-outside-ci';
import { judgeAll, logTally, tally } from './verdicts';
import { filesUnder } from '../support/files-under';

const ROOT = path.resolve(__dirname, '../..');
const DOCKERD = process.env.BERTH_ORACLE_DOCKERD ?? '';
if (!DOCKERD)
  skipOutsideCi('the Dockerfile oracle', 'BERTH_ORACLE_DOCKERD is not set (run through scripts/run-layer.mjs oracle)');
const CONCURRENCY = 2;
const MUTATIONS = Number(process.env.BERTH_ORACLE_DOCKERFILE_MUTATIONS ?? 320);
const NO_TARGET = 'berth-oracle-no-such-stage';
const DISPATCH_CODES: Record<string, RegExp> = {
  InvalidPort: /Invalid containerPort|Invalid range format|Invalid proto|invalid port/i,
  CopyFromUnknownStage: /invalid from flag value/i,
  CopyFromLaterStage: /invalid from flag value/i,
  CopyFromCurrentStage: /invalid from flag value/i,
};
/** Dispatch-time Errors Berth shares a code with parse-time ones: told apart by the instruction. */
const DISPATCH_BY_INSTRUCTION: Record<string, [string[], RegExp]> = {
  STOPSIGNAL: [['ExtraArguments', 'InvalidArgument'], /Invalid signal/i], // the rest of the line is one argument, checked as a signal at dispatch
};
const DISPATCH_ANY = new RegExp(
  [...Object.values(DISPATCH_CODES), ...Object.values(DISPATCH_BY_INSTRUCTION).map(([, r]) => r)]
    .map((r) => r.source)
    .join('|'),
  'i',
);

interface Case {
  label: string;
  text: string;
}
interface Oracle {
  error: boolean;
  message: string;
}
interface Verdict {
  c: Case;
  dispatched: boolean;
  codes: string[];
  errors: { code: string; line: string }[];
  messages: string[];
  berthError: boolean;
  oracleError: boolean;
  message: string;
}

// ── Files ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** Every FROM's image becomes `scratch` unless it names an earlier stage; flags, AS names and line numbers stay. */
export function toScratch(text: string): string {
  const stages = new Set<string>();
  return text
    .split('\n')
    .map((line) => {
      const m = /^(\s*FROM\s+(?:--\S+\s+)*)(\S+)(.*)$/i.exec(line);
      if (!m || m[2].endsWith('\\')) return line;
      const as = /^\s+AS\s+(\S+)/i.exec(m[3]);
      const image = stages.has(m[2].toLowerCase()) ? m[2] : 'scratch';
      if (as) stages.add(as[1].toLowerCase());
      return `${m[1]}${image}${m[3]}`;
    })
    .join('\n');
}

function corpusCases(): Case[] {
  return [
    ...filesUnder(path.join(ROOT, 'test/fixtures/dockerfile-corpus'), (n) => !n.endsWith('.json')),
    ...filesUnder(path.join(ROOT, 'examples'), (n) => /^Dockerfile/.test(n) || /\.Dockerfile$/.test(n)),
  ].map((f) => ({ label: path.relative(ROOT, f), text: toScratch(readFileSync(f, 'utf8')) }));
}

// ── Mutations ──────────────────────────────────────────────────────────────────────────────────────────────────

const pick = <T>(xs: readonly T[], n: number): T => xs[n % xs.length];
const caseOf = (s: string, n: number) =>
  pick([s, s.toUpperCase(), s.charAt(0).toUpperCase() + s.slice(1), s.toLowerCase()], n);
const BOOLS = ['true', 'false', '1', '0', 't', 'f', 'yes', 'no', 'on', '', 'maybe', 'tRuE'];
const DURATIONS = ['5s', '5', '1m30s', '0', '0s', '1.5s', '-1s', 'abc', '', '10ms', '2h', '5S', '1d'];
const MODES = ['0755', '755', '644', '999', 'u+x', 'a=rX', 'g-w,o-w', '+x', 'rwx', '', '07777', '8', '0o755'];
const STAGE_NAMES = ['build', 'Build', '1abc', 'a_b', 'a.b', 'a-b', '-x', '_x', 'stage$x', 'b@d', 'x'.repeat(3)];
const PORTS = [
  '80',
  '80/tcp',
  '80/UDP',
  '80/sctp',
  '80/http',
  '70000',
  '0',
  '8000-8010',
  '8010-8000',
  '80:80',
  '80/tcp/x',
  'abc',
  '"80"',
  '$PORT',
];
const ESCAPES = ['`', '\\', 'x', '``', '', ' `', '"'];
const INSTRUCTIONS = [
  'RUN',
  'CMD',
  'LABEL',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
  'MAINTAINER',
];

/** Each generator gets two numbers and returns lines to insert after the first FROM (or at the end). */
const SNIPPETS: Record<string, (a: number, b: number) => string> = {
  boolFlag: (a, b) =>
    `${pick(['COPY', 'ADD'], a)} --${pick(['link', 'parents', 'keep-git-dir', 'unpack'], b)}=${caseOf(pick(BOOLS, a >> 2), b >> 3)} a b`,
  bareBoolFlag: (a, b) => `${pick(['COPY', 'ADD'], a)} --${pick(['link', 'parents', 'link=', 'LINK', 'Link'], b)} a b`,
  chmod: (a, b) => `${pick(['COPY', 'ADD'], a)} --chmod=${pick(MODES, b)} a b`,
  chown: (a, b) =>
    `COPY --chown=${pick(['1000', '1000:1000', 'app:app', '', '$UID'], a)}${pick(['', ' --chown=2'], b)} a b`,
  duration: (a, b) =>
    `HEALTHCHECK --${pick(['interval', 'timeout', 'start-period', 'start-interval'], a)}=${pick(DURATIONS, b)} CMD true`,
  retries: (a) => `HEALTHCHECK --retries=${pick(['3', '0', '-1', 'x', '', '1.5'], a)} CMD true`,
  healthNone: (a, b) =>
    `HEALTHCHECK ${pick(['', '--interval=5s ', '--retries=3 ', '--interval=5 ', '--bogus=1 '], a)}${caseOf('none', b)}${pick(['', '', ' extra'], b >> 2)}`,
  healthOther: (a, b) =>
    `HEALTHCHECK ${pick(['CMD', 'cmd', 'FOO', '', 'CMD ["true"]', 'CMD []'], a)}${pick([' true', ''], b)}`,
  runFlags: (a, b) =>
    `RUN --${pick(['network', 'security', 'mount', 'device', 'netwrk'], a)}=${pick(['none', 'host', 'default', 'bridge', 'sandbox', 'insecure', 'type=cache,target=/x', 'type=bind', 'type=weird,target=/x', 'type=cache,target=/x,sharing=locked', 'type=tmpfs,target=/t,size=1m', ''], b)} true`,
  unknownFlag: (a, b) =>
    `${pick(['COPY', 'ADD', 'RUN', 'FROM', 'WORKDIR', 'EXPOSE'], a)} --${pick(['form', 'bogus', 'platform=linux/amd64', 'from=x', 'chmod=644'], b)} a b`,
  duplicateFlag: (a) =>
    pick(
      [
        'COPY --chown=1 --chown=2 a b',
        'COPY --exclude=x --exclude=y a b',
        'COPY --from=0 --from=0 a b',
        'RUN --network=none --network=host true',
        'COPY --link --link=false a b',
      ],
      a,
    ),
  platform: (a) =>
    `FROM --platform=${pick(['linux/amd64', 'linux', 'linux/arm64/v8', '$BUILDPLATFORM', 'not a platform', '', 'Linux/AMD64'], a)} scratch`,
  checksum: (a) =>
    `ADD --checksum=${pick(['sha256:' + 'a'.repeat(64), 'sha256:abc', 'md5:' + 'a'.repeat(32), ''], a)} https://example.invalid/x /x`,
  escapeDirective: (a) => `#escape=${pick(ESCAPES, a)}`,
  syntaxDirective: (a) => `# syntax=${pick(['docker/dockerfile:1', 'docker/dockerfile:1.7-labs', '', 'x'], a)}`,
  continuation: (a, b) =>
    `RUN echo a ${pick(['\\\n    b', '\\\n\n    b', '\\\n# comment\n    b', '\\\n  \n    b', '\\', '\\\n', '`\n    b', '\\ \t\n    b'], a)}${pick(['', ' \\\n    c'], b)}`,
  backtickEscape: (a) =>
    pick(['# escape=`', '# escape=`\n# escape=\\', '#escape=`', '# ESCAPE=`', '# foo=bar\n# escape=`'], a),
  stopsignal: (a) =>
    `STOPSIGNAL ${pick(['SIGTERM', '9', 'SIGKILL SIGTERM', 'foo', 'sigterm', 'SIGRTMIN+3', '$SIG', '0', 'TERM'], a)}`,
  heredoc: (a, b) =>
    pick(
      [
        `RUN <<EOF\necho hi\nEOF`,
        `RUN <<-EOF\n\techo hi\n\tEOF`,
        `COPY <<EOF /x\nhello\nEOF`,
        `RUN <<EOF\necho unterminated`,
        `RUN <<'EOF' bash\necho $x\nEOF`,
        `RUN cat <<A <<B\na\nA\nb\nB`,
        `COPY <<EOF\nx\nEOF`,
        `RUN <<EOF`,
      ],
      a + b,
    ),
  jsonForm: (a, b) =>
    `${pick(['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME', 'COPY', 'ADD'], a)} ${pick(['["a", "b"]', "['a', 'b']", '["a",]', '[', '["a" "b"]', '[]', '["C:\\\\x"]', '["a\\x"]', 'a b', '[ "a" ]'], b)}`,
  stageName: (a, b) =>
    `FROM scratch ${pick(['AS', 'as', 'As', 'AS', 'is'], b)} ${pick(STAGE_NAMES, a)}${pick(['', '', ' extra'], b >> 3)}`,
  fromShape: (a) =>
    pick(
      [
        'FROM scratch AS',
        'FROM',
        'FROM scratch scratch',
        'FROM scratch AS a b',
        'FROM $UNSET_BASE',
        'FROM ${UNSET_BASE:-scratch}',
        'FROM scratch AS a\nFROM a',
      ],
      a,
    ),
  copyFrom: (a, b) =>
    `COPY --from=${pick(['0', '1', '99', '-1', 'buidl', 'build', 'later', 'alpine', 'nope', '$X', ''], a)} ${pick(['a b', '/x /y'], b)}`,
  expose: (a, b) => `EXPOSE ${pick(PORTS, a)}${pick(['', ' 443'], b)}`,
  keyValue: (a, b) =>
    `${pick(['ENV', 'LABEL', 'ARG'], a)} ${pick(['A=1', 'A', 'A 1', 'A=1 B', '=1', 'A="x y"', 'A=1 B=2', 'A B C', '"A"=1', 'A=', ''], b)}`,
  argCount: (a) =>
    pick(
      [
        'USER a b',
        'USER',
        'STOPSIGNAL SIGTERM SIGKILL',
        'STOPSIGNAL',
        'WORKDIR',
        'WORKDIR a b',
        'COPY a',
        'ADD a',
        'VOLUME',
        'CMD',
        'MAINTAINER',
        'ONBUILD',
        'ENTRYPOINT',
        'ARG',
        'ARG A B',
      ],
      a,
    ),
  onbuild: (a) =>
    `ONBUILD ${pick(['ONBUILD RUN x', 'FROM scratch', 'MAINTAINER x', 'RUN x', 'COPY a b', 'BOGUS x', 'run x', ''], a)}`,
  unknownInstruction: (a, b) =>
    `${pick(['FOO', 'RUNN', 'COPPY', 'EXPOSED', 'FROMM', 'run', 'Copy', 'cmd'], a)} ${pick(['x', 'a b', ''], b)}`,
  instructionCase: (a, b) => `${caseOf(pick(INSTRUCTIONS, a), b)} ${pick(['x', 'a b', 'A=1', '["x"]'], b >> 2)}`,
  argBeforeFrom: (a) =>
    pick(['ARG BASE=scratch', 'ARG BASE', 'ENV A=1', 'RUN true', 'LABEL a=b', '# comment', 'ARG A=1 B=2'], a),
};
const SNIPPET_NAMES = Object.keys(SNIPPETS);
/** Where a snippet goes: right after the first FROM line, at the end, or at the very top (directives, ARG/FROM). */
const PLACES = ['afterFrom', 'end', 'top'] as const;

function firstFromLine(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*FROM\s/i.test(lines[i])) {
      let j = i;
      while (lines[j].endsWith('\\') && j + 1 < lines.length) j++;
      return j;
    }
  }
  return -1;
}

function mutate(text: string, name: string, a: number, b: number, place: (typeof PLACES)[number]): string {
  const snippet = SNIPPETS[name](a, b);
  const lines = text.replace(/\n$/, '').split('\n');
  const top =
    name === 'escapeDirective' || name === 'syntaxDirective' || name === 'backtickEscape' || name === 'argBeforeFrom'
      ? 'top'
      : place;
  if (top === 'top') return `${snippet}\n${lines.join('\n')}\n`;
  const at = firstFromLine(lines);
  // A file ending inside a heredoc or a continuation would swallow the snippet: append only after a plain line.
  if (top === 'end' || at < 0) return `${lines.join('\n')}\n${snippet}\n`;
  lines.splice(at + 1, 0, snippet);
  return `${lines.join('\n')}\n`;
}

const mutationArb = (sources: number) =>
  fc.record({
    source: fc.nat(sources - 1),
    ops: fc.array(fc.tuple(fc.constantFrom(...SNIPPET_NAMES), fc.nat(), fc.nat(), fc.constantFrom(...PLACES)), {
      minLength: 1,
      maxLength: 2,
    }),
  });

function mutatedCases(sources: Case[]): Case[] {
  return fc
    .sample(mutationArb(sources.length), { seed: propertySeed, numRuns: MUTATIONS })
    .map(({ source, ops }, i) => {
      const src = sources[source];
      let text = src.text;
      for (const [name, a, b, place] of ops) text = mutate(text, name, a, b, place);
      return {
        label: `mutation #${i} of ${src.label}: ${ops.map(([n, a, b, p]) => `${n}(${a % 97},${b % 97})@${p}`).join(' + ')}`,
        text,
      };
    });
}

// ── The private dockerd ────────────────────────────────────────────────────────────────────────────────────────

let dir = '';
let socket = '';
let daemon: ChildProcess | undefined;

/** Its own network namespace (unshare -n): `--bridge none` then touches no host interface, and no build can reach a
 * registry. Everything lives under one temp folder, removed by stopDaemon(). */
async function startDaemon(): Promise<void> {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-oracle-dockerd-'));
  socket = path.join(dir, 'docker.sock');
  daemon = spawn(
    'unshare',
    [
      '-n',
      DOCKERD,
      '--host',
      `unix://${socket}`,
      '--data-root',
      path.join(dir, 'data'),
      '--exec-root',
      path.join(dir, 'exec'),
      '--pidfile',
      path.join(dir, 'pid'),
      '--bridge',
      'none',
      '--iptables=false',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  daemon.stderr!.on('data', (d) => {
    log = (log + d).slice(-4000);
  });
  const t0 = Date.now();
  while (!(await pingOk(socket))) {
    if (daemon.exitCode !== null) throw new Error(`dockerd 26 exited with ${daemon.exitCode}:\n${log}`);
    if (Date.now() - t0 > 60_000) throw new Error(`dockerd 26 did not answer within 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopDaemon(): Promise<void> {
  const d = daemon;
  daemon = undefined;
  if (d && d.exitCode === null && d.signalCode === null) {
    const exited = new Promise((r) => d.once('exit', r));
    d.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    if (d.exitCode === null && d.signalCode === null) {
      d.kill('SIGKILL');
      await exited;
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  dir = '';
}
// A test run cut short (Ctrl-C, a crash) must not leave the daemon behind.
process.once('exit', () => {
  if (daemon && daemon.exitCode === null) daemon.kill('SIGKILL');
});

async function contextTar(dockerfile: string): Promise<Buffer> {
  const p = tar.pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((resolve, reject) => {
    p.on('end', () => resolve());
    p.on('error', reject);
  });
  p.entry({ name: 'Dockerfile', mode: 0o644 }, dockerfile);
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

interface Build {
  status: number;
  body: string;
}
function build(body: Buffer, target: string | undefined): Promise<Build> {
  const q = new URLSearchParams({ dockerfile: 'Dockerfile', rm: '1', forcerm: '1', networkmode: 'none', nocache: '1' });
  if (target) q.set('target', target);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        socketPath: socket,
        method: 'POST',
        path: `/v1.45/build?${q}`,
        headers: { 'Content-Type': 'application/x-tar', 'Content-Length': body.length },
        timeout: 60_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('build timed out')));
    req.end(body);
  });
}

/** The JSON messages of a build answer: `{"message"}` for a refusal, `{"stream"}`/`{"error"}` lines while building. */
function messages(body: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of body.split(/\r?\n/)) {
    try {
      if (line.trim()) out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      /* not JSON */
    }
  }
  return out;
}

// ── Judging ────────────────────────────────────────────────────────────────────────────────────────────────────

function berthErrors(text: string): Diagnostic[] {
  return validateDockerfile(text, {
    onRuleError: (_f, e) => {
      throw e;
    },
  }).filter((d) => d.severity === DiagnosticSeverity.Error && ruleInfo(String(d.code))?.family === 'builder');
}

/** The instruction keyword of the line a diagnostic starts on (upper case), or ''. */
function keywordAt(text: string, d: Diagnostic): string {
  return /^\s*([A-Za-z]+)/.exec(text.split(/\r?\n/)[d.range.start.line] ?? '')?.[1].toUpperCase() ?? '';
}
function isDispatch(text: string, d: Diagnostic): boolean {
  const code = String(d.code);
  return code in DISPATCH_CODES || !!DISPATCH_BY_INSTRUCTION[keywordAt(text, d)]?.[0].includes(code);
}

async function judge(c: Case): Promise<Verdict> {
  let errors = berthErrors(c.text);
  const ctx = await contextTar(c.text);
  const parse = await build(ctx, NO_TARGET);
  const refusal = String(messages(parse.body)[0]?.message ?? parse.body.trim());
  let oracle: Oracle;
  let dispatched = false;
  if (parse.status !== 200 && !refusal.includes(`target stage "${NO_TARGET}" could not be found`)) {
    oracle = { error: true, message: refusal };
  } else if (errors.some((d) => isDispatch(c.text, d)) || /^\s*(EXPOSE|STOPSIGNAL|COPY\s[^\n]*--from)/im.test(c.text)) {
    // Dispatch-time errors: build for real; the failing step's error decides, later steps were never reached.
    const run = await build(ctx, undefined);
    dispatched = true;
    const msgs = messages(run.body);
    const error = msgs.find((m) => typeof m.error === 'string')?.error as string | undefined;
    // "Step N/M : …": the classic builder numbers every instruction, the ARGs before the first FROM included.
    const steps = Math.max(
      0,
      ...msgs.map((m) => Number(/^Step (\d+)\/\d+ : /.exec(typeof m.stream === 'string' ? m.stream : '')?.[1] ?? 0)),
    );
    if (run.status !== 200) oracle = { error: true, message: String(msgs[0]?.message ?? run.body.trim()) };
    else if (error === undefined) oracle = { error: false, message: '' };
    else {
      const model = parseDockerfile(c.text);
      const failing = model.instructions[steps - 1];
      errors = errors.filter((d) => !isDispatch(c.text, d) || !failing || d.range.start.line <= failing.endLine);
      oracle = { error: DISPATCH_ANY.test(error), message: `step ${steps} fails: ${error}` };
    }
  } else oracle = { error: false, message: '' };
  const codes = [...new Set(errors.map((d) => String(d.code)))].sort();
  const lines = c.text.split(/\r?\n/);
  return {
    c,
    dispatched,
    codes,
    errors: errors.map((d) => ({ code: String(d.code), line: lines[d.range.start.line] ?? '' })),
    messages: errors.map((d) => `${d.code} (line ${d.range.start.line + 1}): ${d.message}`),
    berthError: errors.length > 0,
    oracleError: oracle.error,
    message: oracle.message,
  };
}

describe(
  'Dockerfile oracle: Berth reports an Error ⇔ the builder of dockerd 26 rejects the file',
  { skip: !DOCKERD },
  () => {
    before(startDaemon, { timeout: 90_000 });
    after(stopDaemon, { timeout: 60_000 });

    it('agrees on the corpora and on seeded mutations of the clean files', { timeout: 600_000 }, async () => {
      console.log(`[oracle] dockerfile: seed ${propertySeed} (${replayHint}), ${MUTATIONS} mutations`);
      const corpus = corpusCases();
      const sources = corpus.filter((c) => berthErrors(c.text).length === 0);
      const verdicts = await judgeAll([...corpus, ...mutatedCases(sources)], CONCURRENCY, (c) => judge(c));

      // The builder rejects what Berth accepts: one entry explains the file. Berth rejects what the builder accepts:
      // each of Berth's Errors needs an entry (a file with Errors of two explained kinds counts under both).
      const counted = tally(verdicts, (v) =>
        v.oracleError
          ? [DOCKERFILE_ALLOWLIST.find((e) => e.matches(v.codes, v.message, v.c.text, []))?.cause]
          : [
              ...new Set(
                v.errors.map(
                  (x) => DOCKERFILE_ALLOWLIST.find((e) => e.matches([x.code], '', v.c.text, [x.line]))?.cause,
                ),
              ),
            ],
      );
      const { agreements, unexplained } = counted;
      const rejected = verdicts.filter((v) => v.oracleError).length;
      console.log(
        `[oracle] dockerfile: ${verdicts.length} files (${corpus.length} corpus, ${verdicts.length - corpus.length} mutations; the builder rejects ${rejected}, ` +
          `${verdicts.filter((v) => v.dispatched).length} built past parsing for dispatch-time checks), ` +
          `${agreements} agreements, ${verdicts.length - agreements} disagreements`,
      );
      logTally(counted);
      for (const v of unexplained) {
        console.log(
          `\n[oracle] DISAGREEMENT on ${v.c.label}\n  Berth: ${v.berthError ? `Error ${v.messages.join('\n    ')}` : 'no Error'}` +
            `\n  builder: ${v.oracleError ? `rejects: ${v.message}` : `accepts${v.message ? ` (${v.message})` : ''}`}\n  ---- file ----\n${v.c.text}\n  --------------`,
        );
      }
      assert.equal(
        unexplained.length,
        0,
        `${unexplained.length} disagreements between Berth and the dockerd 26 builder are neither fixed nor allowlisted (see above; ${replayHint})`,
      );
    });
  },
);
