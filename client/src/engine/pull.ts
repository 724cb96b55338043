// Pull any image by reference (`POST /images/create?fromImage=`) with per-layer progress and Cancel, credentials
// found as the docker CLI finds them (credentials.ts) unless the caller brings its own, and a failure that says
// whether it was the login, a name that does not exist, or the network.
// No vscode import: the pull command and the engine tests both call this.
import type Docker from 'dockerode';
import * as l10n from '@vscode/l10n';
import { dockerCredentials, registryOfReference, type CredentialLookup, type DockerCredential } from './credentials';
import { engineText, followJsonStream } from './json-stream';
import type { ProgressStreamLine } from './lines';

export type PullFailureKind = 'auth' | 'notFound' | 'network' | 'cancelled' | 'other';

export class PullError extends Error {
  constructor(
    readonly kind: PullFailureKind,
    message: string,
    /** The engine's own words. */
    readonly raw: string,
  ) {
    super(message);
    this.name = 'PullError';
  }
}

export interface PullLayer {
  id: string;
  status: string;
  current?: number;
  total?: number;
}

export interface PullProgress {
  layers: PullLayer[];
  /** 0..1 over the layers seen so far. */
  fraction: number;
}

export interface PullOptions {
  /** Credentials to use instead of config.json's (Berth's stored Harbor secret, say). */
  auth?: Omit<DockerCredential, 'source'>;
  /** How config.json and its helpers are read when `auth` is not given. */
  credentials?: CredentialLookup;
  onProgress?: (p: PullProgress) => void;
  signal?: AbortSignal;
}

export interface PullResult {
  reference: string;
  /** Where the credentials came from; undefined when the pull was anonymous. */
  credentialSource?: string;
  /** The engine's final status line, e.g. "Downloaded newer image for …" or "Image is up to date for …". */
  status?: string;
}

/** One kind of pull failure: the engine texts that mean it, and the sentence that says what to do. */
interface PullFailureRule {
  kind: PullFailureKind;
  matches: RegExp;
  say(failed: FailedPull): string;
}

/** What a failure message may name. */
interface FailedPull {
  reference: string;
  registry: string;
  /** The engine's own words. */
  raw: string;
}

// In order: the first rule whose pattern matches decides. Docker Hub answers a private or missing repository alike
// ("pull access denied … does not exist or may require 'docker login'"), so that text is taken before the generic
// denial and reported as not found, with the login as the other possibility.
const PULL_FAILURES: readonly PullFailureRule[] = [
  {
    kind: 'cancelled',
    matches: /context canceled|aborted|operation was aborted/i,
    say: ({ reference }) => l10n.t('The pull of {0} was cancelled.', reference),
  },
  {
    kind: 'notFound',
    matches: /repository does not exist or may require/i,
    say: ({ reference, registry }) =>
      l10n.t(
        '{0} was not found on {1}, or it is private. Check the name and tag; if it is private, run `docker login {1}` (or add it to a credential helper) and pull again.',
        reference,
        registry,
      ),
  },
  {
    kind: 'auth',
    matches: /unauthorized|authentication required|no basic auth credentials|denied|\b401\b|\b403\b/i,
    say: ({ reference, registry }) =>
      l10n.t(
        '{0} refused the credentials for {1}. Log in with `docker login {0}` or fix the credential helper in ~/.docker/config.json, then pull again.',
        registry,
        reference,
      ),
  },
  {
    kind: 'notFound',
    matches: /manifest unknown|not found|name unknown|does not exist|no such image/i,
    say: ({ reference, registry }) =>
      l10n.t('{0} does not exist on {1}: check the repository name and the tag.', reference, registry),
  },
  {
    kind: 'network',
    matches: /server gave HTTP response to HTTPS client/i,
    say: ({ registry }) =>
      l10n.t(
        '{0} speaks plain HTTP and the engine expects HTTPS. Add it to "insecure-registries" in daemon.json (Docker) or mark it insecure in registries.conf (Podman).',
        registry,
      ),
  },
  {
    kind: 'network',
    matches:
      /dial tcp|no such host|connection refused|i\/o timeout|network is unreachable|TLS handshake|Client\.Timeout|EOF|lookup |pinging container registry|x509/i,
    say: ({ registry, raw }) =>
      l10n.t(
        'The engine could not reach {0}: {1}. Check the registry address and the network or proxy of the engine (not of this editor).',
        registry,
        raw,
      ),
  },
];

/** The failure kind and a sentence with what to do, from the engine's error text (dockerd's or Podman's). */
export function classifyPullError(raw: string, reference: string, registry: string): PullError {
  const rule = PULL_FAILURES.find((r) => r.matches.test(raw));
  if (rule) return new PullError(rule.kind, rule.say({ reference, registry, raw }), raw);
  return new PullError('other', l10n.t('Pulling {0} failed: {1}', reference, raw), raw);
}

/** How far along one layer is: downloading is most of the work, extracting the rest. */
function layerFraction(l: PullLayer): number {
  if (/^(Pull complete|Already exists)/.test(l.status)) return 1;
  const part = l.total ? Math.min(1, (l.current ?? 0) / l.total) : 0;
  if (/^Downloading/.test(l.status)) return 0.7 * part;
  if (/^(Verifying Checksum|Download complete)/.test(l.status)) return 0.7;
  if (/^Extracting/.test(l.status)) return 0.7 + 0.3 * part;
  return 0;
}

export function summarisePull(layers: Map<string, PullLayer>): PullProgress {
  const list = [...layers.values()];
  const fraction = list.length ? list.reduce((s, l) => s + layerFraction(l), 0) / list.length : 0;
  return { layers: list, fraction };
}

/** Pulls `reference` (`name[:tag|@digest]`; no tag means `latest`, never every tag). Rejects with PullError. */
export async function pullImage(docker: Docker, reference: string, opts: PullOptions = {}): Promise<PullResult> {
  const registry = registryOfReference(reference);
  const fromConfig = opts.auth ? undefined : await dockerCredentials(registry, opts.credentials);
  const found = opts.auth ?? fromConfig;
  const source = opts.auth ? 'Berth' : fromConfig?.source;
  const authconfig = found
    ? {
        username: found.username,
        password: found.password,
        serveraddress: found.serveraddress,
        ...(found.identitytoken ? { identitytoken: found.identitytoken } : {}),
      }
    : undefined;
  const layers = new Map<string, PullLayer>();
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.pull(reference, { authconfig, abortSignal: opts.signal } as Record<string, unknown>);
  } catch (e) {
    if (opts.signal?.aborted) throw classifyPullError('context canceled', reference, registry);
    throw classifyPullError(engineText(e), reference, registry);
  }
  let status: string | undefined;
  const end = await followJsonStream<ProgressStreamLine>(docker, stream, {
    signal: opts.signal,
    cancelled: () => classifyPullError('context canceled', reference, registry),
    onLine: (line) => {
      // "latest: Pulling from library/x" carries the tag as its id: not a layer, nor are Digest and Status.
      if (!line.id || !line.status || /^(Pulling from|Digest:|Status:)/.test(line.status)) {
        if (line.status?.startsWith('Status:')) status = line.status.replace(/^Status:\s*/, '');
        return;
      }
      layers.set(line.id, {
        id: line.id,
        status: line.status,
        current: line.progressDetail?.current,
        total: line.progressDetail?.total,
      });
      opts.onProgress?.(summarisePull(layers));
    },
  });
  if (end.error || end.failure !== undefined)
    throw classifyPullError(end.failure ?? end.error?.message ?? '', reference, registry);
  return { reference, credentialSource: source, status };
}
