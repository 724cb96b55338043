// The peer of the in-process Compose benchmarks: yaml-language-server's language service, with the official Compose
// schema for every file, configured as its LSP server configures itself for the features a client enables.
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { REFERENCE_DIR } from '../../test/support/reference-files';

/** The official Compose schema, a reference file (see docs/reference-files.md). */
export const COMPOSE_SCHEMA_PATH = `${REFERENCE_DIR}/compose-spec/compose-spec.json`;

/** Exits, saying why, when the schema the peer needs is missing. */
export function requireComposeSchema(): void {
  if (existsSync(COMPOSE_SCHEMA_PATH)) return;
  console.error(`Cannot run: the official schema is missing at ${COMPOSE_SCHEMA_PATH}`);
  process.exit(1);
}

/** The language service with validation only (diagnostics), or with completion and hover only (editing). */
export async function yamlComposeService(features: 'validation' | 'editing') {
  const { getLanguageService } = await import('yaml-language-server');
  const schemaUri = pathToFileURL(COMPOSE_SCHEMA_PATH).toString();
  const schemaText = readFileSync(COMPOSE_SCHEMA_PATH, 'utf8');
  const service = getLanguageService({
    schemaRequestService: async (u: string) =>
      u === schemaUri ? schemaText : Promise.reject(new Error(`no schema ${u}`)),
    workspaceContext: { resolveRelativePath: (rel: string, res: string) => new URL(rel, res).toString() },
  } as never);
  const validating = features === 'validation';
  service.configure({
    validate: validating,
    completion: !validating,
    hover: !validating,
    format: false,
    schemas: [{ uri: schemaUri, fileMatch: ['*'] }],
  } as never);
  return service;
}
