// Completion item defaults (server/src/lsp/completion-defaults.ts): what every item shares moves to the list only when
// every item shares it and the client takes that default, and each item keeps what differs.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ClientCapabilities, CompletionItem, CompletionList } from 'vscode-languageserver';
import { withItemDefaults } from '../../../server/src/lsp/completion-defaults';

const range = (line: number, from: number, to: number) => ({
  start: { line, character: from },
  end: { line, character: to },
});
const TAKES_ALL: ClientCapabilities = {
  textDocument: {
    completion: { completionList: { itemDefaults: ['editRange', 'insertTextFormat', 'insertTextMode', 'data'] } },
  },
};
const key = (label: string, newText = `${label}: $0`, r = range(3, 4, 6)): CompletionItem => ({
  label,
  textEdit: { range: r, newText },
  insertTextFormat: 2,
  insertTextMode: 2,
});

describe('completion item defaults', () => {
  it('says the shared range, format and mode once; an item keeps its own text unless it is its label', () => {
    const list = withItemDefaults([key('image'), key('restart', 'restart')], TAKES_ALL) as CompletionList;
    assert.deepEqual(list, {
      isIncomplete: false,
      itemDefaults: { editRange: range(3, 4, 6), insertTextFormat: 2, insertTextMode: 2 },
      items: [
        {
          label: 'image',
          textEdit: undefined,
          textEditText: 'image: $0',
          insertTextFormat: undefined,
          insertTextMode: undefined,
        },
        { label: 'restart', textEdit: undefined, insertTextFormat: undefined, insertTextMode: undefined },
      ],
    });
  });

  it('keeps each item’s range when the ranges differ or an item has none, and a format not all items share', () => {
    const list = withItemDefaults(
      [key('a', 'a', range(3, 4, 6)), key('b', 'b', range(3, 4, 7)), { ...key('c'), insertTextFormat: 1 }],
      TAKES_ALL,
    ) as CompletionList;
    assert.deepEqual(list.itemDefaults, { insertTextMode: 2 });
    assert.deepEqual(list.items[1]!.textEdit, { range: range(3, 4, 7), newText: 'b' });
    assert.equal(list.items[2]!.insertTextFormat, 1);
    const noEdit = withItemDefaults([key('a'), { label: 'b', insertTextFormat: 2, insertTextMode: 2 }], TAKES_ALL);
    assert.equal((noEdit as CompletionList).itemDefaults?.editRange, undefined);
    assert.deepEqual((noEdit as CompletionList).items[0]!.textEdit, key('a').textEdit);
  });

  it('leaves an insert/replace edit on its item', () => {
    const edit = { newText: 'x', insert: range(1, 0, 1), replace: range(1, 0, 3) };
    const list = withItemDefaults(
      [
        { label: 'x', textEdit: edit },
        { label: 'y', textEdit: edit },
      ],
      TAKES_ALL,
    );
    assert.deepEqual(list, [
      { label: 'x', textEdit: edit },
      { label: 'y', textEdit: edit },
    ]);
  });

  it('changes nothing for a client that takes no defaults, or only those the items do not share', () => {
    const items = [key('image'), key('restart')];
    assert.deepEqual(withItemDefaults(structuredClone(items), {}), items);
    assert.deepEqual(withItemDefaults(structuredClone(items), undefined), items);
    const onlyData: ClientCapabilities = {
      textDocument: { completion: { completionList: { itemDefaults: ['data'] } } },
    };
    assert.deepEqual(withItemDefaults(structuredClone(items), onlyData), items);
    const onlyRange: ClientCapabilities = {
      textDocument: { completion: { completionList: { itemDefaults: ['editRange'] } } },
    };
    const list = withItemDefaults(structuredClone(items), onlyRange) as CompletionList;
    assert.deepEqual(list.itemDefaults, { editRange: range(3, 4, 6) });
    assert.equal(list.items[0]!.insertTextFormat, 2);
  });

  it('keeps a list’s isIncomplete', () => {
    const list = withItemDefaults({ isIncomplete: true, items: [key('a'), key('b')] }, TAKES_ALL) as CompletionList;
    assert.equal(list.isIncomplete, true);
    assert.ok(list.itemDefaults?.editRange);
  });
});
