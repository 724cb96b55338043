// The shape of our own typed description of the Compose Specification (builders.ts writes its nodes).
// One SpecNode describes the value found at one YAML path.

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
  /** Compose refuses the list form when it holds the same entry twice. */
  uniqueItems?: boolean;
  /** Keys the object form must have (Compose refuses the file without them). */
  required?: readonly string[];
  minimum?: number;
  maximum?: number;
  /** The string value names a top-level thing of this kind (e.g. `depends_on` items name services). */
  ref?: RefKind;
  /** The free keys name a top-level thing of this kind (e.g. `depends_on` in map form). */
  keyRef?: RefKind;
}

/** Names of services, networks, volumes, configs, secrets and models. */
export const NAME_PATTERN = /^[a-zA-Z0-9._-]+$/;
