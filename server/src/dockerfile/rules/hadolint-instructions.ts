// hadolint's rules on instructions other than what RUN runs: inline ignore pragmas (DL1001), COPY of several sources
// to a non-folder (DL3021), trusted registries (DL3026), FROM --platform (DL3029), ENV reading its own pairs
// (DL3044), COPY to a relative path without WORKDIR (DL3045), stages without HEALTHCHECK (DL3057), secrets in ARG/ENV
// names (DL3064), non-numeric USER (DL3066), and copying a whole file system from another stage (DL3067).
import * as l10n from '@vscode/l10n';
import type { Instruction, Stage, Word } from '../parse/model';
import { stripQuotes } from '../parse/variables';
import { instructionMemo } from '../parse/semantic';
import { baseLineage } from './locate';
import { wanted, type Rule, type RuleInput } from './types';

export const hadolintInstructionRules: Rule = (input) => {
  const { model } = input;
  if (wanted(input, 'DL1001'))
    for (const c of model.comments)
      if (/^\s*hadolint\s+ignore\s*=/.test(c.text))
        input.report({
          code: 'DL1001',
          range: c.range,
          message: l10n.t('An inline `# hadolint ignore=` pragma: prefer fixing the finding or configuring the rule.'),
        });
  trustedRegistries(input);
  for (const outer of model.instructions) {
    const inst = outer.onbuild ?? outer;
    if (inst.name === 'COPY') copyPaths(input, inst);
    if (inst.name === 'ENV') envSelfReference(input, outer, inst);
    if (inst.name === 'ARG' || inst.name === 'ENV') sensitiveNames(input, inst);
    if (inst.name === 'USER') user(input, inst);
  }
  for (const stage of model.stages) {
    const platform = stage.platform;
    if (platform?.value?.includes('$') && !/BUILDPLATFORM|TARGETPLATFORM/.test(platform.value))
      input.report({
        code: 'DL3029',
        range: platform.range,
        message: l10n.t(
          'FROM --platform={0} pins the stage to a platform chosen elsewhere: leave it out, or use $BUILDPLATFORM for a cross-compiling stage.',
          platform.value,
        ),
      });
    relativeCopies(input, stage);
  }
  missingHealthchecks(input);
};

function pathsOf(inst: Instruction): Word[] {
  const words = inst.form === 'exec' ? (inst.execArgs ?? []) : inst.args;
  return words.map((w) => ({ value: stripQuotes(w.value), range: w.range }));
}

function copyPaths(input: RuleInput, inst: Instruction): void {
  if (inst.heredocs.length > 0 || inst.jsonProblem) return;
  const paths = pathsOf(inst);
  const dest = paths.at(-1);
  if (paths.length < 2 || !dest) return;
  if (paths.length > 2 && !dest.value.endsWith('/') && !dest.value.includes('$'))
    input.report({
      code: 'DL3021',
      range: dest.range,
      message: l10n.t(
        'COPY of several sources needs a folder as destination: end it with a slash ("{0}/").',
        dest.value,
      ),
      fix: { kind: 'insertText', at: dest.range.end, text: '/' },
    });
  if (
    inst.flags.some((f) => f.name === 'from') &&
    dest.value === '/' &&
    paths.slice(0, -1).some((p) => p.value === '/')
  )
    input.report({
      code: 'DL3067',
      range: inst.argsRange,
      message: l10n.t('This copies the whole file system of another image or stage: copy only the folders you need.'),
    });
}

/** Per ENV: [a pair's index, the index of the first other pair of the same ENV that reads it]. */
type SelfReads = readonly (readonly [number, number])[];
const ENV_SELF_READS = Symbol('ENV pairs read by their own ENV');

/** DL3044: `ENV A=1 B=$A` reads A from before this ENV (unset here), not the 1 set beside it. */
function envSelfReference(input: RuleInput, outer: Instruction, inst: Instruction): void {
  if (inst.pairs.length < 2) return;
  const { model } = input;
  // Which pairs read which depends on the ENV's own text, so it is kept while the instruction is: a regular expression
  // per pair, built on every keystroke, was the costliest hadolint check on a file with an ENV in every stage.
  const memo = instructionMemo(model, ENV_SELF_READS) as Map<Instruction, SelfReads>;
  let reads = memo.get(outer);
  if (!reads) memo.set(outer, (reads = selfReads(inst)));
  const before = (name: string) =>
    model.declarations.some(
      (d) => d.name === name && d.instruction.index < inst.index && (d.scope === inst.stage || d.scope === -1),
    );
  for (const [i, j] of reads) {
    const key = inst.pairs[i]!.key;
    const user = inst.pairs[j]!;
    if (!before(key))
      input.report({
        code: 'DL3044',
        range: user.valueRange ?? user.range,
        message: l10n.t(
          '{0} is set in this same ENV: the reference reads its value from before this ENV (unset). Set {1} in an ENV of its own first.',
          key,
          key,
        ),
      });
  }
}

function selfReads(inst: Instruction): SelfReads {
  if (!inst.pairs.some((p) => p.value?.includes('$'))) return [];
  const reads: [number, number][] = [];
  inst.pairs.forEach((p, i) => {
    const bare = new RegExp(`\\$(\\{${escape(p.key)}\\}|${escape(p.key)}(?![A-Za-z0-9_]))`);
    const j = inst.pairs.findIndex((q, k) => k !== i && q.value !== undefined && bare.test(q.value));
    if (j >= 0) reads.push([i, j]);
  });
  return reads;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const SENSITIVE = new Set([
  'ACCESS_TOKEN',
  'APPLICATION_KEY',
  'APP_SECRET',
  'AUTH_TOKEN',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'BITTREX_API_KEY',
  'BITTREX_API_SECRET',
  'CF_PASSWORD',
  'CF_USERNAME',
  'CIRCLE_TOKEN',
  'CI_DEPLOY_PASSWORD',
  'CI_DEPLOY_USER',
  'DOCKERHUB_PASSWORD',
  'DOCKER_EMAIL',
  'DOCKER_PASSWORD',
  'DOCKER_USERNAME',
  'FACEBOOK_ACCESS_TOKEN',
  'FACEBOOK_APP_ID',
  'FACEBOOK_APP_SECRET',
  'FIREBASE_API_TOKEN',
  'FIREBASE_TOKEN',
  'FOSSA_API_KEY',
  'GH_ENTERPRISE_TOKEN',
  'GH_TOKEN',
  'GITHUB_ENTERPRISE_TOKEN',
  'GITHUB_TOKEN',
  'HEROKU_API_KEY',
  'HEROKU_API_USER',
  'NPM_AUTH_TOKEN',
  'NPM_TOKEN',
  'OKTA_AUTHN_GROUPID',
  'OKTA_CLIENT_ORGURL',
  'OKTA_CLIENT_TOKEN',
  'OKTA_OAUTH2_CLIENTID',
  'OKTA_OAUTH2_CLIENTSECRET',
  'OPENAI_API_KEY',
  'OS_PASSWORD',
  'OS_USERNAME',
  'POSTGRES_PASSWORD',
  'SLACK_TOKEN',
  'STRIPE_API_KEY',
  'STRIPE_DEVICE_NAME',
  'TRAVIS_OS_NAME',
  'TRAVIS_SECURE_ENV_VARS',
  'TRAVIS_SUDO',
  'VAULT_CLIENT_KEY',
  'VAULT_TOKEN',
]);
const SUSPICIOUS = /api_key|client_key|password|private|secret|token|username/i;
// Names BuildKit's SecretsUsedInArgOrEnv already reports (buildkit.ts): one diagnostic per name is enough.
const BUILDKIT_SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const BUILDKIT_PUBLIC = /(?:_|^)(?:public|file|version)(?:_|$)/i;

function sensitiveNames(input: RuleInput, inst: Instruction): void {
  for (const p of inst.pairs) {
    const name = p.key;
    if (BUILDKIT_SECRET.test(name) && !BUILDKIT_PUBLIC.test(name)) continue;
    if (SENSITIVE.has(name.toUpperCase()) || SUSPICIOUS.test(name))
      input.report({
        code: 'DL3064',
        range: p.keyRange,
        message: l10n.t(
          '{0} may hold sensitive data: ARG and ENV values stay in the image history; pass it with RUN --mount=type=secret.',
          name,
        ),
      });
  }
}

function user(input: RuleInput, inst: Instruction): void {
  if (!wanted(input, 'DL3066')) return;
  const value = stripQuotes(inst.argsText.trim());
  const uid = value.split(':')[0];
  // A variable is left alone: ENV from the base image (USER $APP_UID) holds numbers as often as names.
  if (!uid || /^\d+$/.test(uid) || uid.includes('$')) return;
  input.report({
    code: 'DL3066',
    range: inst.argsRange,
    message: l10n.t(
      "USER {0} is a name: the host (and Kubernetes' runAsNonRoot) cannot resolve it; use the numeric UID.",
      uid,
    ),
  });
}

function relativeCopies(input: RuleInput, stage: Stage): void {
  let workdir = !!baseLineage(input.model, stage)?.workdir;
  for (const outer of stage.instructions) {
    const inst = outer.onbuild ?? outer;
    if (inst.name === 'WORKDIR') workdir = true;
    if (inst.name !== 'COPY' || workdir || inst.jsonProblem) continue;
    const paths = pathsOf(inst);
    const dest = paths[paths.length - 1];
    if (paths.length < 2 && inst.heredocs.length === 0) continue;
    if (!dest || /^([/$]|[A-Za-z]:)/.test(dest.value)) continue;
    input.report({
      code: 'DL3045',
      range: dest.range,
      message: l10n.t(
        'COPY to the relative path "{0}" without a WORKDIR: it lands wherever the base image\'s WORKDIR is. Set WORKDIR first, or use an absolute path.',
        dest.value,
      ),
    });
  }
}

/** DL3057 (off by default, as in hadolint): no HEALTHCHECK in a stage, in what it builds on, or in what builds on it. */
function missingHealthchecks(input: RuleInput): void {
  if (!wanted(input, 'DL3057')) return;
  const { model } = input;
  const has = model.stages.map((s) => s.instructions.some((i) => i.name === 'HEALTHCHECK'));
  for (const s of model.stages) if (s.baseStage !== undefined && has[s.baseStage]) has[s.index] = true;
  for (let i = model.stages.length - 1; i >= 0; i--) {
    const base = model.stages[i]!.baseStage; // 0 ≤ i < model.stages.length
    if (has[i] && base !== undefined && base < i) has[base] = true;
  }
  model.stages.forEach((s, i) => {
    if (!has[i])
      input.report({
        code: 'DL3057',
        range: s.from.keywordRange,
        message: l10n.t('This stage has no HEALTHCHECK: the engine cannot tell a hung container from a healthy one.'),
      });
  });
}

/** DL3026: FROM, COPY --from and RUN --mount from= may name images only from the configured registries. */
function trustedRegistries(input: RuleInput): void {
  const allowed = input.hadolint?.trustedRegistries ?? [];
  if (allowed.length === 0) return;
  const { model } = input;
  const check = (image: string, range: Word['range']) => {
    if (!image || image.includes('$') || image.toLowerCase() === 'scratch' || model.stageByName(image)) return;
    if (/^\d+$/.test(image)) return;
    const registry = registryOf(image);
    const ok = registry
      ? allowed.some((a) => registryMatches(a, registry))
      : allowed.some((a) => registryMatches(a, 'docker.io') || registryMatches(a, 'hub.docker.com'));
    if (!ok)
      input.report({
        code: 'DL3026',
        range,
        message: l10n.t(
          '{0} comes from {1}, which is not among the trusted registries ({2}).',
          image,
          registry ?? l10n.t('Docker Hub'),
          allowed.join(', '),
        ),
      });
  };
  for (const stage of model.stages) {
    if (stage.baseStage === undefined && stage.baseRange) check(stage.base, stage.baseRange);
  }
  for (const outer of model.instructions) {
    const inst = outer.onbuild ?? outer;
    for (const f of inst.flags) {
      if (inst.name === 'COPY' && f.name === 'from' && f.value && f.valueRange) check(f.value, f.valueRange);
      if (inst.name === 'RUN' && f.name === 'mount' && f.value) {
        const from = /(?:^|,)from=([^,]+)/.exec(f.value);
        if (from && /(^|,)type=(cache|bind)(,|$)|^(?!.*type=)/.test(f.value)) check(from[1]!, f.valueRange ?? f.range);
      }
    }
  }
}

/** The registry part of an image reference, or undefined for Docker Hub's short form (`alpine`, `library/x`). */
export function registryOf(image: string): string | undefined {
  const slash = image.indexOf('/');
  if (slash < 0) return undefined;
  const first = image.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : undefined;
}

/** hadolint's registry patterns: `*` anything, `*.corp.com` a suffix, `corp.*` a prefix, else the exact name. */
export function registryMatches(pattern: string, registry: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return registry.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return registry.startsWith(pattern.slice(0, -1));
  return registry === pattern;
}
