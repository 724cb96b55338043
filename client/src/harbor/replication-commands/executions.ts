// Replication executions (system administrators): the watch of a started rule (a progress notification that
// links to the execution in the Registries view and says how it ended), stop one, read a task's log, and reveal
// one in the view.
import * as vscode from 'vscode';
import { withCancellableProgress } from '../../commands/progress';
import { HarborError } from '../errors';
import { log } from '../log';
import { EXECUTION_DONE, executionCounts, executionPercent, type ReplicationExecution } from '../replication';
import type { ReplicationApi } from '../replication-rest';
import type { HarborCommandKit } from '../commands';
import type { RegistryNode } from '../tree/model';
import { changeNodeIfConfirmed, replicationOf, type Node } from './shared';

/** A watched execution as far as it got: what the tests wait on. */
export interface ReplicationWatch {
  rule: string;
  executionId: number;
  /** Each progress message shown, in order. */
  messages: string[];
  final?: ReplicationExecution;
  error?: string;
}

/** How often a watched execution is read. */
const WATCH_INTERVAL_MS = 1000;
/** How long a stop is waited for before the message says to look again later. */
const STOP_WAIT_MS = 2 * 60_000;

export function registerExecutionCommands(kit: HarborCommandKit): void {
  kit.onNode('berth.harbor.stopReplicationExecution', ['execution'], (n) => stopExecution(kit, n));
  kit.onNode('berth.harbor.showReplicationTaskLog', ['task'], (n) => showTaskLog(kit, n));
  kit.reg('berth.harbor.revealReplicationExecution', async (instId?: string, ruleId?: number, executionId?: number) => {
    if (typeof instId === 'string' && typeof ruleId === 'number' && typeof executionId === 'number')
      return revealExecution(kit, instId, ruleId, executionId);
    return undefined;
  });
}

/** Watches the execution `id` that rule `n` just started, in a progress notification, and says how it ended. */
export async function watchExecution(
  kit: HarborCommandKit,
  n: Node<'rule'>,
  api: ReplicationApi,
  id: number,
  publish: (w: ReplicationWatch) => void,
): Promise<ReplicationWatch> {
  const rule = n.rule;
  const watch: ReplicationWatch = { rule: rule.name, executionId: id, messages: [] };
  publish(watch);
  const link = `[${vscode.l10n.t('Show execution')}](command:berth.harbor.revealReplicationExecution?${encodeURIComponent(
    JSON.stringify([n.inst.id, rule.id, id]),
  )})`;
  await withCancellableProgress(vscode.l10n.t('Replicating with {0}', rule.name), async (signal, progress) => {
    let shown = 0;
    try {
      watch.final = await api.watchExecution(
        id,
        (e) => {
          const percent = executionPercent(e);
          const message = `${e.status} · ${executionCounts(e)} · ${link}`;
          watch.messages.push(message);
          progress.report({ message, increment: Math.max(0, percent - shown) });
          shown = Math.max(shown, percent);
          if (!EXECUTION_DONE.has(e.status)) kit.provider.refresh(n);
        },
        { intervalMs: WATCH_INTERVAL_MS, signal },
      );
    } catch (e) {
      watch.error = (e as Error).message;
      if (!(e instanceof HarborError && e.kind === 'cancelled'))
        kit.fail(vscode.l10n.t('Watching replication execution {0}', id), e);
    }
  });
  kit.provider.refresh(n);
  if (watch.final) {
    const show = vscode.l10n.t('Show Execution');
    const text = vscode.l10n.t(
      'Replication rule {0}: execution {1} ended {2} ({3}).',
      rule.name,
      id,
      watch.final.status,
      executionCounts(watch.final),
    );
    log(text);
    const shown =
      watch.final.status === 'Succeed'
        ? vscode.window.showInformationMessage(text, show)
        : vscode.window.showWarningMessage(text, show);
    void shown.then((b) => (b === show ? revealExecution(kit, n.inst.id, rule.id, id) : undefined));
  } else if (watch.error) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Stopped watching execution {0}; it goes on in Harbor. {1}', id, link),
    );
  }
  return watch;
}

/** Stops an execution once confirmed; the tree reloads once Harbor says it ended (stopAndWait). */
async function stopExecution(kit: HarborCommandKit, n: Node<'execution'>): Promise<void> {
  const id = n.execution.id;
  await changeNodeIfConfirmed(
    kit,
    n,
    {
      question: vscode.l10n.t('Stop execution {0} of {1}?', id, n.rule.name),
      button: vscode.l10n.t('Stop'),
      detail: vscode.l10n.t('Tasks that finished stay done; the others stop.'),
    },
    {
      run: (api) => stopAndWait(api, id),
      logLine: `stopped replication execution ${id} on ${n.inst.url}`,
      failure: vscode.l10n.t('Stopping execution {0}', id),
    },
  );
}

/**
 * Asks Harbor to stop an execution and waits, with progress and Cancel, until it has: Harbor stops the tasks in the
 * background, so a tree reloaded at once would still show it InProgress. Cancel ends the waiting only.
 */
async function stopAndWait(api: ReplicationApi, id: number): Promise<void> {
  await withCancellableProgress(vscode.l10n.t('Stopping execution {0}…', id), async (signal) => {
    await api.stopExecution(id, signal);
    const waiting = { intervalMs: WATCH_INTERVAL_MS, timeoutMs: STOP_WAIT_MS, signal };
    await api
      .watchExecution(id, () => undefined, waiting)
      .catch((e: unknown) => {
        if (!(e instanceof HarborError && e.kind === 'cancelled')) throw e; // the stop was sent; Harbor goes on
      });
  });
}

async function showTaskLog(kit: HarborCommandKit, n: Node<'task'>): Promise<vscode.TextDocument | undefined> {
  try {
    const text = await (await replicationOf(kit, n.inst)).taskLog(n.execution.id, n.task.id);
    const document = await vscode.workspace.openTextDocument({
      content: text || vscode.l10n.t('(The task has not written anything yet.)'),
      language: 'log',
    });
    await vscode.window.showTextDocument(document, { preview: true });
    return document;
  } catch (e) {
    kit.fail(vscode.l10n.t('Reading the log of {0}', n.task.src_resource ?? String(n.task.id)), e);
    return undefined;
  }
}

/** Walks the view down to one execution (loading what is not loaded yet), selects it and shows its tasks. */
async function revealExecution(
  kit: HarborCommandKit,
  instId: string,
  ruleId: number,
  executionId: number,
): Promise<RegistryNode | undefined> {
  const { store } = kit.provider;
  const find = async (parent: RegistryNode | undefined, test: (n: RegistryNode) => boolean) =>
    (await store.children(parent)).find(test);
  const inst = await find(undefined, (n) => n.kind === 'instance' && n.inst.id === instId);
  const replication = inst && (await find(inst, (n) => n.kind === 'replication'));
  const rules = replication && (await find(replication, (n) => n.kind === 'rules'));
  const rule = rules && (await find(rules, (n) => n.kind === 'rule' && n.rule.id === ruleId));
  if (!rule) return undefined;
  store.forget(rule);
  const execution = await find(rule, (n) => n.kind === 'execution' && n.execution.id === executionId);
  if (!execution) return undefined;
  await kit.view.reveal(execution, { select: true, focus: true, expand: true });
  return execution;
}
