// The HTTP transport to one Harbor instance (REST API v2.0): Basic auth, JSON, timeouts, paging, and Harbor's
// failures turned into HarborErrors. Deliberately cookie-less: Harbor sets a `sid` cookie and then rejects writes
// that carry it without a CSRF token, so every call sends Basic auth and nothing else. What the calls mean lives in
// the *-rest.ts files, one per part of the API. Pure Node: no vscode.
import { caBundle } from './ca-bundle';
import { errorForFetchFailure, errorForStatus } from './errors';
import { redirectRefusal } from './redirects';
import type { HarborSystemInfo, HarborUser, Page } from './types';

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

/** Paths that take a project name or id: this header makes Harbor read a numeric-looking name as a name. */
export const BY_NAME = { 'X-Is-Resource-Name': 'true' };

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
    if (res.status >= 300 && res.status < 400)
      throw redirectRefusal(this.conn.url, url, res.headers.get('location') ?? '', res.status);
    if (!res.ok && !(opts.okStatuses ?? []).includes(res.status))
      throw errorForStatus(res.status, await res.text().catch(() => ''), what);
    return res;
  }

  /** A GET whose answer is JSON. */
  async getJson<T>(path: string, what: string, signal?: AbortSignal): Promise<T> {
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
    return this.getJson('/systeminfo', 'read system info', signal);
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
}
