// The JSON schema Berth contributes for daemon.json (package.json `jsonValidation`), derived from the option table.
// VS Code's own JSON support uses it for structure: unknown keys, JSON types, enums, completion and hover. What a
// schema cannot say (addresses, CIDR overlaps, schemes, TLS pairs) is checked by checks.ts in Berth's server.
import {
  DAEMON_OPTIONS,
  IGNORED_KEYS,
  MAP_OPTIONS,
  LOG_DRIVERS,
  LOG_OPTS_BY_DRIVER,
  REMOVED_OPTIONS,
  type DaemonOption,
  type Localized,
} from './options';

export type SchemaLocale = keyof Localized;

type JsonSchema = Record<string, unknown>;

function typeOf(option: DaemonOption): JsonSchema {
  switch (option.kind) {
    case 'boolean':
      return { type: 'boolean' };
    case 'string':
      return { type: 'string' };
    case 'integer':
      return { type: 'integer' };
    case 'string-list':
      return { type: 'array', items: { type: 'string' } };
    case 'string-map':
      return { type: 'object', additionalProperties: { type: 'string' } };
    case 'custom':
      return {};
  }
}

function logOptsSchema(locale: SchemaLocale): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [driver, opts] of Object.entries(LOG_OPTS_BY_DRIVER))
    for (const [key, text] of Object.entries(opts))
      properties[key] ??= { type: 'string', markdownDescription: `${text[locale]} (\`${driver}\`)` };
  return { properties };
}

const PROXY_KEYS = ['http-proxy', 'https-proxy', 'no-proxy'];
const PROXY_PROPERTIES = (locale: SchemaLocale) =>
  Object.fromEntries(
    DAEMON_OPTIONS.filter((o) => PROXY_KEYS.includes(o.key)).map((o) => [
      o.key,
      { type: ['string', 'null'], markdownDescription: o.description[locale] },
    ]),
  );

function ignoredText(key: string, locale: SchemaLocale): string {
  const use = IGNORED_KEYS[key]?.use;
  if (locale === 'en')
    return `dockerd accepts "${key}" but never reads it${use ? `: use "${use}"` : ''}. The setting has no effect.`;
  return `dockerd 接受 "${key}" 但不会读取它${use ? `，请改用 "${use}"` : ''}。该设置不会生效。`;
}

export function daemonJsonSchema(locale: SchemaLocale = 'en'): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const option of DAEMON_OPTIONS) {
    const own: JsonSchema = { ...typeOf(option), ...option.schema };
    // dockerd leaves an option at its default when its value is null, except where its type reads JSON itself
    // (sizes) or where null stops a grouping from being one (proxies).
    if (typeof own.type === 'string' && option.format !== 'size' && option.key !== 'proxies') {
      own.type = [own.type, 'null'];
      if (Array.isArray(own.enum)) own.enum = [...own.enum, null];
    }
    properties[option.key] = {
      ...own,
      markdownDescription: option.description[locale],
      ...(option.default !== undefined ? { default: option.default } : {}),
      ...(option.examples ? { examples: option.examples } : {}),
      ...(option.deprecated ? { deprecationMessage: option.deprecated[locale] } : {}),
      ...(option.key === 'log-opts' ? logOptsSchema(locale) : {}),
      ...(option.key === 'proxies' ? { $ref: '#/definitions/grouping', properties: PROXY_PROPERTIES(locale) } : {}),
    };
  }
  for (const [key, removed] of Object.entries(REMOVED_OPTIONS)) {
    const instead = removed.replacement
      ? locale === 'en'
        ? ` Use ${removed.replacement}.`
        : ` 请改用 ${removed.replacement}。`
      : '';
    const text =
      locale === 'en'
        ? `Removed in Docker ${removed.since}.${instead}`
        : `已在 Docker ${removed.since} 中移除。${instead}`;
    // Deprecated rather than refused here: Berth's server reports the Error, with a quick fix, so it is not said twice.
    properties[key] = { deprecationMessage: text, markdownDescription: text };
  }
  // Ignored keys take any value (dockerd drops it unread); the warning says what to write instead.
  for (const key of Object.keys(IGNORED_KEYS)) {
    const text = ignoredText(key, locale);
    properties[key] = {
      deprecationMessage: text,
      markdownDescription: text,
      if: { type: 'object' },
      then: { $ref: '#/definitions/groupingObject' },
    };
  }
  properties['log-driver'] = { ...properties['log-driver'], examples: LOG_DRIVERS };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Docker Engine configuration (daemon.json)',
    type: 'object',
    properties,
    // dockerd reads the keys of any other object as top-level options (that is how `proxies` works); any other
    // unknown key makes it refuse to start.
    additionalProperties: { $ref: '#/definitions/grouping' },
    definitions: {
      groupingObject: {
        propertyNames: {
          enum: [...DAEMON_OPTIONS.map((o) => o.key), ...Object.keys(REMOVED_OPTIONS), ...Object.keys(IGNORED_KEYS)],
        },
        properties: {
          ...Object.fromEntries(MAP_OPTIONS.map((k) => [k, {}])),
          // "proxies" is not a flag: only as an object does it pass dockerd's key check.
          proxies: { type: 'object' },
        },
        additionalProperties: { if: { type: 'object' }, then: { $ref: '#/definitions/groupingObject' } },
      },
      // An object under any key that is not a map option: dockerd checks that the keys inside are option names (and
      // so on, deeper), then ignores the whole object when it reads the values.
      grouping: {
        if: { type: 'object' },
        then: { $ref: '#/definitions/groupingObject' },
        else: {
          not: {},
          errorMessage:
            locale === 'en'
              ? 'Not a daemon.json option: dockerd refuses to start with it.'
              : '不是 daemon.json 的选项：dockerd 将无法启动。',
        },
      },
    },
  };
}
