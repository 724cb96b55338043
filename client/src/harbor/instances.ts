// The Harbor instances the user connected: URL, user name and registry host in global state, the secret in VS Code's
// SecretStorage only, TLS choices (extra CA file, explicit "allow insecure TLS") in the setting berth.harbor.tls.
import * as vscode from 'vscode';
import { trustedSetting } from '../trust';
import { registryHostOf } from './names';
import { HarborClient } from './client';

export interface HarborInstance {
  /** `username@url`: one entry per account and instance. */
  id: string;
  url: string;
  username: string;
  /** host[:port] to tag images with (systeminfo's registry_url, else the URL's host). */
  registryUrl: string;
  accountKind: 'user' | 'robot';
  /** Whether this account may create projects (systeminfo: everyone, or a system admin). */
  mayCreateProjects: boolean;
  /** The user agreed at connect time that registryUrl, on another host than url, belongs to this Harbor. */
  registryElsewhereConfirmed?: boolean;
}

/** Why credentials for this instance must not go to its registry host; undefined when they may. */
export function registryRefusal(inst: HarborInstance): string | undefined {
  const r = registryHostOf(inst.url, inst.registryUrl);
  if (r.sameHost && r.registry === inst.registryUrl) return undefined;
  if (!r.sameHost && r.registry === inst.registryUrl && inst.registryElsewhereConfirmed) return undefined;
  return vscode.l10n.t(
    '{0} names {1} as its registry, not a host you connected. Berth does not send the secret of {2} there: disconnect and connect {0} again to confirm or replace it.',
    inst.url,
    inst.registryUrl,
    inst.username,
  );
}

export interface InstanceTls {
  caFile?: string;
  allowInsecureTls?: boolean;
}

const STATE_KEY = 'berth.harbor.instances';
/** Instance URLs whose "TLS verification is off" warning was shown (in this window) since allowInsecureTls took effect. */
const insecureWarned = new Set<string>();
const secretKey = (id: string) => `berth.harbor.secret:${id}`;

export class HarborInstances implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly ctx: vscode.ExtensionContext) {
    // berth.harbor.tls can change after connecting (the user's settings, or a repository's once its folder is
    // trusted): say so the moment "allow insecure TLS" takes effect for an instance already connected.
    const recheck = () => {
      for (const i of this.list()) this.warnIfInsecure(i.url);
    };
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('berth.harbor.tls')) recheck();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(recheck),
    );
  }

  /** Warns once per instance while its TLS verification is off; true when it is off. */
  warnIfInsecure(url: string): boolean {
    if (!this.tls(url).allowInsecureTls) {
      insecureWarned.delete(url);
      return false;
    }
    if (insecureWarned.has(url)) return true;
    insecureWarned.add(url);
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'TLS verification is OFF for {0} (allowInsecureTls in berth.harbor.tls). Anyone on the network path could read the secret. Prefer a CA file (caFile).',
        url,
      ),
    );
    return true;
  }

  list(): HarborInstance[] {
    return this.ctx.globalState.get<HarborInstance[]>(STATE_KEY, []);
  }
  get(id: string): HarborInstance | undefined {
    return this.list().find((i) => i.id === id);
  }

  async save(inst: HarborInstance, secret: string): Promise<void> {
    await this.ctx.secrets.store(secretKey(inst.id), secret);
    await this.ctx.globalState.update(STATE_KEY, [...this.list().filter((i) => i.id !== inst.id), inst]);
    this.changed.fire();
  }

  async setSecret(id: string, secret: string): Promise<void> {
    await this.ctx.secrets.store(secretKey(id), secret);
    this.changed.fire();
  }

  /** Disconnect: forgets the instance and deletes its secret. */
  async remove(id: string): Promise<void> {
    await this.ctx.secrets.delete(secretKey(id));
    await this.ctx.globalState.update(
      STATE_KEY,
      this.list().filter((i) => i.id !== id),
    );
    this.changed.fire();
  }

  secret(id: string): Thenable<string | undefined> {
    return this.ctx.secrets.get(secretKey(id));
  }

  /** The TLS choices for an instance: a workspace's berth.harbor.tls counts only in a trusted workspace. */
  tls(url: string): InstanceTls {
    const all = trustedSetting<Record<string, InstanceTls>>('berth.harbor', 'tls', {});
    return all?.[url] ?? {};
  }

  /** A client with the stored secret; undefined when the secret is gone (then ask to re-enter it). */
  async client(inst: HarborInstance): Promise<HarborClient | undefined> {
    const secret = await this.secret(inst.id);
    if (secret === undefined) return undefined;
    this.warnIfInsecure(inst.url);
    return clientFor(inst.url, inst.username, secret, this.tls(inst.url));
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}

export function clientFor(url: string, username: string, secret: string, tls: InstanceTls): HarborClient {
  return new HarborClient({
    url,
    username,
    secret,
    caFile: tls.caFile || undefined,
    insecureTls: tls.allowInsecureTls === true,
  });
}

/** The web UI address of an instance, project, repository or artifact. */
export function webUrl(inst: HarborInstance, projectId?: number, repository?: string, digest?: string): string {
  if (projectId === undefined) return `${inst.url}/harbor/projects`;
  let u = `${inst.url}/harbor/projects/${projectId}/repositories`;
  if (repository) u += `/${encodeURIComponent(repository)}`;
  if (repository && digest) u += `/artifacts-tab/artifacts/${digest}`;
  return u;
}
