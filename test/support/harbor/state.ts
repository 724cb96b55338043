// The data behind the Harbor stand-in: users, robots, projects (with members), repositories, artifacts and scans.
// Our own model of what docs/harbor-behaviour.md describes; the REST stand-in and the registry front door share one instance.
import { createHash, randomUUID } from 'node:crypto';
import { ReplicationData } from './replication-standin';

export interface StandInTag {
  id: number;
  name: string;
  push_time: string;
  immutable: boolean;
}
export interface StandInArtifact {
  id: number;
  digest: string;
  size: number;
  push_time: string;
  tags: StandInTag[];
  /** Scan progression: undefined (never scanned) → Pending → Running → Success, one step per read. */
  scan?: { status: 'Pending' | 'Running' | 'Success'; reads: number };
  vulnerabilities: Record<string, number>;
  /** SBOM generation, as scans progress; `digest` names the SBOM accessory (sbom-standin.ts). */
  sbom?: { status: 'Pending' | 'Running' | 'Success'; reads: number; digest: string };
  /** Label names, which replication rules may filter on. */
  labels?: string[];
}
export interface StandInRepository {
  id: number;
  name: string;
  pull_count: number;
  creation_time: string;
  update_time: string;
  artifacts: StandInArtifact[];
}
/** Harbor's project roles: 1 Project Admin, 2 Developer, 3 Guest, 4 Maintainer, 5 Limited Guest. */
export type RoleId = 1 | 2 | 3 | 4 | 5;
export interface StandInMember {
  id: number;
  entity_name: string;
  entity_type: 'u' | 'g';
  entity_id: number;
  role_id: RoleId;
}
export interface StandInProject {
  project_id: number;
  name: string;
  public: boolean;
  owner: string;
  /** Keyed by user or group name (users and groups share no names in the stand-in). */
  members: Map<string, StandInMember>;
  creation_time: string;
  repositories: Map<string, StandInRepository>;
  scanner: boolean;
  /** Whether the project's scanner can generate SBOMs. */
  sbom: boolean;
  immutableTags: Set<string>;
}

export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'user'; name: string; admin: boolean; id: number }
  | { kind: 'robot'; name: string; projects: Set<string> };

export interface StandInRobot {
  id: number;
  /** Full name as it logs in: `robot$name` (system) or `robot$project+name` (project). */
  name: string;
  secret: string;
  level: 'system' | 'project';
  description: string;
  disable: boolean;
  duration: number;
  expires_at: number;
  creation_time: string;
  permissions: Array<{ kind: string; namespace: string; access: Array<{ resource: string; action: string }> }>;
}

export class HarborState {
  users = new Map<string, { password: string; admin: boolean; id: number }>();
  groups = new Map<string, { id: number; group_type: number }>();
  robots = new Map<string, StandInRobot>();
  projects = new Map<string, StandInProject>();
  /** Endpoints, replication rules and their executions (replication-standin.ts). */
  replication = new ReplicationData();
  config = {
    registry_url: 'harbor.example.test',
    read_only: false,
    project_creation_restriction: 'everyone' as 'everyone' | 'adminonly',
    harbor_version: 'v2.15.2-standin',
    auth_mode: 'db_auth',
  };
  private nextId = 1;

  id(): number {
    return this.nextId++;
  }

  addUser(name: string, password: string, admin = false): void {
    this.users.set(name, { password, admin, id: this.id() });
  }
  addGroup(name: string): void {
    this.groups.set(name, { id: this.id(), group_type: 2 });
  }
  /** A robot with push and pull on each project; Harbor names project robots `robot$<project>+<name>`. */
  addRobot(name: string, secret: string, projects: string[]): StandInRobot {
    const robot: StandInRobot = {
      id: this.id(),
      name,
      secret,
      level: name.includes('+') ? 'project' : 'system',
      description: '',
      disable: false,
      duration: -1,
      expires_at: -1,
      creation_time: new Date().toISOString(),
      permissions: projects.map((namespace) => ({
        kind: 'project',
        namespace,
        access: [
          { resource: 'repository', action: 'push' },
          { resource: 'repository', action: 'pull' },
        ],
      })),
    };
    this.robots.set(name, robot);
    return robot;
  }

  /** Adds a user or group to a project with a role; the stand-in's projects start with their owner as admin. */
  addMember(p: StandInProject, name: string, role: RoleId, type: 'u' | 'g' = 'u'): StandInMember {
    const entity_id = type === 'u' ? (this.users.get(name)?.id ?? this.id()) : (this.groups.get(name)?.id ?? this.id());
    const m: StandInMember = { id: this.id(), entity_name: name, entity_type: type, entity_id, role_id: role };
    p.members.set(name, m);
    return m;
  }

  addProject(
    name: string,
    opts: { public?: boolean; owner?: string; members?: string[]; scanner?: boolean; sbom?: boolean } = {},
  ): StandInProject {
    const p: StandInProject = {
      project_id: this.id(),
      name,
      public: !!opts.public,
      owner: opts.owner ?? 'admin',
      members: new Map(),
      creation_time: new Date().toISOString(),
      repositories: new Map(),
      scanner: opts.scanner ?? true,
      sbom: opts.sbom ?? true,
      immutableTags: new Set(),
    };
    this.addMember(p, p.owner, 1);
    // Seeded members are developers: they push and pull, but do not manage the project.
    for (const m of opts.members ?? []) this.addMember(p, m, 2);
    this.projects.set(name, p);
    return p;
  }

  /** Adds (or re-tags) an artifact; `repo` is without the project. */
  addArtifact(
    project: string,
    repo: string,
    opts: {
      digest?: string;
      size?: number;
      tags?: string[];
      vulnerabilities?: Record<string, number>;
      labels?: string[];
    } = {},
  ): StandInArtifact {
    const p = this.projects.get(project);
    if (!p) throw new Error(`stand-in: no project ${project}`);
    const now = new Date().toISOString();
    let r = p.repositories.get(repo);
    if (!r) {
      r = {
        id: this.id(),
        name: `${project}/${repo}`,
        pull_count: 0,
        creation_time: now,
        update_time: now,
        artifacts: [],
      };
      p.repositories.set(repo, r);
    }
    const digest = opts.digest ?? `sha256:${createHash('sha256').update(randomUUID()).digest('hex')}`;
    for (const t of opts.tags ?? []) for (const a of r.artifacts) a.tags = a.tags.filter((x) => x.name !== t);
    let a = r.artifacts.find((x) => x.digest === digest);
    if (!a) {
      a = {
        id: this.id(),
        digest,
        size: opts.size ?? 1024,
        push_time: now,
        tags: [],
        vulnerabilities: opts.vulnerabilities ?? {},
        labels: opts.labels,
      };
      r.artifacts.unshift(a);
    }
    for (const t of opts.tags ?? [])
      a.tags.push({ id: this.id(), name: t, push_time: now, immutable: p.immutableTags.has(t) });
    r.update_time = now;
    return a;
  }

  authenticate(header: string | undefined): Caller {
    const m = /^Basic (.+)$/i.exec(header ?? '');
    if (!m) return { kind: 'anonymous' };
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    const [name, secret] = [decoded.slice(0, i), decoded.slice(i + 1)];
    const robot = this.robots.get(name);
    const expired = robot && robot.expires_at !== -1 && robot.expires_at * 1000 < Date.now();
    if (robot && robot.secret === secret && !robot.disable && !expired)
      return { kind: 'robot', name, projects: new Set(robot.permissions.map((x) => x.namespace)) };
    const user = this.users.get(name);
    if (user && user.password === secret) return { kind: 'user', name, admin: user.admin, id: user.id };
    // Harbor's behaviour: wrong credentials are not rejected here; the request simply goes on as anonymous.
    return { kind: 'anonymous' };
  }

  canRead(c: Caller, p: StandInProject): boolean {
    return p.public || this.isMember(c, p);
  }
  isMember(c: Caller, p: StandInProject): boolean {
    if (c.kind === 'user') return c.admin || p.members.has(c.name);
    if (c.kind === 'robot') return c.projects.has(p.name) || c.projects.has('*');
    return false;
  }
  /** Project Admin (role 1) or system admin: who may manage members and robots. */
  isProjectAdmin(c: Caller, p: StandInProject): boolean {
    return c.kind === 'user' && (c.admin || p.members.get(c.name)?.role_id === 1);
  }

  /** Reading an artifact advances a started scan by one step, as a real scanner would over time. */
  advanceScan(a: StandInArtifact): void {
    if (!a.scan) return;
    a.scan.reads++;
    if (a.scan.status === 'Pending') a.scan.status = 'Running';
    else if (a.scan.status === 'Running' && a.scan.reads >= 3) a.scan.status = 'Success';
  }
}
