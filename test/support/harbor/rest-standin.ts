// Harbor's REST API v2.0 as a stateful stand-in (our own code), reproducing the behaviours in docs/harbor-behaviour.md:
// wrong password → anonymous; `sid` cookie + CSRF 403 on writes that carry it; repository names decoded twice;
// paging headers; {"errors":[…]} bodies; 5xx text replaced by "internal server error"; 412 for robots on
// /users/current and for scans without a scanner. Members, user search and robots live in teams-standin.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Caller, HarborState, StandInArtifact, StandInProject, StandInRepository } from './state';
import { REPORT_MIME, projectScanner, vulnerabilityAddition } from './vulnerabilities-standin';
import { routeMembers, routePermissions, routeRobots, routeUserSearch, type TeamReply } from './teams-standin';
import { routeReplication } from './replication-standin';
import { advanceSbom, sbomDocument, sbomOverview, startSbom } from './sbom-standin';

export interface RecordedExchange {
  method: string;
  rawUrl: string;
  requestHeaders: Record<string, string | string[] | undefined>;
  requestBody: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

const PROJECT_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const API = '/api/v2.0';

class Reply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers: Record<string, string> = {},
    /** A plain-text body, sent as is (task logs). */
    readonly text?: string,
  ) {}
}
const err = (status: number, code: string, message: string) => new Reply(status, { errors: [{ code, message }] });

export async function handleRest(
  state: HarborState,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  log: RecordedExchange[],
): Promise<void> {
  let reply: Reply;
  try {
    reply = await route(state, req, body);
  } catch (e) {
    // Harbor hides every 5xx cause behind one text.
    void e;
    reply = err(500, 'UNKNOWN', 'internal server error');
  }
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Request-Id': randomUUID(),
    ...reply.headers,
  };
  // Harbor hands every client a session cookie; a client that stores and returns it hits the CSRF check.
  headers['Set-Cookie'] = `sid=${randomUUID().replace(/-/g, '')}; Path=/; HttpOnly`;
  const text =
    req.method === 'HEAD' ? '' : (reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)));
  log.push({
    method: req.method ?? 'GET',
    rawUrl: req.url ?? '',
    requestHeaders: req.headers,
    requestBody: body,
    status: reply.status,
    responseHeaders: headers,
    responseBody: text,
  });
  res.writeHead(reply.status, headers);
  res.end(text);
}

async function route(state: HarborState, req: IncomingMessage, body: string): Promise<Reply> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://standin');
  const write = method !== 'GET' && method !== 'HEAD';
  if (write && /(^|;\s*)sid=/.test(req.headers.cookie ?? '')) return err(403, 'FORBIDDEN', 'CSRF token invalid');
  const caller = state.authenticate(req.headers.authorization);
  if (write && state.config.read_only)
    return err(403, 'DENIED', 'The system is in read only mode. Any modification is prohibited.');

  // Like Go's server, the path is decoded once before routing; the repository handler decodes its segment again.
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(url.pathname);
  } catch {
    return err(400, 'BAD_REQUEST', 'invalid path encoding');
  }
  const segs = decodedPath
    .slice(API.length)
    .split('/')
    .filter((s, i) => i > 0 || s !== '');
  const notFound = () => err(404, 'NOT_FOUND', `path ${decodedPath} was not found`);
  const q = url.searchParams;

  if (segs.join('/') === 'systeminfo' && method === 'GET') {
    const { registry_url, read_only, project_creation_restriction, harbor_version, auth_mode } = state.config;
    return new Reply(
      200,
      caller.kind === 'anonymous'
        ? { auth_mode, harbor_version, read_only }
        : {
            registry_url,
            read_only,
            project_creation_restriction,
            harbor_version,
            auth_mode,
            external_url: `http://${req.headers.host}`,
          },
    );
  }
  if (segs.join('/') === 'users/current' && method === 'GET') {
    if (caller.kind === 'anonymous') return err(401, 'UNAUTHORIZED', 'UnAuthorized');
    if (caller.kind === 'robot') return err(412, 'PRECONDITION', 'not available for security context: robot');
    return new Reply(200, {
      user_id: caller.id,
      username: caller.name,
      email: `${caller.name}@example.test`,
      realname: caller.name,
      sysadmin_flag: caller.admin,
      admin_role_in_auth: false,
      creation_time: new Date(0).toISOString(),
      update_time: new Date(0).toISOString(),
    });
  }
  const team = (r: TeamReply) => new Reply(r.status, r.body, r.headers);
  const pagedHere = (all: unknown[]) => paged(all, q, url.pathname);
  if (segs.join('/') === 'users/search' && method === 'GET') return team(routeUserSearch(state, caller, q, pagedHere));
  if (segs.join('/') === 'permissions' && method === 'GET') return team(routePermissions(state, caller));
  if (segs[0] === 'robots') return team(routeRobots(state, caller, method, segs.slice(1), q, body, pagedHere));
  if (segs[0] === 'registries' || segs[0] === 'replication') {
    const r = await routeReplication(state, caller, method, segs, q, body, pagedHere);
    return new Reply(r.status, r.body, r.headers, r.text);
  }
  if (segs[0] !== 'projects') return notFound();
  if (segs.length === 1) {
    if (method === 'HEAD') return new Reply(state.projects.has(q.get('project_name') ?? '') ? 200 : 404);
    if (method === 'GET') {
      const visible = [...state.projects.values()].filter(
        (p) => state.canRead(caller, p) && (!q.get('name') || p.name.includes(q.get('name')!)),
      );
      return paged(
        visible.sort((a, b) => a.name.localeCompare(b.name)).map((p) => projectJson(caller, state, p)),
        q,
        url.pathname,
      );
    }
    if (method === 'POST') return createProject(state, caller, body);
    return err(405, 'METHOD_NOT_ALLOWED', 'method not allowed');
  }
  const project = state.projects.get(segs[1]);
  if (segs[1] === 'boom') throw new Error('database connection lost'); // a 5xx on demand, for the tests
  if (!project) return err(404, 'NOT_FOUND', `project ${segs[1]} not found`);
  if (!state.canRead(caller, project))
    return caller.kind === 'anonymous' ? err(401, 'UNAUTHORIZED', 'UnAuthorized') : err(403, 'FORBIDDEN', 'forbidden');
  if (segs[2] === 'scanner' && segs.length === 3 && method === 'GET') return team(projectScanner(project));
  if (segs[2] === 'members')
    return team(routeMembers(state, caller, project, method, segs.slice(3), q, body, pagedHere));
  if (segs[2] !== 'repositories') return notFound();
  if (segs.length === 3 && method === 'GET') {
    return paged([...project.repositories.values()].map(repositoryJson), q, url.pathname);
  }
  if (segs.length < 4) return notFound();
  let repoName: string;
  try {
    repoName = decodeURIComponent(segs[3]);
  } catch {
    return err(400, 'BAD_REQUEST', 'invalid repository name');
  }
  const repo = project.repositories.get(repoName);
  const mustWrite = () =>
    state.isMember(caller, project)
      ? undefined
      : caller.kind === 'anonymous'
        ? err(401, 'UNAUTHORIZED', 'UnAuthorized')
        : err(403, 'FORBIDDEN', 'forbidden');
  if (segs.length === 4) {
    if (method === 'GET')
      return repo
        ? new Reply(200, repositoryJson(repo))
        : err(404, 'NOT_FOUND', `repository ${project.name}/${repoName} not found`);
    return notFound();
  }
  if (segs[4] !== 'artifacts') return notFound();
  if (segs.length === 5 && method === 'GET') {
    // Harbor lists an unknown repository's artifacts as an empty page, not a 404.
    return paged(
      (repo?.artifacts ?? []).map((a) => artifactJson(state, project, repoName, a, q)),
      q,
      url.pathname,
    );
  }
  const ref = segs[5];
  // An SBOM lives in an accessory of its own digest; its `sbom` addition is the document.
  const described = repo?.artifacts.find((a) => a.sbom?.status === 'Success' && a.sbom.digest === ref);
  if (described && segs[6] === 'additions' && segs[7] === 'sbom' && segs.length === 8 && method === 'GET')
    return new Reply(200, sbomDocument(described));
  const artifact = repo?.artifacts.find((a) => a.digest === ref || a.tags.some((t) => t.name === ref));
  if (!repo || !artifact) return err(404, 'NOT_FOUND', `artifact ${project.name}/${repoName}@${ref} not found`);
  if (segs.length === 6) {
    if (method === 'GET') {
      state.advanceScan(artifact);
      advanceSbom(artifact);
      return new Reply(200, artifactJson(state, project, repoName, artifact, q));
    }
    if (method === 'DELETE') {
      const denied = mustWrite();
      if (denied) return denied;
      repo.artifacts.splice(repo.artifacts.indexOf(artifact), 1);
      if (!repo.artifacts.length) project.repositories.delete(repoName);
      return new Reply(200);
    }
    return notFound();
  }
  if (segs[6] === 'scan' && segs.length === 7 && method === 'POST') {
    const denied = mustWrite();
    if (denied) return denied;
    if (!project.scanner) return err(412, 'PRECONDITION', `no scanner is configured for the project ${project.name}`);
    let scanType: unknown;
    try {
      scanType = body ? (JSON.parse(body) as { scan_type?: unknown }).scan_type : undefined;
    } catch {
      return err(400, 'BAD_REQUEST', 'invalid JSON body');
    }
    if (scanType === 'sbom') {
      if (!project.sbom) return err(400, 'BAD_REQUEST', 'the configured scanner Trivy does not support sbom');
      startSbom(artifact);
      return new Reply(202);
    }
    if (scanType !== undefined && scanType !== 'vulnerability')
      return err(400, 'BAD_REQUEST', `invalid scan type ${String(scanType)}`);
    artifact.scan = { status: 'Pending', reads: 0 };
    return new Reply(202);
  }
  if (segs[6] === 'additions' && segs[7] === 'vulnerabilities' && segs.length === 8 && method === 'GET')
    return new Reply(200, vulnerabilityAddition(artifact));
  if (segs[6] === 'tags') {
    if (segs.length === 7 && method === 'GET')
      return new Reply(
        200,
        artifact.tags.map((t) => tagJson(repo, artifact, t)),
        { 'X-Total-Count': String(artifact.tags.length) },
      );
    if (segs.length === 8 && method === 'DELETE') {
      const denied = mustWrite();
      if (denied) return denied;
      const tag = artifact.tags.find((t) => t.name === segs[7]);
      if (!tag) return err(404, 'NOT_FOUND', `tag ${segs[7]} not found`);
      if (tag.immutable)
        return err(412, 'PRECONDITION', `the tag ${tag.name} configured as immutable, cannot be deleted`);
      artifact.tags = artifact.tags.filter((t) => t !== tag);
      return new Reply(200);
    }
  }
  return notFound();
}

function createProject(state: HarborState, caller: Caller, body: string): Reply {
  if (caller.kind === 'anonymous') return err(401, 'UNAUTHORIZED', 'UnAuthorized');
  if (caller.kind === 'robot') return err(403, 'FORBIDDEN', 'forbidden');
  if (state.config.project_creation_restriction === 'adminonly' && !caller.admin)
    return err(403, 'FORBIDDEN', 'Only system admin can create project');
  let req: { project_name?: unknown; metadata?: { public?: unknown } };
  try {
    req = JSON.parse(body);
  } catch {
    return err(400, 'BAD_REQUEST', 'invalid JSON body');
  }
  if (req.metadata?.public !== undefined && typeof req.metadata.public !== 'string')
    return err(422, 'UNPROCESSABLE_ENTITY', 'metadata.public in body must be of type string');
  const name = String(req.project_name ?? '');
  if (!PROJECT_NAME.test(name))
    return err(400, 'BAD_REQUEST', `project name is not in lower case or contains illegal characters: ${name}`);
  if (state.projects.has(name)) return err(409, 'CONFLICT', `The project named ${name} already exists`);
  const p = state.addProject(name, { public: req.metadata?.public === 'true', owner: caller.name });
  return new Reply(201, undefined, { Location: `${API}/projects/${p.project_id}` });
}

/** Harbor's paging: page from 1, page_size ≤ 100, X-Total-Count, a Link header with relative URLs. */
function paged<T>(all: T[], q: URLSearchParams, path: string): Reply {
  const page = Number(q.get('page') ?? 1);
  const size = Number(q.get('page_size') ?? 10);
  if (!Number.isInteger(size) || size > 100)
    return err(422, 'UNPROCESSABLE_ENTITY', 'page_size in query should be less than or equal to 100');
  if (!Number.isInteger(page) || page < 1)
    return err(422, 'UNPROCESSABLE_ENTITY', 'page in query should be greater than or equal to 1');
  const links: string[] = [];
  const at = (n: number) => {
    const p = new URLSearchParams(q);
    p.set('page', String(n));
    p.set('page_size', String(size));
    return `<${path}?${p}>`;
  };
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`);
  if (page * size < all.length) links.push(`${at(page + 1)}; rel="next"`);
  return new Reply(200, all.slice((page - 1) * size, page * size), {
    'X-Total-Count': String(all.length),
    ...(links.length ? { Link: links.join(' , ') } : {}),
  });
}

function projectJson(caller: Caller, state: HarborState, p: StandInProject): Record<string, unknown> {
  return {
    project_id: p.project_id,
    owner_id: 1,
    name: p.name,
    owner_name: p.owner,
    creation_time: p.creation_time,
    update_time: p.creation_time,
    deleted: false,
    togglable: true,
    current_user_role_id: state.isMember(caller, p) ? 1 : 0,
    current_user_role_ids: state.isMember(caller, p) ? [1] : [],
    repo_count: p.repositories.size,
    metadata: { public: String(p.public) },
  };
}

function repositoryJson(r: StandInRepository): Record<string, unknown> {
  return {
    id: r.id,
    project_id: 0,
    name: r.name,
    artifact_count: r.artifacts.length,
    pull_count: r.pull_count,
    creation_time: r.creation_time,
    update_time: r.update_time,
  };
}

function tagJson(
  r: StandInRepository,
  a: StandInArtifact,
  t: { id: number; name: string; push_time: string; immutable: boolean },
) {
  return {
    id: t.id,
    repository_id: r.id,
    artifact_id: a.id,
    name: t.name,
    push_time: t.push_time,
    pull_time: '0001-01-01T00:00:00.000Z',
    immutable: t.immutable,
  };
}

function artifactJson(
  state: HarborState,
  p: StandInProject,
  repoName: string,
  a: StandInArtifact,
  q: URLSearchParams,
): Record<string, unknown> {
  const repo = p.repositories.get(repoName)!;
  const out: Record<string, unknown> = {
    id: a.id,
    type: 'IMAGE',
    media_type: 'application/vnd.docker.container.image.v1+json',
    manifest_media_type: 'application/vnd.docker.distribution.manifest.v2+json',
    project_id: p.project_id,
    repository_id: repo.id,
    repository_name: repo.name,
    digest: a.digest,
    size: a.size,
    push_time: a.push_time,
    pull_time: '0001-01-01T00:00:00.000Z',
    extra_attrs: { config: { Cmd: ['sh'] } },
  };
  if (q.get('with_tag') !== 'false') out.tags = a.tags.map((t) => tagJson(repo, a, t));
  if (q.get('with_scan_overview') === 'true' && a.scan) {
    const done = a.scan.status === 'Success';
    const total = Object.values(a.vulnerabilities).reduce((s, n) => s + n, 0);
    out.scan_overview = {
      [REPORT_MIME]: {
        report_id: `report-${a.id}`,
        scan_status: a.scan.status,
        severity: done ? highest(a.vulnerabilities) : 'Unknown',
        duration: done ? 3 : 0,
        complete_percent: done ? 100 : a.scan.status === 'Running' ? 50 : 0,
        start_time: a.push_time,
        end_time: done ? a.push_time : '0001-01-01T00:00:00.000Z',
        scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.50' },
        ...(done ? { summary: { total, fixable: Math.floor(total / 2), summary: a.vulnerabilities } } : {}),
      },
    };
  }
  if (q.get('with_sbom_overview') === 'true') {
    const sbom = sbomOverview(a);
    if (sbom) out.sbom_overview = sbom;
  }
  void state;
  return out;
}

function highest(v: Record<string, number>): string {
  return ['Critical', 'High', 'Medium', 'Low'].find((k) => (v[k] ?? 0) > 0) ?? 'None';
}
