// The stand-in's replication endpoints: registries (endpoints), policies (rules), executions, tasks and task logs,
// system administrators only, with Harbor's status codes. An execution's tasks run one after another in real time
// (taskMs each), so a client that watches one sees it move and finish; a stop ends the unfinished ones. Pinging an
// endpoint really reaches it over HTTP, and a pull-based rule lists the remote Harbor's artifacts through its API.
import { randomUUID } from 'node:crypto';
import type { Caller, HarborState } from './state';
import { jsonObjectBody } from './json-body';

export interface StandInEndpoint {
  id: number;
  name: string;
  url: string;
  type: string;
  insecure: boolean;
  description: string;
  access_key: string;
  access_secret: string;
  status: string;
  creation_time: string;
}
export interface StandInPolicy {
  id: number;
  name: string;
  description: string;
  src?: number;
  dest?: number;
  dest_namespace: string;
  trigger: { type: string; trigger_settings?: { cron?: string } };
  filters: Array<{ type: string; value: unknown; decoration?: string }>;
  override: boolean;
  enabled: boolean;
  replicate_deletion: boolean;
  creation_time: string;
  update_time: string;
}
export interface StandInTask {
  id: number;
  src_resource: string;
  dst_resource: string;
  job_id: string;
  /** Whether this task ends Failed (a repository named like "broken" fails, to have a failure on demand). */
  fails: boolean;
  delivered: boolean;
  /** What the task copies, for `deliver`. */
  copy: { project: string; repository: string; tags: string[]; digest: string };
}
export interface StandInExecution {
  id: number;
  policy_id: number;
  trigger: string;
  start: number;
  stoppedAt?: number;
  tasks: StandInTask[];
}

type TaskStatus = 'Pending' | 'InProgress' | 'Succeed' | 'Failed' | 'Stopped';

export class ReplicationData {
  endpoints = new Map<number, StandInEndpoint>();
  policies = new Map<number, StandInPolicy>();
  executions = new Map<number, StandInExecution>();
  /** How long each task takes; tasks run one after another. */
  taskMs = 400;
  /** How long Harbor's job service takes to stop the tasks after a stop is asked; they run on meanwhile. */
  stopMs = 0;
  /** Called once per task that succeeds, e.g. to put the artifact into a second stand-in's state. */
  deliver?: (task: StandInTask, policy: StandInPolicy, endpoint: StandInEndpoint | undefined) => void;
}

export interface ReplicationReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A plain-text body (task logs), sent as is. */
  text?: string;
}
type Paged = (all: unknown[]) => ReplicationReply;

const err = (status: number, code: string, message: string): ReplicationReply => ({
  status,
  body: { errors: [{ code, message }] },
});
const ZERO_TIME = '0001-01-01T00:00:00.000Z';
const ADAPTERS = ['harbor', 'docker-registry'];
const TRIGGERS = ['manual', 'scheduled', 'event_based'];
const FILTERS = ['name', 'tag', 'label', 'resource'];

/** Harbor's doublestar patterns: `**` crosses `/`, `*` and `?` do not, `{a,b}` is either. */
export function globRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') out += '(?:';
    else if (c === '}') out += ')';
    else if (c === ',' && out.includes('(?:')) out += '|';
    else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function endpointJson(e: StandInEndpoint) {
  return {
    id: e.id,
    name: e.name,
    url: e.url,
    type: e.type,
    insecure: e.insecure,
    description: e.description,
    status: e.status,
    // Harbor masks the secret: the answer names the user only.
    credential: { type: 'basic', access_key: e.access_key, access_secret: '*****' },
    creation_time: e.creation_time,
    update_time: e.creation_time,
  };
}

/** The local Harbor, as Harbor shows it in a policy: registry id 0. */
const LOCAL = {
  id: 0,
  name: 'Local',
  url: 'http://core:8080',
  type: 'harbor',
  insecure: true,
  status: 'healthy',
  credential: { type: 'secret' },
  creation_time: ZERO_TIME,
  update_time: ZERO_TIME,
};

function policyJson(data: ReplicationData, p: StandInPolicy) {
  const reg = (id: number | undefined) => {
    const e = id === undefined ? undefined : data.endpoints.get(id);
    return e ? endpointJson(e) : LOCAL;
  };
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    src_registry: reg(p.src),
    dest_registry: reg(p.dest),
    dest_namespace: p.dest_namespace,
    dest_namespace_replace_count: -1,
    trigger: p.trigger,
    filters: p.filters,
    replicate_deletion: p.replicate_deletion,
    deletion: p.replicate_deletion,
    override: p.override,
    enabled: p.enabled,
    creation_time: p.creation_time,
    update_time: p.update_time,
    speed: 0,
    copy_by_chunk: false,
    single_active_replication: false,
  };
}

/** Each task's status at `now`: tasks run back to back from the execution's start; a stop ends the unfinished. */
function taskStatuses(x: StandInExecution, taskMs: number, now: number): TaskStatus[] {
  return x.tasks.map((t, i) => {
    const begin = x.start + i * taskMs;
    const end = begin + taskMs;
    if (x.stoppedAt !== undefined && now >= x.stoppedAt && x.stoppedAt < end) return 'Stopped';
    if (now >= end) return t.fails ? 'Failed' : 'Succeed';
    return now >= begin ? 'InProgress' : 'Pending';
  });
}

/** Counts and status of an execution at `now`; delivers each newly succeeded task once. */
function settle(data: ReplicationData, x: StandInExecution, now = Date.now()) {
  const statuses = taskStatuses(x, data.taskMs, now);
  const policy = data.policies.get(x.policy_id);
  statuses.forEach((s, i) => {
    const t = x.tasks[i]!;
    if (s === 'Succeed' && !t.delivered && policy) {
      t.delivered = true;
      data.deliver?.(t, policy, policy.dest === undefined ? undefined : data.endpoints.get(policy.dest));
    }
  });
  const count = (s: TaskStatus) => statuses.filter((x) => x === s).length;
  const in_progress = count('Pending') + count('InProgress');
  const failed = count('Failed');
  const stopped = count('Stopped');
  const status = in_progress ? 'InProgress' : stopped ? 'Stopped' : failed ? 'Failed' : 'Succeed';
  const lastEnd = x.stoppedAt ?? x.start + x.tasks.length * data.taskMs;
  return { statuses, in_progress, failed, stopped, succeed: count('Succeed'), status, end: in_progress ? 0 : lastEnd };
}

function executionJson(data: ReplicationData, x: StandInExecution) {
  const s = settle(data, x);
  return {
    id: x.id,
    policy_id: x.policy_id,
    status: s.status,
    trigger: x.trigger,
    start_time: new Date(x.start).toISOString(),
    end_time: s.end ? new Date(s.end).toISOString() : ZERO_TIME,
    status_text: s.failed ? `${s.failed} task(s) failed` : '',
    total: x.tasks.length,
    failed: s.failed,
    succeed: s.succeed,
    in_progress: s.in_progress,
    stopped: s.stopped,
  };
}

function taskJson(data: ReplicationData, x: StandInExecution, i: number) {
  const t = x.tasks[i]!;
  const status = settle(data, x).statuses[i]!;
  const begin = x.start + i * data.taskMs;
  const end = x.stoppedAt !== undefined && status === 'Stopped' ? x.stoppedAt : begin + data.taskMs;
  return {
    id: t.id,
    execution_id: x.id,
    status,
    job_id: t.job_id,
    operation: 'copy',
    resource_type: 'artifact',
    src_resource: t.src_resource,
    dst_resource: t.dst_resource,
    start_time: status === 'Pending' ? ZERO_TIME : new Date(Math.min(begin, x.stoppedAt ?? begin)).toISOString(),
    end_time: status === 'Pending' || status === 'InProgress' ? ZERO_TIME : new Date(end).toISOString(),
  };
}

function taskLog(data: ReplicationData, x: StandInExecution, i: number): string {
  const t = x.tasks[i]!;
  const status = settle(data, x).statuses[i]!;
  const stamp = (ms: number) => new Date(ms).toISOString();
  const begin = x.start + i * data.taskMs;
  if (status === 'Pending') return '';
  const lines = [
    `${stamp(begin)} [INFO] client for source registry created`,
    `${stamp(begin)} [INFO] copying ${t.src_resource}(source registry) to ${t.dst_resource}(destination registry)...`,
  ];
  if (status === 'InProgress') lines.push(`${stamp(begin)} [INFO] copying the blobs...`);
  if (status === 'Succeed') lines.push(`${stamp(begin + data.taskMs)} [INFO] copy ${t.src_resource} completed`);
  if (status === 'Failed')
    lines.push(`${stamp(begin + data.taskMs)} [ERROR] copy ${t.src_resource} failed: manifest blob unknown`);
  if (status === 'Stopped') lines.push(`${stamp(x.stoppedAt ?? begin)} [INFO] the task is stopped`);
  return `${lines.join('\n')}\n`;
}

const decodedFilters = (p: StandInPolicy) => ({
  name: p.filters.find((f) => f.type === 'name')?.value as string | undefined,
  tag: p.filters.find((f) => f.type === 'tag')?.value as string | undefined,
  labels: (p.filters.find((f) => f.type === 'label')?.value as string[] | undefined) ?? [],
});

/** What a policy copies: the local artifacts (push) or the remote Harbor's, read through its API (pull). */
async function resourcesOf(
  state: HarborState,
  p: StandInPolicy,
): Promise<Array<{ project: string; repository: string; tags: string[]; digest: string; labels: string[] }>> {
  const all: Array<{ project: string; repository: string; tags: string[]; digest: string; labels: string[] }> = [];
  if (p.src === undefined) {
    for (const project of state.projects.values())
      for (const [repo, r] of project.repositories)
        for (const a of r.artifacts)
          all.push({
            project: project.name,
            repository: repo,
            tags: a.tags.map((t) => t.name),
            digest: a.digest,
            labels: a.labels ?? [],
          });
  } else {
    const e = state.replication.endpoints.get(p.src)!;
    const auth = e.access_key ? `Basic ${Buffer.from(`${e.access_key}:${e.access_secret}`).toString('base64')}` : '';
    const get = async (path: string) =>
      (await (
        await fetch(`${e.url}/api/v2.0${path}`, {
          headers: auth ? { Authorization: auth } : {},
          signal: AbortSignal.timeout(5000),
        })
      ).json()) as Array<Record<string, unknown>>;
    for (const project of await get('/projects?page_size=100'))
      for (const r of await get(`/projects/${String(project.name)}/repositories?page_size=100`)) {
        const repo = String(r.name).slice(String(project.name).length + 1);
        const segment = encodeURIComponent(encodeURIComponent(repo));
        for (const a of await get(`/projects/${String(project.name)}/repositories/${segment}/artifacts?page_size=100`))
          all.push({
            project: String(project.name),
            repository: repo,
            tags: ((a.tags as Array<{ name: string }> | null) ?? []).map((t) => t.name),
            digest: String(a.digest),
            labels: [],
          });
      }
  }
  const f = decodedFilters(p);
  return all
    .filter((r) => !f.name || globRegExp(f.name).test(`${r.project}/${r.repository}`))
    .map((r) => ({ ...r, tags: f.tag ? r.tags.filter((t) => globRegExp(f.tag!).test(t)) : r.tags }))
    .filter((r) => !f.tag || r.tags.length > 0)
    .filter((r) => f.labels.every((l) => r.labels.includes(l)));
}

/** Where a resource lands: the destination namespace replaces the project, as Harbor's legacy mode does. */
function destinationOf(p: StandInPolicy, project: string, repository: string): string {
  return `${p.dest_namespace || project}/${repository}`;
}

/** Reaches an endpoint as Harbor's adapters do: Harbor's API for a Harbor, /v2/ for a registry. */
async function ping(
  e: Pick<StandInEndpoint, 'url' | 'type' | 'access_key' | 'access_secret'>,
): Promise<string | undefined> {
  const headers: Record<string, string> = e.access_key
    ? { Authorization: `Basic ${Buffer.from(`${e.access_key}:${e.access_secret}`).toString('base64')}` }
    : {};
  try {
    if (e.type === 'harbor') {
      const res = await fetch(`${e.url}/api/v2.0/${e.access_key ? 'users/current' : 'systeminfo'}`, {
        headers,
        signal: AbortSignal.timeout(3000),
      });
      await res.body?.cancel();
      if (res.status === 200 || res.status === 412) return undefined;
      return res.status === 401 ? 'invalid credentials' : `unexpected status ${res.status}`;
    }
    const res = await fetch(`${e.url}/v2/`, { headers, signal: AbortSignal.timeout(3000) });
    await res.body?.cancel();
    return res.status === 200 || (res.status === 401 && !e.access_key) ? undefined : `unexpected status ${res.status}`;
  } catch (x) {
    return `failed to ping endpoint: ${(x as { cause?: { code?: string } }).cause?.code ?? (x as Error).message}`;
  }
}

/** /registries…, /replication/…: `segs` is the path below /api/v2.0. */
export async function routeReplication(
  state: HarborState,
  caller: Caller,
  method: string,
  segs: string[],
  q: URLSearchParams,
  body: string,
  paged: Paged,
): Promise<ReplicationReply> {
  if (caller.kind === 'anonymous') return err(401, 'UNAUTHORIZED', 'UnAuthorized');
  if (!(caller.kind === 'user' && caller.admin)) return err(403, 'FORBIDDEN', 'forbidden');
  const data = state.replication;
  const now = new Date().toISOString();
  const id = Number(segs[2]);
  if (segs[0] === 'registries') {
    if (segs.length === 1 && method === 'GET') {
      const name = q.get('name');
      return paged(
        [...data.endpoints.values()].filter((e) => !name || e.name.includes(name)).map((e) => endpointJson(e)),
      );
    }
    if (segs.length === 1 && method === 'POST') {
      const req = jsonObjectBody(body);
      const cred = (req?.credential ?? {}) as { access_key?: string; access_secret?: string };
      if (!req || typeof req.name !== 'string' || !req.name) return err(400, 'BAD_REQUEST', 'name is required');
      if (!ADAPTERS.includes(String(req.type)))
        return err(400, 'BAD_REQUEST', `adapter for ${String(req.type)} not found`);
      if (!/^https?:\/\/[^/\s]+/.test(String(req.url ?? '')))
        return err(400, 'BAD_REQUEST', `invalid URL ${String(req.url)}`);
      if ([...data.endpoints.values()].some((e) => e.name === req.name))
        return err(409, 'CONFLICT', `registry ${req.name} already exists`);
      const e: StandInEndpoint = {
        id: state.id(),
        name: req.name,
        url: String(req.url).replace(/\/+$/, ''),
        type: String(req.type),
        insecure: req.insecure === true,
        description: String(req.description ?? ''),
        access_key: cred.access_key ?? '',
        access_secret: cred.access_secret ?? '',
        status: 'unknown',
        creation_time: now,
      };
      data.endpoints.set(e.id, e);
      return { status: 201, headers: { Location: `/api/v2.0/registries/${e.id}` } };
    }
    if (segs[1] === 'ping' && segs.length === 2 && method === 'POST') {
      const req = jsonObjectBody(body) ?? {};
      let target: Pick<StandInEndpoint, 'url' | 'type' | 'access_key' | 'access_secret'>;
      const saved = typeof req.id === 'number' ? data.endpoints.get(req.id) : undefined;
      if (typeof req.id === 'number') {
        if (!saved) return err(404, 'NOT_FOUND', `registry ${req.id} not found`);
        target = saved;
      } else {
        if (!ADAPTERS.includes(String(req.type)) || typeof req.url !== 'string')
          return err(400, 'BAD_REQUEST', 'type and url are required');
        target = {
          url: req.url.replace(/\/+$/, ''),
          type: String(req.type),
          access_key: String(req.access_key ?? ''),
          access_secret: String(req.access_secret ?? ''),
        };
      }
      const problem = await ping(target);
      if (saved) saved.status = problem ? 'unhealthy' : 'healthy';
      return problem ? err(400, 'BAD_REQUEST', problem) : { status: 200 };
    }
    const e = data.endpoints.get(Number(segs[1]));
    if (segs.length !== 2) return err(404, 'NOT_FOUND', 'not found');
    if (!e) return err(404, 'NOT_FOUND', `registry ${segs[1]} not found`);
    if (method === 'GET') return { status: 200, body: endpointJson(e) };
    if (method === 'DELETE') {
      const users = [...data.policies.values()].filter((p) => p.src === e.id || p.dest === e.id);
      if (users.length)
        return err(
          412,
          'PRECONDITION',
          `the registry ${e.id} is referenced by policies (${users.map((p) => p.name).join(', ')}), cannot delete it`,
        );
      data.endpoints.delete(e.id);
      return { status: 200 };
    }
    return err(405, 'METHOD_NOT_ALLOWED', 'method not allowed');
  }
  if (segs[0] !== 'replication') return err(404, 'NOT_FOUND', 'not found');
  if (segs[1] === 'adapters' && method === 'GET') return { status: 200, body: ADAPTERS };
  if (segs[1] === 'policies') {
    if (segs.length === 2 && method === 'GET') {
      const name = q.get('name');
      return paged(
        [...data.policies.values()].filter((p) => !name || p.name.includes(name)).map((p) => policyJson(data, p)),
      );
    }
    const existing = segs.length === 3 ? data.policies.get(id) : undefined;
    if (segs.length === 3 && !existing) return err(404, 'NOT_FOUND', `policy ${segs[2]} not found`);
    if (segs.length === 3 && method === 'GET') return { status: 200, body: policyJson(data, existing!) };
    if (segs.length === 3 && method === 'DELETE') {
      const running = [...data.executions.values()].some(
        (x) => x.policy_id === id && settle(data, x).status === 'InProgress',
      );
      if (running) return err(412, 'PRECONDITION', `the policy ${id} has running executions, cannot delete it`);
      data.policies.delete(id);
      return { status: 200 };
    }
    if ((segs.length === 2 && method === 'POST') || (segs.length === 3 && method === 'PUT')) {
      const req = jsonObjectBody(body);
      if (!req) return err(400, 'BAD_REQUEST', 'invalid JSON body');
      const problem = validatePolicy(data, req, existing);
      if (problem) return problem;
      const regId = (r: unknown) => {
        const n = (r as { id?: number } | null | undefined)?.id;
        return n ? n : undefined;
      };
      const trigger = req.trigger as StandInPolicy['trigger'] | undefined;
      const p: StandInPolicy = {
        id: existing?.id ?? state.id(),
        name: String(req.name),
        description: String(req.description ?? ''),
        src: regId(req.src_registry),
        dest: regId(req.dest_registry),
        dest_namespace: String(req.dest_namespace ?? ''),
        trigger: trigger?.type ? trigger : { type: 'manual' },
        filters: (req.filters as StandInPolicy['filters'] | undefined) ?? [],
        override: req.override === true,
        enabled: req.enabled !== false,
        replicate_deletion: req.replicate_deletion === true,
        creation_time: existing?.creation_time ?? now,
        update_time: now,
      };
      data.policies.set(p.id, p);
      return existing
        ? { status: 200 }
        : { status: 201, headers: { Location: `/api/v2.0/replication/policies/${p.id}` } };
    }
    return err(405, 'METHOD_NOT_ALLOWED', 'method not allowed');
  }
  if (segs[1] === 'executions') {
    if (segs.length === 2 && method === 'GET') {
      const policy = q.get('policy_id');
      const sort = q.get('sort') ?? '-start_time';
      const list = [...data.executions.values()].filter((x) => !policy || String(x.policy_id) === policy);
      list.sort((a, b) => (sort.startsWith('-') ? b.start - a.start || b.id - a.id : a.start - b.start || a.id - b.id));
      return paged(list.map((x) => executionJson(data, x)));
    }
    if (segs.length === 2 && method === 'POST') {
      const req = jsonObjectBody(body);
      const p = typeof req?.policy_id === 'number' ? data.policies.get(req.policy_id) : undefined;
      if (typeof req?.policy_id !== 'number') return err(400, 'BAD_REQUEST', 'policy_id is required');
      if (!p) return err(404, 'NOT_FOUND', `policy ${req.policy_id} not found`);
      if (!p.enabled) return err(412, 'PRECONDITION', `the policy ${p.id} is disabled`);
      let resources;
      try {
        resources = await resourcesOf(state, p);
      } catch (e) {
        return err(500, 'UNKNOWN', `internal server error: ${(e as Error).message}`);
      }
      const x: StandInExecution = {
        id: state.id(),
        policy_id: p.id,
        trigger: 'manual',
        start: Date.now(),
        tasks: resources
          .flatMap((r) =>
            r.tags.length
              ? r.tags.map((tag) => ({ ...r, tags: [tag], ref: `[${tag}]` }))
              : [{ ...r, tags: [], ref: `[${r.digest.slice(0, 15)}]` }],
          )
          .map((r) => ({
            id: state.id(),
            src_resource: `${r.project}/${r.repository}:${r.ref}`,
            dst_resource: `${destinationOf(p, r.project, r.repository)}:${r.ref}`,
            job_id: randomUUID().replace(/-/g, '').slice(0, 24),
            fails: /broken/.test(r.repository),
            delivered: false,
            copy: { project: p.dest_namespace || r.project, repository: r.repository, tags: r.tags, digest: r.digest },
          })),
      };
      data.executions.set(x.id, x);
      return { status: 201, headers: { Location: `/api/v2.0/replication/executions/${x.id}` } };
    }
    const x = data.executions.get(Number(segs[2]));
    if (!x) return err(404, 'NOT_FOUND', `execution ${segs[2]} not found`);
    if (segs.length === 3 && method === 'GET') return { status: 200, body: executionJson(data, x) };
    if (segs.length === 3 && method === 'PUT') {
      // Stopping a finished execution changes nothing, as in Harbor.
      if (settle(data, x).status === 'InProgress' && x.stoppedAt === undefined) x.stoppedAt = Date.now() + data.stopMs;
      return { status: 200 };
    }
    if (segs[3] === 'tasks' && segs.length === 4 && method === 'GET')
      return paged(x.tasks.map((_, i) => taskJson(data, x, i)));
    if (segs[3] === 'tasks' && segs[5] === 'log' && segs.length === 6 && method === 'GET') {
      const i = x.tasks.findIndex((t) => String(t.id) === segs[4]);
      if (i < 0) return err(404, 'NOT_FOUND', `task ${segs[4]} not found`);
      return { status: 200, text: taskLog(data, x, i), headers: { 'Content-Type': 'text/plain' } };
    }
  }
  return err(404, 'NOT_FOUND', 'not found');
}

/** Harbor's checks on a policy: a unique name, exactly one remote side that exists, known triggers and filters. */
function validatePolicy(
  data: ReplicationData,
  req: Record<string, unknown>,
  existing: StandInPolicy | undefined,
): ReplicationReply | undefined {
  if (typeof req.name !== 'string' || !req.name) return err(400, 'BAD_REQUEST', 'name is required');
  if ([...data.policies.values()].some((p) => p.name === req.name && p.id !== existing?.id))
    return err(409, 'CONFLICT', `policy ${req.name} already exists`);
  const src = (req.src_registry as { id?: number } | null | undefined)?.id;
  const dest = (req.dest_registry as { id?: number } | null | undefined)?.id;
  if (!!src === !!dest)
    return err(400, 'BAD_REQUEST', 'either the source or the destination registry must be the local Harbor');
  const remote = (src || dest)!;
  if (!data.endpoints.has(remote)) return err(400, 'BAD_REQUEST', `registry ${remote} not found`);
  const trigger = (req.trigger ?? { type: 'manual' }) as { type?: string; trigger_settings?: { cron?: string } };
  if (!TRIGGERS.includes(String(trigger.type))) return err(400, 'BAD_REQUEST', `invalid trigger type ${trigger.type}`);
  if (trigger.type === 'event_based' && src)
    return err(400, 'BAD_REQUEST', 'the event-based trigger is not supported for pull-based replication');
  if (trigger.type === 'scheduled' && (trigger.trigger_settings?.cron ?? '').trim().split(/\s+/).length !== 6)
    return err(
      400,
      'BAD_REQUEST',
      `invalid cron string for scheduled trigger: ${trigger.trigger_settings?.cron ?? ''}`,
    );
  for (const f of (req.filters as Array<{ type?: string }> | undefined) ?? [])
    if (!FILTERS.includes(String(f.type))) return err(400, 'BAD_REQUEST', `invalid filter type ${f.type}`);
  return undefined;
}
