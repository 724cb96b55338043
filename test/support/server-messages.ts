// Every English message the language server may show, for its l10n bundle (server/l10n/bundle.l10n.json): what
// @vscode/l10n-dev extracts from the l10n.t calls in server/src, plus the texts of the data tables that are translated
// where they are shown (translated() in server/src/l10n/locale.ts): the Compose spec's descriptions, the Dockerfile
// instruction, flag, directive and mount documentation, and completion's value tables.
//   node --import tsx test/support/server-messages.ts   rewrites server/l10n/bundle.l10n.json
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import { rootSpec } from '../../server/src/compose/spec';
import type { SpecNode } from '../../server/src/compose/spec/types';
import { DIRECTIVE_DOCS, FLAG_DOCS, INSTRUCTION_DOCS, MOUNT_KEY_DOCS } from '../../server/src/dockerfile/docs';
import { DIRECTIVE_VALUES, MOUNT_TYPE_DOCS, OCI_LABELS } from '../../server/src/dockerfile/completion';
import { typeScriptSources } from './files-under';

export const SERVER_ROOT = join(__dirname, '..', '..', 'server');

const sourceFiles = (dir: string): string[] => typeScriptSources(dir).sort();

/** The keys of the l10n.t calls in server/src, as l10n-dev extracts them. */
export async function extractedMessages(): Promise<string[]> {
  const files = sourceFiles(join(SERVER_ROOT, 'src'));
  const json = await getL10nJson(files.map((f) => ({ contents: readFileSync(f, 'utf8'), extension: '.ts' })));
  return Object.keys(json);
}

/** The English texts of the tables translated where they are shown. */
export function tableMessages(): string[] {
  const out: string[] = [];
  const seen = new Set<SpecNode>();
  const walk = (n: SpecNode | undefined): void => {
    if (!n || seen.has(n)) return;
    seen.add(n);
    out.push(n.description);
    if (n.deprecated) out.push(n.deprecated);
    for (const c of Object.values(n.properties ?? {})) walk(c);
    walk(n.values);
    walk(n.items);
  };
  walk(rootSpec);
  for (const d of Object.values(INSTRUCTION_DOCS)) out.push(d.summary);
  for (const d of Object.values(DIRECTIVE_DOCS)) out.push(d.summary);
  out.push(...Object.values(FLAG_DOCS), ...Object.values(MOUNT_KEY_DOCS));
  for (const values of Object.values(DIRECTIVE_VALUES)) out.push(...values.map(([, doc]) => doc));
  out.push(...Object.values(OCI_LABELS), ...Object.values(MOUNT_TYPE_DOCS));
  return out.filter((t) => t.trim());
}

/** The server's English bundle: every message once, keyed by itself. */
export async function serverMessages(): Promise<Record<string, string>> {
  const keys = [...new Set([...(await extractedMessages()), ...tableMessages()])];
  return Object.fromEntries(keys.map((k) => [k, k]));
}

if (require.main === module) {
  void serverMessages().then((m) => {
    writeFileSync(join(SERVER_ROOT, 'l10n/bundle.l10n.json'), `${JSON.stringify(m, null, 2)}\n`);
    console.log(`server/l10n/bundle.l10n.json: ${Object.keys(m).length} messages`);
  });
}
