// Restricted Mode: every setting that names an endpoint, a file, a path, a shell or TLS material must be listed in
// capabilities.untrustedWorkspaces.restrictedConfigurations, so that a repository's .vscode/settings.json cannot
// point Berth at another engine, file or shell before the user trusts the folder. A setting added later is caught
// here by its name or description.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
  contributes: {
    configuration: { properties: Record<string, unknown> } | Array<{ properties: Record<string, unknown> }>;
  };
};

const SENSITIVE =
  /\b(host|hosts|endpoints?|urls?|files?|cafile|envfiles|paths?|folders?|directory|sockets?|shells?|tls|ssl|ca|certificates?|context|command|program|executable)\b/i;

function settings(): Record<string, unknown> {
  const c = manifest.contributes.configuration;
  return Object.assign({}, ...(Array.isArray(c) ? c : [c]).map((s) => s.properties)) as Record<string, unknown>;
}

/** The setting's name split into words (berth.compose.envFiles → berth compose env Files envFiles) and every description in it. */
function searchableText(name: string, schema: unknown): string {
  const words = name.split('.').flatMap((w) => [w, ...w.split(/(?=[A-Z])/)]);
  const descriptions: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (typeof v === 'string' && (key === 'description' || key === 'markdownDescription')) descriptions.push(v);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k !== 'default' && k !== 'enum') {
          walk(x, k);
          if (!Array.isArray(v)) descriptions.push(k);
        }
      }
  };
  walk(schema);
  return [...words, ...descriptions].join(' ');
}

describe('package.json Restricted Mode', () => {
  const restricted = new Set(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []);

  it('supports untrusted workspaces only in a limited way', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('lists every setting that names a host, endpoint, file, path, shell, TLS or CA in restrictedConfigurations', () => {
    const missing = Object.entries(settings())
      .filter(([name, schema]) => SENSITIVE.test(searchableText(name, schema)) && !restricted.has(name))
      .map(([n]) => n);
    assert.deepEqual(
      missing,
      [],
      `add to capabilities.untrustedWorkspaces.restrictedConfigurations: ${missing.join(', ')}`,
    );
  });

  it('names the settings the issue is about, and only settings that exist', () => {
    for (const s of [
      'berth.engine.host',
      'berth.harbor.tls',
      'berth.containers.shell',
      'berth.build.context',
      'berth.compose.envFiles',
    ])
      assert.ok(restricted.has(s), s);
    const known = new Set(Object.keys(settings()));
    assert.deepEqual(
      [...restricted].filter((s) => !known.has(s)),
      [],
    );
  });
});
