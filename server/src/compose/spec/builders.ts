// Small builders that keep the description files (index.ts, service.ts, nested.ts) readable: one call per node,
// named after the value's kinds. The description files import them as one namespace, `s`: `s.str('…')`.
import { NAME_PATTERN, type RefKind, type SpecNode, type ValueKind } from './types';

type Extra = Partial<Omit<SpecNode, 'kinds' | 'description'>>;

/** A builder for values of these kinds: a description, and whatever else the node says. */
const ofKinds =
  (...kinds: ValueKind[]) =>
  (description: string, extra: Extra = {}): SpecNode => ({ kinds, description, ...extra });

export const str = ofKinds('string');
export const bool = ofKinds('boolean');
export const int = ofKinds('integer');
export const num = ofKinds('number');
/** A value written either as a number or as a string with a unit (ports, sizes, modes). */
export const numOrStr = ofKinds('number', 'string');

export const obj = (description: string, properties: Record<string, SpecNode>, extra: Extra = {}): SpecNode =>
  ofKinds('object')(description, { properties, ...extra });
/** An object that may also be left empty (null), which Compose reads as all defaults. */
export const objOrNull = (description: string, properties: Record<string, SpecNode>): SpecNode =>
  ofKinds('object', 'null')(description, { properties });
/** A short string form or the long (object) form. */
export const strOrObj = (description: string, properties: Record<string, SpecNode>, extra: Extra = {}): SpecNode =>
  ofKinds('string', 'object')(description, { properties, ...extra });
export const map = (description: string, values: SpecNode, extra: Extra = {}): SpecNode =>
  ofKinds('object')(description, { values, ...extra });
export const list = (description: string, items: SpecNode, extra: Extra = {}): SpecNode =>
  ofKinds('array')(description, { items, ...extra });
export const strList = (description: string, extra: Extra = {}): SpecNode =>
  list(description, str('One entry.'), extra);
/** A single string or a list of strings. */
export const strOrList = (description: string, extra: Extra = {}): SpecNode =>
  ofKinds('string', 'array')(description, { items: str('One entry.'), ...extra });
/** `KEY=VALUE` strings in a list, or a map of keys to scalar values (environment, labels, args, …). */
export const listOrDict = (description: string, extra: Extra = {}): SpecNode =>
  ofKinds('array', 'object')(description, {
    items: str('A `KEY=VALUE` entry (or just `KEY`).'),
    values: ofKinds('string', 'number', 'boolean', 'null')('The value for this key.'),
    ...extra,
  });
/** A command: a shell string, an exec-form list, or null to clear the image's. */
export const command = (description: string): SpecNode =>
  ofKinds('null', 'string', 'array')(description, { items: str('One argument.') });
/**
 * Top-level things named in a list, or as the keys of a map whose values hold per-reference settings
 * (`depends_on`, a service's `networks` and `models`).
 */
export const refsOrMap = (ref: RefKind, description: string, item: string, values: SpecNode): SpecNode =>
  ofKinds('array', 'object')(description, {
    keyPattern: NAME_PATTERN,
    keyRef: ref,
    items: str(item, { ref }),
    uniqueItems: true,
    values,
  });
