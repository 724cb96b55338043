// The shape of our own typed description of the Compose Specification, plus small builders that keep the
// description files readable. One SpecNode describes the value found at one YAML path.

/** Kinds of YAML values. A node accepting several kinds lists them all (e.g. `build` is a string or an object). */
export type ValueKind = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';

/** Value syntaxes checked beyond the kind (validators live in ../rules/formats.ts). */
export type ValueFormat =
  | 'duration'
  | 'bytes'
  | 'cpus'
  | 'restart'
  | 'pull-policy'
  | 'network-mode'
  | 'port'
  | 'volume'
  | 'image'
  | 'project-name'
  | 'container-name'
  | 'extra-host'
  | 'device'
  | 'port-range'
  | 'expose';

/** What a value (or a map key) names: used by references, completion and navigation. */
export type RefKind = 'service' | 'network' | 'volume' | 'config' | 'secret' | 'model';

export interface SpecNode {
  /** Accepted kinds. Scalars written as strings are also accepted when they convert (e.g. cpus: "0.5"). */
  kinds: readonly ValueKind[];
  /** One or two sentences in our own words, shown on hover and in completion details. */
  description: string;
  /** Allowed string values (for string kinds). */
  enum?: readonly string[];
  format?: ValueFormat;
  default?: string | number | boolean;
  /** Why the key is deprecated and what to use instead. */
  deprecated?: string;
  /** Fixed keys of the object form. Keys starting with `x-` are always allowed where `properties` is set. */
  properties?: Readonly<Record<string, SpecNode>>;
  /** Value description of a map with free keys (e.g. `services`, `labels` in map form). */
  values?: SpecNode;
  /** Syntax of free keys; a key not matching is an invalid name. */
  keyPattern?: RegExp;
  /** Item description of the list form. */
  items?: SpecNode;
  /** Keys the object form must have (Compose refuses the file without them). */
  required?: readonly string[];
  minimum?: number;
  maximum?: number;
  /** The string value names a top-level thing of this kind (e.g. `depends_on` items name services). */
  ref?: RefKind;
  /** The free keys name a top-level thing of this kind (e.g. `depends_on` in map form). */
  keyRef?: RefKind;
}

type Extra = Partial<Omit<SpecNode, 'kinds' | 'description'>>;

export const str = (description: string, extra: Extra = {}): SpecNode => ({ kinds: ['string'], description, ...extra });
export const bool = (description: string, extra: Extra = {}): SpecNode => ({
  kinds: ['boolean'],
  description,
  ...extra,
});
export const int = (description: string, extra: Extra = {}): SpecNode => ({
  kinds: ['integer'],
  description,
  ...extra,
});
export const num = (description: string, extra: Extra = {}): SpecNode => ({ kinds: ['number'], description, ...extra });
/** A value written either as a number or as a string with a unit (ports, sizes, modes). */
export const numOrStr = (description: string, extra: Extra = {}): SpecNode => ({
  kinds: ['number', 'string'],
  description,
  ...extra,
});
export const obj = (description: string, properties: Record<string, SpecNode>, extra: Extra = {}): SpecNode => ({
  kinds: ['object'],
  description,
  properties,
  ...extra,
});
export const map = (description: string, values: SpecNode, extra: Extra = {}): SpecNode => ({
  kinds: ['object'],
  description,
  values,
  ...extra,
});
export const list = (description: string, items: SpecNode, extra: Extra = {}): SpecNode => ({
  kinds: ['array'],
  description,
  items,
  ...extra,
});
export const strList = (description: string, extra: Extra = {}): SpecNode =>
  list(description, str('One entry.'), extra);
/** A single string or a list of strings. */
export const strOrList = (description: string, extra: Extra = {}): SpecNode => ({
  kinds: ['string', 'array'],
  description,
  items: str('One entry.'),
  ...extra,
});
/** `KEY=VALUE` strings in a list, or a map of keys to scalar values (environment, labels, args, …). */
export const listOrDict = (description: string, extra: Extra = {}): SpecNode => ({
  kinds: ['array', 'object'],
  description,
  items: str('A `KEY=VALUE` entry (or just `KEY`).'),
  values: { kinds: ['string', 'number', 'boolean', 'null'], description: 'The value for this key.' },
  ...extra,
});
/** A command: a shell string, an exec-form list, or null to clear the image's. */
export const command = (description: string): SpecNode => ({
  kinds: ['null', 'string', 'array'],
  description,
  items: str('One argument.'),
});

/** Names of services, networks, volumes, configs, secrets and models. */
export const NAME_PATTERN = /^[a-zA-Z0-9._-]+$/;
