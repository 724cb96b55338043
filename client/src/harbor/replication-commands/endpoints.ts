// Replication endpoints (system administrators): add one from a short form (tested from Harbor's own network
// before it is added), test one, remove one.
import * as vscode from 'vscode';
import { confirm, input, pick } from '../../commands/prompts';
import { log, registerSecret } from '../log';
import type { EndpointType, NewEndpoint } from '../replication';
import type { HarborCommandKit } from '../commands';
import { changeNodeIfConfirmed, folderOf, replicationOf, type Node } from './shared';

export function registerEndpointCommands(kit: HarborCommandKit): void {
  kit.onNode('berth.harbor.addReplicationEndpoint', ['endpoints', 'replication'], (n) => addEndpoint(kit, n));
  kit.onNode('berth.harbor.testReplicationEndpoint', ['endpoint'], (n) => testEndpoint(kit, n));
  kit.onNode('berth.harbor.removeReplicationEndpoint', ['endpoint'], (n) => removeEndpoint(kit, n));
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
  await changeNodeIfConfirmed(
    kit,
    n,
    {
      question: vscode.l10n.t('Remove endpoint {0} ({1})?', n.endpoint.name, n.endpoint.url),
      button: vscode.l10n.t('Remove'),
      detail: vscode.l10n.t('Harbor refuses while a replication rule uses it.'),
    },
    {
      run: (api) => api.removeEndpoint(n.endpoint),
      logLine: `removed replication endpoint ${n.endpoint.name} on ${n.inst.url}`,
      failure: vscode.l10n.t('Removing endpoint {0}', n.endpoint.name),
    },
  );
}
