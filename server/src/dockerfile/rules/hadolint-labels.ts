// hadolint's LABEL rules: label keys Docker's guidelines allow (DL3048), and the `label-schema` of a .hadolint.yaml
// (labels each stage must set, DL3049; only schema labels with strict-labels, DL3050; values that must not be empty
// and must be a URL, RFC 3339 time, SPDX license, git hash, semantic version or e-mail address, DL3051–DL3058).
// A value holding a variable is left alone: its value is known only at build time.
import * as l10n from '@vscode/l10n';
import spdxIds from 'spdx-license-ids';
import spdxDeprecated from 'spdx-license-ids/deprecated.json';
import type { KeyValue, Stage } from '../parse/model';
import { stripQuotes } from '../parse/variables';
import type { LabelType } from './hadolint-config';
import type { Rule, RuleInput } from './types';

const SPDX = new Set([...spdxIds, ...spdxDeprecated]);
// semver.org's own suggested expression for a SemVer 2.0.0 version.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
// RFC 3339's date-time (section 5.6); the field ranges are checked below.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;
// RFC 5322's addr-spec without comments and folding whitespace: a dot-atom or quoted local part, a dot-atom or
// literal domain. No library for this fits a language server's bundle better than these two lines.
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const EMAIL = new RegExp(`^(${ATOM}(\\.${ATOM})*|"([^"\\\\]|\\\\.)*")@(${ATOM}(\\.${ATOM})*|\\[[^\\[\\]\\\\]*\\])$`);

export const hadolintLabelRules: Rule = (input) => {
  const { model } = input;
  const schema = input.hadolint?.labelSchema ?? {};
  const schemaLabels = Object.keys(schema);
  const strict = !!input.hadolint?.strictLabels && schemaLabels.length > 0;
  for (const outer of model.instructions) {
    const inst = outer.onbuild ?? outer;
    if (inst.name !== 'LABEL') continue;
    for (const p of inst.pairs) {
      const key = stripQuotes(p.key);
      if (!validKey(key))
        input.report({
          code: 'DL3048',
          range: p.keyRange,
          message: l10n.t(
            '"{0}" is not a good label key: use lower-case letters, digits, ".", "-", "_" and "/", start with a letter, end with a letter or digit, no ".." or "--", and not the com.docker., io.docker. or org.dockerproject. namespaces.',
            key,
          ),
        });
      const type = Object.hasOwn(schema, key) ? schema[key] : undefined;
      if (type) checkValue(input, key, type, p);
      else if (strict)
        input.report({
          code: 'DL3050',
          range: p.keyRange,
          message: l10n.t('Label "{0}" is not in the label schema of .hadolint.yaml (strict-labels is on).', key),
        });
    }
  }
  if (schemaLabels.length === 0) return;
  const setIn = model.stages.map((s) => labelsOf(s));
  const copiedFrom = new Set<number>();
  for (const inst of model.instructions) {
    const from = (inst.onbuild ?? inst).flags.find((f) => f.name === 'from')?.value;
    const stage = from !== undefined ? model.stageByName(from) : undefined;
    if (stage) copiedFrom.add(stage.index);
  }
  for (const stage of model.stages) {
    if (copiedFrom.has(stage.index)) continue; // a builder stage: its files are copied, its labels never seen
    for (const label of schemaLabels) {
      let s: Stage | undefined = stage;
      let found = false;
      for (let hops = 0; s && hops <= model.stages.length; hops++) {
        if (setIn[s.index]?.has(label)) {
          found = true;
          break;
        }
        s = s.baseStage !== undefined && s.baseStage < s.index ? model.stages[s.baseStage] : undefined;
      }
      if (!found)
        input.report({
          code: 'DL3049',
          range: stage.from.keywordRange,
          message: l10n.t(
            'This stage does not set the label "{0}" that the label schema of .hadolint.yaml asks for.',
            label,
          ),
        });
    }
  }
};

function labelsOf(stage: Stage): Set<string> {
  const out = new Set<string>();
  for (const outer of stage.instructions) {
    const inst = outer.onbuild ?? outer;
    if (inst.name === 'LABEL') for (const p of inst.pairs) out.add(stripQuotes(p.key));
  }
  return out;
}

function validKey(key: string): boolean {
  return (
    /^[a-z]/.test(key) &&
    /[a-z0-9]$/.test(key) &&
    /^[0-9a-z._/-]*$/.test(key) &&
    !/^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/.test(key) &&
    !key.includes('..') &&
    !key.includes('--')
  );
}

function checkValue(input: RuleInput, key: string, type: LabelType, p: KeyValue): void {
  const value = stripQuotes(p.value ?? '');
  const range = p.valueRange ?? p.range;
  if (value === '') {
    input.report({ code: 'DL3051', range, message: l10n.t('Label "{0}" is empty.', key) });
    return;
  }
  if (value.includes('$')) return;
  const bad = (code: string, what: string) =>
    input.report({ code, range, message: l10n.t('Label "{0}" should be {1}: "{2}" is not.', key, what, value) });
  switch (type) {
    case 'url':
      if (!isUrl(value)) bad('DL3052', 'a URL');
      break;
    case 'rfc3339':
      if (!isRfc3339(value)) bad('DL3053', 'an RFC 3339 time (2024-05-01T12:00:00Z)');
      break;
    case 'spdx':
      if (!SPDX.has(value)) bad('DL3054', l10n.t('an SPDX license identifier (MIT, Apache-2.0 …)'));
      break;
    case 'hash':
      if (!/^[0-9a-f]+$/.test(value) || (value.length !== 40 && value.length !== 7))
        bad('DL3055', l10n.t('a git commit hash (7 or 40 lower-case hex digits)'));
      break;
    case 'semver':
      if (!SEMVER.test(value)) bad('DL3056', 'a semantic version (1.2.3)');
      break;
    case 'email':
      if (!EMAIL.test(value)) bad('DL3058', 'an e-mail address');
      break;
    case 'text':
      break;
  }
}

function isUrl(v: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(v)) return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

function isRfc3339(v: string): boolean {
  const m = RFC3339.exec(v);
  if (!m) return false;
  // The six date and time groups always take part in a match.
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = m.slice(1, 7).map(Number);
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  const offsetOk = m[9] === undefined || (Number(m[10]) <= 23 && Number(m[11]) <= 59);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days && h <= 23 && mi <= 59 && s <= 60 && offsetOk;
}
