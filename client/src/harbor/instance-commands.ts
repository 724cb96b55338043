// Harbor commands on instances and projects: connect (verified before anything is stored), disconnect, re-enter
// a secret, create a project, refresh and page the Registries view, open Harbor's web UI.
import * as vscode from 'vscode';
import { confirm, input, pick } from '../commands/prompts';
import { HarborError } from './errors';
import { HarborInstances, clientFor, webUrl, type HarborInstance } from './instances';
import { log, registerSecret } from './log';
import { normaliseHarborUrl, projectNameProblem, registryHostOf, stripProject } from './names';
import { ProjectApi } from './projects-rest';
import { followableRedirect } from './redirects';
import type { HarborCommandKit } from './commands';
import type { RegistryNode } from './tree/model';

export function registerInstanceCommands({ instances, provider, reg, connected, fail }: HarborCommandKit): void {
  reg('berth.harbor.connect', () => connect(instances));
  reg('berth.harbor.disconnect', async (n?: RegistryNode) => {
    const inst = n?.kind === 'instance' ? n.inst : await pickInstance(instances);
    if (!inst) return;
    if (
      !(await confirm(
        vscode.l10n.t('Disconnect {0} ({1})?', inst.url, inst.username),
        vscode.l10n.t('Disconnect'),
        vscode.l10n.t(
          'Berth forgets this instance and deletes its stored secret. Images already pushed stay in Harbor.',
        ),
      ))
    )
      return;
    await instances.remove(inst.id);
    log(`disconnected ${inst.url} (${inst.username}); secret deleted`);
  });
  reg('berth.harbor.refresh', (n?: RegistryNode | string) =>
    provider.refresh(typeof n === 'string' ? provider.store.byKey(n) : n),
  );
  reg('berth.harbor.loadMore', (parentKey: string) => provider.store.loadMore(parentKey));
  reg('berth.harbor.reenterSecret', async (id?: string) => {
    const inst = (id && instances.get(id)) || (await pickInstance(instances));
    if (!inst) return;
    const secret = await input({
      prompt: vscode.l10n.t('Password, robot secret or CLI secret for {0} at {1}', inst.username, inst.url),
      password: true,
      ignoreFocusOut: true,
    });
    if (!secret) return;
    try {
      await clientFor(inst.url, inst.username, secret, instances.tls(inst.url)).verifyCredentials();
    } catch (e) {
      fail(vscode.l10n.t('Checking the secret for {0}', inst.url), e);
      return;
    }
    registerSecret(secret);
    await instances.setSecret(inst.id, secret);
    log(`secret updated for ${inst.username} at ${inst.url}`);
  });
  reg('berth.harbor.createProject', async (n?: RegistryNode) => {
    const inst = n && 'inst' in n ? n.inst : await pickInstance(instances);
    if (!inst) return undefined;
    const name = await input({
      prompt: vscode.l10n.t('New project name'),
      placeHolder: 'team-a',
      validateInput: (v) => projectNameProblem(v),
    });
    if (!name) return undefined;
    const visibility = await pick(
      [
        { id: 'private', label: vscode.l10n.t('Private'), description: vscode.l10n.t('members only') },
        { id: 'public', label: vscode.l10n.t('Public'), description: vscode.l10n.t('anyone may pull') },
      ],
      { placeHolder: vscode.l10n.t('Visibility of {0}', name) },
    );
    if (!visibility) return undefined;
    try {
      await new ProjectApi(await connected(inst)).createProject(name, visibility.id === 'public');
      log(`created project ${name} on ${inst.url}`);
      provider.refresh(provider.store.byKey(`harbor:${inst.id}`));
      return name;
    } catch (e) {
      fail(vscode.l10n.t('Creating project {0}', name), e);
      return undefined;
    }
  });
  reg('berth.harbor.openInBrowser', (n?: RegistryNode) => {
    if (!n || !('inst' in n)) return;
    // Members, robots and their folders open their project's page (the instance's for system robots).
    const url =
      n.kind === 'repository' || n.kind === 'artifact'
        ? webUrl(
            n.inst,
            n.project.project_id,
            stripProject(n.project.name, n.repo.name),
            n.kind === 'artifact' ? n.artifact.digest : undefined,
          )
        : 'project' in n && n.project
          ? webUrl(n.inst, n.project.project_id)
          : webUrl(n.inst);
    return vscode.env.openExternal(vscode.Uri.parse(url));
  });
}

export async function pickInstance(instances: HarborInstances): Promise<HarborInstance | undefined> {
  const all = instances.list();
  if (all.length <= 1) return all[0];
  const chosen = await pick(
    all.map((i) => ({ label: i.url, description: i.username, id: i.id })),
    { placeHolder: vscode.l10n.t('Harbor instance') },
  );
  return chosen && instances.get(chosen.id);
}

/** Connect Harbor…: URL, account, secret; verified with /users/current before anything is stored. */
async function connect(instances: HarborInstances): Promise<HarborInstance | undefined> {
  const typed = await input({
    prompt: vscode.l10n.t('Harbor URL (https:// is assumed when no scheme is given)'),
    placeHolder: 'harbor.example.com',
    ignoreFocusOut: true,
    validateInput: (v) => {
      try {
        normaliseHarborUrl(v);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
  });
  if (!typed) return undefined;
  let url = normaliseHarborUrl(typed);
  // No scheme typed: https is assumed; if the server answers plain HTTP, ask before sending a secret over it.
  if (!/^[a-z]+:\/\//i.test(typed.trim())) {
    const probe = await clientFor(url, '', '', instances.tls(url))
      .systemInfo()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    if (probe instanceof HarborError && probe.plainHttp) {
      if (
        !(await confirm(
          vscode.l10n.t('{0} answers over plain HTTP, not HTTPS.', new URL(url).host),
          vscode.l10n.t('Use {0}', 'http://'),
          vscode.l10n.t('Your password or secret would travel unencrypted. Prefer giving Harbor a TLS certificate.'),
        ))
      )
        return undefined;
      url = url.replace(/^https:/, 'http:');
    }
  }
  const username = await input({
    prompt: vscode.l10n.t('User name or robot account (robot$…) for {0}', url),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a user name')),
  });
  if (!username) return undefined;
  const tls = instances.tls(url);
  instances.warnIfInsecure(url);
  for (let attempt = 0; attempt < 3; attempt++) {
    const secret = await input({
      prompt: vscode.l10n.t('Password, robot secret or OIDC CLI secret for {0}', username),
      password: true,
      ignoreFocusOut: true,
    });
    if (!secret) return undefined;
    registerSecret(secret);
    let client = clientFor(url, username.trim(), secret, tls);
    try {
      const identity = await client.verifyCredentials().catch(async (e: unknown) => {
        // Harbor moved this host to another scheme/port (e.g. http → https): follow it once, with the credentials
        // sent only to the new origin (fetch itself would drop them on a cross-origin redirect).
        const to = e instanceof HarborError ? e.redirectOrigin : undefined;
        if (!followableRedirect(url, to) || !to) throw e;
        url = to;
        client = clientFor(url, username.trim(), secret, instances.tls(url));
        return client.verifyCredentials();
      });
      const info = await client.systemInfo();
      const admin = identity.kind === 'user' && !!identity.user.sysadmin_flag;
      // Pulls and pushes send the secret to the registry host: systeminfo's registry_url is Harbor's claim, so one on
      // another host than the URL the user gave is used only when the user says it belongs to this Harbor.
      const reg = registryHostOf(url, info.registry_url);
      let registryUrl = reg.registry;
      if (!reg.sameHost) {
        const ok = await confirm(
          vscode.l10n.t('{0} says its registry is {1}, another host than {2}.', url, reg.registry, reg.own),
          vscode.l10n.t('Use {0}', reg.registry),
          vscode.l10n.t(
            'Pulls and pushes would send the secret of {0} to {1}. Choose this only if that host belongs to this Harbor; otherwise Berth pulls and pushes through {2}.',
            username.trim(),
            reg.registry,
            reg.own,
          ),
        );
        if (!ok) registryUrl = reg.own;
        log(
          `${url}: systeminfo registry_url ${reg.registry} is on another host; ${ok ? 'confirmed by the user' : `using ${reg.own}`}`,
        );
      }
      const inst: HarborInstance = {
        id: `${username.trim()}@${url}`,
        url,
        username: username.trim(),
        accountKind: identity.kind,
        registryUrl,
        ...(registryUrl !== reg.own && !reg.sameHost ? { registryElsewhereConfirmed: true } : {}),
        mayCreateProjects: identity.kind === 'user' && (admin || info.project_creation_restriction !== 'adminonly'),
      };
      await instances.save(inst, secret);
      log(
        `connected to ${url} as ${inst.username} (${identity.kind}); Harbor ${info.harbor_version ?? '?'}, registry ${inst.registryUrl}${info.read_only ? ', READ-ONLY mode' : ''}`,
      );
      if (info.read_only)
        void vscode.window.showWarningMessage(
          vscode.l10n.t('{0} is in read-only mode: browsing works, pushing and deleting do not.', url),
        );
      return inst;
    } catch (e) {
      log(`connecting to ${url} failed: ${(e as Error).message}`);
      if (!(e instanceof HarborError && e.kind === 'unauthorized')) {
        void vscode.window.showErrorMessage((e as Error).message);
        return undefined;
      }
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'Harbor refused {0} with that secret: the user name or secret is wrong (OIDC users need their CLI secret).',
          username,
        ),
      );
    }
  }
  return undefined;
}
