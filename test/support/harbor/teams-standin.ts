// The stand-in's team endpoints: project members, user search, robot accounts and the permission catalogue, with
// Harbor's rules for who may do what (Project Admin or system admin) and its status codes. Routed from rest-standin.ts.
import { randomBytes } from 'node:crypto';
import type { Caller, HarborState, RoleId, StandInMember, StandInProject, StandInRobot } from './state';
import { jsonObjectBody } from './json-body';

export interface TeamReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
type Paged = (all: unknown[]) => TeamReply;

const err = (status: number, code: string, message: string): TeamReply => ({
  status,
  body: { errors: [{ code, message }] },
});
const ROLE_NAMES: Record<RoleId, string> = {
  1: 'projectAdmin',
  2: 'developer',
  3: 'guest',
  4: 'maintainer',
  5: 'limitedGuest',
};
const isRole = (n: unknown): n is RoleId => typeof n === 'number' && n >= 1 && n <= 5 && Number.isInteger(n);

/** The project-level permissions Harbor offers robots (a subset of Harbor's catalogue, same shape). */
export const PROJECT_PERMISSIONS = [
  { resource: 'repository', action: 'pull' },
  { resource: 'repository', action: 'push' },
  { resource: 'repository', action: 'delete' },
  { resource: 'artifact', action: 'delete' },
  { resource: 'tag', action: 'create' },
  { resource: 'tag', action: 'delete' },
  { resource: 'scan', action: 'create' },
  { resource: 'helm-chart', action: 'read' },
];

const denied = (caller: Caller) =>
  caller.kind === 'anonymous' ? err(401, 'UNAUTHORIZED', 'UnAuthorized') : err(403, 'FORBIDDEN', 'forbidden');

function memberJson(p: StandInProject, m: StandInMember) {
  return {
    id: m.id,
    project_id: p.project_id,
    entity_name: m.entity_name,
    role_name: ROLE_NAMES[m.role_id],
    role_id: m.role_id,
    entity_id: m.entity_id,
    entity_type: m.entity_type,
  };
}

/** /projects/{name}/members[/{mid}]: `rest` is what follows `members`. */
export function routeMembers(
  state: HarborState,
  caller: Caller,
  p: StandInProject,
  method: string,
  rest: string[],
  q: URLSearchParams,
  body: string,
  paged: Paged,
): TeamReply {
  const members = [...p.members.values()];
  if (rest.length === 0 && method === 'GET') {
    // Any member but a Limited Guest may list members; others (even on a public project) may not.
    const mine = caller.kind === 'user' ? p.members.get(caller.name) : undefined;
    if (!(caller.kind === 'user' && caller.admin) && (!mine || mine.role_id === 5)) return denied(caller);
    const name = q.get('entityname');
    return paged(members.filter((m) => !name || m.entity_name.includes(name)).map((m) => memberJson(p, m)));
  }
  if (!state.isProjectAdmin(caller, p)) return denied(caller);
  if (rest.length === 0 && method === 'POST') {
    const req = jsonObjectBody(body);
    if (!req || !isRole(req.role_id)) return err(400, 'BAD_REQUEST', 'role_id must be 1, 2, 3, 4 or 5');
    const user = req.member_user as { username?: string; user_id?: number } | undefined;
    const group = req.member_group as { group_name?: string; id?: number } | undefined;
    let name: string | undefined;
    let type: 'u' | 'g' = 'u';
    if (user) {
      name = user.username ?? [...state.users].find(([, u]) => u.id === user.user_id)?.[0];
      if (!name || !state.users.has(name))
        return err(404, 'NOT_FOUND', `user ${user.username ?? user.user_id} not found`);
    } else if (group) {
      type = 'g';
      name = group.group_name ?? [...state.groups].find(([, g]) => g.id === group.id)?.[0];
      if (!name || !state.groups.has(name))
        return err(404, 'NOT_FOUND', `group ${group.group_name ?? group.id} not found`);
    } else return err(400, 'BAD_REQUEST', 'either member_user or member_group is required');
    if (p.members.has(name))
      return err(409, 'CONFLICT', `The user with name ${name} is already a member of the project`);
    const m = state.addMember(p, name, req.role_id, type);
    return { status: 201, headers: { Location: `/api/v2.0/projects/${p.project_id}/members/${m.id}` } };
  }
  const mid = Number(rest[0]);
  if (rest.length !== 1 || !Number.isInteger(mid)) return err(400, 'BAD_REQUEST', `invalid member id ${rest[0]}`);
  const member = members.find((m) => m.id === mid);
  if (method === 'PUT') {
    if (!member) return err(404, 'NOT_FOUND', `project member ${mid} not found`);
    const req = jsonObjectBody(body);
    if (!req || !isRole(req.role_id)) return err(400, 'BAD_REQUEST', 'role_id must be 1, 2, 3, 4 or 5');
    member.role_id = req.role_id;
    return { status: 200 };
  }
  if (method === 'DELETE') {
    // Harbor deletes by id without looking first: an unknown member is a 200 too.
    if (member) p.members.delete(member.entity_name);
    return { status: 200 };
  }
  return err(405, 'METHOD_NOT_ALLOWED', 'method not allowed');
}

/** GET /users/search?username=…: open to every logged-in user; a substring match, paged. */
export function routeUserSearch(state: HarborState, caller: Caller, q: URLSearchParams, paged: Paged): TeamReply {
  if (caller.kind === 'anonymous') return err(401, 'UNAUTHORIZED', 'UnAuthorized');
  const wanted = q.get('username') ?? '';
  return paged(
    [...state.users]
      .filter(([name]) => name.includes(wanted))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([username, u]) => ({ user_id: u.id, username })),
  );
}

export function routePermissions(state: HarborState, caller: Caller): TeamReply {
  if (caller.kind === 'anonymous') return err(401, 'UNAUTHORIZED', 'UnAuthorized');
  const admin =
    caller.kind === 'user' &&
    (caller.admin || [...state.projects.values()].some((p) => state.isProjectAdmin(caller, p)));
  if (!admin) return err(403, 'FORBIDDEN', 'forbidden');
  return {
    status: 200,
    body: { system: [{ resource: 'project', action: 'create' }, ...PROJECT_PERMISSIONS], project: PROJECT_PERMISSIONS },
  };
}

function robotJson(r: StandInRobot, withSecret = false) {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    level: r.level,
    duration: r.duration,
    editable: true,
    disable: r.disable,
    expires_at: r.expires_at,
    permissions: r.permissions,
    creator_type: 'local',
    creator_ref: 1,
    creation_time: r.creation_time,
    update_time: r.creation_time,
    ...(withSecret ? { secret: r.secret } : {}),
  };
}

/** Who may manage a robot: system admins, and for a project robot the Project Admins of its project. */
function mayManage(state: HarborState, caller: Caller, r: { level: string; namespaces: string[] }): boolean {
  if (caller.kind === 'user' && caller.admin) return true;
  if (r.level !== 'project' || r.namespaces.length !== 1) return false;
  const p = state.projects.get(r.namespaces[0]);
  return !!p && state.isProjectAdmin(caller, p);
}

/** /robots and /robots/{id}. */
export function routeRobots(
  state: HarborState,
  caller: Caller,
  method: string,
  rest: string[],
  q: URLSearchParams,
  body: string,
  paged: Paged,
): TeamReply {
  if (caller.kind === 'anonymous') return err(401, 'UNAUTHORIZED', 'UnAuthorized');
  if (rest.length === 0 && method === 'GET') {
    // q=Level=project,ProjectID=N lists a project's robots; without it, the system robots (admins only).
    const terms = new Map(
      (q.get('q') ?? '')
        .split(',')
        .filter(Boolean)
        .map((t) => t.split('=') as [string, string]),
    );
    const level = terms.get('Level') ?? 'system';
    if (level === 'project') {
      const project = [...state.projects.values()].find((p) => String(p.project_id) === terms.get('ProjectID'));
      if (!project) return err(404, 'NOT_FOUND', `project ${terms.get('ProjectID')} not found`);
      if (!mayManage(state, caller, { level, namespaces: [project.name] })) return denied(caller);
      return paged(
        [...state.robots.values()]
          .filter((r) => r.level === 'project' && r.permissions[0]?.namespace === project.name)
          .map((r) => robotJson(r)),
      );
    }
    if (!(caller.kind === 'user' && caller.admin)) return denied(caller);
    return paged([...state.robots.values()].filter((r) => r.level === 'system').map((r) => robotJson(r)));
  }
  if (rest.length === 0 && method === 'POST') {
    const req = jsonObjectBody(body);
    if (!req) return err(400, 'BAD_REQUEST', 'invalid JSON body');
    const level = req.level === 'project' ? 'project' : req.level === 'system' ? 'system' : undefined;
    const perms = (req.permissions ?? []) as StandInRobot['permissions'];
    const namespaces = perms.map((x) => x.namespace);
    if (!level || !perms.length) return err(400, 'BAD_REQUEST', 'level and permissions are required');
    if (typeof req.duration !== 'number' || !(req.duration === -1 || req.duration > 0))
      return err(400, 'BAD_REQUEST', 'duration must be either -1(Never) or a positive integer');
    if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(String(req.name ?? '')))
      return err(
        400,
        'BAD_REQUEST',
        `robot name is not in lower case or contains illegal characters: ${String(req.name)}`,
      );
    if (level === 'project' && namespaces.length !== 1)
      return err(400, 'BAD_REQUEST', 'a project robot covers exactly one project');
    for (const ns of namespaces)
      if (ns !== '*' && !state.projects.has(ns)) return err(404, 'NOT_FOUND', `project ${ns} not found`);
    if (!mayManage(state, caller, { level, namespaces })) return denied(caller);
    const name = level === 'project' ? `robot$${namespaces[0]}+${String(req.name)}` : `robot$${String(req.name)}`;
    if (state.robots.has(name)) return err(409, 'CONFLICT', `robot account ${name} already exists`);
    const r = state.addRobot(name, randomBytes(24).toString('base64url'), []);
    Object.assign(r, {
      level,
      description: String(req.description ?? ''),
      disable: req.disable === true,
      duration: req.duration,
      expires_at: req.duration === -1 ? -1 : Math.floor(Date.now() / 1000) + req.duration * 86_400,
      permissions: perms,
    });
    return {
      status: 201,
      headers: { Location: `/api/v2.0/robots/${r.id}` },
      body: { id: r.id, name: r.name, secret: r.secret, creation_time: r.creation_time, expires_at: r.expires_at },
    };
  }
  const id = Number(rest[0]);
  if (rest.length !== 1 || !Number.isInteger(id)) return err(400, 'BAD_REQUEST', `invalid robot id ${rest[0]}`);
  const robot = [...state.robots.values()].find((r) => r.id === id);
  if (!robot) return err(404, 'NOT_FOUND', `robot ${id} not found`);
  if (!mayManage(state, caller, { level: robot.level, namespaces: robot.permissions.map((x) => x.namespace) }))
    return denied(caller);
  if (method === 'GET') return { status: 200, body: robotJson(robot) };
  if (method === 'DELETE') {
    state.robots.delete(robot.name);
    return { status: 200 };
  }
  if (method === 'PATCH') {
    const req = jsonObjectBody(body) ?? {};
    const given = typeof req.secret === 'string' ? req.secret : undefined;
    if (given !== undefined && !/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{8,128}$/.test(given))
      return err(
        400,
        'BAD_REQUEST',
        'the secret must be 8-128 characters with an upper case, a lower case and a digit',
      );
    robot.secret = given ?? randomBytes(24).toString('base64url');
    // Harbor returns the secret only when it generated it.
    return { status: 200, body: given ? {} : { secret: robot.secret } };
  }
  if (method === 'PUT') {
    const req = jsonObjectBody(body);
    if (!req) return err(400, 'BAD_REQUEST', 'invalid JSON body');
    // Harbor compares the whole account: name, level and duration cannot change through PUT.
    if (req.name !== robot.name || req.level !== robot.level)
      return err(400, 'BAD_REQUEST', 'cannot update the name or level of a robot account');
    if (typeof req.disable === 'boolean') robot.disable = req.disable;
    if (typeof req.description === 'string') robot.description = req.description;
    return { status: 200 };
  }
  return err(405, 'METHOD_NOT_ALLOWED', 'method not allowed');
}
