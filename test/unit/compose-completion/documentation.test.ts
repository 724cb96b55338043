// The documentation of Compose key completions: hover's description of the key (but its type, which is the item's
// detail), in the user's language down to "Allowed:", "Default:" and the deprecation; and found again, identical, from
// the item's resolve data alone (completionItem/resolve), a data that holds nothing of the document.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import {
  completeCompose,
  composeCompletionDocumentation,
  type CompletionSources,
} from '../../../server/src/compose/completion';
import { describeSpec } from '../../../server/src/compose/hover';
import { parseCompose } from '../../../server/src/compose/parse/document';
import { specAt } from '../../../server/src/compose/spec';
import {
  complete as completeDockerfile,
  dockerfileCompletionDocumentation,
} from '../../../server/src/dockerfile/completion';
import { parseDockerfile } from '../../../server/src/dockerfile/parse/document';
import type { CompletionData } from '../../../server/src/lsp/adapter';
import { useLocale } from '../../../server/src/l10n/locale';

const SOURCES: CompletionSources = {
  names: (kind) => (kind === 'service' ? ['web', 'db', 'cache'] : []),
  servicesOf: () => [],
  dockerfileStages: () => [],
  listDir: () => [],
  variables: () => [],
  engineImages: () => [],
};

/** Completion where `|` marks the cursor. */
function complete(textWithCursor: string, sources = SOURCES): CompletionItem[] {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  return completeCompose(parseCompose(text, 'file:///p/compose.yaml'), offset, sources);
}
const docOf = (items: CompletionItem[], label: string): string => {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `${label} offered among ${items.map((i) => i.label).join(', ')}`);
  return (item.documentation as MarkupContent).value;
};

/** Cursor positions of every kind of key completion: root, service, nested, a map of names, a list item's keys. */
const POSITIONS = [
  'services:\n  web:\n    image: nginx\n|',
  'services:\n  web:\n    image: nginx\n    |\n',
  'services:\n  web:\n    build:\n      |\n',
  'services:\n  web:\n    deploy:\n      resources:\n        |\n',
  'services:\n  web:\n    depends_on:\n      |\n',
  'services:\n  web:\n    depends_on:\n      db:\n        |\n',
  'services:\n  web:\n    volumes:\n      - |\n',
  'networks:\n  front:\n    |\n',
  'services:\n  web:\n    develop:\n      watch:\n        - |\n',
];

describe('compose completion documentation', () => {
  after(() => useLocale(undefined));

  it('is in Chinese down to the allowed values, the default and the deprecation', () => {
    useLocale('zh-cn');
    const root = complete('services:\n  web:\n    image: nginx\n|');
    assert.equal(
      docOf(root, 'version'),
      '旧的文件格式版本；Compose 会忽略它。\n\n**已弃用：**`version` 键已废弃并被忽略；请删除它。',
    );
    const service = complete('services:\n  web:\n    image: nginx\n    |\n');
    assert.match(docOf(service, 'attach'), /\n\n默认值：`true`$/);
    const mount = complete('services:\n  web:\n    volumes:\n      - |\n');
    assert.match(docOf(mount, 'type'), /\n\n允许的值：`bind`, `volume`, `tmpfs`, `cluster`, `npipe`, `image`$/);
    const all = POSITIONS.flatMap((p) => complete(p)).map(
      (i) => (i.documentation as MarkupContent | undefined)?.value ?? '',
    );
    assert.deepEqual(
      all.filter((d) => /Allowed:|Default:|Deprecated:/.test(d)),
      [],
    );
  });

  it('details name the kinds in Chinese too (services, volumes, profiles, variables)', () => {
    useLocale('zh-cn');
    const detail = (position: string, label: string) => complete(position).find((i) => i.label === label)?.detail;
    assert.equal(detail('services:\n  web:\n    depends_on:\n      |\n', 'db'), '服务');
    assert.equal(detail('services:\n  web:\n    extends:\n      service: |\n', 'db'), '服务');
    const sources: CompletionSources = {
      ...SOURCES,
      names: (kind) => (kind === 'volume' ? ['data'] : []),
      variables: () => [{ name: 'TAG', source: '.env' }],
    };
    const volumes = complete('services:\n  web:\n    volumes:\n      - |\n', sources);
    assert.equal(volumes.find((i) => i.label === 'data:')?.detail, '命名数据卷');
    const variables = complete('services:\n  web:\n    image: x:${|\n', sources);
    assert.equal(variables.find((i) => i.label === 'TAG')?.detail, '来自 .env');
    const args = completeDockerfile(
      parseDockerfile('ARG V=1\nFROM alpine\nARG \n'),
      { line: 2, character: 4 },
      {
        engineImages: () => [],
      },
    );
    assert.equal(args.find((i) => i.label === 'V')?.detail, '全局 ARG');
    assert.equal(args.find((i) => i.label === 'TARGETOS')?.detail, '预定义');
  });

  it('is hover’s description without its type line, in either language', () => {
    for (const locale of ['en', 'zh-cn']) {
      useLocale(locale);
      const items = complete('services:\n  web:\n    image: nginx\n    |\n');
      for (const key of ['attach', 'restart', 'pull_policy', 'healthcheck']) {
        const hover = describeSpec(specAt(['services', 'web', key])!)
          .split('\n\n')
          .filter((_, i) => i !== 1)
          .join('\n\n');
        assert.equal(docOf(items, key), hover, `${locale}: ${key}`);
      }
    }
  });

  it('is found again from each item’s data alone, the same object as inline, in either language', () => {
    for (const locale of ['en', 'zh-cn']) {
      useLocale(locale);
      let documented = 0;
      for (const position of POSITIONS) {
        for (const item of complete(position)) {
          if (item.documentation === undefined) continue;
          documented++;
          const data = item.data as CompletionData | undefined;
          assert.ok(data, `${item.label} at ${JSON.stringify(position)} carries resolve data`);
          assert.equal(data.language, 'dockercompose');
          assert.deepEqual(composeCompletionDocumentation(data.key), item.documentation, `${item.label}: ${data.key}`);
        }
      }
      assert.ok(documented > 150, `only ${documented} documented items`);
    }
  });

  it('names the key by the spec: the document’s names are `*`, list items `#`', () => {
    const key = (position: string, label: string) =>
      (complete(position).find((i) => i.label === label)?.data as CompletionData | undefined)?.key;
    assert.equal(key('services:\n  web:\n    image: nginx\n    |\n', 'restart'), 'services/*/restart');
    assert.equal(key('services:\n  web:\n    volumes:\n      - |\n', 'type'), 'services/*/volumes/#/type');
    assert.equal(key('services:\n  web:\n    depends_on:\n      |\n', 'db'), 'services/*/depends_on/*');
    assert.equal(
      key('services:\n  web:\n    depends_on:\n      db:\n        |\n', 'condition'),
      'services/*/depends_on/*/condition',
    );
    assert.equal(key('services:\n  web:\n    image: nginx\n|', 'networks'), 'networks');
  });

  it('finds nothing for a key that names no description (a client may send anything)', () => {
    for (const key of ['services/*/nope', '__proto__', 'constructor', 'services/__proto__', 'services/*/#', '#/#'])
      assert.equal(composeCompletionDocumentation(key), undefined, JSON.stringify(key));
  });
});

describe('dockerfile completion documentation', () => {
  it('of each instruction is found again from its item’s data alone', () => {
    const items = completeDockerfile(
      parseDockerfile('FROM alpine\n\n'),
      { line: 1, character: 0 },
      { engineImages: () => [] },
    );
    assert.ok(items.length > 15, `${items.length} instructions offered`);
    for (const item of items) {
      const data = item.data as CompletionData;
      assert.equal(data.language, 'dockerfile');
      assert.deepEqual(dockerfileCompletionDocumentation(data.key), item.documentation, data.key);
      assert.match((item.documentation as MarkupContent).value, /```dockerfile\n/);
    }
    for (const key of ['', 'instruction:', 'instruction:FRM', 'instruction:constructor', 'RUN'])
      assert.equal(dockerfileCompletionDocumentation(key), undefined, key);
  });
});
