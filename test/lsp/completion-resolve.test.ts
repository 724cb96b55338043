// Completion as each client takes it, over stdio. A client that resolves documentation gets the documented Compose
// keys and Dockerfile instructions without it and with a small `data`; one that takes item defaults gets what all items
// share once for the list. Once the defaults are applied and each item resolved, that is exactly the answer of a
// client that does neither (a standalone editor), which sees no `data` and no defaults at all.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, MarkupContent, Range } from 'vscode-languageserver-protocol';
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

/** The completion capabilities of a client: resolving these properties, taking these item defaults. */
const capabilities = (resolveProperties?: readonly string[], itemDefaults?: readonly string[]) => ({
  textDocument: {
    completion: {
      completionItem: {
        snippetSupport: true,
        documentationFormat: ['markdown'],
        ...(resolveProperties ? { resolveSupport: { properties: resolveProperties } } : {}),
      },
      ...(itemDefaults ? { completionList: { itemDefaults } } : {}),
    },
  },
});
/** What VS Code's language client (vscode-languageclient 11) declares. */
const VSCODE = [
  ['documentation', 'detail', 'additionalTextEdits'],
  ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'],
] as const;

async function session(resolveProperties?: readonly string[], itemDefaults?: readonly string[], locale?: string) {
  const lsp = await LspSession.start(
    undefined,
    capabilities(resolveProperties, itemDefaults),
    locale ? { locale } : {},
  );
  await lsp.openAndWait(COMPOSE_URI, 'dockercompose', COMPOSE);
  await lsp.openAndWait(DOCKERFILE_URI, 'dockerfile', DOCKERFILE);
  return lsp;
}

async function answer(lsp: LspSession, probe: (typeof PROBES)[number]): Promise<CompletionItem[] | CompletionList> {
  const list = await lsp.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
    textDocument: { uri: probe.uri },
    position: { line: probe.line, character: probe.character },
  });
  assert.ok(list, `completion answers at ${JSON.stringify(probe)}`);
  return list;
}

/** The items as the protocol says a client reads them: the list's item defaults applied to each (LSP 3.17). */
function applyDefaults(list: CompletionItem[] | CompletionList): CompletionItem[] {
  if (Array.isArray(list)) return list;
  const d = list.itemDefaults ?? {};
  return list.items.map(({ textEditText, ...item }) => ({
    ...item,
    ...(d.editRange && !item.textEdit
      ? { textEdit: { range: d.editRange as Range, newText: textEditText ?? item.label } }
      : {}),
    ...(d.insertTextFormat !== undefined && item.insertTextFormat === undefined
      ? { insertTextFormat: d.insertTextFormat }
      : {}),
    ...(d.insertTextMode !== undefined && item.insertTextMode === undefined
      ? { insertTextMode: d.insertTextMode }
      : {}),
  }));
}

async function completion(lsp: LspSession, probe: (typeof PROBES)[number]): Promise<CompletionItem[]> {
  const items = applyDefaults(await answer(lsp, probe));
  assert.ok(items.length > 0, `completion offers items at ${JSON.stringify(probe)}`);
  return items;
}

describe('completion documentation resolved on demand', () => {
  let eager: LspSession;
  let lazy: LspSession;
  before(async () => {
    [eager, lazy] = await Promise.all([session(), session(...VSCODE)]);
  });
  after(async () => {
    await Promise.all([eager?.stop(), lazy?.stop()]);
  });

  it('advertises completion resolve', () => {
    assert.equal(lazy.initializeResult.capabilities.completionProvider?.resolveProvider, true);
  });

  it('gives, once defaults are applied and each item resolved, exactly the answer of a plain client', async () => {
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
      for (const item of inline) assert.equal(item.data, undefined, `${item.label}: no data for a plain client`);
      const plain = await answer(eager, probe);
      assert.ok(Array.isArray(plain) || !plain.itemDefaults, 'no item defaults for a client that does not take them');
    }
    assert.ok(deferred > 100, `only ${deferred} items had their documentation deferred`);
  });

  it('sends a much smaller answer', async () => {
    const bytes = async (lsp: LspSession, probe: (typeof PROBES)[number]) =>
      JSON.stringify(await answer(lsp, probe)).length;
    for (const probe of [PROBES[0]!, PROBES[4]!]) {
      const [plain, sent] = [await bytes(eager, probe), await bytes(lazy, probe)];
      assert.ok(sent < plain * 0.7, `${probe.uri}: ${sent} bytes sent to VS Code, ${plain} to a plain client`);
    }
    const list = (await answer(lazy, PROBES[0]!)) as CompletionList;
    assert.deepEqual(Object.keys(list.itemDefaults ?? {}).sort(), ['editRange', 'insertTextFormat', 'insertTextMode']);
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
    const other = await session(['detail'], VSCODE[1]);
    try {
      const items = await completion(other, PROBES[0]!);
      assert.ok(items.every((i) => i.documentation !== undefined && i.data === undefined));
    } finally {
      await other.stop();
    }
  });

  it('resolves in the client’s language', async () => {
    const chinese = await session(['documentation'], undefined, 'zh-cn');
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
