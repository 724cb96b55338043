// The daemon.json checks a JSON schema cannot express: addresses, CIDR ranges and their overlaps, registry schemes,
// TLS options that need each other, log option values, removed keys. Structure (unknown keys, JSON types, enums) is
// the contributed schema's job (schema.ts), so VS Code's JSON support and Berth never report the same thing twice.
// This module runs each topic's checks (rules/) over one file and gathers their findings (collector.ts).
import { parseTree } from 'jsonc-parser';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Collector, type DaemonJsonIssue } from './collector';
import { optionNodes, str, strings } from './option-nodes';
import type { EngineUnit } from './unit';
import { checkAddresses } from './rules/addresses';
import { checkDataRoot } from './rules/data-root';
import { checkGenericResources } from './rules/generic-resources';
import { checkHosts } from './rules/hosts';
import { checkLabels } from './rules/labels';
import { checkLogLevel, checkLogOpts } from './rules/logging';
import { checkNetworks } from './rules/networks';
import { checkRegistries } from './rules/registries';
import { checkTls } from './rules/tls';
import { checkTopLevelKeys } from './rules/top-level-keys';

export type { DaemonJsonIssue } from './collector';

export function checkDaemonJson(text: string, unit: EngineUnit = { kind: 'unknown' }): DaemonJsonIssue[] {
  const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  if (!root || root.type !== 'object') return [];
  const c = new Collector();
  const opts = optionNodes(root);
  const get = (key: string) => opts.get(key)?.value;

  // The order is the order of the findings: keys first, then each option roughly as dockerd meets it.
  checkTopLevelKeys(c, root);
  checkAddresses(c, opts);
  checkLogLevel(c, get('log-level'));
  checkLabels(c, strings(get('labels')));
  checkGenericResources(c, strings(get('node-generic-resources')));
  checkHosts(c, strings(get('hosts')), get('tlsverify')?.value === true || get('tls')?.value === true, unit);
  checkTls(c, opts);
  checkRegistries(c, strings(get('registry-mirrors')), strings(get('insecure-registries')));
  checkNetworks(c, get('bip'), get('fixed-cidr'), get('fixed-cidr-v6'), get('default-address-pools'));
  checkLogOpts(c, str(get('log-driver')) ?? 'json-file', get('log-opts'));
  checkDataRoot(c, get('data-root'));
  return c.issues;
}

export function toDiagnostics(document: TextDocument, issues: readonly DaemonJsonIssue[]): Diagnostic[] {
  return issues.map((i) => ({
    range: { start: document.positionAt(i.start), end: document.positionAt(i.end) },
    severity: i.severity,
    code: i.code,
    source: 'berth',
    message: i.message,
  }));
}
