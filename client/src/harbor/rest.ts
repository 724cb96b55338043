// Harbor's REST API v2.0 for one instance. Deliberately cookie-less: Harbor sets a `sid` cookie and then rejects
// writes that carry it without a CSRF token, so every call sends Basic auth and nothing else. Pure Node: no vscode.
import * as l10n from '@vscode/l10n';
import { readFileSync, statSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { HarborError, errorForFetchFailure, errorForStatus, withNoScannerAdvice } from './errors';
import { repositoryPathSegment } from './names';
import { pollUntil, type PollOptions } from './poll';
import { SCAN_DONE, scanOf } from './types';
import type {
  HarborArtifact,
  HarborMember,
  HarborPermissions,
  HarborProject,
  HarborRepository,
  HarborRobot,
  HarborRobotCreated,
  HarborRobotPermission,
  HarborSystemInfo,
  HarborUser,
  HarborUserSearchItem,
  HarborVulnerabilityReport,
  Page,
} from './types';

export interface HarborConnection {
  /** Normalised base URL (scheme + host[:port]), see normaliseHarborUrl. */
  url: string;
  username: string;
  /** Password, robot secret or OIDC CLI secret. Kept in memory only. */
  secret: string;
  /** Extra CA certificate file (PEM) to trust for this instance, in addition to the system's (see caBundle). */
  caFile?: string;
  /** Skip TLS verification (explicit per-instance opt-in). */
  insecureTls?: boolean;
  timeoutMs?: number;
}

export type Identity = { kind: 'user'; user: HarborUser } | { kind: 'robot'; name: string };

export const MAX_PAGE_SIZE = 100;
const API = '/api/v2.0';

type FetchLike = (url: string, init: Record<string, unknown>) => Promise<Response>;

export class HarborClient {
  private fetcher?: FetchLike;

  constructor(readonly conn: HarborConnection) {}

  private async getFetcher(): Promise<FetchLike> {
    if (this.fetcher) return this.fetcher;
    if (this.conn.caFile || this.conn.insecureTls) {
      // Node's global fetch cannot take a CA per call; undici (the same implementation) takes a dispatcher that can.
      // Loaded on demand to keep activation light.
      const { Agent, fetch: undiciFetch } = await import('undici');
      const dispatcher = new Agent({
        connect: {
          ca: this.conn.caFile ? caBundle(this.conn.caFile) : undefined,
          rejectUnauthorized: !this.conn.insecureTls,
        },
      });
      this.fetcher = (url, init) =>
        undiciFetch(url, { ...init, dispatcher } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>;
    } else {
      this.fetcher = (url, init) => fetch(url, init as RequestInit);
    }
    return this.fetcher;
  }

  /** One call: Basic auth, JSON, timeout + caller's AbortSignal, Harbor's error body turned into a HarborError. */
  async request(
    method: string,
    pathAndQuery: string,
    what: string,
    opts: { body?: unknown; signal?: AbortSignal; okStatuses?: number[]; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const url = `${this.conn.url}${API}${pathAndQuery}`;
    const timeout = AbortSignal.timeout(this.conn.timeoutMs ?? 20_000);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    const headers: Record<string, string> = {
      Authorization: `Basic ${Buffer.from(`${this.conn.username}:${this.conn.secret}`).toString('base64')}`,
      Accept: 'application/json',
      ...opts.headers,
    };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    const fetcher = await this.getFetcher(); // outside the try: a bad CA file is its own error, not a network failure
    let res: Response;
    try {
      res = await fetcher(url, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal,
        redirect: 'manual',
      });
    } catch (e) {
      throw errorForFetchFailure(e, this.conn.url, timeout.aborted, !!opts.signal?.aborted);
    }
    if (res.status >= 300 && res.status < 400) {
      const to = res.headers.get('location') ?? '';
      if (isDowngrade(this.conn.url, to)) {
        throw new HarborError(
          'redirect',
          `Harbor at ${this.conn.url} redirects to plain HTTP (${safeOrigin(to, url)}). Berth does not send credentials over an unencrypted connection: set Harbor's external URL to https://, or reconnect with an http:// URL if you really mean plain HTTP.`,
          res.status,
        );
      }
      throw Object.assign(
        new HarborError(
          'redirect',
          `Harbor redirects ${this.conn.url} to ${to}. Reconnect with ${safeOrigin(to, url)} so the credentials are sent to the right place.`,
          res.status,
        ),
        { redirectOrigin: safeOrigin(to, url) },
      );
    }
    if (!res.ok && !(opts.okStatuses ?? []).includes(res.status))
      throw errorForStatus(res.status, await res.text().catch(() => ''), what);
    return res;
  }

  private async json<T>(path: string, what: string, signal?: AbortSignal): Promise<T> {
    return (await (await this.request('GET', path, what, { signal })).json()) as T;
  }

  /** One page of a list: page from 1, at most MAX_PAGE_SIZE items, totals from X-Total-Count and Link. */
  async page<T>(
    path: string,
    what: string,
    page: number,
    pageSize: number,
    extra = '',
    signal?: AbortSignal,
    headers?: Record<string, string>,
  ): Promise<Page<T>> {
    const size = Math.min(Math.max(1, pageSize), MAX_PAGE_SIZE);
    const sep = path.includes('?') ? '&' : '?';
    const res = await this.request('GET', `${path}${sep}page=${page}&page_size=${size}${extra}`, what, {
      signal,
      headers,
    });
    const items = (await res.json()) as T[];
    const totalHeader = res.headers.get('x-total-count');
    const total = totalHeader === null ? (page - 1) * size + items.length : Number(totalHeader);
    const hasNext = /rel="next"/.test(res.headers.get('link') ?? '') || page * size < total;
    return { items: items ?? [], total, hasNext, page, pageSize: size };
  }

  systemInfo(signal?: AbortSignal): Promise<HarborSystemInfo> {
    return this.json('/systeminfo', 'read system info', signal);
  }

  /** 200 → a user; 412 → a robot account (Harbor refuses /users/current for robots); 401 → wrong credentials. */
  async verifyCredentials(signal?: AbortSignal): Promise<Identity> {
    const res = await this.request('GET', '/users/current', 'check the credentials', { signal, okStatuses: [412] });
    if (res.status === 412) {
      await res.body?.cancel();
      return { kind: 'robot', name: this.conn.username };
    }
    return { kind: 'user', user: (await res.json()) as HarborUser };
  }

  listProjects(page = 1, pageSize = 50, signal?: AbortSignal): Promise<Page<HarborProject>> {
    return this.page('/projects', 'list projects', page, pageSize, '&with_detail=true', signal);
  }

  async projectExists(name: string, signal?: AbortSignal): Promise<boolean> {
    const res = await this.request(
      'HEAD',
      `/projects?project_name=${encodeURIComponent(name)}`,
      `check project ${name}`,
      { signal, okStatuses: [404] },
    );
    return res.status === 200;
  }

  /** Creates a project; `metadata.public` is a string in Harbor's API. */
  async createProject(name: string, isPublic: boolean, signal?: AbortSignal): Promise<void> {
    await this.request('POST', '/projects', `create project ${name}`, {
      body: { project_name: name, metadata: { public: String(isPublic) } },
      signal,
    });
  }

  listRepositories(project: string, page = 1, pageSize = 50, signal?: AbortSignal): Promise<Page<HarborRepository>> {
    return this.page(
      `/projects/${encodeURIComponent(project)}/repositories`,
      `list repositories of ${project}`,
      page,
      pageSize,
      '',
      signal,
    );
  }

  /** The artifacts of one repository, as a path under /api/v2.0. */
  artifactsPath(project: string, repository: string): string {
    return `/projects/${encodeURIComponent(project)}/repositories/${repositoryPathSegment(project, repository)}/artifacts`;
  }

  listArtifacts(
    project: string,
    repository: string,
    page = 1,
    pageSize = 50,
    signal?: AbortSignal,
  ): Promise<Page<HarborArtifact>> {
    return this.page(
      this.artifactsPath(project, repository),
      `list artifacts of ${project}/${repository}`,
      page,
      pageSize,
      '&with_tag=true&with_scan_overview=true',
      signal,
    );
  }

  getArtifact(project: string, repository: string, reference: string, signal?: AbortSignal): Promise<HarborArtifact> {
    return this.json(
      `${this.artifactsPath(project, repository)}/${encodeURIComponent(reference)}?with_tag=true&with_scan_overview=true`,
      `read ${project}/${repository}@${reference}`,
      signal,
    );
  }

  async deleteTag(
    project: string,
    repository: string,
    reference: string,
    tag: string,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.request(
      'DELETE',
      `${this.artifactsPath(project, repository)}/${encodeURIComponent(reference)}/tags/${encodeURIComponent(tag)}`,
      `delete tag ${tag}`,
      { signal },
    );
  }

  /** Removes the manifest and every tag on it. */
  async deleteArtifact(project: string, repository: string, reference: string, signal?: AbortSignal): Promise<void> {
    await this.request(
      'DELETE',
      `${this.artifactsPath(project, repository)}/${encodeURIComponent(reference)}`,
      `delete ${project}/${repository}@${reference}`,
      { signal },
    );
  }

  /**
   * Starts a vulnerability scan, or with `sbom` an SBOM generation, by the project's scanner (202). Harbor answers
   * 412 when the project has no scanner, and 400 when its scanner cannot make SBOMs.
   */
  async startScan(
    project: string,
    repository: string,
    reference: string,
    signal?: AbortSignal,
    type: 'vulnerability' | 'sbom' = 'vulnerability',
  ): Promise<void> {
    const what =
      type === 'sbom'
        ? l10n.t('generate an SBOM for {0}', `${project}/${repository}@${reference}`)
        : `scan ${project}/${repository}`;
    try {
      const res = await this.request(
        'POST',
        `${this.artifactsPath(project, repository)}/${encodeURIComponent(reference)}/scan`,
        what,
        { signal, body: type === 'sbom' ? { scan_type: 'sbom' } : undefined },
      );
      await res.body?.cancel();
    } catch (e) {
      throw withNoScannerAdvice(e, project);
    }
  }

  /** Polls the artifact until its scan finished (Success, Error or Stopped); returns the artifact as last read. */
  async waitForScan(
    project: string,
    repository: string,
    reference: string,
    opts: PollOptions = {},
  ): Promise<HarborArtifact> {
    const status = (a: HarborArtifact) => scanOf(a)?.scan_status;
    return pollUntil(
      () => this.getArtifact(project, repository, reference, opts.signal),
      (a) => SCAN_DONE.has(status(a) ?? ''),
      (a) => `The scan of ${project}/${repository} is still ${status(a) ?? 'pending'}; look again later.`,
      opts,
    );
  }
  // ---- Teams: project members, user search, robot accounts (Project Admin or system admin; see errors.ts) ----

  private membersPath(project: string): string {
    return `/projects/${encodeURIComponent(project)}/members`;
  }

  /** A project's users and groups with their roles. The project is named, never an id: X-Is-Resource-Name says so. */
  listMembers(project: string, page = 1, pageSize = 50, signal?: AbortSignal): Promise<Page<HarborMember>> {
    return this.page(this.membersPath(project), `list the members of ${project}`, page, pageSize, '', signal, BY_NAME);
  }

  /** Adds a user (by name) or group (by name) with a role id; 409 when already a member. */
  async addMember(
    project: string,
    member: { kind: 'user' | 'group'; name: string },
    roleId: number,
    signal?: AbortSignal,
  ): Promise<void> {
    const body =
      member.kind === 'user'
        ? { role_id: roleId, member_user: { username: member.name } }
        : { role_id: roleId, member_group: { group_name: member.name } };
    await this.request('POST', this.membersPath(project), `add ${member.name} to ${project}`, {
      body,
      signal,
      headers: BY_NAME,
    });
  }

  async setMemberRole(project: string, memberId: number, roleId: number, signal?: AbortSignal): Promise<void> {
    await this.request('PUT', `${this.membersPath(project)}/${memberId}`, `change a member's role in ${project}`, {
      body: { role_id: roleId },
      signal,
      headers: BY_NAME,
    });
  }

  async removeMember(project: string, memberId: number, signal?: AbortSignal): Promise<void> {
    await this.request('DELETE', `${this.membersPath(project)}/${memberId}`, `remove a member from ${project}`, {
      signal,
      headers: BY_NAME,
    });
  }

  /** Users whose name contains `text` (any logged-in user may search). */
  searchUsers(text: string, page = 1, pageSize = 20, signal?: AbortSignal): Promise<Page<HarborUserSearchItem>> {
    return this.page(`/users/search?username=${encodeURIComponent(text)}`, 'search users', page, pageSize, '', signal);
  }

  /** A project's robot accounts (Project Admin), or with no project the system ones (system admin). */
  listRobots(
    project: { project_id: number } | undefined,
    page = 1,
    pageSize = 50,
    signal?: AbortSignal,
  ): Promise<Page<HarborRobot>> {
    const q = project ? `Level=project,ProjectID=${project.project_id}` : 'Level=system';
    return this.page(
      `/robots?q=${encodeURIComponent(q)}`,
      project ? 'list the robot accounts of the project' : 'list the system robot accounts',
      page,
      pageSize,
      '',
      signal,
    );
  }

  /** The resources and actions a robot may be given (Project Admins and system admins only). */
  permissions(signal?: AbortSignal): Promise<HarborPermissions> {
    return this.json('/permissions', 'read the robot permissions', signal);
  }

  /** Creates a robot; the answer carries its secret, which Harbor never shows again. `duration` in days, -1 never. */
  async createRobot(
    robot: {
      name: string;
      description?: string;
      level: 'project' | 'system';
      duration: number;
      permissions: HarborRobotPermission[];
    },
    signal?: AbortSignal,
  ): Promise<HarborRobotCreated> {
    const res = await this.request('POST', '/robots', `create robot account ${robot.name}`, {
      body: { ...robot, disable: false },
      signal,
    });
    return (await res.json()) as HarborRobotCreated;
  }

  /** A new secret, generated by Harbor and returned once. */
  async refreshRobotSecret(robot: HarborRobot, signal?: AbortSignal): Promise<string> {
    const res = await this.request('PATCH', `/robots/${robot.id}`, `refresh the secret of ${robot.name}`, {
      body: {},
      signal,
    });
    const { secret } = (await res.json()) as { secret?: string };
    if (!secret)
      throw new HarborError('invalid', `Harbor refreshed the secret of ${robot.name} but did not return it.`);
    return secret;
  }

  /** Harbor's PUT replaces the whole account, so the account as listed is sent back with only `disable` changed. */
  async setRobotDisabled(robot: HarborRobot, disable: boolean, signal?: AbortSignal): Promise<void> {
    const { id, name, description, level, duration, permissions } = robot;
    await this.request('PUT', `/robots/${id}`, `${disable ? 'disable' : 'enable'} ${name}`, {
      body: { id, name, description, level, duration, permissions, disable },
      signal,
    });
  }

  async deleteRobot(robot: HarborRobot, signal?: AbortSignal): Promise<void> {
    await this.request('DELETE', `/robots/${robot.id}`, `delete ${robot.name}`, { signal });
  }

  // ---- Vulnerability details ----

  /** The artifact's full scan report; undefined when there is none (Harbor answers `{}` before a scan succeeded). */
  async vulnerabilityReport(
    project: string,
    repository: string,
    reference: string,
    signal?: AbortSignal,
  ): Promise<HarborVulnerabilityReport | undefined> {
    const res = await this.request(
      'GET',
      `${this.artifactsPath(project, repository)}/${encodeURIComponent(reference)}/additions/vulnerabilities`,
      `read the vulnerabilities of ${project}/${repository}@${reference}`,
      { signal, headers: { 'X-Accept-Vulnerabilities': VULNERABILITY_REPORTS } },
    );
    const reports = (await res.json()) as Record<string, HarborVulnerabilityReport> | null;
    return Object.values(reports ?? {})[0];
  }

  /** The name of the project's scanner, or undefined when none is configured (a 404, or an answer without one). */
  async projectScanner(project: string, signal?: AbortSignal): Promise<string | undefined> {
    const res = await this.request(
      'GET',
      `/projects/${encodeURIComponent(project)}/scanner`,
      `read the scanner of ${project}`,
      {
        signal,
        headers: BY_NAME,
        okStatuses: [404],
      },
    );
    if (res.status === 404) {
      await res.body?.cancel();
      return undefined;
    }
    const text = await res.text();
    const reg = text.trim() ? (JSON.parse(text) as { name?: string; uuid?: string; disabled?: boolean }) : {};
    return reg.uuid && !reg.disabled ? (reg.name ?? reg.uuid) : undefined;
  }
}

/** The report kinds Berth reads; Harbor answers with the first its scanner produced. */
const VULNERABILITY_REPORTS =
  'application/vnd.security.vulnerability.report; version=1.1, application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0';

/** Paths that take a project name or id: this header makes Harbor read a numeric-looking name as a name. */
const BY_NAME = { 'X-Is-Resource-Name': 'true' };

/** A CA file may be this large at most (a bundle of a few hundred certificates); anything larger is not a CA file. */
export const MAX_CA_FILE_BYTES = 1024 * 1024;

/**
 * The CAs to trust for an instance with a caFile: the system's (Node's bundled roots) plus the file's PEM, so that
 * adding a CA does not stop trusting everything else. The file must be a regular file of at most 1 MB holding PEM.
 */
export function caBundle(caFile: string): string[] {
  const where = `The CA file ${caFile} (caFile in berth.harbor.tls)`;
  let size: number;
  try {
    const st = statSync(caFile);
    if (!st.isFile())
      throw new HarborError(
        'tls',
        `${where} is not a regular file. Point caFile at a PEM file with the CA certificate.`,
      );
    size = st.size;
  } catch (e) {
    if (e instanceof HarborError) throw e;
    throw new HarborError(
      'tls',
      `${where} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Check the path in the setting.`,
    );
  }
  if (size > MAX_CA_FILE_BYTES)
    throw new HarborError(
      'tls',
      `${where} is ${Math.round(size / 1024)} KB, more than a CA file can be (1 MB at most). Point caFile at the PEM file with the CA certificate.`,
    );
  const pem = readFileSync(caFile, 'utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw new HarborError('tls', `${where} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
  return [...rootCertificates, pem];
}

/** An https:// instance answered with a redirect to http://: following it would send the credentials in clear. */
export function isDowngrade(instanceUrl: string, location: string): boolean {
  try {
    return new URL(instanceUrl).protocol === 'https:' && new URL(location, instanceUrl).protocol !== 'https:';
  } catch {
    return false;
  }
}

/** Whether connecting may follow a redirect from `from` to `to`: same host name, http(s), never https → http. */
export function followableRedirect(from: string, to: string | undefined): boolean {
  if (!to) return false;
  try {
    const a = new URL(from);
    const b = new URL(to);
    return /^https?:$/.test(b.protocol) && a.hostname === b.hostname && !isDowngrade(from, to);
  } catch {
    return false;
  }
}

function safeOrigin(location: string, base: string): string {
  try {
    return new URL(location, base).origin;
  } catch {
    return 'the URL Harbor redirects to';
  }
}
