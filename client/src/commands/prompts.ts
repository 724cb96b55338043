// Every question Berth asks the user goes through here, so that extension-host tests can answer them:
// a test queues answers with `answerNextPrompts([...])`, and each prompt takes the next one instead of showing UI.
// Outside tests the queue is empty and these are VS Code's own quick pick / input box / message dialogs.
import * as vscode from 'vscode';

type Answer = string | string[] | undefined;
const queued: Answer[] = [];

/** Test seam: the next prompts resolve with these answers, in order (undefined = the user pressed Escape). */
export function answerNextPrompts(answers: Answer[]): void {
  queued.push(...answers);
}
export function pendingAnswers(): number {
  return queued.length;
}
/** Test seam: drops answers a test queued but never used, so they cannot leak into the next test. */
export function clearAnswers(): number {
  return queued.splice(0).length;
}

function takeQueued(): { hit: boolean; value: Answer } {
  return queued.length ? { hit: true, value: queued.shift() } : { hit: false, value: undefined };
}

export async function pick<T extends vscode.QuickPickItem>(
  items: T[] | Promise<T[]>,
  options: vscode.QuickPickOptions = {},
): Promise<T | undefined> {
  const q = takeQueued();
  if (q.hit) {
    const all = await items;
    return q.value === undefined
      ? undefined
      : (all.find((i) => i.label === q.value || (i as { id?: string }).id === q.value) ??
          failUnknown(String(q.value), all));
  }
  return vscode.window.showQuickPick(items, options);
}

export async function pickMany<T extends vscode.QuickPickItem>(
  items: T[] | Promise<T[]>,
  options: vscode.QuickPickOptions = {},
): Promise<T[] | undefined> {
  const q = takeQueued();
  if (q.hit) {
    const all = await items;
    if (q.value === undefined) return undefined;
    const want = Array.isArray(q.value) ? q.value : [q.value];
    return want.map((w) => all.find((i) => i.label === w) ?? failUnknown(w, all));
  }
  return vscode.window.showQuickPick(items, { ...options, canPickMany: true });
}

export async function input(options: vscode.InputBoxOptions): Promise<string | undefined> {
  const q = takeQueued();
  if (q.hit) {
    const value = q.value === undefined ? undefined : String(q.value);
    const problem = value !== undefined && options.validateInput ? await options.validateInput(value) : undefined;
    if (problem)
      throw new Error(`test answer "${value}" rejected: ${typeof problem === 'string' ? problem : problem.message}`);
    return value;
  }
  return vscode.window.showInputBox(options);
}

/** A modal confirmation; resolves true only when the user chose `confirmLabel`. */
export async function confirm(message: string, confirmLabel: string, detail?: string): Promise<boolean> {
  const q = takeQueued();
  if (q.hit) return q.value === confirmLabel;
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, confirmLabel)) === confirmLabel;
}

/**
 * A modal message with buttons, e.g. a secret shown once; resolves with the chosen button (undefined: closed).
 * A test's queued answer is the button.
 */
export async function choose(message: string, detail: string, buttons: string[]): Promise<string | undefined> {
  const q = takeQueued();
  if (q.hit)
    return q.value === undefined
      ? undefined
      : (buttons.find((b) => b === q.value) ?? failUnknownText(String(q.value), buttons));
  return vscode.window.showInformationMessage(message, { modal: true, detail }, ...buttons);
}

/**
 * A quick pick whose items follow what the user types (a user search, say), asked again 250 ms after typing stops.
 * A test's queued answer is what the user types; the item with that label is chosen from the search's results.
 */
export async function searchPick<T extends vscode.QuickPickItem>(
  search: (text: string) => Promise<T[]>,
  options: { placeholder?: string; title?: string } = {},
): Promise<T | undefined> {
  const q = takeQueued();
  if (q.hit) {
    if (q.value === undefined) return undefined;
    const typed = String(q.value);
    const all = await search(typed);
    return all.find((i) => i.label === typed) ?? failUnknown(typed, all);
  }
  const qp = vscode.window.createQuickPick<T>();
  qp.placeholder = options.placeholder;
  qp.title = options.title;
  qp.matchOnDescription = true;
  let asked = 0;
  let timer: NodeJS.Timeout | undefined;
  qp.onDidChangeValue((text) => {
    clearTimeout(timer);
    const mine = ++asked;
    timer = setTimeout(() => {
      qp.busy = true;
      search(text)
        .then(
          (items) => {
            if (mine === asked) qp.items = items;
          },
          (e: unknown) => {
            if (mine === asked) qp.items = [{ label: `$(error) ${(e as Error).message}`, alwaysShow: true } as T];
          },
        )
        .finally(() => {
          if (mine === asked) qp.busy = false;
        });
    }, 250);
  });
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      const chosen = qp.selectedItems[0];
      if (chosen && !chosen.label.startsWith('$(error)')) resolve(chosen);
      qp.hide();
    });
    qp.onDidHide(() => {
      clearTimeout(timer);
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

function failUnknownText(wanted: string, all: string[]): never {
  throw new Error(`test answer "${wanted}" matches none of: ${all.join(', ')}`);
}

function failUnknown<T extends vscode.QuickPickItem>(wanted: string, all: T[]): never {
  throw new Error(`test answer "${wanted}" matches none of: ${all.map((i) => i.label).join(', ')}`);
}

/** The host files or folders to use; a queued answer is a path or a list of paths. */
export async function openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined> {
  const q = takeQueued();
  if (q.hit) {
    if (q.value === undefined) return undefined;
    return (Array.isArray(q.value) ? q.value : [q.value]).map((p) => vscode.Uri.file(p));
  }
  return vscode.window.showOpenDialog(options);
}

/** The host file to write; a queued answer is its path. */
export async function saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
  const q = takeQueued();
  if (q.hit) return q.value === undefined ? undefined : vscode.Uri.file(String(q.value));
  return vscode.window.showSaveDialog(options);
}
