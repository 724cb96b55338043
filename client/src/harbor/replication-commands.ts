// Harbor replication commands (system administrators): add, test and remove endpoints; create, start, enable,
// disable and delete rules; stop a running execution; read a task's log. A started rule is watched in a progress
// notification that links to its execution in the Registries view and says how it ended.
import * as vscode from 'vscode';
import { confirm, input, pick, pickMany } from '../commands/prompts';
import { HarborError } from './errors';
import { log, registerSecret } from './log';
import {
  EXECUTION_DONE,
  cronProblem,
  executionCounts,
  executionPercent,
  filterText,
  isPush,
  parseLabels,
  remoteOf,
  type EndpointType,
  type NewEndpoint,
  type ReplicationExecution,
  type TriggerType,
} from './replication';
import { ReplicationApi } from './replication-rest';
import type { HarborCommandKit } from './commands';
import type { HarborInstance } from './instances';
import type { RegistryNode } from './tree/model';

type Node<K extends RegistryNode['kind']> = Extract<RegistryNode, { kind: K }>;

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

export function registerReplicationCommands(kit: HarborCommandKit): { lastWatch: () => ReplicationWatch | undefined } {
  const { reg } = kit;
  let lastWatch: ReplicationWatch | undefined;
  reg('berth.harbor.addReplicationEndpoint', async (n?: RegistryNode) => {
    if (n?.kind === 'endpoints' || n?.kind === 'replication') await addEndpoint(kit, n);
  });
  reg('berth.harbor.testReplicationEndpoint', async (n?: RegistryNode) =>
    n?.kind === 'endpoint' ? testEndpoint(kit, n) : undefined,
  );
  reg('berth.harbor.removeReplicationEndpoint', async (n?: RegistryNode) => {
    if (n?.kind === 'endpoint') await removeEndpoint(kit, n);
  });
  reg('berth.harbor.createReplicationRule', async (n?: RegistryNode) => {
    if (n?.kind === 'rules' || n?.kind === 'replication') await createRule(kit, n);
  });
  reg('berth.harbor.startReplicationRule', async (n?: RegistryNode) => {
    if (n?.kind !== 'rule') return undefined;
    const watch = startRule(kit, n, (w) => (lastWatch = w));
    return watch;
  });
  reg('berth.harbor.enableReplicationRule', async (n?: RegistryNode) => {
    if (n?.kind === 'rule') await setEnabled(kit, n, true);
  });
  reg('berth.harbor.disableReplicationRule', async (n?: RegistryNode) => {
    if (n?.kind === 'rule') await setEnabled(kit, n, false);
  });
  reg('berth.harbor.deleteReplicationRule', async (n?: RegistryNode) => {
    if (n?.kind === 'rule') await deleteRule(kit, n);
  });
  reg('berth.harbor.stopReplicationExecution', async (n?: RegistryNode) => {
    if (n?.kind === 'execution') await stopExecution(kit, n);
  });
  reg('berth.harbor.showReplicationTaskLog', async (n?: RegistryNode) =>
    n?.kind === 'task' ? showTaskLog(kit, n) : undefined,
  );
  reg('berth.harbor.revealReplicationExecution', async (instId?: string, ruleId?: number, executionId?: number) => {
    if (typeof instId === 'string' && typeof ruleId === 'number' && typeof executionId === 'number')
      return revealExecution(kit, instId, ruleId, executionId);
    return undefined;
  });
  return { lastWatch: () => lastWatch };
}

async function replicationOf(kit: HarborCommandKit, inst: HarborInstance): Promise<ReplicationApi> {
  return new ReplicationApi(await kit.connected(inst));
}

/** The Endpoints or Rules folder of an instance, as loaded in the view (to refresh it after a change). */
function folderOf(kit: HarborCommandKit, n: RegistryNode & { inst: HarborInstance }, kind: 'endpoints' | 'rules') {
  const replication = n.kind === 'replication' ? n.key : n.key.slice(0, n.key.lastIndexOf('\u0000'));
  return kit.provider.store.byKey(`${replication}\u0000#${kind}`);
}

async function addEndpoint(kit: HarborCommandKit, at: Node<'endpoints' | 'replication'>): Promise<void> {
  const type = await pick(
    [
      {
        label: vscode.l10n.t('Harbor'),
        detail: vscode.l10n.t('another Harbor instance'),
        type: 'harbor' as EndpointType,
      },
      {
        label: vscode.l10n.t('Docker Registry'),
        detail: vscode.l10n.t('a registry speaking the Docker Registry HTTP API v2'),
        type: 'docker-registry' as EndpointType,
      },
    ],
    { placeHolder: vscode.l10n.t('What kind of endpoint?') },
  );
  if (!type) return;
  const url = await input({
    prompt: vscode.l10n.t('Endpoint URL, as Harbor will reach it (https://… or http://…)'),
    placeHolder: 'https://harbor-b.example.com',
    validateInput: (v) =>
      /^https?:\/\/[^/\s]+/.test(v.trim()) ? undefined : vscode.l10n.t('A URL starting with https:// or http://'),
  });
  if (!url) return;
  const host = new URL(url.trim()).host;
  const name = await input({
    prompt: vscode.l10n.t('Endpoint name'),
    value: host.replace(/[:.]/g, '-'),
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A name is required')),
  });
  if (!name) return;
  const accessKey = await input({
    prompt: vscode.l10n.t('User or robot account on {0} (empty for anonymous access)', host),
  });
  if (accessKey === undefined) return;
  let accessSecret = '';
  if (accessKey.trim()) {
    const secret = await input({
      prompt: vscode.l10n.t('Password or secret of {0}', accessKey.trim()),
      password: true,
    });
    if (secret === undefined) return;
    accessSecret = secret;
    registerSecret(secret);
  }
  let insecure = false;
  if (url.trim().startsWith('https://')) {
    const tls = await pick(
      [
        { label: vscode.l10n.t('Verify the certificate'), insecure: false },
        { label: vscode.l10n.t('Skip verification (insecure)'), insecure: true },
      ],
      { placeHolder: vscode.l10n.t("Should Harbor verify {0}'s TLS certificate?", host) },
    );
    if (!tls) return;
    insecure = tls.insecure;
  }
  const endpoint: NewEndpoint = {
    name: name.trim(),
    type: type.type,
    url: url.trim().replace(/\/+$/, ''),
    accessKey: accessKey.trim(),
    accessSecret,
    insecure,
  };
  try {
    const api = await replicationOf(kit, at.inst);
    const ping = await api.pingEndpoint(endpoint);
    if (
      !ping.healthy &&
      !(await confirm(
        vscode.l10n.t('Harbor cannot reach {0}: {1}', endpoint.url, ping.message ?? ''),
        vscode.l10n.t('Add Anyway'),
        vscode.l10n.t('Harbor tested the endpoint from its own network with these credentials.'),
      ))
    )
      return;
    await api.addEndpoint(endpoint);
    log(`added replication endpoint ${endpoint.name} (${endpoint.url}) on ${at.inst.url}`);
    kit.provider.refresh(folderOf(kit, at, 'endpoints'));
    void vscode.window.showInformationMessage(
      ping.healthy
        ? vscode.l10n.t('Added endpoint {0}; Harbor reached it.', endpoint.name)
        : vscode.l10n.t('Added endpoint {0}, which Harbor cannot reach yet.', endpoint.name),
    );
  } catch (e) {
    kit.fail(vscode.l10n.t('Adding endpoint {0}', endpoint.name), e);
  }
}

async function testEndpoint(kit: HarborCommandKit, n: Node<'endpoint'>): Promise<boolean | undefined> {
  try {
    const result = await (await replicationOf(kit, n.inst)).pingEndpoint({ id: n.endpoint.id });
    kit.provider.refresh(kit.provider.store.parentOf(n));
    if (result.healthy)
      void vscode.window.showInformationMessage(vscode.l10n.t('Harbor reached {0}.', n.endpoint.name));
    else
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Harbor cannot reach {0}: {1}', n.endpoint.name, result.message ?? ''),
      );
    return result.healthy;
  } catch (e) {
    kit.fail(vscode.l10n.t('Testing endpoint {0}', n.endpoint.name), e);
    return undefined;
  }
}

async function removeEndpoint(kit: HarborCommandKit, n: Node<'endpoint'>): Promise<void> {
  const ok = await confirm(
    vscode.l10n.t('Remove endpoint {0} ({1})?', n.endpoint.name, n.endpoint.url),
    vscode.l10n.t('Remove'),
    vscode.l10n.t('Harbor refuses while a replication rule uses it.'),
  );
  if (!ok) return;
  try {
    await (await replicationOf(kit, n.inst)).removeEndpoint(n.endpoint);
    log(`removed replication endpoint ${n.endpoint.name} on ${n.inst.url}`);
    kit.provider.refresh(kit.provider.store.parentOf(n));
  } catch (e) {
    kit.fail(vscode.l10n.t('Removing endpoint {0}', n.endpoint.name), e);
  }
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
  const watch: ReplicationWatch = { rule: rule.name, executionId, messages: [] };
  publish(watch);
  const id = executionId;
  const link = `[${vscode.l10n.t('Show execution')}](command:berth.harbor.revealReplicationExecution?${encodeURIComponent(
    JSON.stringify([n.inst.id, rule.id, id]),
  )})`;
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Replicating with {0}', rule.name),
      cancellable: true,
    },
    async (progress, token) => {
      const stop = new AbortController();
      const sub = token.onCancellationRequested(() => stop.abort());
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
          { intervalMs: WATCH_INTERVAL_MS, signal: stop.signal },
        );
      } catch (e) {
        watch.error = (e as Error).message;
        if (!(e instanceof HarborError && e.kind === 'cancelled'))
          kit.fail(vscode.l10n.t('Watching replication execution {0}', id), e);
      } finally {
        sub.dispose();
      }
    },
  );
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

async function setEnabled(kit: HarborCommandKit, n: Node<'rule'>, enabled: boolean): Promise<void> {
  try {
    const api = await replicationOf(kit, n.inst);
    // The rule as Harbor has it now, so the PUT does not send back a stale copy.
    await api.setRuleEnabled(await api.getRule(n.rule.id), enabled);
    log(`${enabled ? 'enabled' : 'disabled'} replication rule ${n.rule.name} on ${n.inst.url}`);
    kit.provider.refresh(kit.provider.store.parentOf(n));
  } catch (e) {
    kit.fail(
      enabled
        ? vscode.l10n.t('Enabling replication rule {0}', n.rule.name)
        : vscode.l10n.t('Disabling replication rule {0}', n.rule.name),
      e,
    );
  }
}

async function deleteRule(kit: HarborCommandKit, n: Node<'rule'>): Promise<void> {
  const ok = await confirm(
    vscode.l10n.t('Delete replication rule {0}?', n.rule.name),
    vscode.l10n.t('Delete'),
    vscode.l10n.t('Its executions go with it. Harbor refuses while one is running.'),
  );
  if (!ok) return;
  try {
    await (await replicationOf(kit, n.inst)).deleteRule(n.rule);
    log(`deleted replication rule ${n.rule.name} on ${n.inst.url}`);
    kit.provider.refresh(kit.provider.store.parentOf(n));
  } catch (e) {
    kit.fail(vscode.l10n.t('Deleting replication rule {0}', n.rule.name), e);
  }
}

async function stopExecution(kit: HarborCommandKit, n: Node<'execution'>): Promise<void> {
  const ok = await confirm(
    vscode.l10n.t('Stop execution {0} of {1}?', n.execution.id, n.rule.name),
    vscode.l10n.t('Stop'),
    vscode.l10n.t('Tasks that finished stay done; the others stop.'),
  );
  if (!ok) return;
  try {
    await (await replicationOf(kit, n.inst)).stopExecution(n.execution.id);
    log(`stopped replication execution ${n.execution.id} on ${n.inst.url}`);
    kit.provider.refresh(kit.provider.store.parentOf(n));
  } catch (e) {
    kit.fail(vscode.l10n.t('Stopping execution {0}', n.execution.id), e);
  }
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
