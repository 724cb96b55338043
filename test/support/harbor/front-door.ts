// The registry side of the Harbor stand-in: the Bearer challenge, /service/token with Harbor's scope rules
// (an unknown project still gets a token, with no actions) and Harbor's error texts, in front of a REAL
// distribution registry (Debian's docker-registry) to which every allowed /v2/ request is proxied.
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Caller, HarborState } from './state';

interface Grant {
  caller: Caller;
  access: Map<string, Set<string>>;
  expires: number;
}

export class RegistryFrontDoor {
  private readonly tokens = new Map<string, Grant>();
  /** Every scope the daemon asked for, for the tests to read. */
  readonly tokenRequests: Array<{ scope: string[]; account?: string; caller: Caller['kind'] }> = [];

  constructor(
    private readonly state: HarborState,
    private readonly backend: string /* host:port of docker-registry */,
  ) {}

  private challenge(host: string, scope?: string): string {
    return `Bearer realm="http://${host}/service/token",service="harbor-registry"${scope ? `,scope="${scope}"` : ''}`;
  }

  handleToken(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const scopes = url.searchParams.getAll('scope');
    // Harbor's rule here as in the REST API: wrong credentials are not refused; the token is issued to an
    // anonymous caller, who may then pull public projects only (and is refused at /v2/ itself).
    const caller = this.state.authenticate(req.headers.authorization);
    const access = new Map<string, Set<string>>();
    for (const scope of scopes) {
      const m = /^repository:([^:]+):(.+)$/.exec(scope);
      if (!m) continue;
      const project = this.state.projects.get(m[1].split('/')[0]);
      const granted = new Set<string>();
      // Harbor's rule: a scope on a missing project yields a token without actions.
      if (project) {
        for (const action of m[2].split(',')) {
          if (action === 'pull' && this.state.canRead(caller, project)) granted.add('pull');
          if ((action === 'push' || action === 'delete') && this.state.isMember(caller, project)) granted.add(action);
        }
      }
      access.set(m[1], granted);
    }
    const token = randomBytes(24).toString('hex');
    this.tokens.set(token, { caller, access, expires: Date.now() + 1_800_000 });
    this.tokenRequests.push({
      scope: scopes,
      account: url.searchParams.get('account') ?? undefined,
      caller: caller.kind,
    });
    json(res, 200, { token, access_token: token, expires_in: 1800, issued_at: new Date().toISOString() });
  }

  handleRegistry(req: IncomingMessage, res: ServerResponse): void {
    const host = req.headers.host ?? '';
    const url = new URL(req.url ?? '/', 'http://x');
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const grant = bearer ? this.tokens.get(bearer) : undefined;
    const deny = (scope?: string, message = 'authentication required') =>
      json(
        res,
        401,
        { errors: [{ code: 'UNAUTHORIZED', message }] },
        { 'Www-Authenticate': this.challenge(host, scope) },
      );

    if (url.pathname === '/v2/' || url.pathname === '/v2')
      return grant && grant.caller.kind !== 'anonymous' ? json(res, 200, {}) : deny();
    if (url.pathname === '/v2/_catalog') {
      // Harbor keeps the catalog for system admins.
      return grant?.caller.kind === 'user' && grant.caller.admin ? this.proxy(req, res) : deny('registry:catalog:*');
    }
    const m = /^\/v2\/(.+?)\/(blobs|manifests|tags)\//.exec(url.pathname);
    if (!m) return json(res, 404, { errors: [{ code: 'NOT_FOUND', message: 'not found' }] });
    const name = m[1];
    const action = req.method === 'GET' || req.method === 'HEAD' ? 'pull' : 'push';
    const scope = `repository:${name}:${action === 'push' ? 'pull,push' : 'pull'}`;
    if (!grant) return deny(scope);
    const projectName = name.split('/')[0];
    if (!grant.access.get(name)?.has(action)) {
      if (!this.state.projects.has(projectName))
        return deny(scope, `project ${projectName} not found: project ${projectName} not found`);
      const text = `unauthorized to access repository: ${name}, action: ${action}`;
      return deny(scope, `${text}: ${text}`);
    }
    if (action === 'push' && this.state.config.read_only) {
      return json(res, 403, {
        errors: [{ code: 'DENIED', message: 'The system is in read only mode. Any modification is prohibited.' }],
      });
    }
    const repo = name.slice(projectName.length + 1);
    if (m[2] === 'manifests' && req.method === 'PUT') {
      const tag = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
      const project = this.state.projects.get(projectName)!;
      const existing = project.repositories.get(repo)?.artifacts.some((a) => a.tags.some((t) => t.name === tag));
      if (project.immutableTags.has(tag) && existing) {
        return json(res, 412, {
          errors: [
            {
              code: 'PRECONDITION',
              message: `Failed to process request due to '${repo}:${tag}' configured as immutable.`,
            },
          ],
        });
      }
      return this.proxy(req, res, (status, headers, manifest) => {
        if (status !== 201) return;
        const digest = String(headers['docker-content-digest'] ?? '');
        let size = manifest.length;
        try {
          const parsed = JSON.parse(manifest.toString('utf8')) as {
            config?: { size?: number };
            layers?: Array<{ size?: number }>;
          };
          size += (parsed.config?.size ?? 0) + (parsed.layers ?? []).reduce((s, l) => s + (l.size ?? 0), 0);
        } catch {
          /* not JSON: keep the manifest's own length */
        }
        this.state.addArtifact(projectName, repo, { digest, size, tags: tag.startsWith('sha256:') ? [] : [tag] });
      });
    }
    return this.proxy(req, res);
  }

  /** Forwards the request to the real registry, keeping the Host header so its Location URLs point back here. */
  private proxy(
    req: IncomingMessage,
    res: ServerResponse,
    onManifest?: (status: number, headers: Record<string, unknown>, body: Buffer) => void,
  ): void {
    const [hostname, port] = this.backend.split(':');
    const headers = { ...req.headers };
    delete headers.authorization;
    const chunks: Buffer[] = [];
    const upstream = request({ hostname, port: Number(port), method: req.method, path: req.url, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
      if (onManifest) up.on('end', () => onManifest(up.statusCode ?? 0, up.headers, Buffer.concat(chunks)));
    });
    upstream.on('error', () => {
      if (!res.headersSent) json(res, 500, { errors: [{ code: 'UNKNOWN', message: 'internal server error' }] });
      else res.destroy();
    });
    if (onManifest) req.on('data', (c: Buffer) => chunks.push(c));
    req.pipe(upstream);
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Docker-Distribution-Api-Version': 'registry/2.0',
    ...headers,
  });
  res.end(text);
}
