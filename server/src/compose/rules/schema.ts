// Checks the file against our Compose model (one walk; `path` is a stack pushed and popped on the way, copied only
// when a finding needs it): unknown keys (with did-you-mean), wrong types, enum values, ranges,
// value syntaxes, invalid names, deprecated and obsolete keys. Interpolated values are checked only once every
// variable in them is known; otherwise they are left alone (no false positive).
import { translated } from '../../l10n/locale';
import * as l10n from '@vscode/l10n';
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { closest } from '../../text/did-you-mean';
import { hasInterpolation } from '../parse/interpolation';
import { effectivePairs, keyText, type YamlPath } from '../parse/document';
import { describeKinds, isExtensionKey, rootSpec, type SpecNode, type ValueKind } from '../spec';
import { checkFormat } from './formats';
import { literal, rangeOf, type Rule, type RuleContext } from './context';

const BOOLEAN_WORDS = /^(true|false|yes|no|on|off|y|n)$/i;

/** Whether a string converts to one of the accepted scalar kinds (Compose casts strings after interpolation). */
function castable(value: string, kinds: readonly ValueKind[]): boolean {
  const v = value.trim();
  if (kinds.includes('string')) return true;
  if (kinds.includes('integer') && /^[-+]?\d+$/.test(v)) return true;
  if (kinds.includes('number') && v !== '' && !Number.isNaN(Number(v))) return true;
  if (kinds.includes('boolean') && BOOLEAN_WORDS.test(v)) return true;
  return false;
}

function kindOf(node: unknown): ValueKind | undefined {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'string';
}

function accepts(kinds: readonly ValueKind[], kind: ValueKind): boolean {
  return kinds.includes(kind) || (kind === 'integer' && kinds.includes('number'));
}

export const schemaRule: Rule = (ctx) => {
  const root = ctx.model.doc.contents;
  if (!root) return;
  if (!isMap(root)) {
    ctx.report({
      code: 'wrong-type',
      message: l10n.t('A compose file is a mapping of top-level keys such as services, networks and volumes.'),
      range: rangeOf(ctx, root),
    });
    return;
  }
  checkNode(ctx, root, rootSpec, [], new Set());
};

function checkNode(ctx: RuleContext, raw: unknown, spec: SpecNode, path: YamlPath, seen: Set<unknown>): void {
  const node = ctx.model.resolve(raw);
  if (!node || seen.has(node) || seen.size > 200) return;
  if ((node as Node).tag === '!reset') return; // `!reset` may clear a value with anything, even null
  const kind = kindOf(node);
  if (!kind) return;
  if (!accepts(spec.kinds, kind)) {
    // An empty value (null) counts only where the spec allows it: Compose's schema refuses `mode:` with nothing.
    if (kind === 'string') {
      const value = literal(ctx, node);
      // Interpolation happens after parsing: a string stays a string, so where only a list or a map will do, an
      // interpolated value is wrong whatever the variables hold.
      const scalarOk = spec.kinds.some((k) => k !== 'object' && k !== 'array' && k !== 'null');
      if ((value === undefined && scalarOk) || (value !== undefined && castable(value, spec.kinds))) {
        if (value !== undefined) checkScalar(ctx, node as Scalar, spec, value, path);
        return;
      }
    }
    ctx.report({
      code: 'wrong-type',
      message: l10n.t(
        '{0} must be {1}, not {2}.',
        label(path),
        article(describeKinds(spec)),
        article(describeKinds({ kinds: [kind], description: '' })),
      ),
      range: rangeOf(ctx, node),
    });
    return;
  }
  if (isScalar(node)) {
    if (!spec.enum && !spec.format && spec.minimum === undefined && spec.maximum === undefined) return;
    const value = kind === 'string' ? literal(ctx, node) : (node.source ?? String(node.value));
    if (value !== undefined && kind !== 'null') checkScalar(ctx, node, spec, value, path);
    return;
  }
  // `seen` holds the collections on the current branch (alias cycles); added on the way down, removed on the way up.
  seen.add(node);
  if (isSeq(node)) {
    if (spec.items)
      node.items.forEach((item, i) => {
        path.push(i);
        checkNode(ctx, item, spec.items!, path, seen);
        path.pop();
      });
    if (spec.items?.ref) reportEmptyNames(ctx, node.items);
    if (spec.uniqueItems) reportRepeatedItems(ctx, node.items, path);
  } else if (isMap(node)) checkMap(ctx, node, spec, path, seen);
  seen.delete(node);
}

const invalidName = (name: string) =>
  l10n.t('"{0}" is not a valid name here: use letters, digits, ".", "_" and "-".', name);

/** A list of names where one is empty: it names nothing, and Compose refuses the reference. */
function reportEmptyNames(ctx: RuleContext, items: readonly unknown[]): void {
  for (const item of items) {
    const node = ctx.model.resolve(item);
    if (isScalar(node) && node.value === '')
      ctx.report({
        code: 'invalid-name',
        range: rangeOf(ctx, node),
        message: invalidName(''),
      });
  }
}

/** The same entry twice (same value and type, as JSON Schema's uniqueItems compares them; before interpolation). */
function reportRepeatedItems(ctx: RuleContext, items: readonly unknown[], path: YamlPath): void {
  const seenValues = new Set<string>();
  for (const item of items) {
    const node = ctx.model.resolve(item);
    if (!isScalar(node)) continue;
    const key = `${typeof node.value}:${String(node.value)}`;
    if (!seenValues.has(key)) {
      seenValues.add(key);
      continue;
    }
    ctx.report({
      code: 'invalid-value',
      range: rangeOf(ctx, node),
      message: l10n.t('{0} lists "{1}" twice: Compose refuses a repeated entry here.', label(path), String(node.value)),
    });
  }
}

function checkMap(ctx: RuleContext, map: YAMLMap, spec: SpecNode, path: YamlPath, seen: Set<unknown>): void {
  const pairs = effectivePairs(ctx.model, map);
  const missing = spec.required?.filter((k) => !pairs.some((p) => p.key === k));
  if (missing?.length) {
    ctx.report({
      code: 'invalid-value',
      range: rangeOf(ctx, map),
      message: l10n.t('{0} needs {1}.', label(path), missing.map((k) => `\`${k}\``).join(' and ')),
    });
  }
  for (const { key, pair, merged } of pairs) {
    const keyNode = pair.key as Node;
    if (spec.properties && isExtensionKey(key)) continue;
    const fixed = spec.properties?.[key];
    const child = fixed ?? spec.values;
    if (!child) {
      const candidates = Object.keys(spec.properties ?? {});
      const suggestion = closest(key, candidates);
      ctx.report({
        code: 'unknown-key',
        range: rangeOf(ctx, keyNode),
        message: l10n.t(
          'Unknown key "{0}"{1}.{2}',
          key,
          path.length ? l10n.t(' in {0}', label(path)) : l10n.t(' at the top level'),
          suggestion ? l10n.t(' Did you mean "{0}"?', suggestion) : '',
        ),
        data: { key, path: [...path, key], ...(suggestion ? { suggestion } : {}) },
      });
      continue;
    }
    if (!fixed && spec.keyPattern && !spec.keyPattern.test(key) && !isExtensionKey(key)) {
      ctx.report({
        code: 'invalid-name',
        range: rangeOf(ctx, keyNode),
        message: invalidName(key),
      });
    }
    if (fixed?.deprecated) reportDeprecated(ctx, path, key, pair, fixed.deprecated);
    // A service written in the services map itself (not merged in) may be reused from the previous version.
    const reusable = !merged && path.length === 1 && path[0] === 'services' && ctx.reuse?.isServices(map);
    path.push(key);
    if (reusable) ctx.reuse!.run('schema', ctx, pair, () => checkNode(ctx, pair.value, child, path, seen));
    else checkNode(ctx, pair.value, child, path, seen);
    path.pop();
  }
}

function reportDeprecated(ctx: RuleContext, path: YamlPath, key: string, pair: Pair, why: string): void {
  const keyRange = rangeOf(ctx, pair.key);
  if (path.length === 0 && key === 'version') {
    const start = ctx.model.offsetAt({ line: keyRange.start.line, character: 0 });
    const valueEnd = (pair.value as Node | null)?.range?.[2] ?? (pair.key as Node).range![1];
    const nl = ctx.model.text.indexOf('\n', valueEnd - 1);
    const end = nl < 0 ? ctx.model.text.length : nl + 1;
    ctx.report({
      code: 'obsolete-version',
      range: keyRange,
      tag: 'unnecessary',
      // The spec's own reason ("the `version` key is obsolete and ignored; remove it.") said the short way.
      message: l10n.t('`version` is obsolete: remove it.'),
      data: { removeRange: ctx.model.rangeOf([start, end]) },
    });
    return;
  }
  ctx.report({
    code: 'deprecated-key',
    range: keyRange,
    tag: 'deprecated',
    message: l10n.t('`{0}` is deprecated: {1}', key, translated(why)),
    data: { key, replacement: why },
  });
}

function checkScalar(ctx: RuleContext, node: Scalar, spec: SpecNode, value: string, path: YamlPath): void {
  if (!spec.enum && !spec.format && spec.minimum === undefined && spec.maximum === undefined) return;
  // Computed only when something is reported: most scalars are fine, and ranges cost a line lookup each.
  const at = () => rangeOf(ctx, node);
  if (spec.enum && typeof node.value === 'string') {
    if (!spec.enum.includes(value) && !(spec.format && !checkFormat(spec.format, value))) {
      const suggestion = closest(value, spec.enum);
      ctx.report({
        code: 'invalid-value',
        range: at(),
        message: l10n.t(
          '"{0}" is not allowed for {1}: use {2}.{3}',
          value,
          label(path),
          spec.enum.join(', '),
          suggestion ? l10n.t(' Did you mean "{0}"?', suggestion) : '',
        ),
        data: { value, allowed: [...spec.enum], ...(suggestion ? { suggestion } : {}) },
      });
      return;
    }
  }
  const n = Number(value);
  if ((spec.minimum !== undefined || spec.maximum !== undefined) && value.trim() !== '' && !Number.isNaN(n)) {
    if ((spec.minimum !== undefined && n < spec.minimum) || (spec.maximum !== undefined && n > spec.maximum)) {
      ctx.report({
        code: 'invalid-value',
        range: at(),
        message: l10n.t(
          '{0} must be between {1} and {2}; got {3}.',
          label(path),
          spec.minimum ?? '-∞',
          spec.maximum ?? '∞',
          value,
        ),
        data: { value },
      });
      return;
    }
  }
  const numericPort = spec.format === 'port' || spec.format === 'port-range' || spec.format === 'expose';
  if (spec.format && !(typeof node.value === 'number' && !numericPort) && !spec.enum?.includes(value)) {
    if (numericPort && typeof node.value === 'number') {
      const lowest = spec.format === 'port-range' ? 0 : 1;
      if (!Number.isInteger(node.value) || node.value < lowest || node.value > 65535)
        ctx.report({
          code: 'invalid-value',
          range: at(),
          message: l10n.t('{0} is not a port number ({1}-65535).', value, lowest),
          data: { value },
        });
      return;
    }
    if (spec.format === 'port' && typeof node.value === 'number') {
      if (!Number.isInteger(node.value) || node.value < 1 || node.value > 65535)
        ctx.report({
          code: 'invalid-value',
          range: at(),
          message: l10n.t('{0} is not a port number (1-65535).', value),
          data: { value },
        });
      return;
    }
    const problem = checkFormat(spec.format, value);
    if (problem) {
      const suggestion =
        spec.format === 'restart'
          ? closest(value, ['no', 'always', 'on-failure', 'unless-stopped'])
          : spec.format === 'pull-policy'
            ? closest(value, ['always', 'never', 'missing', 'build', 'refresh', 'daily', 'weekly', 'if_not_present'])
            : undefined;
      ctx.report({
        code: 'invalid-value',
        range: at(),
        message: problem + (suggestion ? l10n.t(' Did you mean "{0}"?', suggestion) : ''),
        data: { value, ...(suggestion ? { suggestion } : {}) },
      });
    }
  }
}

/** `services.web.ports` → "services.web.ports" but with list indexes as [n]. */
export function label(path: YamlPath): string {
  if (!path.length) return l10n.t('the file');
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : (i ? '.' : '') + p)).join('');
}

function article(text: string): string {
  // The article is part of the translation: Chinese has none.
  return /^[aeiou]/i.test(text) ? l10n.t('an {0}', text) : l10n.t('a {0}', text);
}

/** Whether a scalar value holds interpolation (exported for rules that skip such values). */
export function isInterpolated(node: unknown): boolean {
  return isScalar(node) && typeof node.value === 'string' && hasInterpolation(node.value);
}

/** Keys of a map node, for rules that need them. */
export function mapKeys(map: YAMLMap): string[] {
  return map.items.map((p) => keyText(p) ?? '');
}
