// completionItem/resolve over stdio: a client that resolves documentation gets the documented Compose keys and
// Dockerfile instructions without it and with a small `data`, and resolving each item gives back exactly the item a
// client that does not resolve gets inline. Such a client sees no `data` at all.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, MarkupContent } from 'vscode-languageserver-protocol';
import { LspSession } from '../support/lsp-session';

const COMPOSE_URI = 'file:///tmp/lsp-completion-resolve/compose.yaml';
const DOCKERFILE_URI = 'file:///tmp/lsp-completion-resolve/Dockerfile';
const COMPOSE = [
  'services:',
  '  web:',
  '    image: nginx',
  '    ',
  '    depends_on:',
  '      db:',
  '        ',
  '    volumes:',
  '      - ',
  '  db:',
  '    image: postgres',
  '',
].join('\n');
const DOCKERFILE = 'FROM alpine AS build\n\nRUN --mount=type=cache,target=/root/.cache echo hi\n';
/** Where completion is asked: a service's keys, a depends_on entry's, a volume's, the root; instructions, RUN flags. */
const PROBES = [
  { uri: COMPOSE_URI, line: 3, character: 4 },
  { uri: COMPOSE_URI, line: 6, character: 8 },
  { uri: COMPOSE_URI, line: 8, character: 8 },
  { uri: COMPOSE_URI, line: 11, character: 0 },
  { uri: DOCKERFILE_URI, line: 1, character: 0 },
  { uri: DOCKERFILE_URI, line: 2, character: 6 },
];

const capabilities = (resolveProperties?: string[]) => ({
  textDocument: {
    completion: {
      completionItem: {
        snippetSupport: true,
        documentationFormat: ['markdown'],
        ...(resolveProperties ? { resolveSupport: { properties: resolveProperties } } : {}),
      },
    },
  },
});

async function session(resolveProperties?: string[], locale?: string): Promise<LspSession> {
  const lsp = await LspSession.start(undefined, capabilities(resolveProperties), locale ? { locale } : {});
  await lsp.openAndWait(COMPOSE_URI, 'dockercompose', COMPOSE);
  await lsp.openAndWait(DOCKERFILE_URI, 'dockerfile', DOCKERFILE);
  return lsp;
}

async function completion(lsp: LspSession, probe: (typeof PROBES)[number]): Promise<CompletionItem[]> {
  const answer = await lsp.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
    textDocument: { uri: probe.uri },
    position: { line: probe.line, character: probe.character },
  });
  const items = Array.isArray(answer) ? answer : (answer?.items ?? []);
  assert.ok(items.length > 0, `completion answers at ${JSON.stringify(probe)}`);
  return items;
}

describe('completion documentation resolved on demand', () => {
  let eager: LspSession;
  let lazy: LspSession;
  before(async () => {
    [eager, lazy] = await Promise.all([session(), session(['documentation', 'detail', 'additionalTextEdits'])]);
  });
  after(async () => {
    await Promise.all([eager?.stop(), lazy?.stop()]);
  });

  it('advertises completion resolve', () => {
    assert.equal(lazy.initializeResult.capabilities.completionProvider?.resolveProvider, true);
  });

  it('gives, once each item is resolved, exactly the answer of a client that does not resolve', async () => {
    let deferred = 0;
    for (const probe of PROBES) {
      const inline = await completion(eager, probe);
      const sent = await completion(lazy, probe);
      assert.equal(sent.length, inline.length, JSON.stringify(probe));
      const resolved: CompletionItem[] = [];
      for (const item of sent) {
        if (item.data !== undefined) {
          deferred++;
          assert.equal(item.documentation, undefined, `${item.label}: documentation deferred`);
        }
        resolved.push(await lazy.request<CompletionItem>('completionItem/resolve', item));
      }
      for (const [i, item] of resolved.entries()) {
        // `data` stays on a resolved item, as the protocol has it; everything else is the inline item.
        const { data: _, ...withoutData } = item;
        assert.deepEqual(withoutData, inline[i], `${JSON.stringify(probe)}: ${String(item.label)}`);
      }
      for (const item of inline)
        assert.equal(item.data, undefined, `${item.label}: no data for a client that never resolves`);
    }
    assert.ok(deferred > 100, `only ${deferred} items had their documentation deferred`);
  });

  it('sends a much smaller answer where the documentation is most of it', async () => {
    const bytes = async (lsp: LspSession) => JSON.stringify(await completion(lsp, PROBES[4]!)).length;
    const [inline, sent] = [await bytes(eager), await bytes(lazy)];
    assert.ok(sent < inline * 0.75, `Dockerfile instructions: ${sent} bytes sent lazily, ${inline} inline`);
  });

  it('keeps no document text in the data', async () => {
    const items = await completion(lazy, PROBES[1]!);
    const data = items.map((i) => JSON.stringify(i.data ?? null));
    assert.ok(data.includes('{"language":"dockercompose","key":"services/*/depends_on/*/condition"}'), data.join());
    assert.ok(!data.some((d) => /web|db/.test(d)), data.join());
  });

  it('returns an item it cannot document as it came', async () => {
    for (const item of [
      { label: 'x' },
      { label: 'x', data: { language: 'dockercompose', key: 'services/*/nope' } },
      { label: 'x', data: { language: 'nope', key: 'restart' } },
      { label: 'x', data: 'just a string' },
      { label: 'x', data: { language: 'dockerfile', key: 'instruction:RUN' }, documentation: 'mine' },
    ])
      assert.deepEqual(await lazy.request('completionItem/resolve', item), item);
  });

  it('keeps documentation inline for a client that resolves other properties only', async () => {
    const other = await session(['detail']);
    try {
      const items = await completion(other, PROBES[0]!);
      assert.ok(items.every((i) => i.documentation !== undefined && i.data === undefined));
    } finally {
      await other.stop();
    }
  });

  it('resolves in the client’s language', async () => {
    const chinese = await session(['documentation'], 'zh-cn');
    try {
      const attach = (await completion(chinese, PROBES[0]!)).find((i) => i.label === 'attach');
      assert.ok(attach);
      const resolved = await chinese.request<CompletionItem>('completionItem/resolve', attach);
      assert.equal(
        (resolved.documentation as MarkupContent).value,
        '`compose up` 是否输出此服务的日志。\n\n默认值：`true`',
      );
    } finally {
      await chinese.stop();
    }
  });
});
