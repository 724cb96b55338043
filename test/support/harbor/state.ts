// The data behind the Harbor stand-in: users, robots, projects (with members), repositories, artifacts and scans.
// Our own model of what docs/harbor-behaviour.md describes; the REST stand-in and the registry front door share one instance.
import { createHash, randomUUID } from 'node:crypto';

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
}
export interface StandInRepository {
  id: number;
  name: string;
  pull_count: number;
  creation_time: string;
  update_time: string;
  artifacts: StandInArtifact[];
}
export interface StandInProject {
  project_id: number;
  name: string;
  public: boolean;
  owner: string;
  members: Set<string>;
  creation_time: string;
  repositories: Map<string, StandInRepository>;
  scanner: boolean;
  immutableTags: Set<string>;
}

export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'user'; name: string; admin: boolean; id: number }
  | { kind: 'robot'; name: string; projects: Set<string> };

export class HarborState {
  users = new Map<string, { password: string; admin: boolean; id: number }>();
  robots = new Map<string, { secret: string; projects: Set<string> }>();
  projects = new Map<string, StandInProject>();
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
  addRobot(name: string, secret: string, projects: string[]): void {
    this.robots.set(name, { secret, projects: new Set(projects) });
  }

  addProject(
    name: string,
    opts: { public?: boolean; owner?: string; members?: string[]; scanner?: boolean } = {},
  ): StandInProject {
    const p: StandInProject = {
      project_id: this.id(),
      name,
      public: !!opts.public,
      owner: opts.owner ?? 'admin',
      members: new Set([opts.owner ?? 'admin', ...(opts.members ?? [])]),
      creation_time: new Date().toISOString(),
      repositories: new Map(),
      scanner: opts.scanner ?? true,
      immutableTags: new Set(),
    };
    this.projects.set(name, p);
    return p;
  }

  /** Adds (or re-tags) an artifact; `repo` is without the project. */
  addArtifact(
    project: string,
    repo: string,
    opts: { digest?: string; size?: number; tags?: string[]; vulnerabilities?: Record<string, number> } = {},
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
    if (robot && robot.secret === secret) return { kind: 'robot', name, projects: robot.projects };
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
    if (c.kind === 'robot') return c.projects.has(p.name);
    return false;
  }

  /** Reading an artifact advances a started scan by one step, as a real scanner would over time. */
  advanceScan(a: StandInArtifact): void {
    if (!a.scan) return;
    a.scan.reads++;
    if (a.scan.status === 'Pending') a.scan.status = 'Running';
    else if (a.scan.status === 'Running' && a.scan.reads >= 3) a.scan.status = 'Success';
  }
}
