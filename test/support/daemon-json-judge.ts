// Berth's verdict on a daemon.json, as a VS Code user sees it: VS Code's own JSON language service (the same library
// the built-in JSON extension runs) validating against the schema Berth contributes, plus Berth's server checks.
import { ErrorCode, getLanguageService, type JSONSchema } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { checkDaemonJson, type DaemonJsonIssue } from '../../server/src/daemon-json/checks';
import { daemonJsonSchema, type SchemaLocale } from '../../server/src/daemon-json/schema';

const SCHEMA_URI = 'berth://schemas/daemon.json';

function service(locale: SchemaLocale) {
  const ls = getLanguageService({});
  ls.configure({
    validate: true,
    allowComments: false,
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['daemon.json'], schema: daemonJsonSchema(locale) as JSONSchema }],
  });
  return ls;
}
const services = { en: service('en'), 'zh-cn': service('zh-cn') };

export interface DaemonJsonVerdict {
  /** What VS Code's JSON support reports with Berth's schema (syntax and structure). */
  schema: Diagnostic[];
  /** What Berth's server reports. */
  checks: DaemonJsonIssue[];
}

export async function judgeDaemonJson(text: string, locale: SchemaLocale = 'en'): Promise<DaemonJsonVerdict> {
  const ls = services[locale];
  const doc = TextDocument.create('file:///etc/docker/daemon.json', 'json', 1, text);
  const json = ls.parseJSONDocument(doc);
  const schema = await ls.doValidation(doc, json, { comments: 'error', trailingCommas: 'error' });
  return { schema, checks: checkDaemonJson(text) };
}

/**
 * Schema problems as VS Code shows them. VS Code's JSON support reports every schema violation as a Warning (its
 * `schemaValidation` default; a schema cannot raise it), and syntax errors as Errors. Deprecation notices are not
 * problems: dockerd still accepts those keys.
 */
export function schemaProblems(v: DaemonJsonVerdict): Diagnostic[] {
  return v.schema.filter(
    (d) =>
      (d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning) &&
      d.code !== ErrorCode.Deprecated,
  );
}

/** Berth flags something that `dockerd --validate` would also refuse (the 'start' family is judged elsewhere). */
export function refusedByValidate(v: DaemonJsonVerdict): boolean {
  return (
    schemaProblems(v).length > 0 ||
    v.checks.some((i) => i.family === 'validate' && i.severity === DiagnosticSeverity.Error)
  );
}
