// Completion item defaults (LSP 3.17 CompletionList.itemDefaults). Every item of a completion answer usually replaces
// the same range with a snippet in the same insert mode: a Compose service's 80-odd keys each carried that range,
// `insertTextFormat` and `insertTextMode`, a third of the answer's JSON. For a client that takes defaults they are
// said once for the list, and each item keeps only its own text (`textEditText`, left out where it is the label).
// What the client then applies is item for item what it would have received.
import type { ClientCapabilities, CompletionItem, CompletionList, Range } from 'vscode-languageserver';

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;

/** The range every item's edit replaces, when every item has a plain edit (not insert/replace) of the same range. */
function sharedEditRange(items: readonly CompletionItem[]): Range | undefined {
  const first = items[0]?.textEdit;
  if (!first || !('range' in first)) return undefined;
  for (const item of items) {
    const edit = item.textEdit;
    if (!edit || !('range' in edit) || !sameRange(edit.range, first.range)) return undefined;
  }
  return first.range;
}

/** The value of a property when every item has it, the same; undefined otherwise. */
function shared<K extends 'insertTextFormat' | 'insertTextMode'>(
  items: readonly CompletionItem[],
  key: K,
): CompletionItem[K] | undefined {
  const value = items[0]?.[key];
  return value !== undefined && items.every((i) => i[key] === value) ? value : undefined;
}

/**
 * A completion answer with what all its items share said once, in the list's item defaults the client declared it
 * takes; the answer as it came when there is nothing to share or the client takes no defaults. Changes the items in
 * place (each answer's own objects).
 */
export function withItemDefaults(
  answer: CompletionItem[] | CompletionList,
  client: ClientCapabilities | undefined,
): CompletionItem[] | CompletionList {
  const takes = client?.textDocument?.completion?.completionList?.itemDefaults;
  const items = Array.isArray(answer) ? answer : answer.items;
  if (!takes?.length || items.length < 2 || (!Array.isArray(answer) && answer.itemDefaults)) return answer;
  const defaults: NonNullable<CompletionList['itemDefaults']> = {};
  const editRange = takes.includes('editRange') ? sharedEditRange(items) : undefined;
  if (editRange) {
    defaults.editRange = editRange;
    for (const item of items) {
      const newText = item.textEdit!.newText;
      item.textEdit = undefined;
      if (newText !== item.label) item.textEditText = newText;
    }
  }
  const format = takes.includes('insertTextFormat') ? shared(items, 'insertTextFormat') : undefined;
  if (format !== undefined) {
    defaults.insertTextFormat = format;
    for (const item of items) item.insertTextFormat = undefined;
  }
  const mode = takes.includes('insertTextMode') ? shared(items, 'insertTextMode') : undefined;
  if (mode !== undefined) {
    defaults.insertTextMode = mode;
    for (const item of items) item.insertTextMode = undefined;
  }
  if (!Object.keys(defaults).length) return answer;
  // (A bare array is a complete list: isIncomplete false.)
  return Array.isArray(answer)
    ? { isIncomplete: false, itemDefaults: defaults, items }
    : { ...answer, itemDefaults: defaults };
}
