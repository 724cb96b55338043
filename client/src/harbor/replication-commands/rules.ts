// Replication rules (system administrators): create one from a short form, start one (watched in a progress
// notification, see executions.ts), enable or disable one, delete one.
import * as vscode from 'vscode';
import { confirm, input, pick, pickMany } from '../../commands/prompts';
import { log } from '../log';
import { cronProblem, filterText, isPush, parseLabels, remoteOf, type TriggerType } from '../replication';
import type { ReplicationApi } from '../replication-rest';
import type { HarborCommandKit } from '../commands';
import { watchExecution, type ReplicationWatch } from './executions';
import { changeNode, changeNodeIfConfirmed, folderOf, replicationOf, type Node } from './shared';

export function registerRuleCommands(kit: HarborCommandKit, publish: (w: ReplicationWatch) => void): void {
  kit.onNode('berth.harbor.createReplicationRule', ['rules', 'replication'], (n) => createRule(kit, n));
  kit.onNode('berth.harbor.startReplicationRule', ['rule'], (n) => startRule(kit, n, publish));
  kit.onNode('berth.harbor.enableReplicationRule', ['rule'], (n) => setEnabled(kit, n, true));
  kit.onNode('berth.harbor.disableReplicationRule', ['rule'], (n) => setEnabled(kit, n, false));
  kit.onNode('berth.harbor.deleteReplicationRule', ['rule'], (n) => deleteRule(kit, n));
}

async function createRule(kit: HarborCommandKit, at: Node<'rules' | 'replication'>): Promise<number | undefined> {
  let api: ReplicationApi;
  let endpoints;
  try {
    api = await replicationOf(kit, at.inst);
    endpoints = (await api.listEndpoints(1, 100)).items;
  } catch (e) {
    kit.fail(vscode.l10n.t('Creating a replication rule'), e);
    return undefined;
  }
  if (!endpoints.length) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Add an endpoint first: a rule pushes to or pulls from one (Replication › Endpoints).'),
    );
    return undefined;
  }
  const name = await input({
    prompt: vscode.l10n.t('Rule name'),
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A name is required')),
  });
  if (!name) return undefined;
  const direction = await pick(
    [
      {
        label: vscode.l10n.t('Push-based'),
        detail: vscode.l10n.t('copy from this Harbor to the endpoint'),
        push: true,
      },
      {
        label: vscode.l10n.t('Pull-based'),
        detail: vscode.l10n.t('copy from the endpoint into this Harbor'),
        push: false,
      },
    ],
    { placeHolder: vscode.l10n.t('Replication mode') },
  );
  if (!direction) return undefined;
  const endpoint = await pick(
    endpoints.map((e) => ({ label: e.name, description: `${e.type} · ${e.url}`, id: String(e.id), endpoint: e })),
    {
      placeHolder: direction.push
        ? vscode.l10n.t('Push to which endpoint?')
        : vscode.l10n.t('Pull from which endpoint?'),
    },
  );
  if (!endpoint) return undefined;
  const namePattern = await input({
    prompt: vscode.l10n.t('Source name filter (empty for every repository)'),
    placeHolder: 'library/** , team/app-{a,b}',
  });
  if (namePattern === undefined) return undefined;
  const tagPattern = await input({
    prompt: vscode.l10n.t('Source tag filter (empty for every tag)'),
    placeHolder: 'v*',
  });
  if (tagPattern === undefined) return undefined;
  const labels = await input({
    prompt: vscode.l10n.t('Source label filter: labels an artifact must carry, comma-separated (empty for none)'),
  });
  if (labels === undefined) return undefined;
  const destNamespace = await input({
    prompt: vscode.l10n.t('Destination namespace (empty to keep the source project)'),
  });
  if (destNamespace === undefined) return undefined;
  const triggers: Array<{ label: string; detail: string; trigger: TriggerType }> = [
    { label: vscode.l10n.t('Manual'), detail: vscode.l10n.t('runs when started'), trigger: 'manual' },
    {
      label: vscode.l10n.t('Scheduled'),
      detail: vscode.l10n.t("on a cron schedule (Harbor's six fields)"),
      trigger: 'scheduled',
    },
  ];
  if (direction.push)
    triggers.push({
      label: vscode.l10n.t('Event-based'),
      detail: vscode.l10n.t('whenever an artifact is pushed or deleted here'),
      trigger: 'event_based',
    });
  const trigger = await pick(triggers, { placeHolder: vscode.l10n.t('Trigger') });
  if (!trigger) return undefined;
  let cron: string | undefined;
  if (trigger.trigger === 'scheduled') {
    cron = await input({
      prompt: vscode.l10n.t('Cron, six fields with seconds first (0 0 3 * * * is 03:00 every day)'),
      value: '0 0 3 * * *',
      validateInput: (v) => cronProblem(v),
    });
    if (!cron) return undefined;
  }
  const override = vscode.l10n.t('Override existing artifacts');
  const enabled = vscode.l10n.t('Enabled');
  const options = await pickMany(
    [
      {
        label: override,
        detail: vscode.l10n.t('replace an artifact of the same name at the destination'),
        picked: true,
      },
      {
        label: enabled,
        detail: vscode.l10n.t('a disabled rule neither runs on its trigger nor can be started'),
        picked: true,
      },
    ],
    { placeHolder: vscode.l10n.t('Options') },
  );
  if (!options) return undefined;
  const chosen = new Set(options.map((o) => o.label));
  try {
    const id = await api.createRule({
      name: name.trim(),
      direction: direction.push ? 'push' : 'pull',
      endpointId: endpoint.endpoint.id,
      namePattern,
      tagPattern,
      labels: parseLabels(labels),
      destNamespace,
      trigger: trigger.trigger,
      cron: cron?.trim(),
      override: chosen.has(override),
      enabled: chosen.has(enabled),
    });
    log(`created replication rule ${name.trim()} on ${at.inst.url}`);
    kit.provider.refresh(folderOf(kit, at, 'rules'));
    void vscode.window.showInformationMessage(vscode.l10n.t('Created replication rule {0}.', name.trim()));
    return id;
  } catch (e) {
    kit.fail(vscode.l10n.t('Creating replication rule {0}', name.trim()), e);
    return undefined;
  }
}

/** Starts a rule after confirmation and watches the execution in a progress notification. */
async function startRule(
  kit: HarborCommandKit,
  n: Node<'rule'>,
  publish: (w: ReplicationWatch) => void,
): Promise<ReplicationWatch | undefined> {
  const rule = n.rule;
  const remote = remoteOf(rule)?.name ?? '?';
  const ok = await confirm(
    isPush(rule)
      ? vscode.l10n.t('Push to {0} now with rule {1}?', remote, rule.name)
      : vscode.l10n.t('Pull from {0} now with rule {1}?', remote, rule.name),
    vscode.l10n.t('Start'),
    [
      vscode.l10n.t('Filters: {0}', filterText(rule)),
      rule.override
        ? vscode.l10n.t('Artifacts already at the destination are overwritten.')
        : vscode.l10n.t('Artifacts already at the destination are kept.'),
    ].join('\n'),
  );
  if (!ok) return undefined;
  let api: ReplicationApi;
  let executionId: number | undefined;
  try {
    api = await replicationOf(kit, n.inst);
    executionId = await api.startRule(rule);
  } catch (e) {
    kit.fail(vscode.l10n.t('Starting replication rule {0}', rule.name), e);
    return undefined;
  }
  if (executionId === undefined) {
    kit.fail(
      vscode.l10n.t('Starting replication rule {0}', rule.name),
      new Error('Harbor did not say which execution it started.'),
    );
    return undefined;
  }
  log(`started replication rule ${rule.name} on ${n.inst.url}: execution ${executionId}`);
  kit.provider.refresh(n);
  return watchExecution(kit, n, api, executionId, publish);
}

async function setEnabled(kit: HarborCommandKit, n: Node<'rule'>, enabled: boolean): Promise<void> {
  await changeNode(kit, n, {
    // The rule as Harbor has it now, so the PUT does not send back a stale copy.
    run: async (api) => api.setRuleEnabled(await api.getRule(n.rule.id), enabled),
    logLine: `${enabled ? 'enabled' : 'disabled'} replication rule ${n.rule.name} on ${n.inst.url}`,
    failure: enabled
      ? vscode.l10n.t('Enabling replication rule {0}', n.rule.name)
      : vscode.l10n.t('Disabling replication rule {0}', n.rule.name),
  });
}

async function deleteRule(kit: HarborCommandKit, n: Node<'rule'>): Promise<void> {
  await changeNodeIfConfirmed(
    kit,
    n,
    {
      question: vscode.l10n.t('Delete replication rule {0}?', n.rule.name),
      button: vscode.l10n.t('Delete'),
      detail: vscode.l10n.t('Its executions go with it. Harbor refuses while one is running.'),
    },
    {
      run: (api) => api.deleteRule(n.rule),
      logLine: `deleted replication rule ${n.rule.name} on ${n.inst.url}`,
      failure: vscode.l10n.t('Deleting replication rule {0}', n.rule.name),
    },
  );
}
